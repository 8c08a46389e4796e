# Writes saved HubSpot batch-read answers (POST /crm/v3/objects/deals/batch/read with
# propertiesWithHistory=dealstage,pipeline, 50 deals each) for examples/hubspot-default.funnel.
# Simulated with a fixed seed; "Qualified to buy -> Presentation scheduled" at 45% where the funnel says 66.7%.
import json, random, datetime as dt
random.seed(2121)
T = {
 "appointmentscheduled": [("qualifiedtobuy", .5), ("closedlost", .5)],
 "qualifiedtobuy": [("presentationscheduled", .45), ("closedlost", .55)],
 "presentationscheduled": [("decisionmakerboughtin", .75), ("closedlost", .25)],
 "decisionmakerboughtin": [("contractsent", .89), ("closedlost", .11)],
 "contractsent": [("closedwon", .9), ("closedlost", .1)],
}
start = dt.datetime(2025, 1, 6, 9); export = dt.datetime(2025, 12, 31, 6)
def ts(t): return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)
def entry(v, t, src="CRM_UI"):
    e = {"value": v, "timestamp": ts(t), "sourceType": src}
    if src == "CRM_UI": e.update({"sourceId": "userId:28604240", "updatedByUserId": 28604240})
    return e
deals = []
for k in range(600):
    pipeline = "default" if k % 12 else "1467822"   # every 12th deal in another pipeline
    created = start + dt.timedelta(minutes=random.randrange(0, 60 * 24 * 320), milliseconds=random.randrange(1000))
    t = created; stage = "appointmentscheduled"; hist = [entry(stage, t, "INTEGRATION")]
    while not stage.startswith("closed"):
        r = random.random(); acc = 0
        for nxt, p in T[stage]:
            acc += p
            if r < acc: break
        t = t + dt.timedelta(hours=random.expovariate(1 / (24 * 8)), milliseconds=random.randrange(1000))
        if t > export: break
        stage = nxt; hist.append(entry(stage, t))
    props = {"createdate": ts(created), "dealstage": stage, "pipeline": pipeline, "hs_object_id": str(9000000 + k),
             "hs_is_closed": str(stage.startswith("closed")).lower(), "hs_is_closed_won": str(stage == "closedwon").lower(),
             "amount": str(random.randrange(10, 200) * 250)}
    deals.append({"id": str(9000000 + k), "properties": props,
                  "propertiesWithHistory": {"dealstage": list(reversed(hist)), "pipeline": [entry(pipeline, created, "INTEGRATION")]},
                  "createdAt": ts(created), "updatedAt": ts(max(e_t for e_t in [t if t <= export else created])), "archived": False})
for b in range(0, len(deals), 50):
    answer = {"status": "COMPLETE", "results": deals[b:b + 50], "requestedAt": "2025-12-31T06:00:00.000Z",
              "startedAt": "2025-12-31T06:00:00.120Z", "completedAt": "2025-12-31T06:00:01.480Z"}
    with open("batch-read-%03d.json" % (b // 50 + 1), "w") as f:
        json.dump(answer, f, indent=1); f.write("\n")

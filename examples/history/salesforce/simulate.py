# Writes OpportunityHistory and Opportunity exports (the columns and layout of sf data query -r csv) for
# examples/salesforce-default.funnel. Simulated with a fixed seed; see docs/history.md for what it holds.
import random, datetime as dt
random.seed(21)
# true shares used to simulate (differ on purpose from salesforce-default.funnel in two places)
T = {
 "Prospecting": [("Qualification",1.0)],
 "Qualification": [("Needs Analysis",0.55),("Closed Lost",0.45)],
 "Needs Analysis": [("Value Proposition",0.40),("Closed Lost",0.60)],
 "Value Proposition": [("Id. Decision Makers",0.80),("Closed Lost",0.20)],
 "Id. Decision Makers": [("Perception Analysis",0.85),("Closed Lost",0.15)],
 "Perception Analysis": [("Proposal/Price Quote",0.93),("Closed Lost",0.07)],
 "Proposal/Price Quote": [("Negotiation/Review",0.70),("Closed Lost",0.30)],
 "Negotiation/Review": [("Closed Won",0.90),("Closed Lost",0.10)],
}
PROB = {"Prospecting":10,"Qualification":10,"Needs Analysis":20,"Value Proposition":50,"Id. Decision Makers":60,
 "Perception Analysis":70,"Proposal/Price Quote":75,"Negotiation/Review":90,"Closed Won":100,"Closed Lost":0,
 "Discovery":10,"Closed Lost, No Budget":0}
FC = lambda s: "Closed" if s=="Closed Won" else "Omitted" if s.startswith("Closed Lost") else "Pipeline"
start = dt.datetime(2025,1,6,9,0,0); export = dt.datetime(2025,12,31,18,0,0)
hist=[]; opps=[]
def ts(t): return t.strftime("%Y-%m-%dT%H:%M:%S.000+0000")
for k in range(400):
    oid = "0065g%010dAAV" % (1000000+k*7919)
    rt = "Standard_Sales_Process" if k % 10 else "Renewal"
    rtid = "0125g000000StdAAA" if k % 10 else "0125g000000RnwAAA"
    created = start + dt.timedelta(minutes=random.randrange(0, 60*24*355))
    amount = random.randrange(5,120)*500
    t = created; stage="Prospecting"; rows=[]
    while True:
        name = stage
        if stage=="Qualification" and t < dt.datetime(2025,4,1): name="Discovery"  # renamed in April 2025
        rows.append((name,t,amount))
        if random.random()<0.25 and not stage.startswith("Closed"):  # an amount-only edit
            t = t+dt.timedelta(hours=random.randrange(1,30)); amount += 500; rows.append((name,t,amount))
        if stage.startswith("Closed"):
            if stage == "Closed Lost" and random.random() < 0.05:  # reopened three weeks later, still open
                rows.append(("Qualification", t + dt.timedelta(days=21), amount))
            break
        r=random.random(); acc=0
        for nxt,p in T[stage]:
            acc+=p
            if r<acc: break
        t = t + dt.timedelta(hours=random.expovariate(1/(24*random.choice([6,9,12]))))
        if t>export: break
        if nxt=="Closed Lost" and random.random()<0.2: nxt="Closed Lost, No Budget"
        if stage=="Qualification" and random.random()<0.03: nxt="Value Proposition"  # a skipped stage
        stage=nxt
    rows=[r for r in rows if r[1]<=export]
    for name,when,amt in rows:
        hist.append((oid,name,PROB[name],FC(name),amt,(created+dt.timedelta(days=90)).strftime("%Y-%m-%d"),ts(when)))
    last=rows[-1][0]
    closed = last.startswith("Closed"); won = last=="Closed Won"
    opps.append((oid,last,str(closed).lower(),str(won).lower(),rtid,rt,ts(created),(created+dt.timedelta(days=90)).strftime("%Y-%m-%d"),rows[-1][2]))
def q(v):
    v=str(v); return '"%s"'%v.replace('"','""') if any(c in v for c in ',"\n') else v
hist.sort(key=lambda r:(r[0],r[6]))
with open("opp_history.csv","w",newline="") as f:
    f.write("OpportunityId,StageName,Probability,ForecastCategory,Amount,CloseDate,CreatedDate\n")
    for r in hist: f.write(",".join(q(x) for x in r)+"\n")
with open("opportunity.csv","w",newline="") as f:
    f.write("Id,StageName,IsClosed,IsWon,RecordTypeId,RecordType.DeveloperName,CreatedDate,CloseDate,Amount\n")
    for r in opps: f.write(",".join(q(x) for x in r)+"\n")

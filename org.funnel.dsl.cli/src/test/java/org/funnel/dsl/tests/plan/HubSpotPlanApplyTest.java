package org.funnel.dsl.tests.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.funnel.dsl.tests.cli.Cli;
import org.funnel.dsl.testing.crm.HubSpotContract;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.funnel.dsl.testing.crm.HubSpotTestServer;

/**
 * {@code funnel plan hubspot} and {@code funnel apply hubspot} against an account shaped like a real
 * one: what the plan says for a renamed stage, a probability change, a reordering, a new pipeline, a
 * removed stage that holds deals, stages matched by label, a swap of two labels, ticket pipelines;
 * that apply carries out exactly those calls, keeps HubSpot's stage ids, and that a second plan and
 * a second apply find nothing to do.
 */
class HubSpotPlanApplyTest extends HubSpotAccountTest {

	@Test
	void theDefaultPipelineExampleRenamesSevenStagesAndKeepsTheirIds() throws Exception {
		Path example = Path.of("examples/hubspot-default.funnel");
		Cli.Result plan = hubspot("plan", example, "--detailed-exitcode");
		assertThat(plan.code()).as(plan.toString()).isEqualTo(3);
		assertThat(plan.out()).contains("## HubSpot plan", "**7 changes** in 1 pipeline, 7 calls to HubSpot.",
				"### Deal pipeline Sales Pipeline (id default, matched by id)",
				"| rename stage | Appointment scheduled (id appointmentscheduled) | Appointment Scheduled | Appointment scheduled |",
				"| rename stage | Closed lost (id closedlost) | Closed Lost | Closed lost |",
				// Pipelines no funnel describes are listed, never touched.
				"### Left alone", "- deal pipeline Renewals &amp; upsell (id 684301257)",
				"- deal pipeline Partner deals (old) (id 12345678), archived");
		assertThat(plan.out()).doesNotContain("remove stage", "add stage", "probability |");
		assertThat(server.writes()).isEmpty();

		JsonNode json = JSON.readTree(hubspot("plan", example, "--format", "json").out());
		JsonNode calls = json.at("/pipelines/0/calls");
		assertThat(calls).hasSize(7);
		for (JsonNode call : calls) {
			assertThat(call.get("method").asText()).isEqualTo("PATCH");
			assertThat(call.get("path").asText()).startsWith("/crm/pipelines/2026-09/deals/default/stages/");
			assertThat(HubSpotContract.PIPELINES.problems(call.get("body"), "PipelineStagePatchInput")).isEmpty();
		}

		Cli.Result apply = hubspot("apply", example);
		assertThat(apply.code()).as(apply.toString()).isZero();
		assertThat(apply.err()).contains("funnel: applied 7 calls; HubSpot's pipelines now match the funnels.");
		assertThat(server.writes()).hasSize(7).allMatch(w -> w.startsWith("PATCH /crm/pipelines/2026-09/deals/default/stages/"));
		// The ids workflows and reports use are the same; only the labels changed.
		assertThat(stageLabel("deals", "default", "appointmentscheduled")).isEqualTo("Appointment scheduled");
		assertThat(stageLabel("deals", "default", "decisionmakerboughtin")).isEqualTo("Decision maker bought-in");
		assertThat(pipeline("deals", "default").get("stages")).hasSize(7);

		Cli.Result again = hubspot("plan", example, "--detailed-exitcode");
		assertThat(again.code()).as(again.toString()).isZero();
		assertThat(again.out()).contains("No changes: HubSpot's pipelines match the funnels.");
		Cli.Result second = hubspot("apply", example);
		assertThat(second.code()).isZero();
		assertThat(second.err()).contains("nothing to apply");
		assertThat(server.writes()).hasSize(7);
	}

	@Test
	void aProbabilityChangeAndAReorderingArePatchedInPlace() throws Exception {
		// Contract Sent from 90% to 80%; Presentation Scheduled now comes before Qualified To Buy.
		String text = SALES.replace("probability 90%", "probability 80%");
		int qualified = text.indexOf("    stage QualifiedToBuy");
		int presentation = text.indexOf("    stage PresentationScheduled");
		int decision = text.indexOf("    stage DecisionMakerBoughtIn");
		text = text.substring(0, qualified) + text.substring(presentation, decision) + text.substring(qualified, presentation)
				+ text.substring(decision);
		Path funnel = write("sales.funnel", text);
		Cli.Result plan = hubspot("plan", funnel);
		assertThat(plan.code()).as(plan.toString()).isZero();
		assertThat(plan.out()).contains("**3 changes** in 1 pipeline, 3 calls to HubSpot.",
				"| probability | Contract Sent (id contractsent) | 0.9 | 0.8 |",
				"| display order | Presentation Scheduled (id presentationscheduled) | 2 | 1 |",
				"| display order | Qualified To Buy (id qualifiedtobuy) | 1 | 2 |");
		assertThat(hubspot("apply", funnel).code()).isZero();
		assertThat(server.writes()).containsExactly("PATCH /crm/pipelines/2026-09/deals/default/stages/presentationscheduled",
				"PATCH /crm/pipelines/2026-09/deals/default/stages/qualifiedtobuy",
				"PATCH /crm/pipelines/2026-09/deals/default/stages/contractsent");
		JsonNode stages = pipeline("deals", "default").get("stages");
		assertThat(stages.get(1).get("id").asText()).isEqualTo("presentationscheduled");
		assertThat(stages.get(4).at("/metadata/probability").asText()).isEqualTo("0.8");
		assertThat(hubspot("plan", funnel, "--detailed-exitcode").code()).isZero();
	}

	@Test
	void aRenamedPipelineIsPatchedWithBothDeletionChecksAndANewIdIsCreatedWithIt() throws Exception {
		Path funnel = write("sales.funnel", SALES.replace("\"Sales Pipeline\"", "\"Sales (EMEA)\"")
				.replace("    crm hubspot\n", "    crm hubspot\n    hubspot display order 1\n")
				+ SALES.replace("funnel Sales \"Sales Pipeline\"", "funnel Partners \"Partner deals\"")
						.replace("hubspot pipeline \"default\"", "hubspot pipeline \"partners\"")
						.replaceAll("hubspot id \"([a-z]+)\"", "hubspot id \"p-$1\""));
		Cli.Result plan = hubspot("plan", funnel);
		assertThat(plan.code()).as(plan.toString()).isZero();
		assertThat(plan.out()).contains("### Deal pipeline Sales (EMEA) (id default, matched by id)",
				"| rename pipeline |  | Sales Pipeline | Sales (EMEA) |", "| pipeline display order |  | 0 | 1 |",
				"### Deal pipeline Partner deals (id partners, new)");
		assertThat(hubspot("apply", funnel).code()).isZero();
		assertThat(server.writes()).containsExactly(
				"PATCH /crm/pipelines/2026-09/deals/default?validateDealStageUsagesBeforeDelete=true&validateReferencesBeforeDelete=true",
				"POST /crm/pipelines/2026-09/deals");
		assertThat(pipeline("deals", "default").get("label").asText()).isEqualTo("Sales (EMEA)");
		// The new pipeline and its stages have the ids the funnel declares.
		assertThat(pipeline("deals", "partners").get("stages")).extracting(s -> s.get("id").asText())
				.startsWith("p-appointmentscheduled");
		assertThat(hubspot("plan", funnel, "--detailed-exitcode").code()).isZero();
	}

	@Test
	void aNewPipelineIsCreatedFromTheGeneratedPayloadAndThenMatchedByLabel() throws Exception {
		Path funnel = write("b2b.funnel", """
				funnel Partners "Partner deals" {
				    crm hubspot
				    hubspot display order 3

				    stage Registered "Deal registered" {
				        probability 10%
				        moves to Qualified 50%
				        moves to Lost 50%
				    }

				    stage Qualified "Qualified" {
				        probability 40%
				        moves to Won 40%
				        moves to Lost 60%
				    }

				    won stage Won "Won"
				    lost stage Lost "Lost"
				}
				""");
		Cli.Result plan = hubspot("plan", funnel, "--format", "json", "--detailed-exitcode");
		assertThat(plan.code()).as(plan.toString()).isEqualTo(3);
		JsonNode json = JSON.readTree(plan.out());
		assertThat(json.at("/pipelines/0/matched").asText()).isEqualTo("new");
		assertThat(json.at("/pipelines/0/changes/0/change").asText()).isEqualTo("create-pipeline");
		JsonNode call = json.at("/pipelines/0/calls/0");
		assertThat(json.at("/pipelines/0/calls")).hasSize(1);
		assertThat(call.get("method").asText() + " " + call.get("path").asText()).isEqualTo("POST /crm/pipelines/2026-09/deals");
		// Exactly what 'generate --target hubspot' writes.
		Path out = dir.resolve("out");
		assertThat(Cli.run("generate", "-t", "hubspot", "-o", out.toString(), funnel.toString()).code()).isZero();
		assertThat(call.get("body")).isEqualTo(JSON.readTree(out.resolve("hubspot/Partners.json").toFile()));
		assertThat(json.at("/pipelines/0/notes/0").asText()).contains("HubSpot gives the new pipeline an id");

		Cli.Result apply = hubspot("apply", funnel);
		assertThat(apply.code()).as(apply.toString()).isZero();
		assertThat(apply.out()).containsPattern("done +POST /crm/pipelines/2026-09/deals .*HubSpot gave it id \\d+");
		JsonNode created = null;
		for (JsonNode pipeline : server.pipelines("deals").get("results")) {
			if (pipeline.get("label").asText().equals("Partner deals")) {
				created = pipeline;
			}
		}
		assertThat(created).isNotNull();
		assertThat(created.get("displayOrder").asInt()).isEqualTo(3);
		assertThat(created.get("stages")).extracting(s -> s.get("label").asText()).containsExactly("Deal registered", "Qualified",
				"Won", "Lost");

		Cli.Result again = hubspot("plan", funnel, "--detailed-exitcode");
		assertThat(again.code()).as(again.toString()).isZero();
		assertThat(again.out()).contains("(id " + created.get("id").asText() + ", matched by label)",
				"Declare hubspot pipeline \"" + created.get("id").asText() + "\" for deals in funnel Partners to match by id.");
	}

	@Test
	void aRemovedStageIsAWarningAndIsRemovedOnlyWithAllowRemovals() throws Exception {
		String text = SALES.replace("moves to DecisionMakerBoughtIn 75%", "moves to ContractSent 75%");
		int start = text.indexOf("    stage DecisionMakerBoughtIn");
		text = text.substring(0, start) + text.substring(text.indexOf("    stage ContractSent"));
		Path funnel = write("sales.funnel", text);

		Cli.Result plan = hubspot("plan", funnel);
		assertThat(plan.code()).as(plan.toString()).isZero();
		assertThat(plan.err()).contains(funnel + ":1:8: warning: applying removes stage 'Decision Maker Bought-In' (id"
				+ " decisionmakerboughtin) from HubSpot's deal pipeline 'Sales Pipeline'. Apply removes it only with"
				+ " --allow-removals, asks HubSpot's CRM search first and refuses if a deal is in it, and asks HubSpot to"
				+ " refuse if the stage is in use.", "[hubspot-stage-removal]");
		assertThat(plan.out()).contains("**1 stage removed** (see the warning)",
				"| **remove stage** | Decision Maker Bought-In (id decisionmakerboughtin) | Decision Maker Bought-In |  |",
				"> **Warning: stages would be removed.**", "`validateDealStageUsagesBeforeDelete=true`");

		Cli.Result refused = hubspot("apply", funnel);
		assertThat(refused.code()).isEqualTo(1);
		assertThat(refused.err()).contains("funnel: not applying: the plan removes a stage ('Decision Maker Bought-In' (id"
				+ " decisionmakerboughtin)); apply it with --allow-removals once the removal is intended. Nothing was changed.");
		assertThat(server.writes()).isEmpty();

		Cli.Result allowed = hubspot("apply", funnel, "--allow-removals");
		assertThat(allowed.code()).as(allowed.toString()).isZero();
		assertThat(server.writes()).containsExactly("DELETE /crm/pipelines/2026-09/deals/default/stages/decisionmakerboughtin"
				+ "?validateDealStageUsagesBeforeDelete=true&validateReferencesBeforeDelete=true");
		assertThat(pipeline("deals", "default").get("stages")).filteredOn(s -> !s.get("archived").asBoolean()).hasSize(6);
		assertThat(hubspot("plan", funnel, "--detailed-exitcode").code()).isZero();
	}

	@Test
	void stagesWithoutIdsMatchByLabelAndTicketPipelinesGetTheirState() throws Exception {
		Path funnel = write("support.funnel", """
				funnel Support "Support Pipeline" {
				    crm hubspot
				    hubspot pipeline "0" for tickets

				    stage New "New" {
				        moves to Triage 100%
				    }

				    stage Triage "Triage" {
				        moves to WaitingOnUs 100%
				    }

				    stage WaitingOnUs "waiting on us" {
				        moves to Done 100%
				    }

				    won stage Done "Closed"
				}
				""");
		Cli.Result plan = hubspot("plan", funnel);
		assertThat(plan.code()).as(plan.toString()).isZero();
		assertThat(plan.out()).contains("### Ticket pipeline Support Pipeline (id 0, matched by id)",
				"| rename stage | waiting on us (id 3) | Waiting on us | waiting on us |",
				"| add stage | Triage |  | ticket state OPEN, display order 1 |",
				"| **remove stage** | Waiting on contact (id 2) | Waiting on contact |  |",
				"Stage 'waiting on us' matched by label to HubSpot's stage 'Waiting on us' (id 3). Declare hubspot id \"3\""
						+ " in stage WaitingOnUs to match by id.");
		Cli.Result apply = hubspot("apply", funnel, "--allow-removals");
		assertThat(apply.code()).as(apply.toString()).isZero();
		// The removal, the rename, then the new stage.
		assertThat(server.writes()).containsExactly(
				"DELETE /crm/pipelines/2026-09/tickets/0/stages/2?validateReferencesBeforeDelete=true",
				"PATCH /crm/pipelines/2026-09/tickets/0/stages/3", "POST /crm/pipelines/2026-09/tickets/0/stages");
		assertThat(stageLabel("tickets", "0", "3")).isEqualTo("waiting on us");
		assertThat(hubspot("plan", funnel, "--detailed-exitcode").code()).isZero();
	}

	@Test
	void twoStagesSwappingLabelsGoThroughATemporaryLabel() throws Exception {
		String text = SALES.replace("\"Qualified To Buy\"", "\"SWAP\"")
				.replace("\"Presentation Scheduled\"", "\"Qualified To Buy\"")
				.replace("\"SWAP\"", "\"Presentation Scheduled\"");
		Path funnel = write("sales.funnel", text);
		Cli.Result plan = hubspot("plan", funnel, "--format", "json");
		List<String> descriptions = new ArrayList<>();
		JSON.readTree(plan.out()).at("/pipelines/0/calls").forEach(c -> descriptions.add(c.get("description").asText()));
		assertThat(descriptions).containsExactly(
				"rename stage 'Qualified To Buy' (id qualifiedtobuy) of pipeline 'Sales Pipeline' to 'Qualified To Buy (renaming)'"
						+ " for a moment, to free its label",
				"change stage 'Presentation Scheduled' (id presentationscheduled) of pipeline 'Sales Pipeline':"
						+ " label 'Presentation Scheduled' -> 'Qualified To Buy'",
				"change stage 'Qualified To Buy (renaming)' (id qualifiedtobuy) of pipeline 'Sales Pipeline':"
						+ " label 'Qualified To Buy' -> 'Presentation Scheduled'");
		Cli.Result apply = hubspot("apply", funnel);
		assertThat(apply.code()).as(apply.toString()).isZero();
		assertThat(stageLabel("deals", "default", "qualifiedtobuy")).isEqualTo("Presentation Scheduled");
		assertThat(stageLabel("deals", "default", "presentationscheduled")).isEqualTo("Qualified To Buy");
	}

	@Test
	void aSavedAnswerGivesTheSamePlanWithoutAToken() throws Exception {
		Path funnel = Path.of("examples/hubspot-default.funnel");
		Path saved = Files.writeString(dir.resolve("deals.json"), JSON.writeValueAsString(server.pipelines("deals")));
		Cli.Result live = hubspot("plan", funnel);
		variables.remove("HUBSPOT_TOKEN");
		Cli.Result offline = funnel("plan", "hubspot", "--current", "deals=" + saved, funnel.toString());
		assertThat(offline.code()).as(offline.toString()).isZero();
		assertThat(body(offline.out())).isEqualTo(body(live.out()));
		assertThat(offline.out()).contains("Compared with the saved answers `" + saved + "` (deals).");
		// Same input, same bytes.
		assertThat(funnel("plan", "hubspot", "--current", "deals=" + saved, funnel.toString()).out()).isEqualTo(offline.out());

		Cli.Result noToken = hubspot("plan", funnel);
		assertThat(noToken.code()).isEqualTo(2);
		assertThat(noToken.err()).contains("HUBSPOT_TOKEN is not set");
		Cli.Result tickets = funnel("plan", "hubspot", "--current", "tickets=" + saved, funnel.toString());
		assertThat(tickets.code()).isEqualTo(2);
		assertThat(tickets.err()).contains("funnel DealPipeline is a HubSpot deals pipeline, but --current gives no deals=FILE");
		Path broken = Files.writeString(dir.resolve("broken.json"), "{\n  \"results\": [\n    {\"label\": \"x\"}\n  ]\n}\n");
		Cli.Result bad = funnel("plan", "hubspot", "--current", "deals=" + broken, funnel.toString());
		assertThat(bad.code()).isEqualTo(1);
		assertThat(bad.err()).contains(broken + ":3:5: the pipeline has no \"stages\" array.");
	}

	@Test
	void applyWithAReviewedPlanRefusesWhenHubSpotChangedSince() throws Exception {
		Path funnel = Path.of("examples/hubspot-default.funnel");
		Path reviewed = Files.writeString(dir.resolve("plan.json"), hubspot("plan", funnel, "--format", "json").out());
		// Someone renames a stage in HubSpot after the review.
		server.putRecords("deals", "default", "contractsent", 0);
		JsonNode renamed = JSON.readTree("{\"label\": \"Contract out\", \"metadata\": {\"probability\": \"0.9\"}}");
		HttpResponse<String> response = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create(server.apiBase() + "/crm/pipelines/2026-09/deals/default/stages/contractsent"))
						.header("Authorization", "Bearer " + HubSpotTestServer.TOKEN)
						.header("Content-Type", "application/json")
						.method("PATCH", HttpRequest.BodyPublishers.ofString(renamed.toString())).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		int before = server.writes().size();

		Cli.Result stale = hubspot("apply", funnel, "--plan", reviewed.toString());
		assertThat(stale.code()).isEqualTo(1);
		assertThat(stale.err()).contains("funnel: not applying: the plan is no longer the one in " + reviewed,
				"HubSpot or the funnels changed since it was made. Review the new plan. Nothing was changed.");
		assertThat(server.writes()).hasSize(before);

		Path fresh = Files.writeString(dir.resolve("plan2.json"), hubspot("plan", funnel, "--format", "json").out());
		Cli.Result applied = hubspot("apply", funnel, "--plan", fresh.toString(), "--format", "json");
		assertThat(applied.code()).as(applied.toString()).isZero();
		JsonNode report = JSON.readTree(applied.out());
		assertThat(report.get("applied").asBoolean()).isTrue();
		assertThat(report.get("steps")).hasSize(7).allMatch(s -> s.get("status").asText().equals("done"));
	}

	@Test
	void conflictsWithTheAccountAreErrorsAtTheFunnel() throws Exception {
		// A new pipeline whose label another pipeline of the account has, and a new stage with an id another stage has.
		Path funnel = write("clash.funnel", """
				funnel Clash "Renewals & upsell" {
				    crm hubspot
				    hubspot pipeline "renewals-2" for deals

				    stage Due "Due" {
				        probability 30%
				        hubspot id "1019887413"
				        moves to Won 50%
				    }

				    won stage Won "Won"
				}
				""");
		Cli.Result plan = hubspot("plan", funnel);
		assertThat(plan.code()).isEqualTo(1);
		assertThat(plan.err()).contains(funnel + ":1:8: error: HubSpot already has a deal pipeline labelled 'Renewals & upsell'"
				+ " (id 684301257) and pipeline labels are unique", "[hubspot-pipeline-label-taken]");
		assertThat(plan.out()).contains("**The plan cannot be applied:** 1 error.");
		Cli.Result apply = hubspot("apply", funnel);
		assertThat(apply.code()).isEqualTo(1);
		assertThat(apply.err()).contains("funnel: not applying: the plan has errors (above). Nothing was changed.");
		assertThat(server.writes()).isEmpty();

		Path id = write("id.funnel", Files.readString(funnel).replace("Renewals & upsell", "Renewals 2"));
		Cli.Result taken = hubspot("plan", id);
		assertThat(taken.code()).isEqualTo(1);
		assertThat(taken.err()).contains(id + ":5:11: error: stage Due declares hubspot id '1019887413', which is stage"
				+ " 'Quote sent' of pipeline 'Renewals & upsell' (id 684301257) in HubSpot; HubSpot's stage ids are unique among"
				+ " the account's deal stages.");

		// Two funnels giving their stages one id, which the account does not have yet.
		Path twice = write("twice.funnel", Files.readString(id).replace("1019887413", "due") + Files.readString(id)
				.replace("1019887413", "due").replace("funnel Clash \"Renewals 2\"", "funnel Other \"Renewals 3\"")
				.replace("\"renewals-2\"", "\"renewals-3\""));
		Cli.Result both = hubspot("plan", twice);
		assertThat(both.code()).isEqualTo(1);
		assertThat(both.err()).contains(twice + ":17:11: error: stage Due declares hubspot id 'due', which funnel Clash ("
				+ twice + ") declares too; HubSpot's stage ids are unique among the account's deal stages.");
	}

	@Test
	void invalidFunnelsAreNotPlanned() throws Exception {
		Path funnel = write("bad.funnel", "funnel Bad {\n    stage A \"A\" {\n        moves to Nowhere 10%\n    }\n}\n");
		Cli.Result plan = hubspot("plan", funnel);
		assertThat(plan.code()).isEqualTo(1);
		assertThat(plan.err()).contains(funnel + ":3:18: error:", "funnel: not planning: ");
		assertThat(server.requests()).isEmpty();
	}

	/** The plan without its "Compared with ..." line. */
	private static String body(String markdown) {
		return markdown.lines().filter(l -> !l.startsWith("Compared with ")).reduce("", (a, b) -> a + b + "\n");
	}
}

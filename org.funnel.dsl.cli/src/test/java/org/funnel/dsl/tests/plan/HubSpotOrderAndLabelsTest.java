package org.funnel.dsl.tests.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.funnel.dsl.tests.cli.Cli;
import org.funnel.dsl.testing.crm.HubSpotTestServer;
import org.junit.jupiter.api.Test;

/**
 * No call that does not change what HubSpot shows: HubSpot shows stages by display order, equal ones by label, and
 * only that order is the funnel's business (its won and lost stages among themselves are not). Stages HubSpot marks
 * read-only are refused by the plan before any call; two pipelines swap labels through a temporary one.
 */
class HubSpotOrderAndLabelsTest extends HubSpotAccountTest {

	private static final String STAGES = "/crm/pipelines/2026-09/deals/default/stages/";
	private static final String CHECKS = "?validateDealStageUsagesBeforeDelete=true&validateReferencesBeforeDelete=true";

	/** The renewals pipeline of the account, as a funnel; its third stage labelled without the quotes. */
	private static final String RENEWALS = """
			funnel Renewals "Renewals & upsell" {
			    crm hubspot
			    hubspot pipeline "684301257" for deals
			    hubspot display order 2

			    stage Due "Renewal due — 90 days" {
			        probability 30%
			        hubspot id "1019887412"
			        moves to Quote 100%
			    }

			    stage Quote "Quote sent" {
			        probability 60%
			        hubspot id "1019887413"
			        moves to Verbal 100%
			    }

			    stage Verbal "Verbal yes & PO" {
			        probability 90%
			        hubspot id "1019887414"
			        moves to Renewed 90%
			        moves to Churned 10%
			    }

			    won stage Renewed "Renewed" {
			        probability 100%
			        hubspot id "1019887415"
			    }

			    lost stage Churned "Churned" {
			        probability 0%
			        hubspot id "1019887416"
			    }
			}
			""";

	@Test
	void aPipelineThatShowsItsLostStageBeforeItsWonStageIsLeftAsItIs() throws Exception {
		patchStage("closedlost", "{\"displayOrder\": 5, \"metadata\": {\"probability\": \"0.0\"}}");
		patchStage("closedwon", "{\"displayOrder\": 6, \"metadata\": {\"probability\": \"1.0\"}}");
		int before = server.writes().size();
		Cli.Result plan = hubspot("plan", write("sales.funnel", SALES), "--detailed-exitcode");
		assertThat(plan.code()).as(plan.toString()).isZero();
		assertThat(plan.out()).contains("No changes: HubSpot's pipelines match the funnels.");
		assertThat(hubspot("apply", write("sales.funnel", SALES)).err()).contains("nothing to apply");
		assertThat(server.writes()).hasSize(before);
	}

	@Test
	void stagesWithEqualDisplayOrdersShownInTheFunnelsOrderAreNotRenumbered() throws Exception {
		// HubSpot shows Appointment Scheduled, then Qualified To Buy: equal display orders, sorted by label.
		patchStage("qualifiedtobuy", "{\"displayOrder\": 0, \"metadata\": {\"probability\": \"0.4\"}}");
		int before = server.writes().size();
		Path funnel = write("sales.funnel", SALES);
		assertThat(hubspot("plan", funnel, "--detailed-exitcode").code()).isZero();

		// A rename that changes HubSpot's order (by label) does renumber.
		Path renamed = write("renamed.funnel", SALES.replace("\"Appointment Scheduled\"", "\"Welcome call\""));
		Cli.Result plan = hubspot("plan", renamed);
		assertThat(plan.out()).contains("| rename stage | Welcome call (id appointmentscheduled) | Appointment Scheduled |",
				"| display order | Qualified To Buy (id qualifiedtobuy) | 0 | 1 |");
		assertThat(hubspot("apply", renamed).code()).isZero();
		assertThat(server.writes().subList(before, server.writes().size()))
				.containsExactlyInAnyOrder("PATCH " + STAGES + "appointmentscheduled", "PATCH " + STAGES + "qualifiedtobuy");
		assertThat(pipeline("deals", "default").get("stages")).extracting(s -> s.get("id").asText()).startsWith(
				"appointmentscheduled", "qualifiedtobuy");
		assertThat(hubspot("plan", renamed, "--detailed-exitcode").code()).isZero();
	}

	@Test
	void aChangeOtherThanOrderDoesNotSendADisplayOrder() throws Exception {
		patchStage("qualifiedtobuy", "{\"displayOrder\": 0, \"metadata\": {\"probability\": \"0.4\"}}");
		Path funnel = write("sales.funnel", SALES.replace("probability 40%", "probability 50%"));
		String body = JSON.readTree(hubspot("plan", funnel, "--format", "json").out()).at("/pipelines/0/calls/0/body").toString();
		assertThat(body).isEqualTo("{\"label\":\"Qualified To Buy\",\"metadata\":{\"probability\":\"0.5\"}}");
		assertThat(hubspot("apply", funnel).code()).isZero();
		assertThat(hubspot("plan", funnel, "--detailed-exitcode").code()).isZero();
	}

	@Test
	void aStageHubSpotMarksReadOnlyIsRefusedBeforeAnyCall() throws Exception {
		server.writePermissions("deals", "default", "qualifiedtobuy", "READ_ONLY");
		// Two changes: one to a writable stage (listed first in the funnel), one to the read-only stage.
		Path funnel = write("sales.funnel", SALES.replace("\"Appointment Scheduled\"", "\"First call\"")
				.replace("\"Qualified To Buy\"", "\"Qualified\""));
		Cli.Result plan = hubspot("plan", funnel);
		assertThat(plan.code()).as(plan.toString()).isEqualTo(1);
		assertThat(plan.err()).contains(funnel + ":12:11: error: HubSpot marks stage 'Qualified To Buy' (id qualifiedtobuy) of"
				+ " deal pipeline 'Sales Pipeline' READ_ONLY (writePermissions), so the API may not change it (label 'Qualified"
				+ " To Buy' -> 'Qualified'). Describe the stage in the funnel as HubSpot has it, or change it in HubSpot.",
				"[hubspot-stage-read-only]");
		Cli.Result apply = hubspot("apply", funnel);
		assertThat(apply.code()).isEqualTo(1);
		assertThat(apply.err()).contains("funnel: not applying: the plan has errors (above). Nothing was changed.");
		assertThat(server.writes()).isEmpty();
		// Removing it is refused the same way.
		String text = SALES.replace("moves to QualifiedToBuy 50%", "moves to PresentationScheduled 50%");
		Path removed = write("removed.funnel", text.substring(0, text.indexOf("    stage QualifiedToBuy"))
				+ text.substring(text.indexOf("    stage PresentationScheduled")));
		Cli.Result removal = hubspot("apply", removed, "--allow-removals");
		assertThat(removal.err()).contains("READ_ONLY (writePermissions), so the API may not remove it");
		assertThat(server.writes()).isEmpty();
	}

	@Test
	void twoPipelinesSwapLabelsThroughATemporaryLabel() throws Exception {
		// A label that another pipeline keeps is refused.
		Path clash = write("clash.funnel",
				SALES.replace("funnel Sales \"Sales Pipeline\"", "funnel Sales \"Renewals & upsell\""));
		Cli.Result refused = hubspot("plan", clash);
		assertThat(refused.code()).isEqualTo(1);
		assertThat(refused.err()).contains("which is the label of pipeline 684301257; HubSpot's pipeline labels are unique.",
				"[hubspot-pipeline-label-taken]");

		Path funnels = write("swap.funnel", SALES.replace("funnel Sales \"Sales Pipeline\"", "funnel Sales \"Renewals & upsell\"")
				+ RENEWALS.replace("\"Renewals & upsell\"", "\"Sales Pipeline\""));
		Cli.Result plan = hubspot("plan", funnels);
		assertThat(plan.code()).as(plan.toString()).isZero();
		Cli.Result apply = hubspot("apply", funnels);
		assertThat(apply.code()).as(apply.toString()).isZero();
		assertThat(server.writes()).containsExactly("PATCH /crm/pipelines/2026-09/deals/default" + CHECKS,
				"PATCH /crm/pipelines/2026-09/deals/684301257" + CHECKS,
				"PATCH /crm/pipelines/2026-09/deals/684301257/stages/1019887414",
				"PATCH /crm/pipelines/2026-09/deals/default" + CHECKS);
		assertThat(apply.out()).contains("rename pipeline 'Sales Pipeline' (id default) to 'Sales Pipeline (renaming)' for a"
				+ " moment, to free its label",
				"rename pipeline 'Sales Pipeline (renaming)' (id default) to 'Renewals & upsell'");
		assertThat(pipeline("deals", "default").get("label").asText()).isEqualTo("Renewals & upsell");
		assertThat(pipeline("deals", "684301257").get("label").asText()).isEqualTo("Sales Pipeline");
		assertThat(hubspot("plan", funnels, "--detailed-exitcode").code()).isZero();

	}

	/** A change made in HubSpot by someone else, before the test's plan. */
	private void patchStage(String stageId, String body) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(server.apiBase() + STAGES + stageId))
						.header("Authorization", "Bearer " + HubSpotTestServer.TOKEN).header("Content-Type", "application/json")
						.method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(),
						HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}
}

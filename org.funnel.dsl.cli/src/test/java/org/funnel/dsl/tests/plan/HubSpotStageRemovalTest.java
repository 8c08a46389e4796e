package org.funnel.dsl.tests.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.funnel.dsl.tests.cli.Cli;
import org.funnel.dsl.testing.crm.HubSpotTestServer;
import org.funnel.dsl.testing.crm.HubSpotTestServer.DealCheck;
import org.funnel.dsl.testing.crm.HubSpotTestServer.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stage that holds deals is never deleted: plan asks HubSpot's CRM search whether any deal is in a stage it would
 * remove and refuses with the count before any call; every deal stage DELETE carries both of HubSpot's checks, so
 * that HubSpot refuses too when its search lags. This holds whichever flag HubSpot's 2026-09 stage DELETE honours
 * (its guide and its spec disagree) and when it honours none.
 */
class HubSpotStageRemovalTest extends HubSpotAccountTest {

	private static final String STAGES = "/crm/pipelines/2026-09/deals/default/stages/";
	private static final String SEARCH = "POST /crm/objects/2026-09/0-3/search";

	/** The default pipeline without its stage Decision Maker Bought-In. */
	private Path withoutDecisionStage() throws IOException {
		String text = SALES.replace("moves to DecisionMakerBoughtIn 75%", "moves to ContractSent 75%");
		int start = text.indexOf("    stage DecisionMakerBoughtIn");
		return write("sales.funnel", text.substring(0, start) + text.substring(text.indexOf("    stage ContractSent")));
	}

	@ParameterizedTest
	@EnumSource(DealCheck.class)
	void aStageHoldingDealsIsNeverDeletedWhicheverFlagHubSpotHonours(DealCheck check) throws Exception {
		server.dealCheck(check);
		server.putRecords("deals", "default", "decisionmakerboughtin", 12);
		Path funnel = withoutDecisionStage();

		Cli.Result plan = hubspot("plan", funnel);
		assertThat(plan.code()).as(plan.toString()).isEqualTo(1);
		assertThat(plan.err()).contains(funnel + ":1:8: error: stage 'Decision Maker Bought-In' (id decisionmakerboughtin)"
				+ " of HubSpot's deal pipeline 'Sales Pipeline' holds 12 deals (HubSpot's CRM search, just now), and a stage"
				+ " that holds deals is never removed. Move them to another stage in HubSpot, or keep the stage in the funnel.",
				"[hubspot-stage-holds-deals]");
		assertThat(plan.out()).contains("**The plan cannot be applied:** 1 error.");
		// One search, for one deal: the total is what counts.
		assertThat(server.requests()).filteredOn(r -> r.equals(SEARCH)).hasSize(1);

		Cli.Result apply = hubspot("apply", funnel, "--allow-removals");
		assertThat(apply.code()).isEqualTo(1);
		assertThat(apply.err()).contains("holds 12 deals",
				"funnel: not applying: the plan has errors (above). Nothing was changed.");
		assertThat(server.writes()).isEmpty();
		assertThat(pipeline("deals", "default").get("stages")).hasSize(7).allMatch(s -> !s.get("archived").asBoolean());
	}

	@Test
	void everyDealStageDeleteCarriesBothChecksAndAnEmptyStageGoes() throws Exception {
		Path funnel = withoutDecisionStage();
		Cli.Result plan = hubspot("plan", funnel);
		assertThat(plan.code()).as(plan.toString()).isZero();
		assertThat(plan.err()).contains(funnel + ":1:8: warning: applying removes stage 'Decision Maker Bought-In' (id"
				+ " decisionmakerboughtin) from HubSpot's deal pipeline 'Sales Pipeline'", "[hubspot-stage-removal]");
		assertThat(plan.out()).contains("| **remove stage** | Decision Maker Bought-In (id decisionmakerboughtin) |",
				"HubSpot's CRM search finds no deal in stage 'Decision Maker Bought-In' (id decisionmakerboughtin) now.");

		Cli.Result apply = hubspot("apply", funnel, "--allow-removals");
		assertThat(apply.code()).as(apply.toString()).isZero();
		// Only the removal: the stages after it keep their display order, as HubSpot shows them in the same order.
		assertThat(server.writes()).containsExactly("DELETE " + STAGES + "decisionmakerboughtin"
				+ "?validateDealStageUsagesBeforeDelete=true&validateReferencesBeforeDelete=true");
		assertThat(hubspot("plan", funnel, "--detailed-exitcode").code()).isZero();
	}

	@ParameterizedTest
	@EnumSource(value = DealCheck.class, names = { "GUIDE", "SPEC" })
	void whenTheSearchLagsHubSpotsOwnCheckRefuses(DealCheck check) throws Exception {
		server.dealCheck(check);
		server.putRecords("deals", "default", "decisionmakerboughtin", 3);
		// HubSpot's search index has not seen the deals yet (twice: once for plan, once for apply).
		String none = "{\"total\": 0, \"results\": []}";
		server.fault(Fault.status("POST", "/crm/objects/2026-09/0-3/search", 200, Map.of(), none));
		server.fault(Fault.status("POST", "/crm/objects/2026-09/0-3/search", 200, Map.of(), none));
		Path funnel = withoutDecisionStage();
		assertThat(hubspot("plan", funnel).code()).isZero();

		Cli.Result apply = hubspot("apply", funnel, "--allow-removals");
		assertThat(apply.code()).isEqualTo(1);
		assertThat(apply.out()).contains("failed    DELETE " + STAGES + "decisionmakerboughtin", "HubSpot answered 400",
				"is in use by 3 records");
		assertThat(pipeline("deals", "default").get("stages")).hasSize(7).allMatch(s -> !s.get("archived").asBoolean());
	}

	@Test
	void fromSavedAnswersThePlanSaysItCouldNotAskAndApplyAsks() throws Exception {
		server.putRecords("deals", "default", "decisionmakerboughtin", 2);
		Path saved = Files.writeString(dir.resolve("deals.json"), JSON.writeValueAsString(server.pipelines("deals")));
		Path funnel = withoutDecisionStage();
		variables.remove("HUBSPOT_TOKEN");
		Cli.Result offline = funnel("plan", "hubspot", "--current", "deals=" + saved, funnel.toString());
		assertThat(offline.code()).as(offline.toString()).isZero();
		assertThat(offline.out()).contains("Whether deals are in stage 'Decision Maker Bought-In' (id decisionmakerboughtin)"
				+ " was not asked (saved answers); apply asks HubSpot before any call and refuses if any is.");
		assertThat(server.requests()).isEmpty();

		variables.put("HUBSPOT_TOKEN", HubSpotTestServer.TOKEN);
		Cli.Result apply = hubspot("apply", funnel, "--allow-removals");
		assertThat(apply.code()).isEqualTo(1);
		assertThat(apply.err()).contains("holds 2 deals");
		assertThat(server.writes()).isEmpty();
	}
}

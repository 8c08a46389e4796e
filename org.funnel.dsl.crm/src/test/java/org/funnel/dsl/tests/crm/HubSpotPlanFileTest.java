package org.funnel.dsl.tests.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.crm.files.JsonPositions;
import org.funnel.dsl.crm.hubspot.CurrentState;
import org.funnel.dsl.crm.hubspot.FunnelPipeline;
import org.funnel.dsl.crm.hubspot.HubSpotPlan;
import org.funnel.dsl.crm.hubspot.HubSpotPlanFile;
import org.funnel.dsl.crm.hubspot.HubSpotPlanner;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.InputException;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.tests.generator.Funnels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan file: what 'plan hubspot --format json' writes, read back by 'apply hubspot --plan' as the same calls. */
class HubSpotPlanFileTest {

	private static final Path DEALS = Path.of("org.funnel.dsl.testing/src/main/resources/crm/hubspot/deals-pipelines.json");

	@Test
	void aWrittenPlanReadsBackAsItsCallsAndMatchesOnlyThatPlan(@TempDir Path dir) throws Exception {
		FunnelWorkspace workspace = Funnels.load("examples/hubspot-default.funnel");
		List<FunnelPipeline> pipelines = FunnelPipeline.of(workspace.funnels(), workspace.analyses());
		CurrentState deals = new CurrentState(Map.of("deals", CurrentState.parse("deals", JsonPositions.read(DEALS))));
		HubSpotPlan plan = HubSpotPlanner.plan(pipelines, deals);
		assertThat(plan.requests()).isNotEmpty();
		Path file = dir.resolve("plan.json");
		Files.writeString(file, Json.write(HubSpotPlanFile.write(plan, "the saved answers")));

		HubSpotPlanFile read = HubSpotPlanFile.read(file);
		assertThat(read.calls()).isEqualTo(plan.requests());
		assertThat(read.matches(plan)).isTrue();
		// Against an empty account the funnel's pipeline is created instead: another plan.
		assertThat(read.matches(HubSpotPlanner.plan(pipelines, CurrentState.NONE))).isFalse();
	}

	@Test
	void aFileThatIsNotAPlanIsRefusedSayingSo(@TempDir Path dir) throws Exception {
		Path other = Files.writeString(dir.resolve("other.json"), "{\"crm\": \"salesforce\", \"plan\": []}");
		assertThatThrownBy(() -> HubSpotPlanFile.read(other)).isInstanceOf(InputException.class)
				.hasMessage(other + " is not a plan of 'funnel plan hubspot --format json'.");
		Path broken = Files.writeString(dir.resolve("broken.json"), "{\"crm\": ");
		assertThatThrownBy(() -> HubSpotPlanFile.read(broken)).isInstanceOf(InputException.class)
				.hasMessageStartingWith(broken + " is not a plan of 'funnel plan hubspot --format json': ");
		Path callWithoutPath = Files.writeString(dir.resolve("call.json"),
				"{\"crm\": \"hubspot\", \"pipelines\": [{\"calls\": [{\"method\": \"POST\", \"query\": {}, \"description\": \"x\"}]}]}");
		assertThatThrownBy(() -> HubSpotPlanFile.read(callWithoutPath)).isInstanceOf(InputException.class)
				.hasMessage(callWithoutPath
						+ " is not a plan of 'funnel plan hubspot --format json': a call lacks its method, path, query or description.");
		assertThatThrownBy(() -> HubSpotPlanFile.read(dir.resolve("none.json"))).isInstanceOf(InputException.class)
				.hasMessage("No such file: " + dir.resolve("none.json"));
	}
}

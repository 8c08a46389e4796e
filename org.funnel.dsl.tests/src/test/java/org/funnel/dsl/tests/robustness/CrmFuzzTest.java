package org.funnel.dsl.tests.robustness;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.funnel.dsl.crm.files.JsonPositions;
import org.funnel.dsl.crm.hubspot.CurrentState;
import org.funnel.dsl.crm.hubspot.CurrentState.CurrentPipeline;
import org.funnel.dsl.crm.hubspot.CurrentState.CurrentStage;
import org.funnel.dsl.crm.hubspot.FunnelPipeline;
import org.funnel.dsl.crm.hubspot.HubSpotImporter;
import org.funnel.dsl.crm.hubspot.HubSpotPlan;
import org.funnel.dsl.crm.hubspot.HubSpotPlanFile;
import org.funnel.dsl.crm.hubspot.HubSpotPlanner;
import org.funnel.dsl.crm.imports.ImportResult;
import org.funnel.dsl.crm.salesforce.SalesforceImporter;
import org.funnel.dsl.crm.salesforce.SalesforcePlan;
import org.funnel.dsl.crm.salesforce.SalesforcePlanner;
import org.funnel.dsl.crm.salesforce.SalesforceRetrieve;
import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.generator.targets.Target;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzing of what the tools read from CRMs: the HubSpot importer ({@code import hubspot}) with JSON shaped like
 * answers of HubSpot's Pipelines API, the Salesforce importer ({@code import salesforce}) with real retrieves of
 * which one file is the fuzzer's, and the plans against a current state ({@code plan hubspot --current},
 * {@code plan salesforce --current}) for the examples' funnels. Each must end in a result or in a
 * {@code GenerationException} whose message starts with the file and, where it is in a file, line and column; any
 * other exception is a finding ({@link CrmInputs}). One target per JVM when fuzzing: {@code scripts/fuzz.sh
 * --target hubspot-import} etc.; the seeds and saved inputs of all three run in every build.
 */
class CrmFuzzTest {

	private static final String HUBSPOT_IMPORT = "hubspot-import";
	private static final String SALESFORCE_IMPORT = "salesforce-import";
	private static final String HUBSPOT_PLAN = "hubspot-plan";

	private static final CrmInputs INPUTS = new CrmInputs();
	private static String target;
	private static List<FunnelPipeline> pipelines;

	static Stream<Arguments> hubSpotAnswers() {
		return CrmInputs.hubSpotSeeds().stream().map(seed -> Arguments.of((Object) seed));
	}

	static Stream<Arguments> retrieves() {
		return CrmInputs.retrieveSeeds().stream().map(seed -> Arguments.of((Object) seed));
	}

	@MethodSource("hubSpotAnswers")
	@DictionaryEntries({ "\"results\"", "\"stages\"", "\"label\"", "\"displayOrder\"", "\"metadata\"", "\"probability\"",
			"\"isClosed\"", "\"ticketState\"", "\"archived\"", "\"id\"", "\"pipelineId\"", "\"stageId\"",
			"\"writePermissions\"", "\"READ_ONLY\"", "\"CLOSED\"", "\"OPEN\"", "\"1.0\"", "\"0.0\"", "\"0.1\"", "true",
			"null", "1e999999999", "\"status\"", "\"error\"", "[[[[[[[[", "{\"a\":{\"a\":" })
	@FuzzTest(maxDuration = "60s")
	void hubSpotImport(byte[] input) {
		started(HUBSPOT_IMPORT);
		Path file = INPUTS.write("pipeline.json", input);
		INPUTS.expectResultOrPositionedError(file, () -> {
			ImportResult result = HubSpotImporter.read(file);
			Pipeline.count("pipelines imported", result.funnels().size());
		});
	}

	@MethodSource("retrieves")
	@DictionaryEntries({ "<fullName>", "</fullName>", "<probability>", "<closed>true</closed>", "<won>true</won>",
			"<forecastCategory>", "<values>", "<standardValue>", "<businessProcess>", "<isActive>false</isActive>",
			"<recordTypeName>", "<pathAssistantSteps>", "<picklistValueName>", "<fieldNames>", "<default>true</default>",
			"%2F", "%26", "&amp;", "&#x1F600;", "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY e \"e\">]>" })
	@FuzzTest(maxDuration = "60s")
	void salesforceImportAndPlan(byte[] input) {
		started(SALESFORCE_IMPORT);
		Path directory = INPUTS.retrieve(input);
		try {
			INPUTS.expectResultOrPositionedError(directory, () -> {
				ImportResult result = SalesforceImporter.read(directory);
				Pipeline.count("sales processes imported", result.funnels().size());
				SalesforceRetrieve org = SalesforceRetrieve.read(directory);
				GeneratedFiles project = Target.generate(INPUTS.examples().funnels(), EnumSet.of(Target.salesforce),
						INPUTS.examples().analyses(), DiagramOptions.DEFAULT, org.org());
				SalesforcePlan plan = SalesforcePlanner.plan(SalesforceRetrieve.ofGenerated(project), org);
				Pipeline.count(plan.hasChanges() ? "salesforce plans with changes" : "salesforce plans without changes");
			});
		} finally {
			INPUTS.restoreRetrieve();
		}
	}

	@MethodSource("hubSpotAnswers")
	@DictionaryEntries({ "\"results\"", "\"stages\"", "\"label\"", "\"displayOrder\"", "\"metadata\"", "\"probability\"",
			"\"ticketState\"", "\"archived\"", "\"id\"", "\"writePermissions\"", "\"READ_ONLY\"", "\"default\"",
			"\"appointmentscheduled\"", "\"closedwon\"", "\"Sales Pipeline\"", "\"b2b-new-business\"", "\"1043570101\"" })
	@FuzzTest(maxDuration = "60s")
	void hubSpotPlan(byte[] input) {
		started(HUBSPOT_PLAN);
		INPUTS.expectResultOrPositionedError(Path.of("current-deals.json"), () -> {
			List<CurrentPipeline> deals = CurrentState.parse("deals", JsonPositions.of("current-deals.json", input));
			CurrentState current = new CurrentState(Map.of("deals", deals, "tickets", List.of()))
					.withDealsInStages(dealsInStages(deals));
			HubSpotPlan plan = HubSpotPlanner.plan(pipelines(), current);
			Json.write(HubSpotPlanFile.write(plan, "the saved answer"));
			Pipeline.count(plan.hasErrors() ? "hubspot plans refused" : "hubspot plans made");
		});
	}

	/** The examples' HubSpot pipelines, made once. */
	private static synchronized List<FunnelPipeline> pipelines() {
		if (pipelines == null) {
			pipelines = FunnelPipeline.of(INPUTS.examples().funnels(), INPUTS.examples().analyses());
		}
		return pipelines;
	}

	/** Some deals in some stages, decided by the stage ids, so that removals meet stages with deals. */
	private static Map<String, Long> dealsInStages(List<CurrentPipeline> pipelines) {
		Map<String, Long> counts = new HashMap<>();
		for (CurrentPipeline pipeline : pipelines) {
			for (CurrentStage stage : pipeline.stages()) {
				counts.put(CurrentState.stageKey(pipeline.id(), stage.id()), (long) (stage.id().hashCode() & 3));
			}
		}
		return counts;
	}

	private static void started(String name) {
		if (target == null) {
			target = name;
			FuzzStats.atExit(name);
		}
		FuzzStats.input(name);
	}

	@AfterAll
	static void writeStats() {
		if (target != null) {
			FuzzStats.write(target);
		}
	}
}

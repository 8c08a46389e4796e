package org.funnel.dsl.tests.generator;

import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.targets.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The HubSpot Pipelines API v3 payloads, parsed with Jackson and checked field by field. */
class HubSpotGeneratorTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void defaultDealPipeline() throws Exception {
		FunnelWorkspace workspace = Funnels.load("examples/hubspot-default.funnel");
		GeneratedFiles files = Funnels.generate(workspace, Target.hubspot);
		assertThat(files.files()).containsOnlyKeys("hubspot/DealPipeline.json", "hubspot/pipelines.json");
		JsonNode pipeline = JSON.readTree(files.text("hubspot/DealPipeline.json"));
		assertThat(fieldNames(pipeline)).containsExactly("label", "displayOrder", "pipelineId", "stages");
		assertThat(pipeline.get("pipelineId").asText()).isEqualTo("default");
		assertThat(pipeline.get("label").asText()).isEqualTo("Sales Pipeline");
		assertThat(pipeline.get("displayOrder").isInt()).isTrue();
		assertThat(pipeline.get("displayOrder").asInt()).isZero();
		JsonNode stages = pipeline.get("stages");
		List<String> labels = List.of("Appointment scheduled", "Qualified to buy", "Presentation scheduled",
				"Decision maker bought-in", "Contract sent", "Closed won", "Closed lost");
		List<String> probabilities = List.of("0.2", "0.4", "0.6", "0.8", "0.9", "1.0", "0.0");
		assertThat(stages.size()).isEqualTo(7);
		for (int i = 0; i < 7; i++) {
			JsonNode stage = stages.get(i);
			assertThat(fieldNames(stage)).containsExactly("label", "displayOrder", "stageId", "metadata");
			assertThat(stage.get("label").asText()).isEqualTo(labels.get(i));
			assertThat(stage.get("displayOrder").asInt()).isEqualTo(i);
			JsonNode probability = stage.get("metadata").get("probability");
			assertThat(probability.isTextual()).as("HubSpot metadata values are strings").isTrue();
			assertThat(probability.asText()).isEqualTo(probabilities.get(i));
			assertThat(fieldNames(stage.get("metadata"))).containsExactly("probability");
		}
		JsonNode index = JSON.readTree(files.text("hubspot/pipelines.json"));
		assertThat(index.size()).isEqualTo(1);
		assertThat(index.get(0).get("file").asText()).isEqualTo("DealPipeline.json");
		assertThat(index.get(0).get("objectType").asText()).isEqualTo("deals");
		assertThat(index.get(0).get("pipelineId").asText()).isEqualTo("default");
		// Readable and stable: two-space indentation, "key": value, final newline.
		assertThat(files.text("hubspot/DealPipeline.json")).startsWith("{\n  \"label\": \"Sales Pipeline\",\n").endsWith("}\n");
	}

	@Test
	void openStagesFirstThenWonThenLostAndImpliedProbabilityWhereNoneIsDeclared() throws Exception {
		FunnelWorkspace workspace = Funnels.load("examples/b2b.funnel", "examples/media.funnel",
				"examples/salesforce-default.funnel");
		GeneratedFiles files = Funnels.generate(workspace, Target.hubspot);
		// Salesforce-only funnels get no HubSpot pipeline.
		assertThat(files.files()).containsOnlyKeys("hubspot/B2BSales.json", "hubspot/MediaPlan.json", "hubspot/pipelines.json");
		JsonNode b2b = JSON.readTree(files.text("hubspot/B2BSales.json"));
		List<String> labels = new ArrayList<>();
		b2b.get("stages").forEach(s -> labels.add(s.get("label").asText()));
		// The won and lost stages come from the template it extends, but CRMs list them last.
		assertThat(labels).containsExactly("Lead", "Qualified", "Demo held", "Proposal sent", "Negotiation", "Closed Won",
				"Closed Lost");
		// Advocacy (won) declares no probability: 1.0; every other media stage declares one.
		JsonNode media = JSON.readTree(files.text("hubspot/MediaPlan.json"));
		assertThat(media.get("stages").get(5).get("label").asText()).isEqualTo("Advocacy");
		assertThat(media.get("stages").get(5).get("metadata").get("probability").asText()).isEqualTo("1.0");
	}

	@Test
	void ticketPipelinesAndImpliedProbabilities(@TempDir Path dir) throws Exception {
		List<String> paths = FileTrees.write(dir, Map.of("support.funnel", """
				funnel Support "Support" {
				    crm hubspot
				    hubspot pipeline for tickets
				    stage New "New" {
				        moves to Waiting 60%
				        moves to Done 40%
				    }
				    stage Waiting "Waiting on contact" {
				        moves to Done 100%
				    }
				    won stage Done "Closed"
				}
				""", "deals.funnel", """
				funnel Deals "Deals" {
				    crm hubspot
				    stage First "First" {
				        moves to Second 30%
				        moves to Lost 70%
				    }
				    stage Second "Second" {
				        moves to Won 33.33%
				        moves to Lost 66.67%
				    }
				    won stage Won "Won"
				    lost stage Lost "Lost"
				}
				"""));
		FunnelWorkspace workspace = Funnels.load(paths.toArray(String[]::new));
		GeneratedFiles files = Funnels.generate(workspace, Target.hubspot);
		JsonNode support = JSON.readTree(files.text("hubspot/Support.json"));
		List<String> states = new ArrayList<>();
		support.get("stages").forEach(s -> {
			assertThat(fieldNames(s.get("metadata"))).containsExactly("ticketState");
			states.add(s.get("metadata").get("ticketState").asText());
		});
		assertThat(states).containsExactly("OPEN", "OPEN", "CLOSED");
		JsonNode index = JSON.readTree(files.text("hubspot/pipelines.json"));
		assertThat(index.findValuesAsText("objectType")).containsExactly("deals", "tickets");
		// Without declared probabilities deal stages get the implied ones on HubSpot's 0.1 grid:
		// 0.3 * 0.3333 = 0.09999 and 0.3333.
		JsonNode deals = JSON.readTree(files.text("hubspot/Deals.json"));
		assertThat(deals.get("stages").get(0).get("metadata").get("probability").asText()).isEqualTo("0.1");
		assertThat(deals.get("stages").get(1).get("metadata").get("probability").asText()).isEqualTo("0.3");
	}

	static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.fieldNames().forEachRemaining(names::add);
		return names;
	}
}

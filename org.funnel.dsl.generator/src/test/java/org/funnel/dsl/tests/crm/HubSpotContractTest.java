package org.funnel.dsl.tests.crm;

import org.funnel.dsl.testing.crm.HubSpotContract;
import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.targets.Target;
import org.funnel.dsl.tests.generator.Funnels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every HubSpot payload the generator writes is a request HubSpot's published OpenAPI spec accepts
 * ({@code PipelineInput} for POST, {@code PipelineReplaceInput} for PUT), with deal probabilities on
 * the spec's 0.1 grid and open stages never at 0.0 (closed lost) or 1.0 (closed won).
 */
class HubSpotContractTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Funnels beyond the examples that reach the corners: tickets, implied values near 0 and 1, ids. */
	private static final Map<String, String> CORNERS = Map.of("tickets.funnel", """
			funnel Support "Support" {
			    crm hubspot
			    hubspot pipeline "0" for tickets
			    hubspot display order 1
			    stage New "New" {
			        hubspot id "1"
			        moves to Waiting 60%
			        moves to Done 40%
			    }
			    stage Waiting "Waiting on contact" { moves to Done 100% }
			    won stage Done "Closed" { hubspot id "4" }
			}
			""", "implied.funnel", """
			funnel Implied "Implied probabilities" {
			    crm hubspot
			    stage Long "Long shot" {
			        moves to Likely 3%
			        moves to Lost 97%
			    }
			    stage Likely "Almost sure" {
			        moves to Won 97%
			        moves to Lost 3%
			    }
			    stage Third "A third" {
			        moves to Won 33.33%
			        moves to Lost 66.67%
			    }
			    won stage Won "Won"
			    lost stage Lost "Lost"
			}
			""");

	@Test
	void theContractRefusesWhatHubSpotWouldRefuse() throws Exception {
		// Without this the other tests could pass against a validator that accepts anything.
		JsonNode good = JSON.readTree(
				"""
						{"label": "P", "displayOrder": 0, "stages": [{"label": "A", "displayOrder": 0, "metadata": {"probability": "0.2"}}]}
						""");
		assertThat(HubSpotContract.PIPELINES.problems(good, "PipelineInput")).isEmpty();
		ObjectNode noLabel = good.deepCopy();
		noLabel.remove("label");
		assertThat(HubSpotContract.PIPELINES.problems(noLabel, "PipelineInput")).isNotEmpty();
		ObjectNode numberProbability = good.deepCopy();
		((ObjectNode) numberProbability.at("/stages/0/metadata")).put("probability", 0.2);
		assertThat(HubSpotContract.PIPELINES.problems(numberProbability, "PipelineInput")).isNotEmpty();
		ObjectNode stringOrder = good.deepCopy();
		stringOrder.put("displayOrder", "0");
		assertThat(HubSpotContract.PIPELINES.problems(stringOrder, "PipelineInput")).isNotEmpty();
		ObjectNode unknownField = good.deepCopy();
		unknownField.put("pipelineLabel", "P");
		assertThat(HubSpotContract.PIPELINES.problems(unknownField, "PipelineInput"))
				.containsExactly("$.pipelineLabel: not a field of the schema");
		// PUT's body has no pipelineId.
		ObjectNode withId = good.deepCopy();
		withId.put("pipelineId", "default");
		assertThat(HubSpotContract.PIPELINES.problems(withId, "PipelineInput")).isEmpty();
		assertThat(HubSpotContract.PIPELINES.problems(withId, "PipelineReplaceInput")).isNotEmpty();
	}

	@Test
	void everyGeneratedPayloadIsARequestTheSpecAccepts(@TempDir Path dir) throws Exception {
		List<String> paths = new ArrayList<>(FileTrees.write(dir, CORNERS));
		paths.add("examples");
		FunnelWorkspace workspace = Funnels.load(paths.toArray(String[]::new));
		GeneratedFiles files = Funnels.generate(workspace, Target.hubspot);
		JsonNode index = JSON.readTree(files.text("hubspot/pipelines.json"));
		int deals = 0;
		int tickets = 0;
		for (JsonNode entry : index) {
			String file = "hubspot/" + entry.get("file").asText();
			JsonNode payload = JSON.readTree(files.text(file));
			assertThat(HubSpotContract.PIPELINES.problems(payload, "PipelineInput")).as(file + " as a POST body").isEmpty();
			ObjectNode put = payload.deepCopy();
			put.remove("pipelineId");
			assertThat(HubSpotContract.PIPELINES.problems(put, "PipelineReplaceInput")).as(file + " as a PUT body").isEmpty();
			assertThat(payload.path("pipelineId").asText(null)).as(file).isEqualTo(entry.get("pipelineId").asText(null));
			List<Integer> orders = new ArrayList<>();
			for (JsonNode stage : payload.get("stages")) {
				orders.add(stage.get("displayOrder").asInt());
				if (entry.get("objectType").asText().equals("tickets")) {
					assertThat(stage.at("/metadata/ticketState").asText()).isIn("OPEN", "CLOSED");
					continue;
				}
				// The spec: "between 0.0 and 1.0 in increments of 0.1"; HubSpot reads 0.0 and 1.0 as closed.
				BigDecimal probability = new BigDecimal(stage.at("/metadata/probability").asText());
				assertThat(probability.remainder(new BigDecimal("0.1")).signum()).as(file + " " + stage).isZero();
				assertThat(probability).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
			}
			assertThat(orders).as(file).isSorted().doesNotHaveDuplicates();
			if (entry.get("objectType").asText().equals("tickets")) {
				tickets++;
			} else {
				deals++;
			}
		}
		assertThat(deals).as("the eight HubSpot examples and the implied-probability funnel").isEqualTo(9);
		assertThat(tickets).isEqualTo(1);
	}

	@Test
	void openStagesStayOpenAndImpliedProbabilitiesAreRoundedToTheGrid(@TempDir Path dir) throws Exception {
		FunnelWorkspace workspace = Funnels.load(FileTrees.write(dir, CORNERS).toArray(String[]::new));
		JsonNode payload = JSON.readTree(Funnels.generate(workspace, Target.hubspot).text("hubspot/Implied.json"));
		// Implied win probabilities: 3% x 97% = 2.91% (would read as closed lost at 0.0), 97% (closed won
		// at 1.0), 33.33%; won and lost stages are 1.0 and 0.0.
		assertThat(probabilities(payload)).containsExactly("0.1", "0.9", "0.3", "1.0", "0.0");
	}

	@Test
	void theReportSaysWhatHubSpotGetsAndWhy(@TempDir Path dir) throws Exception {
		FunnelWorkspace workspace = Funnels.load(FileTrees.write(dir, CORNERS).toArray(String[]::new));
		GeneratedFiles files = Funnels.generate(workspace, Target.report);
		assertThat(files.text("report/Implied.md")).contains("## In HubSpot\n",
				"| Long shot | 0.1 | implied 2.91%, rounded |\n",
				"| Almost sure | 0.9 | implied 97%, rounded |\n",
				"| A third | 0.3 | implied 33.33%, rounded |\n",
				"| Won | 1.0 | declared |\n",
				"| Lost | 0.0 | declared |\n");
		// A ticket pipeline has no probabilities; a funnel only for Salesforce does not go to HubSpot.
		assertThat(files.text("report/Support.md")).doesNotContain("## In HubSpot");
		GeneratedFiles salesforce = Funnels.generate(Funnels.load("examples/salesforce-default.funnel"), Target.report);
		assertThat(salesforce.text("report/StandardSales.md")).doesNotContain("## In HubSpot");
	}

	@Test
	void idsAndDisplayOrderAreCarriedWhereDeclared(@TempDir Path dir) throws Exception {
		FunnelWorkspace workspace = Funnels.load(FileTrees.write(dir, CORNERS).toArray(String[]::new));
		GeneratedFiles files = Funnels.generate(workspace, Target.hubspot);
		JsonNode support = JSON.readTree(files.text("hubspot/Support.json"));
		assertThat(support.get("pipelineId").asText()).isEqualTo("0");
		assertThat(support.get("displayOrder").asInt()).isEqualTo(1);
		List<String> stageIds = new ArrayList<>();
		support.get("stages").forEach(s -> stageIds.add(s.path("stageId").asText("-")));
		assertThat(stageIds).containsExactly("1", "-", "4");
		JsonNode implied = JSON.readTree(files.text("hubspot/Implied.json"));
		assertThat(implied.has("pipelineId")).isFalse();
		assertThat(implied.get("displayOrder").asInt()).isZero();

		JsonNode deals = JSON.readTree(Funnels.generate(Funnels.load("examples/hubspot-default.funnel"), Target.hubspot)
				.text("hubspot/DealPipeline.json"));
		assertThat(deals.get("pipelineId").asText()).isEqualTo("default");
		List<String> ids = new ArrayList<>();
		deals.get("stages").forEach(s -> ids.add(s.get("stageId").asText()));
		assertThat(ids).containsExactly("appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
				"decisionmakerboughtin", "contractsent", "closedwon", "closedlost");
	}

	@Test
	void aStageIdGivenToStagesOfTwoPipelinesIsRefused(@TempDir Path dir) throws Exception {
		// The usual way there: a template's stage with a hubspot id, taken by two funnels.
		List<String> paths = FileTrees.write(dir, Map.of("shared.funnel", """
				funnel A "A" {
				    crm hubspot
				    stage Open "Open" { probability 50% moves to Won 50% }
				    won stage Won "Won" { hubspot id "closedwon" }
				}
				funnel B "B" {
				    crm hubspot
				    stage Open "Open" { probability 50% moves to Won 50% }
				    won stage Won "Won" {
				        hubspot id "closedwon"
				    }
				}
				"""));
		FunnelWorkspace workspace = Funnels.load(paths.toArray(String[]::new));
		assertThatThrownBy(() -> Funnels.generate(workspace, Target.hubspot)).isInstanceOf(GenerationException.class)
				.hasMessage("HubSpot stage id 'closedwon' is given to a stage of two pipelines: " + paths.get(0)
						+ ":4:38 (funnel A) and " + paths.get(0) + ":10:20 (funnel B). A stage id belongs to one stage of one"
						+ " pipeline; give each its own, or none (HubSpot then assigns one).");
	}

	static List<String> probabilities(JsonNode payload) {
		List<String> values = new ArrayList<>();
		payload.get("stages").forEach(s -> values.add(s.at("/metadata/probability").asText()));
		return values;
	}
}

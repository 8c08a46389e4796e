package org.funnel.dsl.generator.plan.hubspot;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.funnel.dsl.generator.imports.JsonPositions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The pipelines a HubSpot account has, as {@code GET /crm/v3/pipelines/{objectType}} returns them
 * ({@code CollectionResponsePipelineNoPaging}): read from the live API or from a saved answer. Read
 * leniently (a stage off HubSpot's 0.1 grid is a change to plan, not an error); only what the plan
 * cannot do without is required, and its absence is reported at its place in the answer.
 */
public final class Portal {

	public record LiveStage(String id, String label, int displayOrder, Map<String, String> metadata, boolean archived) {
	}

	public record LivePipeline(String objectType, String id, String label, int displayOrder, boolean archived,
			List<LiveStage> stages) {

		public List<LiveStage> activeStages() {
			return stages.stream().filter(s -> !s.archived()).toList();
		}
	}

	private Portal() {
	}

	/** The pipelines of one object type ("deals", "tickets") in a GET answer. */
	public static List<LivePipeline> read(String objectType, JsonPositions json) {
		JsonNode results = json.root() == null ? null : json.root().get("results");
		if (results == null || !results.isArray()) {
			throw json.problem("", "expected the answer of GET /crm/v3/pipelines/" + objectType
					+ ": an object with a \"results\" array of pipelines.");
		}
		List<LivePipeline> pipelines = new ArrayList<>();
		for (int i = 0; i < results.size(); i++) {
			String at = "/results/" + i;
			JsonNode node = results.get(i);
			List<LiveStage> stages = new ArrayList<>();
			JsonNode stageNodes = node.get("stages");
			if (stageNodes == null || !stageNodes.isArray()) {
				throw json.problem(at, "the pipeline has no \"stages\" array.");
			}
			for (int j = 0; j < stageNodes.size(); j++) {
				String stageAt = at + "/stages/" + j;
				JsonNode stage = stageNodes.get(j);
				stages.add(new LiveStage(required(json, stageAt, stage, "id"), required(json, stageAt, stage, "label"),
						stage.path("displayOrder").asInt(0), metadata(stage.get("metadata")),
						stage.path("archived").asBoolean(false)));
			}
			pipelines.add(new LivePipeline(objectType, required(json, at, node, "id"), required(json, at, node, "label"),
					node.path("displayOrder").asInt(0), node.path("archived").asBoolean(false), List.copyOf(stages)));
		}
		return pipelines;
	}

	private static String required(JsonPositions json, String at, JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isValueNode() || value.isNull()) {
			throw json.problem(at, "\"" + field + "\" is missing: HubSpot's answers always carry it.");
		}
		return value.asText();
	}

	/** A stage's {@code metadata}: its string values by name, sorted (HubSpot's schema has only strings there). */
	public static Map<String, String> metadata(JsonNode node) {
		Map<String, String> metadata = new TreeMap<>();
		if (node != null && node.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				if (field.getValue().isValueNode() && !field.getValue().isNull()) {
					metadata.put(field.getKey(), field.getValue().asText());
				}
			}
		}
		return metadata;
	}
}

package org.funnel.dsl.crm.hubspot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.funnel.dsl.crm.files.JsonPositions;
import org.funnel.dsl.generator.Diagnostic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A HubSpot account's pipelines as they are before a change: its current state, as deploy tools call it. Per object
 * type ("deals", "tickets"), the pipelines {@code GET /crm/pipelines/2026-09/{objectType}} returns
 * ({@code CollectionResponsePipelineNoPaging}), archived ones included: read from the account or from saved answers.
 * Read leniently (a stage off HubSpot's 0.1 grid is a change to plan, not an error); only what the plan cannot do
 * without is required, and its absence is reported at its place in the answer.
 * <p>
 * {@code dealsInStages}: how many deals HubSpot's CRM search finds in the deal stages a plan would remove, by
 * {@link #stageKey}; null when it was not asked (saved answers).
 */
public record CurrentState(Map<String, List<CurrentPipeline>> pipelines, Map<String, Long> dealsInStages) {

	/** An account with no pipelines of any type (no funnel targets HubSpot). */
	public static final CurrentState NONE = new CurrentState(Map.of());

	/** What HubSpot's {@code writePermissions} says of a stage the API may change. */
	public static final String WRITABLE = "CRM_PERMISSIONS_ENFORCEMENT";

	/** {@code writePermissions}: null when the answer does not say (it is optional in v3). */
	public record CurrentStage(String id, String label, int displayOrder, Map<String, String> metadata, boolean archived,
			String writePermissions) {

		/** HubSpot marks the stage READ_ONLY or INTERNAL_ONLY: the API must not change it. */
		public boolean locked() {
			return writePermissions != null && !writePermissions.equals(WRITABLE);
		}
	}

	public record CurrentPipeline(String objectType, String id, String label, int displayOrder, boolean archived,
			List<CurrentStage> stages) {

		public List<CurrentStage> activeStages() {
			return stages.stream().filter(s -> !s.archived()).toList();
		}
	}

	public CurrentState {
		pipelines = Collections.unmodifiableMap(new LinkedHashMap<>(pipelines));
		dealsInStages = dealsInStages == null ? null : Map.copyOf(dealsInStages);
	}

	/** The pipelines only: whether deals are in stages was not asked. */
	public CurrentState(Map<String, List<CurrentPipeline>> pipelines) {
		this(pipelines, null);
	}

	/** The same pipelines, with the deal counts HubSpot's search gave. */
	public CurrentState withDealsInStages(Map<String, Long> counts) {
		return new CurrentState(pipelines, counts);
	}

	/** "pipelineId/stageId": the key of {@link #dealsInStages}. */
	public static String stageKey(String pipelineId, String stageId) {
		return pipelineId + "/" + stageId;
	}

	/** The pipelines of one object type (none when the state holds no answer for it). */
	public List<CurrentPipeline> of(String objectType) {
		return pipelines.getOrDefault(objectType, List.of());
	}

	/** The account's pipelines of each object type, as HubSpot answers GET /crm/pipelines/2026-09/{objectType} now. */
	public static CurrentState read(HubSpotClient client, Set<String> objectTypes) throws InterruptedException {
		Map<String, List<CurrentPipeline>> pipelines = new LinkedHashMap<>();
		for (String objectType : objectTypes) {
			Request get = Request.get(Request.path(objectType), "read the " + objectType + " pipelines");
			HubSpotClient.Answer answer = client.send(get);
			try {
				JsonPositions json = JsonPositions.of("HubSpot's answer to " + get.line(),
						answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8));
				pipelines.put(objectType, parse(objectType, json));
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return new CurrentState(pipelines);
	}

	/**
	 * Refuses HubSpot's {@code Error} answer (a 401 saved in place of pipelines) as what it is: an object with a
	 * {@code message} and {@code category}, {@code correlationId} or {@code status: "error"}, and nothing of a pipeline.
	 */
	public static void refuseErrorAnswer(JsonPositions json) {
		JsonNode root = json.root();
		if (root == null || !root.isObject() || !root.path("message").isTextual() || root.has("results") || root.has("stages")
				|| root.has("label")) {
			return;
		}
		String category = root.path("category").asText(root.path("errorType").asText(""));
		if (category.isEmpty() && !root.has("correlationId") && !"error".equals(root.path("status").asText())) {
			return;
		}
		throw json.problem("", "this is an error answer of HubSpot's API, not pipelines" + (category.isEmpty() ? "" : " ("
				+ category + ")") + ": " + Diagnostic.oneLine(root.get("message").asText())
				+ ". Save the answer of a call that succeeded.");
	}

	/** The pipelines of one object type ("deals", "tickets") in a GET answer. */
	public static List<CurrentPipeline> parse(String objectType, JsonPositions json) {
		refuseErrorAnswer(json);
		JsonNode results = json.root() == null ? null : json.root().get("results");
		if (results == null || !results.isArray()) {
			throw json.problem("", "expected the answer of GET " + Request.PIPELINES + "/" + objectType
					+ ": an object with a \"results\" array of pipelines.");
		}
		List<CurrentPipeline> pipelines = new ArrayList<>();
		for (int i = 0; i < results.size(); i++) {
			String at = "/results/" + i;
			JsonNode node = results.get(i);
			JsonNode stageNodes = node.get("stages");
			if (stageNodes == null || !stageNodes.isArray()) {
				throw json.problem(at, "the pipeline has no \"stages\" array.");
			}
			List<CurrentStage> stages = new ArrayList<>();
			for (int j = 0; j < stageNodes.size(); j++) {
				String stageAt = at + "/stages/" + j;
				JsonNode stage = stageNodes.get(j);
				stages.add(new CurrentStage(required(json, stageAt, stage, "id"), required(json, stageAt, stage, "label"),
						stage.path("displayOrder").asInt(0), metadata(stage.get("metadata")),
						stage.path("archived").asBoolean(false),
						stage.hasNonNull("writePermissions") ? stage.get("writePermissions").asText() : null));
			}
			pipelines.add(new CurrentPipeline(objectType, required(json, at, node, "id"), required(json, at, node, "label"),
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

package org.funnel.dsl.testing.crm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The HubSpot account behind {@link HubSpotTestServer}: deal and ticket pipelines with their stages, and the records
 * (deals, tickets) in each stage, changed as HubSpot's Pipelines API documents its calls. The API version's rules for
 * deleting what is in use are {@link DeleteChecks}'; this class only carries out what they allow.
 */
final class TestAccount {

	static final ObjectMapper JSON = new ObjectMapper();
	static final String WRITABLE = "CRM_PERMISSIONS_ENFORCEMENT";

	/** HubSpot's order of stages and pipelines: display order, then alphabetically by label (its spec says so). */
	private static final Comparator<String> ALPHABETICAL = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

	static final class Pipeline {
		String id;
		String label;
		int displayOrder;
		boolean archived;
		String createdAt;
		String updatedAt;
		String archivedAt;
		final List<Stage> stages = new ArrayList<>();

		boolean inUse() {
			return stages.stream().anyMatch(s -> !s.archived && !s.records.isEmpty());
		}
	}

	static final class Stage {
		String id;
		String label;
		int displayOrder;
		final Map<String, String> metadata = new TreeMap<>();
		boolean archived;
		String createdAt;
		String updatedAt;
		String archivedAt;
		String writePermissions = WRITABLE;
		/** The ids of the records (deals, tickets) in the stage. */
		final List<String> records = new ArrayList<>();
	}

	/** A request the account refuses: status, HubSpot's error category and message. */
	static final class Refusal extends RuntimeException {
		private static final long serialVersionUID = 1L;
		final int status;
		final String category;

		Refusal(int status, String category, String message) {
			super(message);
			this.status = status;
			this.category = category;
		}
	}

	final Map<String, List<Pipeline>> pipelines = new TreeMap<>();
	private long nextId = 90_000_001L;
	private long nextRecord = 7_000_001L;
	private Instant now = Instant.parse("2026-11-30T09:00:00Z");

	TestAccount() {
		pipelines.put("deals", new ArrayList<>());
		pipelines.put("tickets", new ArrayList<>());
	}

	List<Pipeline> of(String objectType) {
		List<Pipeline> list = pipelines.get(objectType);
		if (list == null) {
			throw new Refusal(400, "VALIDATION_ERROR", "Unable to infer object type from: " + objectType);
		}
		return list;
	}

	Pipeline pipeline(String objectType, String id) {
		for (Pipeline pipeline : of(objectType)) {
			if (pipeline.id.equals(id) && !pipeline.archived) {
				return pipeline;
			}
		}
		throw new Refusal(404, "OBJECT_NOT_FOUND", "Unable to find pipeline " + id + " for " + objectType + ".");
	}

	static Stage stage(Pipeline pipeline, String id) {
		for (Stage stage : pipeline.stages) {
			if (stage.id.equals(id) && !stage.archived) {
				return stage;
			}
		}
		throw new Refusal(404, "OBJECT_NOT_FOUND", "Unable to find stage " + id + " in pipeline " + pipeline.id + ".");
	}

	/** Puts {@code count} records into a stage (replacing the ones it held). */
	void putRecords(String objectType, String pipelineId, String stageId, int count) {
		Stage stage = stage(pipeline(objectType, pipelineId), stageId);
		stage.records.clear();
		for (int i = 0; i < count; i++) {
			stage.records.add(String.valueOf(nextRecord++));
		}
	}

	String tick() {
		now = now.plusSeconds(1);
		return now.toString();
	}

	// ---------------------------------------------------------------- pipelines

	Pipeline createPipeline(String objectType, JsonNode body) {
		String label = body.get("label").asText();
		checkPipelineLabel(objectType, null, label);
		Pipeline pipeline = new Pipeline();
		if (body.hasNonNull("pipelineId")) {
			String wanted = body.get("pipelineId").asText();
			if (of(objectType).stream().anyMatch(p -> p.id.equals(wanted))) {
				throw new Refusal(409, "CONFLICT", "A pipeline with id " + wanted + " already exists.");
			}
			pipeline.id = wanted;
		} else {
			pipeline.id = String.valueOf(nextId++);
		}
		pipeline.label = label;
		pipeline.displayOrder = body.get("displayOrder").asInt();
		pipeline.createdAt = tick();
		pipeline.updatedAt = pipeline.createdAt;
		for (JsonNode stage : body.get("stages")) {
			pipeline.stages.add(newStage(objectType, pipeline, stage));
		}
		of(objectType).add(pipeline);
		return pipeline;
	}

	Pipeline updatePipeline(String objectType, String id, JsonNode body) {
		Pipeline pipeline = pipeline(objectType, id);
		if (body.has("archived")) {
			throw new Refusal(400, "VALIDATION_ERROR", "archived may only be given to restore an archived pipeline.");
		}
		if (body.has("label")) {
			checkPipelineLabel(objectType, pipeline, body.get("label").asText());
			pipeline.label = body.get("label").asText();
		}
		if (body.has("displayOrder")) {
			pipeline.displayOrder = body.get("displayOrder").asInt();
		}
		pipeline.updatedAt = tick();
		return pipeline;
	}

	/** PUT: the pipeline becomes the body; stages it does not list are archived, unless {@code checked} and in use. */
	Pipeline replacePipeline(String objectType, String id, JsonNode body, boolean checked) {
		Pipeline pipeline = pipeline(objectType, id);
		checkPipelineLabel(objectType, pipeline, body.get("label").asText());
		List<Stage> kept = new ArrayList<>();
		for (JsonNode node : body.get("stages")) {
			if (node.hasNonNull("stageId")) {
				pipeline.stages.stream().filter(s -> !s.archived && s.id.equals(node.get("stageId").asText())).findFirst()
						.ifPresent(kept::add);
			}
		}
		for (Stage stage : pipeline.stages) {
			if (!stage.archived && !kept.contains(stage) && !stage.records.isEmpty() && checked) {
				throw new Refusal(400, "VALIDATION_ERROR", "Stage " + stage.id + " is in use and cannot be deleted.");
			}
		}
		pipeline.stages.stream().filter(s -> !s.archived && !kept.contains(s)).forEach(this::archive);
		pipeline.label = body.get("label").asText();
		pipeline.displayOrder = body.get("displayOrder").asInt();
		for (JsonNode node : body.get("stages")) {
			Stage existing = node.hasNonNull("stageId")
					? kept.stream().filter(s -> s.id.equals(node.get("stageId").asText())).findFirst().orElse(null)
					: null;
			if (existing == null) {
				pipeline.stages.add(newStage(objectType, pipeline, node));
			} else {
				updateStage(objectType, pipeline, existing, node, true);
			}
		}
		pipeline.updatedAt = tick();
		return pipeline;
	}

	void archivePipeline(String objectType, String id, boolean checked) {
		Pipeline pipeline = pipeline(objectType, id);
		if (checked && pipeline.inUse()) {
			throw new Refusal(400, "VALIDATION_ERROR", "Pipeline " + id + " is in use and cannot be deleted.");
		}
		pipeline.archived = true;
		pipeline.archivedAt = tick();
		pipeline.updatedAt = pipeline.archivedAt;
	}

	private void checkPipelineLabel(String objectType, Pipeline self, String label) {
		for (Pipeline other : of(objectType)) {
			if (other != self && !other.archived && other.label.equalsIgnoreCase(label)) {
				throw new Refusal(400, "VALIDATION_ERROR", "A pipeline with label " + label + " already exists.");
			}
		}
	}

	// ---------------------------------------------------------------- stages

	Stage createStage(String objectType, Pipeline pipeline, JsonNode body) {
		Stage stage = newStage(objectType, pipeline, body);
		pipeline.stages.add(stage);
		pipeline.updatedAt = stage.createdAt;
		return stage;
	}

	private Stage newStage(String objectType, Pipeline pipeline, JsonNode body) {
		Stage stage = new Stage();
		if (body.hasNonNull("stageId")) {
			String wanted = body.get("stageId").asText();
			boolean taken = of(objectType).stream().flatMap(p -> p.stages.stream()).anyMatch(s -> s.id.equals(wanted))
					|| pipeline.stages.stream().anyMatch(s -> s.id.equals(wanted));
			if (taken) {
				throw new Refusal(409, "CONFLICT", "A stage with id " + wanted + " already exists.");
			}
			stage.id = wanted;
		} else {
			stage.id = String.valueOf(nextId++);
		}
		stage.createdAt = tick();
		stage.updatedAt = stage.createdAt;
		apply(objectType, pipeline, stage, body, true);
		return stage;
	}

	Stage updateStage(String objectType, Pipeline pipeline, Stage stage, JsonNode body, boolean replace) {
		checkWritable(stage);
		if (body.has("archived") && body.get("archived").asBoolean()) {
			throw new Refusal(400, "VALIDATION_ERROR", "Use DELETE to archive a stage.");
		}
		apply(objectType, pipeline, stage, body, replace);
		stage.updatedAt = tick();
		pipeline.updatedAt = stage.updatedAt;
		return stage;
	}

	/** DELETE of a stage: archived, unless {@code checked} and records are in it. */
	void deleteStage(Pipeline pipeline, Stage stage, boolean checked) {
		checkWritable(stage);
		if (checked && !stage.records.isEmpty()) {
			throw new Refusal(400, "VALIDATION_ERROR",
					"Stage " + stage.id + " is in use by " + stage.records.size() + " records and cannot be deleted.");
		}
		archive(stage);
		pipeline.updatedAt = tick();
	}

	/**
	 * A stage HubSpot marks other than {@code CRM_PERMISSIONS_ENFORCEMENT} ({@code READ_ONLY}, {@code INTERNAL_ONLY}) is
	 * not changed through the API. HubSpot documents the values, not the refusal's status: 400 here.
	 */
	private static void checkWritable(Stage stage) {
		if (!WRITABLE.equals(stage.writePermissions)) {
			throw new Refusal(400, "VALIDATION_ERROR",
					"Stage " + stage.id + " has writePermissions " + stage.writePermissions + " and cannot be changed.");
		}
	}

	private void archive(Stage stage) {
		stage.archived = true;
		stage.archivedAt = tick();
		stage.updatedAt = stage.archivedAt;
	}

	/** A stage's label, display order and metadata from a request, as HubSpot checks them. */
	private static void apply(String objectType, Pipeline pipeline, Stage stage, JsonNode body, boolean replace) {
		if (body.has("label")) {
			String label = body.get("label").asText();
			for (Stage other : pipeline.stages) {
				if (other != stage && !other.archived && other.label.equalsIgnoreCase(label)) {
					throw new Refusal(400, "VALIDATION_ERROR",
							"A stage with label " + label + " already exists in pipeline " + pipeline.id + ".");
				}
			}
		}
		JsonNode metadata = body.get("metadata");
		if (metadata != null) {
			checkMetadata(objectType, metadata);
			if (replace) {
				stage.metadata.clear();
			}
			metadata.fields().forEachRemaining(f -> stage.metadata.put(f.getKey(), f.getValue().asText()));
		}
		if (body.has("label")) {
			stage.label = body.get("label").asText();
		}
		if (body.has("displayOrder")) {
			stage.displayOrder = body.get("displayOrder").asInt();
		}
	}

	/** Deal stages: a probability from 0.0 to 1.0 in steps of 0.1; ticket stages: ticketState OPEN or CLOSED. */
	private static void checkMetadata(String objectType, JsonNode metadata) {
		if (objectType.equals("deals")) {
			JsonNode probability = metadata.get("probability");
			if (probability == null) {
				throw new Refusal(400, "VALIDATION_ERROR", "Deal stages require metadata.probability.");
			}
			BigDecimal value;
			try {
				value = new BigDecimal(probability.asText());
			} catch (NumberFormatException e) {
				throw new Refusal(400, "VALIDATION_ERROR", "probability " + probability.asText() + " is not a number.");
			}
			if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0
					|| value.remainder(new BigDecimal("0.1")).signum() != 0) {
				throw new Refusal(400, "VALIDATION_ERROR",
						"probability " + probability.asText() + " must be between 0.0 and 1.0 in increments of 0.1.");
			}
		} else if (metadata.has("ticketState") && !List.of("OPEN", "CLOSED").contains(metadata.get("ticketState").asText())) {
			throw new Refusal(400, "VALIDATION_ERROR", "ticketState must be OPEN or CLOSED.");
		}
	}

	// ---------------------------------------------------------------- answers

	/** The pipelines of a type as GET answers them (archived ones included). */
	ObjectNode pipelinesJson(String objectType) {
		ObjectNode answer = JSON.createObjectNode();
		ArrayNode results = answer.putArray("results");
		of(objectType).forEach(p -> results.add(json(objectType, p)));
		return answer;
	}

	ObjectNode json(String objectType, Pipeline pipeline) {
		ObjectNode node = JSON.createObjectNode();
		node.put("label", pipeline.label);
		node.put("displayOrder", pipeline.displayOrder);
		node.put("id", pipeline.id);
		ArrayNode stages = node.putArray("stages");
		pipeline.stages.stream()
				.sorted(Comparator.comparingInt((Stage s) -> s.displayOrder).thenComparing(s -> s.label, ALPHABETICAL))
				.forEach(s -> stages.add(json(objectType, s)));
		node.put("createdAt", pipeline.createdAt);
		node.put("updatedAt", pipeline.updatedAt);
		if (pipeline.archivedAt != null) {
			node.put("archivedAt", pipeline.archivedAt);
		}
		node.put("archived", pipeline.archived);
		return node;
	}

	ObjectNode stagesJson(String objectType, Pipeline pipeline) {
		ObjectNode answer = JSON.createObjectNode();
		ArrayNode results = answer.putArray("results");
		pipeline.stages.forEach(s -> results.add(json(objectType, s)));
		return answer;
	}

	static ObjectNode json(String objectType, Stage stage) {
		ObjectNode node = JSON.createObjectNode();
		node.put("label", stage.label);
		node.put("displayOrder", stage.displayOrder);
		ObjectNode metadata = node.putObject("metadata");
		if (objectType.equals("deals") && stage.metadata.containsKey("probability")) {
			BigDecimal probability = new BigDecimal(stage.metadata.get("probability"));
			metadata.put("isClosed", String.valueOf(probability.signum() == 0 || probability.compareTo(BigDecimal.ONE) == 0));
		}
		stage.metadata.forEach(metadata::put);
		node.put("id", stage.id);
		node.put("createdAt", stage.createdAt);
		node.put("updatedAt", stage.updatedAt);
		if (stage.archivedAt != null) {
			node.put("archivedAt", stage.archivedAt);
		}
		node.put("archived", stage.archived);
		node.put("writePermissions", stage.writePermissions);
		return node;
	}

	/** Puts the pipelines of a GET answer into the account, ids, dates and write permissions as they are. */
	void load(String objectType, JsonNode answer) {
		for (JsonNode node : answer.get("results")) {
			Pipeline pipeline = new Pipeline();
			pipeline.id = node.get("id").asText();
			pipeline.label = node.get("label").asText();
			pipeline.displayOrder = node.get("displayOrder").asInt();
			pipeline.archived = node.path("archived").asBoolean();
			pipeline.createdAt = node.get("createdAt").asText();
			pipeline.updatedAt = node.get("updatedAt").asText();
			pipeline.archivedAt = node.hasNonNull("archivedAt") ? node.get("archivedAt").asText() : null;
			for (JsonNode s : node.get("stages")) {
				pipeline.stages.add(loadStage(s));
			}
			of(objectType).add(pipeline);
		}
	}

	private static Stage loadStage(JsonNode s) {
		Stage stage = new Stage();
		stage.id = s.get("id").asText();
		stage.label = s.get("label").asText();
		stage.displayOrder = s.get("displayOrder").asInt();
		s.get("metadata").fields().forEachRemaining(f -> {
			if (!f.getKey().equals("isClosed")) {
				stage.metadata.put(f.getKey(), f.getValue().asText());
			}
		});
		stage.archived = s.path("archived").asBoolean();
		stage.createdAt = s.get("createdAt").asText();
		stage.updatedAt = s.get("updatedAt").asText();
		stage.archivedAt = s.hasNonNull("archivedAt") ? s.get("archivedAt").asText() : null;
		if (s.hasNonNull("writePermissions")) {
			stage.writePermissions = s.get("writePermissions").asText();
		}
		return stage;
	}
}

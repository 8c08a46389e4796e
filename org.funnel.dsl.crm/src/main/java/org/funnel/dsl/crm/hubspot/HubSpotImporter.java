package org.funnel.dsl.crm.hubspot;

import org.funnel.dsl.crm.imports.ImportResult;
import org.funnel.dsl.crm.imports.ImportedFunnel;
import org.funnel.dsl.crm.imports.ImportedFunnels;
import org.funnel.dsl.crm.files.JsonPositions;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.crm.imports.ImportedFunnel.ImportedStage;
import org.funnel.dsl.crm.imports.ImportedFunnel.Kind;
import org.funnel.dsl.model.HubSpotProbability;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads HubSpot pipelines as its CRM Pipelines API has them (the same in v3 and the date-based versions): a request
 * body ({@code PipelineInput}, what {@code generate --target hubspot} writes), one pipeline as {@code GET
 * /crm/pipelines/2026-09/{objectType}/{pipelineId}} returns it ({@code Pipeline}), or the
 * {@code {"results": [...]}} of {@code GET /crm/pipelines/2026-09/{objectType}}.
 * <p>
 * Ids are kept ({@code id} of a response, {@code pipelineId}/{@code stageId} of a request body), so
 * is the pipeline's display order; stages come in {@code displayOrder}; archived pipelines and stages
 * are left out with a warning. Deal stages: HubSpot closes a deal at probability 1.0 (won) or 0.0
 * (lost), so those are the won and lost stages ({@code isClosed}, where given, must agree). Ticket
 * stages: {@code CLOSED} is won. Transitions are inferred where the probabilities rise along the
 * pipeline. Whatever the project's checks would refuse is reported here, at its place in the file.
 */
public final class HubSpotImporter {

	private HubSpotImporter() {
	}

	public static ImportResult read(Path file) throws IOException {
		JsonPositions json = JsonPositions.read(file);
		CurrentState.refuseErrorAnswer(json);
		JsonNode root = json.root();
		List<String> pointers = new ArrayList<>();
		if (root != null && root.isArray()) {
			for (int i = 0; i < root.size(); i++) {
				pointers.add("/" + i);
			}
		} else if (root != null && root.path("results").isArray()) {
			for (int i = 0; i < root.get("results").size(); i++) {
				pointers.add("/results/" + i);
			}
		} else if (root != null && root.isObject()) {
			pointers.add("");
		}
		if (pointers.isEmpty()) {
			throw json.problem("", "no HubSpot pipeline found (expected an object with \"label\" and \"stages\","
					+ " or the {\"results\": [...]} of GET " + Request.PIPELINES + "/deals).");
		}
		List<String> warnings = new ArrayList<>();
		List<ImportedFunnel> funnels = new ArrayList<>();
		for (String pointer : pointers) {
			JsonNode pipeline = root.at(pointer);
			if (pipeline.path("archived").asBoolean(false)) {
				warnings.add(json.at(pointer) + ": pipeline '" + pipeline.path("label").asText("?")
						+ "' is archived; it was left out.");
				continue;
			}
			funnels.add(funnel(json, pointer, warnings));
		}
		if (funnels.isEmpty()) {
			throw json.problem("", "every pipeline in the file is archived; there is nothing to import.");
		}
		if (funnels.size() == 1) {
			fromIndex(file, funnels.get(0));
		}
		ImportedFunnels.name(funnels);
		for (ImportedFunnel funnel : funnels) {
			boolean tickets = "tickets".equals(funnel.hubspotObject);
			String why = tickets ? ImportedFunnels.chainTransitions(funnel) : ImportedFunnels.inferTransitions(funnel);
			if (why != null) {
				funnel.notes.add("No transitions were inferred: " + why + ".");
			} else if (tickets) {
				funnel.notes.add("A ticket pipeline has no probabilities: each stage moves on to the next in HubSpot's order."
						+ " Set the shares your tickets take.");
			}
		}
		return new ImportResult(funnels, warnings);
	}

	/**
	 * A payload written by {@code generate --target hubspot} has its object type (and, from older
	 * versions, its pipeline id) in the {@code pipelines.json} beside it.
	 */
	private static void fromIndex(Path file, ImportedFunnel funnel) {
		Path index = file.toAbsolutePath().getParent().resolve("pipelines.json");
		if (!Files.isRegularFile(index) || index.equals(file.toAbsolutePath())) {
			return;
		}
		try {
			for (JsonNode entry : Json.mapper().readTree(index.toFile())) {
				if (file.getFileName().toString().equals(entry.path("file").asText())) {
					String id = text(entry, "pipelineId");
					if (id != null && funnel.hubspotPipelineId == null) {
						funnel.hubspotPipelineId = id;
						funnel.hubspotPipeline = true;
					}
					if ("tickets".equals(text(entry, "objectType"))) {
						funnel.hubspotObject = "tickets";
						funnel.hubspotPipeline = true;
					}
				}
			}
		} catch (IOException | RuntimeException e) {
			// Not our index: the payload alone is enough.
		}
	}

	private static ImportedFunnel funnel(JsonPositions json, String pointer, List<String> warnings) {
		JsonNode pipeline = json.root().at(pointer);
		ImportedFunnel funnel = new ImportedFunnel();
		funnel.origin = json.at(pointer);
		funnel.label = text(pipeline, "label");
		if (funnel.label == null) {
			throw json.problem(pointer, "the pipeline has no \"label\".");
		}
		funnel.crms.add("hubspot");
		String id = text(pipeline, "id") != null ? text(pipeline, "id") : text(pipeline, "pipelineId");
		JsonNode displayOrder = pipeline.get("displayOrder");
		if (displayOrder != null && !displayOrder.isNull()) {
			if (!displayOrder.canConvertToInt() || !displayOrder.isIntegralNumber() || displayOrder.intValue() < 0) {
				throw json.problem(pointer + "/displayOrder", "the pipeline's displayOrder is " + displayOrder
						+ "; HubSpot's is a whole number from 0.");
			}
			if (displayOrder.intValue() != 0) {
				funnel.hubspotDisplayOrder = displayOrder.intValue();
			}
		}
		JsonNode stagesNode = pipeline.get("stages");
		if (stagesNode == null || !stagesNode.isArray()) {
			throw json.problem(pointer, "the pipeline '" + funnel.label + "' has no \"stages\" array.");
		}
		List<Integer> order = new ArrayList<>();
		boolean tickets = false;
		for (int i = 0; i < stagesNode.size(); i++) {
			JsonNode stage = stagesNode.get(i);
			if (stage.path("archived").asBoolean(false)) {
				warnings.add(json.at(pointer + "/stages/" + i) + ": stage '" + stage.path("label").asText("?")
						+ "' is archived; it was left out.");
				continue;
			}
			order.add(i);
			tickets |= stage.path("metadata").has("ticketState");
		}
		// Stable: stages with the same displayOrder keep their order in the file.
		order.sort(Comparator.comparingLong(i -> stagesNode.get(i).path("displayOrder").asLong(0)));
		funnel.hubspotObject = tickets ? "tickets" : "deals";
		funnel.hubspotPipelineId = id;
		funnel.hubspotPipeline = id != null || tickets;
		Map<String, String> labels = new HashMap<>();
		Map<String, String> ids = new HashMap<>();
		for (int i : order) {
			funnel.stages.add(stage(json, pointer + "/stages/" + i, tickets, labels, ids));
		}
		return funnel;
	}

	/** The stage at {@code at}; its label and id must not be another stage's ({@code labels}, {@code ids}: where each was). */
	private static ImportedStage stage(JsonPositions json, String at, boolean tickets, Map<String, String> labels,
			Map<String, String> ids) {
		JsonNode node = json.root().at(at);
		String label = text(node, "label");
		if (label == null) {
			throw json.problem(at, "a stage has no \"label\".");
		}
		String first = labels.putIfAbsent(label, at);
		if (first != null) {
			throw json.problem(at, "the pipeline has two stages labelled '" + label + "' (the other at " + json.at(first)
					+ "); HubSpot needs a label of its own for every stage.");
		}
		ImportedStage stage = new ImportedStage(label);
		stage.origin = json.at(at);
		stage.hubspotId = text(node, "id") != null ? text(node, "id") : text(node, "stageId");
		if (stage.hubspotId != null) {
			String firstId = ids.putIfAbsent(stage.hubspotId, at);
			if (firstId != null) {
				throw json.problem(at, "stage id '" + stage.hubspotId + "' is used twice (also at " + json.at(firstId) + ").");
			}
		}
		JsonNode metadata = node.path("metadata");
		if (tickets) {
			stage.kind = "CLOSED".equalsIgnoreCase(metadata.path("ticketState").asText("OPEN")) ? Kind.WON : Kind.OPEN;
		} else {
			dealStage(json, at, stage, metadata);
		}
		return stage;
	}

	/** A deal stage's outcome and probability, as HubSpot reads them. */
	private static void dealStage(JsonPositions json, String at, ImportedStage stage, JsonNode metadata) {
		JsonNode node = metadata.get("probability");
		if (node == null || node.isNull()) {
			throw json.problem(at, "deal stage '" + stage.label + "' has no metadata.probability; HubSpot requires one"
					+ " for deal stages (a ticket pipeline's stages have metadata.ticketState).");
		}
		String where = at + "/metadata/probability";
		BigDecimal probability;
		try {
			probability = new BigDecimal(node.asText().strip());
		} catch (NumberFormatException e) {
			throw json.problem(where,
					"stage '" + stage.label + "' has probability '" + node.asText() + "', which is not a number.");
		}
		if (probability.signum() < 0 || probability.compareTo(BigDecimal.ONE) > 0) {
			throw json.problem(where, "stage '" + stage.label + "' has probability " + node.asText()
					+ "; HubSpot probabilities go from 0.0 to 1.0.");
		}
		JsonNode closedNode = metadata.get("isClosed");
		Boolean closed = closedNode == null || closedNode.isNull() ? null : Boolean.parseBoolean(closedNode.asText());
		boolean readsAsClosed = HubSpotProbability.readsAsClosed(probability);
		if (closed != null && closed != readsAsClosed) {
			throw json.problem(at, "stage '" + stage.label + "' has probability " + node.asText() + " and isClosed "
					+ closed + ", but HubSpot closes a deal stage exactly at 0.0 (lost) and 1.0 (won).");
		}
		if (!HubSpotProbability.onGrid(probability)) {
			throw json.problem(where, "stage '" + stage.label + "' has probability " + node.asText()
					+ "; HubSpot's Pipelines API takes deal stage probabilities in steps of 0.1. Round it in HubSpot"
					+ " (or in the file) and import again.");
		}
		if (readsAsClosed) {
			stage.kind = probability.signum() == 0 ? Kind.LOST : Kind.WON;
		}
		stage.probabilityPercent = probability.multiply(BigDecimal.valueOf(100)).stripTrailingZeros();
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
	}
}

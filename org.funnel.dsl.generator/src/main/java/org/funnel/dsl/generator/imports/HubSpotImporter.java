package org.funnel.dsl.generator.imports;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.imports.ImportedFunnel.ImportedStage;
import org.funnel.dsl.generator.imports.ImportedFunnel.Kind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads HubSpot pipelines: a Pipelines API v3 request body (what {@code generate --target hubspot}
 * writes), a pipeline as {@code GET /crm/v3/pipelines/{objectType}/{id}} returns it (with ids), or
 * the {@code {"results": [...]}} of {@code GET /crm/v3/pipelines/{objectType}}.
 * <p>
 * Deal stages: {@code isClosed} with probability 1 is won, closed below 1 is lost; without
 * {@code isClosed}, probability 1 is won and 0 is lost. Ticket stages: CLOSED is won. Stages come in
 * {@code displayOrder}. Transitions are inferred where the probabilities rise along the pipeline.
 */
public final class HubSpotImporter {

	private HubSpotImporter() {
	}

	public static List<ImportedFunnel> read(Path file) throws IOException {
		String path = SourceFile.display(file);
		JsonNode root;
		try {
			root = Json.mapper().readTree(file.toFile());
		} catch (JsonProcessingException e) {
			throw new GenerationException(path + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
					+ ": not valid JSON: " + e.getOriginalMessage());
		}
		List<JsonNode> pipelines = new ArrayList<>();
		if (root != null && root.isArray()) {
			root.forEach(pipelines::add);
		} else if (root != null && root.has("results") && root.get("results").isArray()) {
			root.get("results").forEach(pipelines::add);
		} else if (root != null && root.isObject()) {
			pipelines.add(root);
		}
		if (pipelines.isEmpty()) {
			throw new GenerationException(path + ": no HubSpot pipeline found (expected an object with \"label\" and \"stages\").");
		}
		List<ImportedFunnel> funnels = new ArrayList<>();
		for (int p = 0; p < pipelines.size(); p++) {
			funnels.add(funnel(pipelines.get(p), path + (pipelines.size() > 1 ? " (pipeline " + (p + 1) + ")" : "")));
		}
		if (funnels.size() == 1) {
			fromIndex(file, funnels.get(0));
		}
		FunnelWriter.name(funnels);
		for (ImportedFunnel funnel : funnels) {
			if (!"tickets".equals(funnel.hubspotObject)) {
				String why = FunnelWriter.inferTransitions(funnel);
				if (why != null) {
					funnel.notes.add("No transitions were inferred: " + why + ".");
				}
			}
		}
		return funnels;
	}

	/**
	 * A payload written by {@code generate --target hubspot} has its pipeline id and object type in
	 * the {@code pipelines.json} beside it.
	 */
	private static void fromIndex(Path file, ImportedFunnel funnel) {
		Path index = file.toAbsolutePath().getParent().resolve("pipelines.json");
		if (funnel.hubspotPipelineId != null || !java.nio.file.Files.isRegularFile(index)) {
			return;
		}
		try {
			for (JsonNode entry : Json.mapper().readTree(index.toFile())) {
				if (file.getFileName().toString().equals(entry.path("file").asText())) {
					String id = text(entry, "pipelineId");
					String objectType = text(entry, "objectType");
					if (id != null) {
						funnel.hubspotPipelineId = id;
						funnel.hubspotPipeline = true;
					}
					if ("tickets".equals(objectType)) {
						funnel.hubspotObject = objectType;
						funnel.hubspotPipeline = true;
					}
				}
			}
		} catch (IOException | RuntimeException e) {
			// Not our index: the payload alone is enough.
		}
	}

	private static ImportedFunnel funnel(JsonNode pipeline, String where) {
		ImportedFunnel funnel = new ImportedFunnel();
		funnel.label = text(pipeline, "label");
		if (funnel.label == null) {
			throw new GenerationException(where + ": the pipeline has no \"label\".");
		}
		funnel.crms.add("hubspot");
		String id = text(pipeline, "id");
		JsonNode stagesNode = pipeline.get("stages");
		if (stagesNode == null || !stagesNode.isArray()) {
			throw new GenerationException(where + ": the pipeline has no \"stages\" array.");
		}
		List<JsonNode> stages = new ArrayList<>();
		stagesNode.forEach(stages::add);
		// Stable: stages with the same displayOrder keep their order in the file.
		stages.sort(Comparator.comparingLong(s -> s.path("displayOrder").asLong(0)));
		boolean tickets = false;
		for (JsonNode stage : stages) {
			if (stage.path("metadata").has("ticketState")) {
				tickets = true;
			}
		}
		funnel.hubspotObject = tickets ? "tickets" : "deals";
		funnel.hubspotPipelineId = id;
		funnel.hubspotPipeline = id != null || tickets;
		for (JsonNode node : stages) {
			String label = text(node, "label");
			if (label == null) {
				throw new GenerationException(where + ": a stage has no \"label\".");
			}
			ImportedStage stage = new ImportedStage(label);
			stage.hubspotId = text(node, "id");
			JsonNode metadata = node.path("metadata");
			if (tickets) {
				stage.kind = "CLOSED".equalsIgnoreCase(metadata.path("ticketState").asText("OPEN")) ? Kind.WON : Kind.OPEN;
			} else {
				BigDecimal probability = probability(metadata.get("probability"), where, label);
				JsonNode closedNode = metadata.get("isClosed");
				Boolean closed = closedNode == null || closedNode.isNull() ? null : Boolean.parseBoolean(closedNode.asText());
				boolean one = probability != null && probability.compareTo(BigDecimal.ONE) == 0;
				boolean zero = probability != null && probability.signum() == 0;
				if (Boolean.TRUE.equals(closed)) {
					stage.kind = one ? Kind.WON : Kind.LOST;
				} else if (closed == null && (one || zero)) {
					stage.kind = one ? Kind.WON : Kind.LOST;
				}
				if (probability != null) {
					stage.probabilityPercent = probability.multiply(BigDecimal.valueOf(100)).stripTrailingZeros();
				}
			}
			funnel.stages.add(stage);
		}
		return funnel;
	}

	private static BigDecimal probability(JsonNode node, String where, String label) {
		if (node == null || node.isNull()) {
			return null;
		}
		try {
			BigDecimal value = new BigDecimal(node.asText().strip());
			if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
				throw new GenerationException(where + ": stage '" + label + "' has probability " + node.asText()
						+ "; HubSpot probabilities go from 0.0 to 1.0.");
			}
			return value;
		} catch (NumberFormatException e) {
			throw new GenerationException(where + ": stage '" + label + "' has probability '" + node.asText()
					+ "', which is not a number.");
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
	}
}

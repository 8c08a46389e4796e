package org.funnel.dsl.history.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.History;
import org.funnel.dsl.history.HistoryBuilder;
import org.funnel.dsl.history.HistoryException;
import org.funnel.dsl.history.HistoryOptions;
import org.funnel.dsl.history.SkippedRow;
import org.funnel.dsl.history.StageMatcher;

/**
 * Saved answers of HubSpot's deal reads with history: {@code POST /crm/v3/objects/deals/batch/read} (or
 * {@code /crm/v3/objects/0-3/batch/read}) with {@code "propertiesWithHistory": ["dealstage", "pipeline"]},
 * or pages of {@code GET /crm/v3/objects/deals?propertiesWithHistory=dealstage,pipeline}: a JSON file, or a
 * directory of them (read in name order), each an object with {@code results}. A history is newest first;
 * of two entries with the same time the one listed later is the older. Stages are matched by the funnel's
 * {@code hubspot id}; {@code sourceType IMPORT} marks an import; {@code hs_is_closed_won}/{@code hs_is_closed}
 * give the current stage's outcome; {@code completedAt} is the export time. The errors of a partial answer
 * (207) are reported as skipped records.
 */
public final class HubSpotReader {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final JsonFactory FACTORY = JSON.getFactory();

	private HubSpotReader() {
	}

	/**
	 * Reads the deals of the options' pipeline, or, when they name none, of the funnel's {@code hubspot pipeline}
	 * id (when it declares one).
	 */
	public static History read(Path fileOrDirectory, FunnelShape funnel, HistoryOptions options) throws HistoryException {
		return read(fileOrDirectory, null, funnel, options);
	}

	/**
	 * The same, with HubSpot's saved answer of {@code GET /crm/v3/pipelines/deals} (or of one pipeline): a stage
	 * id the funnel does not declare as a {@code hubspot id} is then matched by its label, and every stage's
	 * outcome is known from {@code metadata.isClosed} and {@code probability} (1.0 won, 0.0 lost).
	 */
	public static History read(Path fileOrDirectory, Path pipelines, FunnelShape funnel, HistoryOptions options)
			throws HistoryException {
		if (options.pipeline() == null && funnel.hubSpotPipelineId() != null) {
			options = options.withPipeline(funnel.hubSpotPipelineId());
		}
		HistoryOptions read = options.historyCap() == HistoryOptions.SOURCE_CAP
				? options.withHistoryCap(HistoryOptions.HUBSPOT_HISTORY_CAP)
				: options;
		Map<String, String> labels = new LinkedHashMap<>();
		Map<String, Outcome> outcomes = new LinkedHashMap<>();
		if (pipelines != null) {
			readPipelines(pipelines, labels, outcomes);
		}
		Map<String, String> aliases = new LinkedHashMap<>(labels);
		aliases.putAll(options.aliases());
		HistoryBuilder builder = new HistoryBuilder(funnel, new StageMatcher(funnel, StageMatcher.Kind.HUBSPOT_ID, aliases),
				read);
		outcomes.forEach(builder::closedStage);
		for (Path file : files(fileOrDirectory)) {
			readFile(file, builder);
		}
		return builder.build();
	}

	/** Stage labels and outcomes by stage id from a saved pipelines answer (a list of pipelines, or one). */
	private static void readPipelines(Path file, Map<String, String> labels, Map<String, Outcome> outcomes)
			throws HistoryException {
		String name = file.toString();
		JsonNode root;
		try (InputStream in = Files.newInputStream(file)) {
			root = JSON.readTree(in);
		} catch (IOException e) {
			throw problem(name, e);
		}
		JsonNode list = root != null && root.has("results") ? root.get("results") : root;
		List<JsonNode> all = new ArrayList<>();
		if (list != null && list.isArray()) {
			list.forEach(all::add);
		} else if (list != null && list.has("stages")) {
			all.add(list);
		}
		if (all.isEmpty()) {
			throw new HistoryException(name, 1, 1, "not a saved answer of HubSpot's pipelines API: no 'results' with "
					+ "pipelines, nor a pipeline with 'stages'");
		}
		for (JsonNode pipeline : all) {
			for (JsonNode stage : pipeline.path("stages")) {
				String id = text(stage.get("id"));
				String label = text(stage.get("label"));
				if (id == null || label == null) {
					continue;
				}
				labels.put(id, label);
				JsonNode metadata = stage.path("metadata");
				if ("true".equals(text(metadata.get("isClosed")))) {
					String probability = text(metadata.get("probability"));
					java.math.BigDecimal value = probability == null ? null : Fields.amount(probability);
					outcomes.put(id,
							value != null && value.compareTo(java.math.BigDecimal.ONE) == 0 ? Outcome.WON : Outcome.LOST);
				}
			}
		}
	}

	private static List<Path> files(Path path) throws HistoryException {
		if (!Files.isDirectory(path)) {
			return List.of(path);
		}
		try (Stream<Path> listing = Files.list(path)) {
			List<Path> files = new ArrayList<>(
					listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList());
			if (files.isEmpty()) {
				throw new HistoryException(path.toString(), 1, 1, "the directory has no .json files");
			}
			return files;
		} catch (IOException e) {
			throw new HistoryException(path.toString(), 1, 1, "cannot be read: " + e.getMessage());
		}
	}

	private static void readFile(Path file, HistoryBuilder builder) throws HistoryException {
		String name = file.toString();
		try (InputStream in = Files.newInputStream(file); JsonParser parser = FACTORY.createParser(in)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new HistoryException(name, 1, 1, "not a saved HubSpot answer: a JSON object with 'results' expected");
			}
			boolean results = false;
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				if (field.equals("results") && value == JsonToken.START_ARRAY) {
					results = true;
					while (parser.nextToken() == JsonToken.START_OBJECT) {
						JsonLocation at = parser.currentTokenLocation();
						JsonNode deal = JSON.readTree(parser);
						readDeal(deal, new Place(name, at.getLineNr(), at.getColumnNr()), builder);
					}
				} else if (field.equals("errors") && value == JsonToken.START_ARRAY) {
					readErrors(parser, name, builder);
				} else if (field.equals("completedAt") && value == JsonToken.VALUE_STRING) {
					long time = Timestamps.parse(parser.getText());
					if (time != Timestamps.INVALID) {
						builder.exportedAt(time);
					}
				} else {
					parser.skipChildren();
				}
			}
			if (!results) {
				throw new HistoryException(name, 1, 1,
						"not a saved HubSpot answer: the object has no 'results' array (a batch read or a page of deals)");
			}
		} catch (IOException e) {
			throw problem(name, e);
		}
	}

	/** A file that cannot be read or is no JSON, said with its place. */
	private static HistoryException problem(String name, IOException e) {
		if (e instanceof NoSuchFileException) {
			return new HistoryException(name, 1, 1, "no such file");
		}
		if (e instanceof JsonProcessingException json) {
			JsonLocation at = json.getLocation();
			return new HistoryException(name, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
					"not valid JSON: " + json.getOriginalMessage());
		}
		return new HistoryException(name, 1, 1, "cannot be read: " + e.getMessage());
	}

	/** A 207 answer's errors (deals HubSpot could not read): each reported where it stands, as a skipped record. */
	private static void readErrors(JsonParser parser, String name, HistoryBuilder builder) throws IOException {
		while (parser.nextToken() == JsonToken.START_OBJECT) {
			JsonLocation at = parser.currentTokenLocation();
			JsonNode error = JSON.readTree(parser);
			String message = text(error.get("message"));
			builder.skip(new SkippedRow(name, at.getLineNr(), at.getColumnNr(), "HubSpot answered with an error ("
					+ text(error.get("category")) + "): " + (message == null ? "no message" : message)));
		}
	}

	/** Where a deal's object starts: skipped entries are reported there, with the path inside it. */
	private record Place(String file, int line, int column) {
		SkippedRow skip(String reason) {
			return new SkippedRow(file, line, column, reason);
		}
	}

	private static void readDeal(JsonNode deal, Place place, HistoryBuilder builder) {
		String id = text(deal.get("id"));
		if (id == null) {
			builder.skip(place.skip("a deal without 'id'"));
			return;
		}
		JsonNode properties = deal.path("properties");
		JsonNode stages = deal.path("propertiesWithHistory").path("dealstage");
		if (!stages.isArray() || stages.isEmpty()) {
			builder.skip(place.skip("deal " + id + " has no propertiesWithHistory.dealstage (ask for it in the read)"));
			return;
		}
		int d = builder.deal(id);
		if (deal.path("archived").asBoolean(false)) {
			builder.archived(d);
		}
		String created = text(properties.get("createdate")) != null ? text(properties.get("createdate"))
				: text(deal.get("createdAt"));
		long createdAt = created == null ? Timestamps.INVALID : Timestamps.parse(created);
		if (createdAt != Timestamps.INVALID) {
			builder.created(d, createdAt);
		}
		String amount = text(properties.get("amount"));
		if (amount != null && Fields.amount(amount) != null) {
			builder.amount(d, Fields.amount(amount));
		}
		builder.currentPipeline(d, text(properties.get("pipeline")));
		String current = text(properties.get("dealstage"));
		if (current != null) {
			if ("true".equals(text(properties.get("hs_is_closed_won")))) {
				builder.closedStage(current, Outcome.WON);
			} else if ("true".equals(text(properties.get("hs_is_closed_lost")))
					|| "true".equals(text(properties.get("hs_is_closed")))) {
				builder.closedStage(current, Outcome.LOST);
			}
		}
		readEntries(stages, "dealstage", id, d, place, builder, true);
		JsonNode pipelines = deal.path("propertiesWithHistory").path("pipeline");
		if (pipelines.isArray()) {
			readEntries(pipelines, "pipeline", id, d, place, builder, false);
		}
	}

	/** A history, newest first: the entry listed later is the older one, also at the same millisecond. */
	private static void readEntries(JsonNode entries, String property, String id, int d, Place place,
			HistoryBuilder builder, boolean stage) {
		int n = entries.size();
		for (int i = 0; i < n; i++) {
			JsonNode entry = entries.get(i);
			if (stage) {
				builder.row();
			}
			String value = text(entry.get("value"));
			String timestamp = text(entry.get("timestamp"));
			long time = timestamp == null ? Timestamps.INVALID : Timestamps.parse(timestamp);
			String where = "deal " + id + ", propertiesWithHistory." + property + "[" + i + "]: ";
			if (value == null || value.isEmpty()) {
				builder.skip(place.skip(where + "no value"));
			} else if (time == Timestamps.INVALID) {
				builder.skip(
						place.skip(where + (timestamp == null ? "no timestamp" : "timestamp '" + timestamp + "' is no time")));
			} else if (stage) {
				builder.stage(d, value, time, n - i, "IMPORT".equals(text(entry.get("sourceType"))));
			} else {
				builder.pipeline(d, value, time, n - i);
			}
		}
	}

	private static String text(JsonNode node) {
		return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
	}
}

package org.funnel.dsl.tests.crm;

import org.funnel.dsl.testing.crm.HubSpotContract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.List;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.targets.Target;
import org.funnel.dsl.crm.imports.FunnelWriter;
import org.funnel.dsl.crm.hubspot.HubSpotImporter;
import org.funnel.dsl.crm.imports.ImportCheck;
import org.funnel.dsl.crm.imports.ImportResult;
import org.funnel.dsl.tests.generator.Funnels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Importing what HubSpot returns: inputs shaped like real {@code GET /crm/pipelines/2026-09/{objectType}}
 * responses (checked against the response schemas of HubSpot's spec), imported, written as .funnel
 * text, loaded and generated again give back the same pipelines: labels, ids, display order, stage
 * order and probabilities. What cannot be imported is a message at its line and column.
 */
class HubSpotImportTest {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Path DEALS = Path.of("org.funnel.dsl.testing/src/main/resources/crm/hubspot/deals-pipelines.json");
	private static final Path TICKETS = Path.of("org.funnel.dsl.testing/src/main/resources/crm/hubspot/tickets-pipelines.json");

	@Test
	void theTestInputsAreShapedAsHubSpotAnswers() throws Exception {
		for (Path input : List.of(DEALS, TICKETS)) {
			JsonNode response = JSON.readTree(input.toFile());
			assertThat(HubSpotContract.PIPELINES.problems(response, "CollectionResponsePipelineNoPaging")).as(input.toString())
					.isEmpty();
			for (JsonNode pipeline : response.get("results")) {
				assertThat(HubSpotContract.PIPELINES.problems(pipeline, "Pipeline")).isEmpty();
				// The fields a real answer carries, beyond the required ones.
				for (JsonNode stage : pipeline.get("stages")) {
					assertThat(stage.has("writePermissions")).isTrue();
					assertThat(stage.has("createdAt") && stage.has("updatedAt") && stage.has("archived")).isTrue();
				}
			}
		}
	}

	@Test
	void dealPipelinesRoundTrip(@TempDir Path dir) throws Exception {
		JsonNode response = JSON.readTree(DEALS.toFile());
		ImportResult imported = HubSpotImporter.read(DEALS);
		assertThat(imported.warnings()).singleElement().asString()
				.endsWith(": pipeline 'Partner deals (old)' is archived; it was left out.");
		GeneratedFiles again = regenerate(dir, imported);
		int compared = 0;
		for (JsonNode pipeline : response.get("results")) {
			if (pipeline.get("archived").asBoolean()) {
				continue;
			}
			JsonNode payload = payloadFor(again, pipeline.get("label").asText());
			assertSamePipeline(pipeline, payload, false);
			compared++;
		}
		assertThat(compared).isEqualTo(2);
	}

	@Test
	void ticketPipelinesRoundTrip(@TempDir Path dir) throws Exception {
		JsonNode pipeline = JSON.readTree(TICKETS.toFile()).get("results").get(0);
		GeneratedFiles again = regenerate(dir, HubSpotImporter.read(TICKETS));
		JsonNode index = JSON.readTree(again.text("hubspot/pipelines.json"));
		assertThat(index.get(0).get("objectType").asText()).isEqualTo("tickets");
		assertSamePipeline(pipeline, payloadFor(again, "Support Pipeline"), true);
	}

	/** What a real answer says about a pipeline is what the regenerated request says. */
	private static void assertSamePipeline(JsonNode answer, JsonNode request, boolean tickets) {
		assertThat(HubSpotContract.PIPELINES.problems(request, "PipelineInput")).isEmpty();
		assertThat(request.get("label").asText()).isEqualTo(answer.get("label").asText());
		assertThat(request.get("displayOrder").asInt()).isEqualTo(answer.get("displayOrder").asInt());
		assertThat(request.get("pipelineId").asText()).isEqualTo(answer.get("id").asText());
		List<String> labels = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		List<String> values = new ArrayList<>();
		for (JsonNode stage : answer.get("stages")) {
			labels.add(stage.get("label").asText());
			ids.add(stage.get("id").asText());
			values.add(tickets ? stage.at("/metadata/ticketState").asText() : stage.at("/metadata/probability").asText());
		}
		List<String> requestLabels = new ArrayList<>();
		List<String> requestIds = new ArrayList<>();
		List<String> requestValues = new ArrayList<>();
		for (JsonNode stage : request.get("stages")) {
			requestLabels.add(stage.get("label").asText());
			requestIds.add(stage.get("stageId").asText());
			String value = tickets ? stage.at("/metadata/ticketState").asText() : stage.at("/metadata/probability").asText();
			requestValues.add(value);
		}
		assertThat(requestLabels).isEqualTo(labels);
		assertThat(requestIds).isEqualTo(ids);
		if (tickets) {
			assertThat(requestValues).isEqualTo(values);
		} else {
			assertThat(requestValues.stream().map(BigDecimal::new).toList())
					.usingElementComparator(BigDecimal::compareTo)
					.isEqualTo(values.stream().map(BigDecimal::new).toList());
		}
	}

	private static GeneratedFiles regenerate(Path dir, ImportResult imported) throws Exception {
		String text = FunnelWorkspace.injector().getInstance(FunnelWriter.class).write(List.of("Imported for a test."),
				imported.funnels());
		ImportCheck.check(text, imported.funnels());
		Path file = dir.resolve("imported.funnel");
		Files.writeString(file, text, StandardCharsets.UTF_8);
		FunnelWorkspace workspace = Funnels.load(file.toString());
		return Funnels.generate(workspace, Target.hubspot);
	}

	private static JsonNode payloadFor(GeneratedFiles files, String label) throws Exception {
		for (String path : files.files().keySet()) {
			if (!path.endsWith("pipelines.json")) {
				JsonNode payload = JSON.readTree(files.text(path));
				if (payload.get("label").asText().equals(label)) {
					return payload;
				}
			}
		}
		throw new AssertionError("no payload labelled " + label + " in " + files.files().keySet());
	}

	// What cannot be imported

	@Test
	void aClosedStageBetweenZeroAndOneIsRefusedAtItsPlace(@TempDir Path dir) throws Exception {
		Path file = write(dir, """
				{"label": "P", "displayOrder": 0, "stages": [
				  {"label": "Open", "displayOrder": 0, "metadata": {"probability": "0.2", "isClosed": "false"}},
				  {"label": "Half closed", "displayOrder": 1, "metadata": {"probability": "0.5", "isClosed": "true"}},
				  {"label": "Won", "displayOrder": 2, "metadata": {"probability": "1.0", "isClosed": "true"}}
				]}
				""");
		assertThatThrownBy(() -> HubSpotImporter.read(file)).isInstanceOf(GenerationException.class)
				.hasMessage(file + ":3:3: stage 'Half closed' has probability 0.5 and isClosed true, but HubSpot closes"
						+ " a deal stage exactly at 0.0 (lost) and 1.0 (won).");
	}

	@Test
	void aProbabilityOffHubSpotsGridIsRefusedAtItsPlace(@TempDir Path dir) throws Exception {
		Path file = write(dir, """
				{"label": "P", "displayOrder": 0, "stages": [
				  {"label": "Open", "displayOrder": 0, "metadata": {"probability": "0.25"}},
				  {"label": "Won", "displayOrder": 1, "metadata": {"probability": "1.0"}}
				]}
				""");
		assertThatThrownBy(() -> HubSpotImporter.read(file)).hasMessage(file + ":2:68: stage 'Open' has probability 0.25;"
				+ " HubSpot's Pipelines API takes deal stage probabilities in steps of 0.1. Round it in HubSpot (or in the file)"
				+ " and import again.");
	}

	@Test
	void aFunnelThatWouldFailItsChecksIsRefusedAtThePipeline(@TempDir Path dir) throws Exception {
		// Nothing the importer knows is wrong, but a deal pipeline without a won stage fails 'validate'.
		Path file = write(dir, """
				{"results": [
				  {"label": "Only open", "displayOrder": 0, "id": "77", "stages": [
				    {"label": "A", "displayOrder": 0, "id": "1", "metadata": {"probability": "0.2"}},
				    {"label": "B", "displayOrder": 1, "id": "2", "metadata": {"probability": "0.4"}}
				  ]}
				]}
				""");
		ImportResult imported = HubSpotImporter.read(file);
		String text = FunnelWorkspace.injector().getInstance(FunnelWriter.class).write(List.of(), imported.funnels());
		assertThatThrownBy(() -> ImportCheck.check(text, imported.funnels())).isInstanceOf(GenerationException.class)
				.hasMessageStartingWith(
						file + ":2:3: pipeline or process 'Only open': the imported funnel would not pass the checks: ")
				.hasMessageEndingWith("[no-won-stage]");
	}

	@Test
	void brokenJsonAndMissingFieldsAreRefusedAtTheirPlace(@TempDir Path dir) throws Exception {
		Path broken = write(dir, "{\"label\": \"P\",\n  \"stages\": [}\n");
		assertThatThrownBy(() -> HubSpotImporter.read(broken)).hasMessageStartingWith(broken + ":2:14: not valid JSON: ");
		Path noProbability = write(dir, """
				{"label": "P", "displayOrder": 0, "stages": [
				  {"label": "Won", "displayOrder": 0, "metadata": {"probability": "1.0"}},
				  {"label": "Open", "displayOrder": 1, "metadata": {}}
				]}
				""");
		assertThatThrownBy(() -> HubSpotImporter.read(noProbability)).hasMessage(noProbability
				+ ":3:3: deal stage 'Open' has no metadata.probability; HubSpot requires one for deal stages"
				+ " (a ticket pipeline's stages have metadata.ticketState).");
	}

	@Test
	void bytesThatAreNoTextAreRefusedAtTheirPlace(@TempDir Path dir) throws Exception {
		// Found by fuzzing: NULs make Jackson read UTF-32, and a character above U+10FFFF escaped as an I/O error.
		Path file = dir.resolve("pipeline.json");
		Files.write(file, new byte[] { '4', 0, 0, 0, 0, 0, 0, 0, 's', '"', ':', '[', '{' });
		assertThatThrownBy(() -> HubSpotImporter.read(file)).isInstanceOf(GenerationException.class)
				.hasMessageMatching(Pattern.quote(file.toString()) + ":1:\\d+: not valid JSON: Invalid UTF-32 character .*");
		// The first four bytes alone say UCS-4 in a byte order Jackson does not read.
		Files.write(file, new byte[] { 0, 6, 0, 0, ']', '}' });
		assertThatThrownBy(() -> HubSpotImporter.read(file))
				.hasMessage(file + ":1:1: not valid JSON: Unsupported UCS-4 endianness (3412) detected");
	}

	private static Path write(Path dir, String json) throws Exception {
		Path file = Files.createTempFile(dir, "pipeline", ".json");
		Files.writeString(file, json, StandardCharsets.UTF_8);
		return file;
	}
}

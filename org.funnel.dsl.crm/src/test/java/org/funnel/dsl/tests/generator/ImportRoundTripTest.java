package org.funnel.dsl.tests.generator;

import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.xtext.resource.XtextResource;
import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.formatting2.CanonicalFormat;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.OutputDirectory;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.targets.Target;
import org.funnel.dsl.crm.imports.FunnelWriter;
import org.funnel.dsl.crm.hubspot.HubSpotImporter;
import org.funnel.dsl.crm.imports.ImportResult;
import org.funnel.dsl.crm.imports.ImportedFunnel;
import org.funnel.dsl.crm.salesforce.SalesforceImporter;
import org.funnel.dsl.testing.crm.SalesforceXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import org.w3c.dom.Element;

/**
 * Importing CRM configuration and generating from the result gives back the same configuration,
 * byte for byte; the imported .funnel files are valid and in canonical layout.
 */
class ImportRoundTripTest {

	/** Writes imported funnels to a file, checks it is valid and canonical, and loads it. */
	static FunnelWorkspace reload(Path dir, String name, List<ImportedFunnel> funnels) throws Exception {
		String text = FunnelWorkspace.injector().getInstance(FunnelWriter.class).write(List.of("Imported for a test."), funnels);
		Path file = dir.resolve(name);
		Files.writeString(file, text, StandardCharsets.UTF_8);
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.NONE).load(SourceFile.collect(List.of(file.toString())));
		List<Diagnostic> errors = workspace.validate().stream().filter(Diagnostic::isError).toList();
		assertThat(errors).as(text).isEmpty();
		XtextResource resource = workspace.loaded().get(0).resource();
		assertThat(FunnelWorkspace.injector().getInstance(CanonicalFormat.class).format(resource)).as("canonical layout")
				.isEqualTo(text);
		return workspace;
	}

	@Test
	void hubspotPayloadsRoundTrip(@TempDir Path dir) throws Exception {
		FunnelWorkspace examples = Funnels.load("examples");
		GeneratedFiles original = Funnels.generate(examples, Target.hubspot);
		Path out = dir.resolve("out");
		OutputDirectory.write(out, original, List.of("hubspot"));
		int checked = 0;
		for (String path : original.files().keySet()) {
			if (path.endsWith("pipelines.json")) {
				continue;
			}
			List<ImportedFunnel> imported = HubSpotImporter.read(out.resolve(path)).funnels();
			FunnelWorkspace again = reload(dir, "imported" + checked + ".funnel", imported);
			GeneratedFiles regenerated = Funnels.generate(again, Target.hubspot);
			String payload = regenerated.files().keySet().stream().filter(p -> !p.endsWith("pipelines.json")).findFirst()
					.orElseThrow();
			assertThat(regenerated.text(payload)).as(path).isEqualTo(original.text(path));
			// The pipeline id and object type come back from pipelines.json.
			String name = path.substring("hubspot/".length());
			var entry = new ObjectMapper().readTree(original.text("hubspot/pipelines.json"));
			var again2 = new ObjectMapper().readTree(regenerated.text("hubspot/pipelines.json"));
			for (var e : entry) {
				if (e.get("file").asText().equals(name)) {
					assertThat(again2.get(0).get("pipelineId")).isEqualTo(e.get("pipelineId"));
					assertThat(again2.get(0).get("objectType")).isEqualTo(e.get("objectType"));
				}
			}
			checked++;
		}
		assertThat(checked).isEqualTo(8);
	}

	@Test
	void hubspotApiResponseWithTicketsKeywordsAndEscaping(@TempDir Path dir) throws Exception {
		// As GET /crm/pipelines/2026-09/tickets returns it: ids, timestamps, isClosed, stages out of order.
		Path json = dir.resolve("tickets.json");
		Files.writeString(json, """
				{"results": [{
				  "id": "0", "label": "Support & \\"VIP\\" <queue>", "displayOrder": 0, "archived": false,
				  "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z",
				  "stages": [
				    {"id": "4", "label": "Closed", "displayOrder": 3, "metadata": {"ticketState": "CLOSED", "isClosed": "true"}},
				    {"id": "1", "label": "New", "displayOrder": 0, "metadata": {"ticketState": "OPEN"}},
				    {"id": "2", "label": "Waiting on contact", "displayOrder": 1, "metadata": {"ticketState": "OPEN"}},
				    {"id": "3", "label": "Pipeline\\nreview ü", "displayOrder": 2, "metadata": {"ticketState": "OPEN"}}
				  ]}]}
				""", StandardCharsets.UTF_8);
		List<ImportedFunnel> imported = HubSpotImporter.read(json).funnels();
		String text = FunnelWorkspace.injector().getInstance(FunnelWriter.class).write(List.of(), imported);
		// A name that is a keyword gets a '^'; labels keep every character.
		assertThat(text).contains("won stage ^Closed \"Closed\"", "hubspot pipeline \"0\" for tickets",
				"stage PipelineReviewU \"Pipeline\\nreview ü\"", "hubspot id \"4\"",
				"funnel SupportVIPQueue \"Support & \\\"VIP\\\" <queue>\"");
		FunnelWorkspace again = reload(dir, "tickets.funnel", imported);
		GeneratedFiles regenerated = Funnels.generate(again, Target.hubspot);
		var payload = new ObjectMapper().readTree(regenerated.text("hubspot/SupportVIPQueue.json"));
		assertThat(payload.get("label").asText()).isEqualTo("Support & \"VIP\" <queue>");
		List<String> labels = new ArrayList<>();
		List<String> states = new ArrayList<>();
		payload.get("stages").forEach(s -> {
			labels.add(s.get("label").asText());
			states.add(s.get("metadata").get("ticketState").asText());
		});
		assertThat(labels).containsExactly("New", "Waiting on contact", "Pipeline\nreview ü", "Closed");
		assertThat(states).containsExactly("OPEN", "OPEN", "OPEN", "CLOSED");
	}

	@Test
	void hubspotDefaultFromTheApiGetsTransitionsBack(@TempDir Path dir) throws Exception {
		Path json = dir.resolve("default.json");
		Files.writeString(json,
				"""
						{"id": "default", "label": "Sales Pipeline", "displayOrder": 0, "stages": [
						  {"id": "appointmentscheduled", "label": "Appointment scheduled", "displayOrder": 0, "metadata": {"isClosed": "false", "probability": "0.2"}},
						  {"id": "qualifiedtobuy", "label": "Qualified to buy", "displayOrder": 1, "metadata": {"isClosed": "false", "probability": "0.4"}},
						  {"id": "presentationscheduled", "label": "Presentation scheduled", "displayOrder": 2, "metadata": {"isClosed": "false", "probability": "0.6"}},
						  {"id": "decisionmakerboughtin", "label": "Decision maker bought-in", "displayOrder": 3, "metadata": {"isClosed": "false", "probability": "0.8"}},
						  {"id": "contractsent", "label": "Contract sent", "displayOrder": 4, "metadata": {"isClosed": "false", "probability": "0.9"}},
						  {"id": "closedwon", "label": "Closed won", "displayOrder": 5, "metadata": {"isClosed": "true", "probability": "1.0"}},
						  {"id": "closedlost", "label": "Closed lost", "displayOrder": 6, "metadata": {"isClosed": "true", "probability": "0.0"}}
						]}
						""",
				StandardCharsets.UTF_8);
		List<ImportedFunnel> imported = HubSpotImporter.read(json).funnels();
		FunnelWorkspace workspace = reload(dir, "default.funnel", imported);
		// The inferred transitions imply the declared probabilities (the checks would warn otherwise).
		assertThat(workspace.validate()).isEmpty();
		FunnelWorkspace example = Funnels.load("examples/hubspot-default.funnel");
		assertThat(Funnels.generate(workspace, Target.hubspot).text("hubspot/SalesPipeline.json"))
				.isEqualTo(Funnels.generate(example, Target.hubspot).text("hubspot/DealPipeline.json"));
		String text = Files.readString(dir.resolve("default.funnel"));
		assertThat(text).contains("hubspot pipeline \"default\" for deals", "hubspot id \"closedwon\"",
				"moves to QualifiedToBuy 50%", "moves to ClosedLost 50%");
	}

	@Test
	void salesforceProjectRoundTrips(@TempDir Path dir) throws Exception {
		FunnelWorkspace examples = Funnels.load("examples");
		GeneratedFiles original = Funnels.generate(examples, Target.salesforce);
		Path out = dir.resolve("out");
		OutputDirectory.write(out, original, List.of("salesforce"));
		ImportResult result = SalesforceImporter.read(out.resolve("salesforce"));
		assertThat(result.warnings()).isEmpty();
		assertThat(result.funnels()).hasSize(4);
		FunnelWorkspace again = reload(dir, "salesforce.funnel", result.funnels());
		GeneratedFiles regenerated = Funnels.generate(again, Target.salesforce);
		assertThat(text(regenerated)).isEqualTo(text(original));
		String imported = Files.readString(dir.resolve("salesforce.funnel"));
		assertThat(imported).contains("salesforce process \"Standard Sales Process\"",
				"guidance \"Research the account & find the <b>economic buyer</b>.\"",
				"guidance \"Send the quote within 2 days; \\\"best & final\\\" offers need approval.\"");
	}

	@Test
	void salesforceLabelsWithMarkupQuotesNewlinesAndNonAscii(@TempDir Path dir) throws Exception {
		List<String> paths = FileTrees.write(dir, Map.of("odd.funnel", """
				funnel Odd "Odd & <strange>" {
				    crm salesforce
				    salesforce process "Odd & strange (EU)"
				    stage Qualify "Qualifizierung & \\"Bedarf\\" <1>" {
				        probability 25%
				        guidance "Line one\\nLine <two> & \\"three\\"\\r\\nÄnderung ✓"
				        moves to Won 25%
				        moves to Lost 75%
				    }
				    won stage Won "Gewonnen ✓"
				    lost stage Lost "Verloren"
				}
				"""));
		FunnelWorkspace workspace = Funnels.load(paths.toArray(String[]::new));
		GeneratedFiles original = Funnels.generate(workspace, Target.salesforce);
		Element set = SalesforceGeneratorTest.parse(original, SalesforceGeneratorTest.SOURCE
				+ "standardValueSets/OpportunityStage.standardValueSet-meta.xml");
		assertThat(SalesforceXml.children(set, "standardValue").stream().map(v -> SalesforceXml.text(v, "label")).toList())
				.containsExactly("Qualifizierung & \"Bedarf\" <1>", "Gewonnen ✓", "Verloren");
		Element path = SalesforceGeneratorTest.parse(original,
				SalesforceGeneratorTest.SOURCE + "pathAssistants/Odd_strange_EU.pathAssistant-meta.xml");
		// The carriage return survives the XML parser too (written as a character reference).
		assertThat(SalesforceXml.text(SalesforceXml.children(path, "pathAssistantSteps").get(0), "info"))
				.isEqualTo("Line one\nLine <two> & \"three\"\r\nÄnderung ✓");
		Path out = dir.resolve("out");
		OutputDirectory.write(out, original, List.of("salesforce"));
		ImportResult result = SalesforceImporter.read(out.resolve("salesforce"));
		FunnelWorkspace again = reload(dir, "odd-again.funnel", result.funnels());
		assertThat(text(Funnels.generate(again, Target.salesforce))).isEqualTo(text(original));
	}

	private static Map<String, String> text(GeneratedFiles files) {
		return files.files().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
				e -> new String(e.getValue(), StandardCharsets.UTF_8), (a, b) -> a, TreeMap::new));
	}
}

package org.funnel.dsl.tests.crm;

import org.funnel.dsl.testing.crm.SalesforceContract;
import org.funnel.dsl.testing.crm.SalesforceXml;
import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.targets.Target;
import org.funnel.dsl.crm.imports.FunnelWriter;
import org.funnel.dsl.crm.imports.ImportCheck;
import org.funnel.dsl.crm.imports.ImportResult;
import org.funnel.dsl.crm.salesforce.SalesforceImporter;
import org.funnel.dsl.generator.salesforce.MetadataNames;
import org.funnel.dsl.tests.generator.Funnels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Importing what Salesforce retrieves: an org with the ten standard stages, two sales processes (values
 * alphabetical, encoded, none the default), their record types and one path, in source format
 * ({@code crm/salesforce/source}) and in metadata API format ({@code crm/salesforce/mdapi}, made from
 * the source by {@code sf project convert source}; see the README beside them). Both import to the same
 * funnels, and generating from them gives back the org's stages, order, probabilities, forecast
 * categories, processes, record types and path. What cannot be imported is a message at its line and
 * column.
 */
class SalesforceImportTest {

	static final Path RETRIEVES = Path.of("org.funnel.dsl.testing/src/main/resources/crm/salesforce");
	static final Path SOURCE = RETRIEVES.resolve("source");
	static final Path MDAPI = RETRIEVES.resolve("mdapi");
	static final String DEFAULT = "force-app/main/default/";
	static final String PROCESSES = DEFAULT + "objects/Opportunity/businessProcesses/";

	@Test
	void bothFormatsOfOneRetrieveImportToTheSameFunnels() throws Exception {
		String source = FunnelWorkspace.injector().getInstance(FunnelWriter.class).write(List.of(),
				SalesforceImporter.read(SOURCE).funnels());
		String mdapi = FunnelWorkspace.injector().getInstance(FunnelWriter.class).write(List.of(),
				SalesforceImporter.read(MDAPI).funnels());
		assertThat(mdapi).isEqualTo(source);
		// The stages in the value set's order (the process lists them alphabetically), names decoded.
		assertThat(stageLabels(source, "SalesProcess")).containsExactly("Prospecting", "Qualification",
				"Needs Analysis", "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
				"Negotiation/Review", "Closed Won", "Closed Lost");
		assertThat(stageLabels(source, "RenewalProcess")).containsExactly("Qualification", "Proposal/Price Quote",
				"Negotiation/Review", "Closed Won", "Closed Lost");
		assertThat(source).contains("salesforce process \"Sales Process\"\n"
				+ "    salesforce description \"Sales Process for new business\"\n"
				+ "    salesforce record type \"Sales\" \"Sales\" description \"New business\"\n"
				+ "    salesforce path \"Sales_Path\" \"Sales Path\" for \"Sales\"\n",
				"salesforce process \"Renewal Process\"\n    salesforce record type \"Renewal\" \"Renewal\"\n\n")
				.doesNotContain("salesforce default", "%2");
	}

	@Test
	void aRetrieveRoundTrips(@TempDir Path dir) throws Exception {
		ImportResult imported = SalesforceImporter.read(SOURCE);
		assertThat(imported.warnings()).isEmpty();
		GeneratedFiles again = regenerate(dir, imported);
		for (String path : again.files().keySet()) {
			if (path.endsWith(".xml")) {
				assertThat(SalesforceContract.problems(again.files().get(path))).as(path).isEmpty();
			}
		}
		// The value set: the same stages in the same order, with the same settings.
		assertThat(standardValues(again.files().get("salesforce/" + DEFAULT
				+ "standardValueSets/OpportunityStage.standardValueSet-meta.xml")))
				.isEqualTo(standardValues(
						read(SOURCE.resolve(DEFAULT + "standardValueSets/OpportunityStage.standardValueSet-meta.xml"))));
		// The processes: same names (file and fullName), same values (encoded as retrieved), no default.
		for (String name : List.of("Sales Process", "Renewal Process")) {
			String file = PROCESSES + name + ".businessProcess-meta.xml";
			Element original = SalesforceXml.parse(read(SOURCE.resolve(file)));
			Element regenerated = SalesforceXml.parse(again.files().get("salesforce/" + file));
			assertThat(SalesforceXml.text(regenerated, "fullName")).isEqualTo(SalesforceXml.text(original, "fullName"));
			assertThat(SalesforceContractTest.values(regenerated)).as(name).isEqualTo(SalesforceContractTest.values(original));
		}
		// Record types: the same API names, labels and processes.
		for (String name : List.of("Sales", "Renewal")) {
			String file = DEFAULT + "objects/Opportunity/recordTypes/" + name + ".recordType-meta.xml";
			Element original = SalesforceXml.parse(read(SOURCE.resolve(file)));
			Element regenerated = SalesforceXml.parse(again.files().get("salesforce/" + file));
			for (String element : List.of("fullName", "businessProcess", "label", "active")) {
				assertThat(SalesforceXml.text(regenerated, element)).as(name + " " + element)
						.isEqualTo(SalesforceXml.text(original, element));
			}
		}
		// The path: same API name, label, record type and guidance.
		String path = DEFAULT + "pathAssistants/Sales_Path.pathAssistant-meta.xml";
		Element original = SalesforceXml.parse(read(SOURCE.resolve(path)));
		Element regenerated = SalesforceXml.parse(again.files().get("salesforce/" + path));
		assertThat(SalesforceXml.names(regenerated)).isEqualTo(SalesforceXml.names(original));
		assertThat(steps(regenerated)).isEqualTo(steps(original)).hasSize(3);
		for (String element : List.of("masterLabel", "recordTypeName", "entityName", "fieldName", "active")) {
			assertThat(SalesforceXml.text(regenerated, element)).isEqualTo(SalesforceXml.text(original, element));
		}
		assertThat(again.files().keySet().stream().filter(p -> p.endsWith(".xml")).count())
				.as("value set, two processes, two record types, one path, package.xml").isEqualTo(7);
	}

	@Test
	void aDefaultStageAndASecondRecordTypeOfAProcess(@TempDir Path dir) throws Exception {
		Path retrieve = FileTrees.copyTree(SOURCE, dir.resolve("retrieve"));
		Path renewal = retrieve.resolve(PROCESSES + "Renewal Process.businessProcess-meta.xml");
		Files.writeString(renewal, Files.readString(renewal).replace(
				"<fullName>Qualification</fullName>\n        <default>false</default>",
				"<fullName>Qualification</fullName>\n        <default>true</default>"));
		Path second = retrieve.resolve(DEFAULT + "objects/Opportunity/recordTypes/Renewal_EMEA.recordType-meta.xml");
		Files.writeString(second,
				Files.readString(retrieve.resolve(DEFAULT + "objects/Opportunity/recordTypes/Renewal.recordType-meta.xml"))
						.replace("<fullName>Renewal</fullName>", "<fullName>Renewal_EMEA</fullName>"));
		ImportResult imported = SalesforceImporter.read(retrieve);
		// Both record types of the process are imported (#23: the second one was dropped).
		assertThat(imported.warnings()).isEmpty();
		assertThat(FunnelWorkspace.injector().getInstance(FunnelWriter.class).write(List.of(), imported.funnels()))
				.contains(
						"    salesforce record type \"Renewal\" \"Renewal\"\n    salesforce record type \"Renewal_EMEA\" \"Renewal\"\n");
		String text = FunnelWorkspace.injector().getInstance(FunnelWriter.class).write(List.of(), imported.funnels());
		assertThat(text).contains("    stage Qualification \"Qualification\" {\n        probability 10%\n"
				+ "        salesforce forecast Pipeline\n        salesforce default\n");
		GeneratedFiles again = regenerate(dir, imported);
		Element process = SalesforceXml
				.parse(again.files().get("salesforce/" + PROCESSES + "Renewal Process.businessProcess-meta.xml"));
		assertThat(SalesforceContractTest.values(process)).containsExactly("Closed Lost:false", "Closed Won:false",
				"Negotiation%2FReview:false", "Proposal%2FPrice Quote:false", "Qualification:true");
	}

	// What cannot be imported: a message at its place, exit code 1, never a funnel that fails 'validate'

	@Test
	void aProcessValueTheSetDoesNotHaveIsAWarningAtItsPlace(@TempDir Path dir) throws Exception {
		// Real retrieves have them (inactive stages a value set retrieve leaves out): SamiraIyer-ITA/sf, carestone.
		Path retrieve = FileTrees.copyTree(SOURCE, dir.resolve("retrieve"));
		Path renewal = retrieve.resolve(PROCESSES + "Renewal Process.businessProcess-meta.xml");
		Files.writeString(renewal, Files.readString(renewal).replace("Negotiation%2FReview", "Negotiation%2FRevue"));
		assertThat(SalesforceImporter.read(retrieve).warnings()).containsExactly(SourceFile.display(renewal)
				+ ":13:13: sales process 'Renewal Process' lists stage 'Negotiation/Revue', which the OpportunityStage value"
				+ " set does not have (a retrieve leaves inactive stages out); it was not imported, and 'generate --current'"
				+ " keeps it in the process.");
	}

	@Test
	void badValuesInTheSetAreRefusedAtTheirPlace(@TempDir Path dir) throws Exception {
		Path retrieve = FileTrees.copyTree(MDAPI, dir.resolve("retrieve"));
		Path set = retrieve.resolve("standardValueSets/OpportunityStage.standardValueSet");
		String original = Files.readString(set);
		Files.writeString(set, original.replace("<probability>20</probability>", "<probability>twenty</probability>"));
		assertThatThrownBy(() -> SalesforceImporter.read(retrieve)).hasMessage(SourceFile.display(set)
				+ ":22:20: stage 'Needs Analysis' has probability 'twenty', which is not a percentage from 0 to 100.");
		Files.writeString(set, original.replaceFirst("<forecastCategory>Pipeline", "<forecastCategory>Commit"));
		assertThatThrownBy(() -> SalesforceImporter.read(retrieve)).hasMessageStartingWith(SourceFile.display(set)
				+ ":4:20: stage 'Prospecting' has forecast category 'Commit', which is none of Salesforce's: BestCase, Closed,");
		Files.writeString(set, original.replace("<label>Closed Won</label>", "<label>Closed Won</label>\n  <oops>"));
		assertThatThrownBy(() -> SalesforceImporter.read(retrieve)).hasMessage(SourceFile.display(set)
				+ ":85:7: not valid XML: The element type \"oops\" must be terminated by the matching end-tag \"</oops>\".");
	}

	@Test
	void aDoctypeInsideAnElementIsRefusedWhereTheParserStopped(@TempDir Path dir) throws Exception {
		// Found by fuzzing: the JDK's parser gives up without a position ("Scanner State 24 not Recognized").
		Path retrieve = FileTrees.copyTree(MDAPI, dir.resolve("retrieve"));
		Path set = retrieve.resolve("standardValueSets/OpportunityStage.standardValueSet");
		Files.writeString(set, Files.readString(set).replaceFirst("<closed>false</closed>",
				"<closed>f<!DOCTYPE x [<!ENTITY e \"e\">]>alse</closed>"));
		assertThatThrownBy(() -> SalesforceImporter.read(retrieve))
				.hasMessageMatching(Pattern.quote(SourceFile.display(set)) + ":\\d+:\\d+: not valid XML: .+");
	}

	@Test
	void anEncodingTheJdkCannotReadOrACutOffFileIsRefusedAtTheStart(@TempDir Path dir) throws Exception {
		// Found by fuzzing: the parser's UnsupportedEncodingException escaped as an I/O error.
		Path retrieve = FileTrees.copyTree(MDAPI, dir.resolve("retrieve"));
		Path set = retrieve.resolve("standardValueSets/OpportunityStage.standardValueSet");
		Files.writeString(set, Files.readString(set).replaceFirst("encoding=\"UTF-8\"", "encoding=\"UTF-7\""));
		assertThatThrownBy(() -> SalesforceImporter.read(retrieve)).hasMessage(
				SourceFile.display(set) + ":1:1: not valid XML: the encoding UTF-7 is not supported");
		// The parser places the end of a cut-off file nowhere (-1:-1).
		Files.writeString(set, "<?xml version=\"1.0");
		assertThatThrownBy(() -> SalesforceImporter.read(retrieve))
				.hasMessageStartingWith(SourceFile.display(set) + ":1:1: not valid XML: ");
	}

	@Test
	void withoutProcessesTheWarningSaysWhichFilesAreMissing(@TempDir Path dir) throws Exception {
		Path retrieve = FileTrees.copyTree(MDAPI, dir.resolve("retrieve"));
		Files.delete(retrieve.resolve("objects/Opportunity.object"));
		ImportResult imported = SalesforceImporter.read(retrieve);
		assertThat(imported.warnings()).anyMatch(w -> w.endsWith("retrieve: no Opportunity sales process: imported the value"
				+ " set as a funnel without one ('salesforce no process')."));
		assertThat(imported.funnels()).singleElement().satisfies(f -> assertThat(f.stages).hasSize(10))
				.satisfies(f -> assertThat(f.salesforceNoProcess).isTrue());
	}

	@Test
	void processNamesAreDecoded() {
		assertThat(MetadataNames.decode("Id%2E Decision Makers")).isEqualTo("Id. Decision Makers");
		assertThat(MetadataNames.decode("Quote %5Bv2%5D %E2%80%93 sent %E2%80%9924")).isEqualTo("Quote [v2] – sent ’24");
		// Names written unencoded (by hand, or by older versions) read as they are; '+' is not a space.
		assertThat(MetadataNames.decode("50% + more")).isEqualTo("50% + more");
		for (String name : List.of("Proposal/Price Quote", "a%41b", "Ü & ü: 100%", "Café (EU)")) {
			assertThat(MetadataNames.decode(MetadataNames.encode(name))).isEqualTo(name);
		}
	}

	// Helpers

	private static GeneratedFiles regenerate(Path dir, ImportResult imported) throws Exception {
		String text = FunnelWorkspace.injector().getInstance(FunnelWriter.class).write(List.of("Imported for a test."),
				imported.funnels());
		ImportCheck.check(text, imported.funnels());
		Path file = dir.resolve("imported.funnel");
		Files.writeString(file, text, StandardCharsets.UTF_8);
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.NONE).load(SourceFile.collect(List.of(file.toString())));
		assertThat(workspace.validate()).filteredOn(Diagnostic::isError).as(text).isEmpty();
		return Funnels.generate(workspace, Target.salesforce);
	}

	/** The labels of a funnel's stages in the written text, in order. */
	private static List<String> stageLabels(String text, String funnel) {
		String body = text.substring(text.indexOf("funnel " + funnel + " "));
		body = body.substring(0, body.indexOf("\n}\n"));
		List<String> labels = new ArrayList<>();
		for (String line : body.split("\n")) {
			if (line.matches(" {4}(won |lost )?stage \\S+ \".*")) {
				labels.add(line.substring(line.indexOf('"') + 1, line.lastIndexOf('"')));
			}
		}
		return labels;
	}

	/** Each value of a set: its elements and their text, in order. */
	private static List<Map<String, String>> standardValues(byte[] file) {
		List<Map<String, String>> values = new ArrayList<>();
		for (Element value : SalesforceXml.children(SalesforceXml.parse(file), "standardValue")) {
			Map<String, String> elements = new TreeMap<>();
			SalesforceXml.children(value, null).forEach(e -> elements.put(e.getLocalName(), e.getTextContent()));
			values.add(elements);
		}
		assertThat(values).hasSize(10);
		return values;
	}

	private static List<String> steps(Element path) {
		return SalesforceXml.children(path, "pathAssistantSteps").stream()
				.map(s -> SalesforceXml.text(s, "picklistValueName") + " = " + SalesforceXml.text(s, "info")).toList();
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

package org.funnel.dsl.tests.crm;

import org.funnel.dsl.testing.crm.SalesforceContract;
import org.funnel.dsl.testing.crm.SalesforceXml;
import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.targets.Target;
import org.funnel.dsl.tests.generator.Funnels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Every Salesforce file the generator writes is one Salesforce's own Metadata API types read and write
 * back unchanged ({@link SalesforceContract}), with the values a retrieve from a real org has: sales
 * process values encoded and sorted with no default unless declared, one OpportunityStage set whose
 * order follows every funnel's, record type and path names from the settings.
 */
class SalesforceContractTest {

	static final String SOURCE = "salesforce/force-app/main/default/";
	static final String VALUE_SET = SOURCE + "standardValueSets/OpportunityStage.standardValueSet-meta.xml";
	static final Path RETRIEVE = Path
			.of("org.funnel.dsl.testing/src/main/resources/crm/salesforce/source/force-app/main/default");

	/**
	 * A funnel beyond the examples that reaches the corners: names a retrieve encodes, a default stage,
	 * record type and path settings. The Salesforce CLI test (scripts/salesforce-cli/test.sh) uses it too.
	 */
	static final String CORNERS = "org.funnel.dsl.testing/src/main/resources/crm/salesforce/corners.funnel";

	// The contract itself

	@Test
	void theContractRefusesWhatSalesforcesTypesRefuse() {
		String good = """
				<?xml version="1.0" encoding="UTF-8"?>
				<StandardValueSet xmlns="http://soap.sforce.com/2006/04/metadata">
				    <sorted>false</sorted>
				    <standardValue>
				        <fullName>Lead</fullName>
				        <default>false</default>
				        <label>Lead</label>
				        <closed>false</closed>
				        <forecastCategory>Pipeline</forecastCategory>
				        <probability>10</probability>
				        <won>false</won>
				    </standardValue>
				</StandardValueSet>
				""";
		assertThat(problems(good)).isEmpty();
		// Without these the other tests could pass against a contract that accepts anything.
		assertThat(problems(good.replace("<label>Lead</label>\n        <closed>false</closed>",
				"<closed>false</closed>\n        <label>Lead</label>"))).as("order").isNotEmpty();
		assertThat(problems(good.replace("<won>false</won>", "<won>false</won><color>red</color><isWon>false</isWon>")))
				.as("unknown element").isNotEmpty();
		assertThat(problems(good.replace("<probability>10</probability>", "<probability>10.5</probability>")))
				.as("an int").isNotEmpty();
		assertThat(problems(good.replace("<closed>false</closed>", "<closed>no</closed>"))).singleElement().asString()
				.isEqualTo("/StandardValueSet/standardValue[2]/closed[4]: 'no' reads as 'false'");
		assertThat(problems(good.replace("Pipeline", "Pipe line"))).as("an enumeration").isNotEmpty();
		assertThat(problems(good.replace("        <default>false</default>\n", "")))
				.contains("/StandardValueSet/standardValue: StandardValue requires <default>");
		assertThat(problems(good.replace("metadata\"", "metadata/2\""))).as("namespace").isNotEmpty();
		assertThat(problems(good.replace("StandardValueSet", "StandardValueSets"))).as("type").isNotEmpty();
		assertThat(problems("""
				<PathAssistant xmlns="http://soap.sforce.com/2006/04/metadata">
				    <active>true</active>
				    <entityName>Opportunity</entityName>
				    <fieldName>StageName</fieldName>
				    <masterLabel>P</masterLabel>
				    <pathAssistantSteps><info>x</info></pathAssistantSteps>
				</PathAssistant>
				""")).contains("/PathAssistant: PathAssistant requires <recordTypeName>",
				"/PathAssistant/pathAssistantSteps: PathAssistantStep requires <picklistValueName>");
	}

	@Test
	void theRealShapedRetrieveInTheTestsPassesTheContract() throws Exception {
		int checked = 0;
		for (Path root : List.of(RETRIEVE, Path.of("org.funnel.dsl.testing/src/main/resources/crm/salesforce/mdapi"))) {
			try (var files = Files.walk(root)) {
				for (Path file : files.filter(f -> Files.isRegularFile(f) && !f.toString().endsWith(".json")).toList()) {
					assertThat(SalesforceContract.problems(Files.readAllBytes(file))).as(file.toString()).isEmpty();
					checked++;
				}
			}
		}
		assertThat(checked).as("six files in source format, four in metadata API format").isEqualTo(6 + 4);
	}

	// What the generator writes

	@Test
	void everyGeneratedFileIsWhatTheMetadataApiTypesRead() {
		GeneratedFiles files = Funnels.generate(Funnels.load(CORNERS, "examples"), Target.salesforce);
		Map<String, Integer> byType = new TreeMap<>();
		for (String path : files.files().keySet()) {
			if (path.endsWith(".xml")) {
				assertThat(SalesforceContract.problems(files.files().get(path))).as(path).isEmpty();
				byType.merge(root(files, path).getLocalName(), 1, Integer::sum);
			}
		}
		// Five Salesforce funnels (B2B, media plan, odd, standard sales, win-back), four of them with guidance.
		assertThat(byType).containsExactlyEntriesOf(new TreeMap<>(Map.of("BusinessProcess", 5, "Package", 1,
				"PathAssistant", 4, "RecordType", 5, "StandardValueSet", 1)));
	}

	@Test
	void theStandardProcessIsWrittenAsARetrieveWritesIt() throws Exception {
		GeneratedFiles files = Funnels.generate(Funnels.load("examples/salesforce-default.funnel"), Target.salesforce);
		Element generated = root(files,
				SOURCE + "objects/Opportunity/businessProcesses/Standard Sales Process.businessProcess-meta.xml");
		// The retrieve in the test data is shaped like real ones (Id%2E Decision Makers, ..., all false, alphabetical).
		Element retrieved = SalesforceXml.parse(Files.readAllBytes(
				RETRIEVE.resolve("objects/Opportunity/businessProcesses/Sales Process.businessProcess-meta.xml")));
		assertThat(values(generated)).isEqualTo(values(retrieved)).contains("Id%2E Decision Makers:false",
				"Negotiation%2FReview:false", "Proposal%2FPrice Quote:false").hasSize(10);
		Element set = root(files, VALUE_SET);
		assertThat(SalesforceXml.children(set, "standardValue").stream().map(v -> SalesforceXml.text(v, "fullName")).toList())
				.containsExactly("Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
						"Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost");
		assertThat(SalesforceXml.children(set, "standardValue")).allMatch(v -> SalesforceXml.text(v, "default").equals("false"));
		// Paths name stages unencoded, steps in alphabetical order as retrieves list them.
		Element path = root(files, SOURCE + "pathAssistants/Standard_Sales_Process.pathAssistant-meta.xml");
		assertThat(SalesforceXml.children(path, "pathAssistantSteps").stream()
				.map(s -> SalesforceXml.text(s, "picklistValueName")).toList())
				.containsExactly("Proposal/Price Quote", "Prospecting", "Qualification");
	}

	@Test
	void namesAreEncodedTheDefaultIsDeclaredAndTheSettingsNameTheRecordTypeAndPath() {
		GeneratedFiles files = Funnels.generate(Funnels.load(CORNERS), Target.salesforce);
		String process = SOURCE + "objects/Opportunity/businessProcesses/Odd %26 strange %28EU%29.businessProcess-meta.xml";
		Element bp = root(files, process);
		assertThat(SalesforceXml.text(bp, "fullName")).isEqualTo("Odd %26 strange %28EU%29");
		// Non-letter symbols are encoded too (retrieves encode £ § © ° ™ ≥ ...: docs/generators.md).
		assertThat(values(bp)).containsExactly("Gewonnen %E2%9C%93:false", "Qualify%3A budget%2C 50%25%2B sure%3F:true",
				"Quote %5Bv2%5D %E2%80%93 sent %E2%80%9924:false", "Verloren:false");
		Element recordType = root(files, SOURCE + "objects/Opportunity/recordTypes/Odd_EU.recordType-meta.xml");
		assertThat(SalesforceXml.text(recordType, "businessProcess")).isEqualTo("Odd %26 strange %28EU%29");
		assertThat(SalesforceXml.text(recordType, "label")).isEqualTo("Odd (EU)");
		Element path = root(files, SOURCE + "pathAssistants/Odd_EU_Path.pathAssistant-meta.xml");
		assertThat(SalesforceXml.text(path, "masterLabel")).isEqualTo("Odd path");
		assertThat(SalesforceXml.text(path, "recordTypeName")).isEqualTo("Odd_EU");
		assertThat(SalesforceXml.text(SalesforceXml.children(path, "pathAssistantSteps").get(0), "picklistValueName"))
				.isEqualTo("Qualify: budget, 50%+ sure?");
		// The value set: names as they are, no default.
		Element set = root(files, VALUE_SET);
		assertThat(SalesforceXml.children(set, "standardValue").stream().map(v -> SalesforceXml.text(v, "fullName") + ":"
				+ SalesforceXml.text(v, "default")).toList()).containsExactly("Qualify: budget, 50%+ sure?:false",
						"Quote [v2] – sent ’24:false", "Gewonnen ✓:false", "Verloren:false");
		Element manifest = root(files, "salesforce/package.xml");
		assertThat(members(manifest)).containsExactly("BusinessProcess:Opportunity.Odd %26 strange %28EU%29",
				"PathAssistant:Odd_EU_Path", "RecordType:Opportunity.Odd_EU", "StandardValueSet:OpportunityStage");
	}

	@Test
	void oneValueSetOrderFollowsEveryFunnel(@TempDir Path dir) {
		// A: Lead, Demo, Proposal; B: Lead, Trial, Proposal; C: Demo, Trial. First seen would give Lead, Demo,
		// Proposal, Trial, which puts Proposal before B's Trial; the merge keeps every funnel's order.
		Map<String, String> funnels = new TreeMap<>();
		funnels.put("a.funnel", salesFunnel("A", "Lead", "Demo", "Proposal"));
		funnels.put("b.funnel", salesFunnel("B", "Lead", "Trial", "Proposal"));
		funnels.put("c.funnel", salesFunnel("C", "Demo", "Trial"));
		GeneratedFiles files = Funnels.generate(Funnels.load(FileTrees.write(dir, funnels).toArray(String[]::new)),
				Target.salesforce);
		assertThat(valueSet(files)).containsExactly("Lead", "Demo", "Trial", "Proposal", "Won", "Lost");
		assertThat(files.warnings()).isEmpty();
	}

	@Test
	void contradictingOrdersAreMergedTheSameWayEveryTime(@TempDir Path dir) {
		Map<String, String> funnels = new TreeMap<>();
		funnels.put("d.funnel", salesFunnel("D", "Call", "Visit"));
		funnels.put("e.funnel", salesFunnel("E", "Visit", "Call"));
		GeneratedFiles files = Funnels.generate(Funnels.load(FileTrees.write(dir, funnels).toArray(String[]::new)),
				Target.salesforce);
		// D comes first by process name: its order wins, and the merge says so.
		assertThat(valueSet(files)).containsExactly("Call", "Visit", "Won", "Lost");
		assertThat(files.warnings()).singleElement().asString().contains("'Call' before a stage that another funnel lists ahead");
	}

	@Test
	void allExamplesGiveOpenStagesInEachFunnelsOrderThenWonThenLost() {
		GeneratedFiles files = Funnels.generate(Funnels.load("examples"), Target.salesforce);
		List<String> set = valueSet(files);
		Element valueSet = root(files, VALUE_SET);
		List<String> kinds = SalesforceXml.children(valueSet, "standardValue").stream()
				.map(v -> SalesforceXml.text(v, "won").equals("true") ? "won"
						: SalesforceXml.text(v, "closed").equals("true") ? "lost" : "open")
				.toList();
		assertThat(String.join(",", kinds)).matches("(open,)+(won,)+lost(,lost)*");
		assertThat(set).doesNotHaveDuplicates().startsWith("Lead", "Qualified", "Demo held");
		// Each process's open stages appear in the set in the order the funnel lists them.
		Map<String, List<String>> open = Map.of("B2B New Business", List.of("Lead", "Qualified", "Demo held", "Proposal sent",
				"Negotiation"), "Standard Sales Process",
				List.of("Prospecting", "Qualification", "Needs Analysis",
						"Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
						"Negotiation/Review"));
		open.forEach((process, stages) -> assertThat(set.stream().filter(stages::contains).toList()).as(process)
				.isEqualTo(stages));
	}

	// What is refused

	@Test
	void labelsThatDifferOnlyInCaseAreAnErrorNamingBothPlaces(@TempDir Path dir) {
		Map<String, String> funnels = new TreeMap<>();
		funnels.put("a.funnel", salesFunnel("A", "Demo"));
		funnels.put("b.funnel", salesFunnel("B", "demo"));
		List<String> paths = FileTrees.write(dir, funnels);
		FunnelWorkspace workspace = Funnels.load(paths.toArray(String[]::new));
		String a = SourceFile.display(Path.of(paths.get(0)));
		String b = SourceFile.display(Path.of(paths.get(1)));
		assertThatThrownBy(() -> Funnels.generate(workspace, Target.salesforce)).isInstanceOf(GenerationException.class)
				.hasMessage(b + ":3:14: stage 'demo' and stage 'Demo' (" + a + ":3:14) differ only in case, and Salesforce"
						+ " compares stage names ignoring case: they would be deployed as one stage. Spell them the same.");
	}

	@Test
	void aForecastCategoryThatContradictsTheStageIsRefusedByTheGeneratorToo(@TempDir Path dir) {
		// Not validated first: the generator itself refuses what the checks would report.
		List<String> paths = FileTrees.write(dir, Map.of("f.funnel", """
				funnel F {
				    crm salesforce
				    stage A {
				        salesforce forecast Closed
				        moves to W 100%
				    }
				    won stage W
				}
				"""));
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.NONE).load(SourceFile.collect(paths));
		assertThatThrownBy(() -> Funnels.generate(workspace, Target.salesforce)).isInstanceOf(GenerationException.class)
				.hasMessage(SourceFile.display(Path.of(paths.get(0))) + ":4:29: stage 'A': an open stage cannot be in the"
						+ " Salesforce forecast category Closed (Salesforce counts it as closed business); Pipeline, BestCase,"
						+ " MostLikely, Forecast or Omitted fit.");
	}

	@Test
	void twoFunnelsWithOneRecordTypeAreRefused(@TempDir Path dir) {
		Map<String, String> funnels = new TreeMap<>();
		funnels.put("a.funnel",
				salesFunnel("A", "Demo").replace("crm salesforce", "crm salesforce\n    salesforce record type \"Sales\""));
		funnels.put("b.funnel",
				salesFunnel("B", "Demo").replace("crm salesforce", "crm salesforce\n    salesforce record type \"Sales\""));
		FunnelWorkspace workspace = Funnels.load(FileTrees.write(dir, funnels).toArray(String[]::new));
		assertThatThrownBy(() -> Funnels.generate(workspace, Target.salesforce)).isInstanceOf(GenerationException.class)
				.hasMessageContaining("funnels 'A' (")
				.hasMessageContaining("and 'B' both use the Salesforce record type Sales.");
	}

	// Helpers

	static String salesFunnel(String name, String... open) {
		StringBuilder text = new StringBuilder("funnel " + name + " \"" + name + "\" {\n    crm salesforce\n");
		for (int i = 0; i < open.length; i++) {
			String next = i + 1 < open.length ? "S" + (i + 1) : "Won";
			text.append("    stage S").append(i).append(" \"").append(open[i]).append("\" { probability 40% moves to ")
					.append(next).append(" 50% moves to Lost 50% }\n");
		}
		return text.append("    won stage Won \"Won\"\n    lost stage Lost \"Lost\"\n}\n").toString();
	}

	static List<String> problems(String xml) {
		return SalesforceContract.problems(xml.getBytes(StandardCharsets.UTF_8));
	}

	static Element root(GeneratedFiles files, String path) {
		assertThat(files.files()).containsKey(path);
		return SalesforceXml.parse(files.files().get(path));
	}

	static List<String> valueSet(GeneratedFiles files) {
		return SalesforceXml.children(root(files, VALUE_SET), "standardValue").stream()
				.map(v -> SalesforceXml.text(v, "fullName")).toList();
	}

	/** A process's values as written: "fullName:default". */
	static List<String> values(Element process) {
		return SalesforceXml.children(process, "values").stream()
				.map(v -> SalesforceXml.text(v, "fullName") + ":" + SalesforceXml.text(v, "default")).toList();
	}

	static List<String> members(Element manifest) {
		List<String> members = new ArrayList<>();
		for (Element types : SalesforceXml.children(manifest, "types")) {
			String name = SalesforceXml.text(types, "name");
			SalesforceXml.children(types, "members").forEach(m -> members.add(name + ":" + m.getTextContent()));
		}
		return members;
	}
}

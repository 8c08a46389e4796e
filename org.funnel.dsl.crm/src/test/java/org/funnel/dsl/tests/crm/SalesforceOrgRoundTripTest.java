package org.funnel.dsl.tests.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.funnel.dsl.crm.imports.FunnelWriter;
import org.funnel.dsl.crm.imports.ImportCheck;
import org.funnel.dsl.crm.imports.ImportResult;
import org.funnel.dsl.crm.salesforce.SalesforceImporter;
import org.funnel.dsl.crm.salesforce.SalesforcePlan;
import org.funnel.dsl.crm.salesforce.SalesforcePlan.ElementChange;
import org.funnel.dsl.crm.salesforce.SalesforcePlanner;
import org.funnel.dsl.crm.salesforce.SalesforceRetrieve;
import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.salesforce.MetadataNames;
import org.funnel.dsl.generator.targets.Target;
import org.funnel.dsl.testing.FileTrees;
import org.funnel.dsl.testing.crm.SalesforceXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/**
 * Retrieves of real orgs ({@code crm/salesforce/orgs}, each with its source in the README there): importing
 * one and generating from it with {@code --current} gives back every component of the retrieve, element for
 * element (compared here by a plain walk of both XML trees, not by the product's own diff), the plan of the
 * imported funnels against their own retrieve is empty, and one change in a funnel is exactly one changed
 * element of the output and the one entry of the plan.
 */
class SalesforceOrgRoundTripTest {

	static final Path ORGS = SalesforceImportTest.RETRIEVES.resolve("orgs");

	/** What one import and generation gave: the funnels' text, the org and the project from it. */
	record RoundTrip(String funnels, SalesforceRetrieve org, GeneratedFiles project) {
	}

	@ParameterizedTest
	@ValueSource(strings = { "turbonomic-mdapi", "gusto", "carestone", "gearset" })
	void importThenGenerateFromTheRetrieveGivesEveryComponentBack(String name, @TempDir Path dir) throws Exception {
		RoundTrip trip = roundTrip(ORGS.resolve(name), dir, text -> text);
		SalesforceRetrieve org = trip.org();
		Map<String, Element> generated = components(trip.project());
		assertThat(tree(generated.get("StandardValueSet OpportunityStage"))).isEqualTo(tree(org.valueSet().element()));
		int compared = 1;
		for (SalesforceRetrieve.Part process : org.processes().values()) {
			assertThat(tree(generated.get("BusinessProcess " + process.name()))).as(process.name())
					.isEqualTo(tree(process.element()));
			compared++;
		}
		for (SalesforceRetrieve.Part recordType : org.recordTypes()) {
			assertThat(tree(generated.get("RecordType " + recordType.name()))).as(recordType.name())
					.isEqualTo(tree(recordType.element()));
			compared++;
		}
		for (SalesforceRetrieve.Part path : org.paths()) {
			assertThat(tree(generated.get("PathAssistant " + path.name()))).as(path.name()).isEqualTo(tree(path.element()));
			compared++;
		}
		assertThat(generated).as("the project writes what the retrieve has, nothing more").hasSize(compared);
		assertThat(plan(trip, dir).components()).as(trip.funnels()).isEmpty();
		assertThat(trip.project().warnings()).as("the imported funnels list the stages in the org's order").isEmpty();
	}

	private static final String UNQUALIFIED = "    lost stage Unqualified \"Unqualified\" {\n        probability 0%\n"
			+ "        salesforce forecast Omitted\n    }\n";
	private static final String FULLY_ONBOARDED = "    won stage FullyOnboarded \"Fully Onboarded\" {\n        probability 100%\n"
			+ "        salesforce forecast Closed\n    }\n";

	@Test
	void aFunnelListingItsWonStageBeforeItsLostOneKeepsTheOrgsOrderWithoutAWarning(@TempDir Path dir) throws Exception {
		// The org has Unqualified (lost) before Fully Onboarded (won); a funnel written by hand lists won stages first.
		RoundTrip trip = roundTrip(ORGS.resolve("turbonomic-mdapi"), dir, text -> swap(text, UNQUALIFIED, FULLY_ONBOARDED));
		assertThat(trip.funnels()).contains(FULLY_ONBOARDED + "\n" + UNQUALIFIED);
		assertThat(trip.project().warnings()).isEmpty();
		assertThat(plan(trip, dir).components()).isEmpty();
	}

	@Test
	void aFunnelListingOpenStagesInAnotherOrderIsToldTheOrgsOrderIsKept(@TempDir Path dir) throws Exception {
		String pipeline = "    stage ^Pipeline \"Pipeline\" {\n        probability 1%\n        salesforce forecast BestCase\n    }\n";
		String upside = "    stage Upside \"Upside\" {\n        probability 25%\n        salesforce forecast Forecast\n    }\n";
		RoundTrip trip = roundTrip(ORGS.resolve("turbonomic-mdapi"), dir, text -> swap(text, pipeline, upside));
		assertThat(trip.project().warnings()).singleElement().asString()
				.startsWith("A Salesforce funnel lists stage 'Pipeline' in another place than the org's OpportunityStage set");
		assertThat(plan(trip, dir).components()).as("the org's order is kept").isEmpty();
	}

	/** The text with two stage blocks that follow each other (first, a blank line, second) swapped. */
	private static String swap(String text, String first, String second) {
		assertThat(text).contains(first + "\n" + second);
		return text.replace(first + "\n" + second, second + "\n" + first);
	}

	@Test
	void theTurbonomicOrgKeepsWhatTheLanguageDoesNotSay(@TempDir Path dir) throws Exception {
		// Metadata API format, a won stage at 99% (the language cannot say it), an inactive record type, a process
		// with three record types whose path is on the last, key fields and stage descriptions.
		RoundTrip trip = roundTrip(ORGS.resolve("turbonomic-mdapi"), dir, text -> text);
		assertThat(trip.funnels()).contains(
				"    salesforce record type \"Partner_Onboarding_Opportunity_DO_NOT_USE\" \"Partner Onboarding Opportunity"
						+ " DO NOT USE\" inactive\n",
				"    salesforce record type \"Forecast\" \"Forecast\"\n    salesforce record type \"Quotas\" \"Quotas\"\n"
						+ "    salesforce record type \"Sales\" \"Sales\"\n    salesforce path \"Sales\" \"Sales\" for \"Sales\"\n",
				"        salesforce key fields Decision_Criteria__c, Decision_Process__c, Planned_POV_Start__c\n");
		assertThat(SalesforceXml.children(valueSet(trip.project()), "standardValue").get(5).getTextContent())
				.contains("PO received", "99");
	}

	@Test
	void oneProbabilityIsOneElementAndOnePlanEntry(@TempDir Path dir) throws Exception {
		Path org = ORGS.resolve("turbonomic-mdapi");
		RoundTrip before = roundTrip(org, dir.resolve("before"), text -> text);
		RoundTrip after = roundTrip(org, dir.resolve("after"),
				text -> text.replace("stage Upside \"Upside\" {\n        probability 25%",
						"stage Upside \"Upside\" {\n        probability 30%"));
		assertThat(changedLeaves(before.project(), after.project()))
				.containsExactly("StandardValueSet OpportunityStage: standardValue#3/probability 25 -> 30");
		assertOnePlanEntry(after, dir, "StandardValueSet", "standardValue[Upside]/probability", "25", "30");
	}

	@Test
	void aPathLabelIsOneElementAndOnePlanEntry(@TempDir Path dir) throws Exception {
		Path org = ORGS.resolve("turbonomic-mdapi");
		RoundTrip before = roundTrip(org, dir.resolve("before"), text -> text);
		RoundTrip after = roundTrip(org, dir.resolve("after"), text -> text.replace(
				"salesforce path \"Sales\" \"Sales\" for \"Sales\"",
				"salesforce path \"Sales\" \"Sales & renewals\" for \"Sales\""));
		assertThat(changedLeaves(before.project(), after.project()))
				.containsExactly("PathAssistant Sales: masterLabel Sales -> Sales & renewals");
		assertOnePlanEntry(after, dir, "PathAssistant", "masterLabel", "Sales", "Sales & renewals");
		assertThat(new String(after.project().files().get("salesforce/force-app/main/default/pathAssistants/"
				+ "Sales.pathAssistant-meta.xml"), StandardCharsets.UTF_8))
				.contains("<masterLabel>Sales &amp; renewals</masterLabel>");
	}

	@Test
	void anInactiveRecordTypeIsOneElementAndOnePlanEntry(@TempDir Path dir) throws Exception {
		Path org = ORGS.resolve("gusto");
		RoundTrip before = roundTrip(org, dir.resolve("before"), text -> text);
		assertThat(before.funnels()).contains("salesforce process \"Growth/Expansion\"\n",
				"salesforce process \"Benefits v2\" inactive\n    salesforce description \"2016 HI sales stages, uncoupled"
						+ " from signup steps\"\n    salesforce no record type\n",
				// The label is the process name, so the line leaves it out.
				"salesforce record type \"Growth_Expansion\" description \"Used for track sales related to GustoHR Pro.\"\n");
		RoundTrip after = roundTrip(org, dir.resolve("after"),
				text -> text.replace("\"Growth_Expansion\" description", "\"Growth_Expansion\" inactive description"));
		assertThat(changedLeaves(before.project(), after.project()))
				.containsExactly("RecordType Growth_Expansion: active true -> false");
		assertOnePlanEntry(after, dir, "RecordType", "active", "true", "false");
		// The process keeps its encoded name (a retrieve writes Growth%2FExpansion) as file and fullName.
		assertThat(after.project().files()).containsKey("salesforce/force-app/main/default/objects/Opportunity/"
				+ "businessProcesses/Growth%2FExpansion.businessProcess-meta.xml");
	}

	@Test
	void aKeyFieldOfTheMasterPathIsOneElementAndOnePlanEntry(@TempDir Path dir) throws Exception {
		// carestone: only a master path, processes without record types, one inactive, stages no process uses, a
		// process value the value set does not have (an inactive stage), steps for stages of several funnels.
		Path org = ORGS.resolve("carestone");
		RoundTrip before = roundTrip(org, dir.resolve("before"), text -> text);
		assertThat(before.funnels()).contains("    salesforce process \"VKC Immobilie\" inactive\n    salesforce no record"
				+ " type\n", "    salesforce no process\n    salesforce path \"Verkauf\" for master\n");
		String keyFields = "salesforce key fields AccountId, Grundprovision_Provisionsverhandlung__c,"
				+ " Reservierung_l_uft_aus_in__c, Verl_ngerung_beantragen__c, VSA_EK_vorhanden__c";
		assertThat(before.funnels()).contains(keyFields);
		RoundTrip after = roundTrip(org, dir.resolve("after"), text -> text.replace(keyFields, keyFields + ", Amount"));
		assertThat(changedLeaves(before.project(), after.project()))
				.containsExactly("PathAssistant Verkauf: pathAssistantSteps#5/fieldNames#6 (none) -> Amount");
		assertOnePlanEntry(after, dir, "PathAssistant", "pathAssistantSteps[Reserviert]/fieldNames",
				"AccountId, Grundprovision_Provisionsverhandlung__c, Reservierung_l_uft_aus_in__c,"
						+ " Verl_ngerung_beantragen__c, VSA_EK_vorhanden__c",
				"AccountId, Grundprovision_Provisionsverhandlung__c, Reservierung_l_uft_aus_in__c,"
						+ " Verl_ngerung_beantragen__c, VSA_EK_vorhanden__c, Amount");
	}

	@Test
	void aNewStageIsOneValueAndOnePlanEntryAndTheOrgsOrderStays(@TempDir Path dir) throws Exception {
		// GearSetDemo: the ten standard stages and two custom ones after Closed Lost, no process at all.
		Path org = ORGS.resolve("gearset");
		RoundTrip before = roundTrip(org, dir.resolve("before"), text -> text);
		assertThat(before.funnels()).contains("salesforce no process").doesNotContain("salesforce process");
		RoundTrip after = roundTrip(org, dir.resolve("after"),
				text -> text.replace("\n}\n", "\n\n    stage Onboarding \"Onboarding\" {\n        probability 80%\n    }\n}\n"));
		List<String> labels = SalesforceXml.children(valueSet(after.project()), "standardValue").stream()
				.map(v -> SalesforceXml.text(v, "fullName")).toList();
		assertThat(labels).containsExactly("Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
				"Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won",
				"Closed Lost", "ssssssss", "wwwwww", "Onboarding");
		SalesforcePlan plan = plan(after, dir);
		assertThat(plan.size()).isEqualTo(1);
		assertThat(plan.components().get(0).changes()).singleElement()
				.satisfies(c -> assertThat(c.element()).isEqualTo("standardValue[Onboarding]"))
				.satisfies(c -> assertThat(c.before()).isNull())
				.satisfies(c -> assertThat(c.after()).contains("probability: 80"));
	}

	@Test
	void sortedAndAStageDefaultOfTheOrgAreKept(@TempDir Path dir) throws Exception {
		// No real retrieve has sorted true or a default stage in the value set (research note): GearSetDemo with
		// those two elements changed, as the Metadata API types allow them.
		Path org = FileTrees.copyTree(ORGS.resolve("gearset"), dir.resolve("org"));
		Path set = org.resolve("force-app/main/default/standardValueSets/OpportunityStage.standardValueSet-meta.xml");
		Files.writeString(set, Files.readString(set).replace("<sorted>false</sorted>", "<sorted>true</sorted>")
				.replace("<fullName>Qualification</fullName>\n        <default>false</default>",
						"<fullName>Qualification</fullName>\n        <default>true</default>"));
		RoundTrip trip = roundTrip(org, dir.resolve("trip"), text -> text);
		assertThat(tree(valueSet(trip.project()))).isEqualTo(tree(trip.org().valueSet().element()))
				.contains("sorted=true", "default=true");
		assertThat(plan(trip, dir).components()).isEmpty();
	}

	@Test
	void processNamesWithAnyCharacterAreEncodedAsRetrievesEncodeThem(@TempDir Path dir) throws Exception {
		// Derived: no real process name has these characters, record type picklist values of the same retrieves do
		// ('%27' '%3A' '%2B' '%23' '%E2%80%93', research note); "Partner Sales v2%2E0" is the process of #23.
		Path org = FileTrees.copyTree(ORGS.resolve("gusto"), dir.resolve("org"));
		Path processes = org.resolve("force-app/main/default/objects/Opportunity/businessProcesses");
		String name = "Partner Sales v2.0, Bob's: A+B #1 – EU/US";
		String encoded = MetadataNames.encode(name);
		assertThat(encoded).isEqualTo("Partner Sales v2%2E0%2C Bob%27s%3A A%2BB %231 %E2%80%93 EU%2FUS");
		Files.writeString(processes.resolve(encoded + ".businessProcess-meta.xml"),
				Files.readString(processes.resolve("Benefits v2.businessProcess-meta.xml"))
						.replace("<fullName>Benefits v2</fullName>", "<fullName>" + encoded + "</fullName>"));
		RoundTrip trip = roundTrip(org, dir.resolve("trip"), text -> text);
		assertThat(trip.funnels()).contains("salesforce process \"" + name + "\" inactive\n");
		assertThat(trip.project().files()).containsKey(
				"salesforce/force-app/main/default/objects/Opportunity/businessProcesses/" + encoded
						+ ".businessProcess-meta.xml");
		assertThat(plan(trip, dir).components()).isEmpty();
	}

	// Helpers

	/** Imports the retrieve, lets {@code edit} change the funnels' text, and generates from the retrieve. */
	static RoundTrip roundTrip(Path retrieve, Path dir, java.util.function.UnaryOperator<String> edit) throws IOException {
		ImportResult imported = SalesforceImporter.read(retrieve);
		String text = FunnelWorkspace.injector().getInstance(FunnelWriter.class).write(List.of("Imported for a test."),
				imported.funnels());
		ImportCheck.check(text, imported.funnels());
		String edited = edit.apply(text);
		Files.createDirectories(dir);
		Path file = dir.resolve("imported.funnel");
		Files.writeString(file, edited, StandardCharsets.UTF_8);
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.NONE).load(SourceFile.collect(List.of(file.toString())));
		assertThat(workspace.validate()).filteredOn(Diagnostic::isError).as(edited).isEmpty();
		SalesforceRetrieve org = SalesforceRetrieve.read(retrieve);
		GeneratedFiles project = Target.generate(workspace.funnels(), EnumSet.of(Target.salesforce), workspace.analyses(),
				DiagramOptions.DEFAULT, org.org());
		return new RoundTrip(edited, org, project);
	}

	static SalesforcePlan plan(RoundTrip trip, Path dir) throws IOException {
		return SalesforcePlanner.plan(SalesforceRetrieve.read(write(trip.project(), Files.createTempDirectory(dir, "plan"))),
				trip.org());
	}

	private static void assertOnePlanEntry(RoundTrip trip, Path dir, String type, String element, String before,
			String after) throws IOException {
		SalesforcePlan plan = plan(trip, dir);
		assertThat(plan.size()).isEqualTo(1);
		assertThat(plan.components()).singleElement().satisfies(c -> assertThat(c.type()).isEqualTo(type))
				.satisfies(c -> assertThat(c.changes()).containsExactly(new ElementChange(element, before, after)));
	}

	private static Path write(GeneratedFiles files, Path dir) throws IOException {
		for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
			Path target = dir.resolve(file.getKey());
			Files.createDirectories(target.getParent());
			Files.write(target, file.getValue());
		}
		return dir.resolve("salesforce");
	}

	/** The generated components by "Type name" (a process by its decoded name). */
	private static Map<String, Element> components(GeneratedFiles files) {
		Map<String, Element> components = new TreeMap<>();
		for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
			String path = file.getKey();
			String base = path.substring(path.lastIndexOf('/') + 1);
			String type = base.endsWith(".businessProcess-meta.xml") ? "BusinessProcess"
					: base.endsWith(".recordType-meta.xml") ? "RecordType"
							: base.endsWith(".pathAssistant-meta.xml") ? "PathAssistant"
									: base.endsWith(".standardValueSet-meta.xml") ? "StandardValueSet" : null;
			if (type != null) {
				String name = MetadataNames.decode(base.substring(0, base.indexOf('.')));
				components.put(type + " " + name, SalesforceXml.parse(file.getValue()));
			}
		}
		return components;
	}

	private static Element valueSet(GeneratedFiles files) {
		return SalesforceXml.parse(files.files()
				.get("salesforce/force-app/main/default/standardValueSets/OpportunityStage.standardValueSet-meta.xml"));
	}

	/**
	 * An element's children as text: each child's name, and its text or (for one with children) its own tree, in
	 * document order. The root's own name is left out: a process of {@code Opportunity.object} is a
	 * {@code businessProcesses} element, the same process of a source-format file a {@code BusinessProcess}.
	 */
	static String tree(Element element) {
		assertThat(element).isNotNull();
		StringBuilder out = new StringBuilder();
		for (Element child : SalesforceXml.children(element, null)) {
			out.append(child.getLocalName());
			if (SalesforceXml.children(child, null).isEmpty()) {
				out.append('=').append(child.getTextContent()).append('\n');
			} else {
				out.append(" {\n").append(tree(child)).append("}\n");
			}
		}
		return out.toString();
	}

	/** Every leaf that differs between two projects: "Type name: path before -> after", paths by position. */
	static List<String> changedLeaves(GeneratedFiles before, GeneratedFiles after) {
		Map<String, String> old = leaves(before);
		Map<String, String> now = leaves(after);
		return Stream.concat(old.keySet().stream(), now.keySet().stream().filter(k -> !old.containsKey(k))).distinct()
				.filter(k -> !java.util.Objects.equals(old.get(k), now.get(k)))
				.map(k -> k + " " + or(old.get(k)) + " -> " + or(now.get(k))).toList();
	}

	private static String or(String text) {
		return text == null ? "(none)" : text;
	}

	private static Map<String, String> leaves(GeneratedFiles files) {
		Map<String, String> leaves = new LinkedHashMap<>();
		for (Map.Entry<String, Element> component : components(files).entrySet()) {
			leaves(component.getKey() + ":", component.getValue(), leaves);
		}
		return leaves;
	}

	private static void leaves(String path, Element element, Map<String, String> leaves) {
		Map<String, Integer> seen = new TreeMap<>();
		for (Element child : SalesforceXml.children(element, null)) {
			int n = seen.merge(child.getLocalName(), 1, Integer::sum);
			boolean repeated = SalesforceXml.children(element, child.getLocalName()).size() > 1
					|| child.getLocalName().equals("standardValue") || child.getLocalName().equals("pathAssistantSteps")
					|| child.getLocalName().equals("fieldNames") || child.getLocalName().equals("values");
			String at = path + (path.endsWith(":") ? " " : "/") + child.getLocalName() + (repeated ? "#" + n : "");
			if (SalesforceXml.children(child, null).isEmpty()) {
				leaves.put(at, child.getTextContent());
			} else {
				leaves(at, child, leaves);
			}
		}
	}
}

package org.funnel.dsl.tests.generator;

import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.targets.Target;
import org.funnel.dsl.generator.salesforce.MetadataNames;
import org.funnel.dsl.testing.crm.SalesforceXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * The Salesforce DX project: every file parsed as XML and checked against the Metadata API shape
 * (namespace, element names and order), the value set complete across funnels.
 */
class SalesforceGeneratorTest {

	static final String SOURCE = "salesforce/force-app/main/default/";

	/** The file, which starts with an XML declaration, parsed. */
	static Element parse(GeneratedFiles files, String path) {
		assertThat(files.files()).containsKey(path);
		byte[] bytes = files.files().get(path);
		assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		return SalesforceXml.parse(bytes);
	}

	@Test
	void standardSalesProcess() throws Exception {
		FunnelWorkspace workspace = Funnels.load("examples/salesforce-default.funnel");
		GeneratedFiles files = Funnels.generate(workspace, Target.salesforce);
		assertThat(files.files()).containsOnlyKeys("salesforce/package.xml", "salesforce/sfdx-project.json",
				SOURCE + "standardValueSets/OpportunityStage.standardValueSet-meta.xml",
				SOURCE + "objects/Opportunity/businessProcesses/Standard Sales Process.businessProcess-meta.xml",
				SOURCE + "objects/Opportunity/recordTypes/Standard_Sales_Process.recordType-meta.xml",
				SOURCE + "pathAssistants/Standard_Sales_Process.pathAssistant-meta.xml");

		valueSetAsRetrieved(files);
		processAsRetrieved(files);
		recordTypeAndPath(files);
		manifestAndProject(files);
	}

	/** The OpportunityStage value set: every stage, in the funnel's order, with the fields a retrieve has. */
	private static void valueSetAsRetrieved(GeneratedFiles files) throws Exception {
		Element set = parse(files, SOURCE + "standardValueSets/OpportunityStage.standardValueSet-meta.xml");
		assertThat(set.getLocalName()).isEqualTo("StandardValueSet");
		assertThat(SalesforceXml.text(set, "sorted")).isEqualTo("false");
		List<Element> values = SalesforceXml.children(set, "standardValue");
		assertThat(values).hasSize(10);
		List<String> expected = List.of("Prospecting:10:Pipeline", "Qualification:10:Pipeline", "Needs Analysis:20:Pipeline",
				"Value Proposition:50:Pipeline", "Id. Decision Makers:60:Pipeline", "Perception Analysis:70:Pipeline",
				"Proposal/Price Quote:75:Pipeline", "Negotiation/Review:90:Pipeline", "Closed Won:100:Closed",
				"Closed Lost:0:Omitted");
		for (int i = 0; i < values.size(); i++) {
			Element value = values.get(i);
			assertThat(SalesforceXml.names(value)).containsExactly("fullName", "default", "label", "closed", "forecastCategory",
					"probability", "won");
			String[] want = expected.get(i).split(":");
			assertThat(SalesforceXml.text(value, "fullName")).isEqualTo(want[0]);
			assertThat(SalesforceXml.text(value, "label")).isEqualTo(want[0]);
			assertThat(SalesforceXml.text(value, "probability")).isEqualTo(want[1]);
			assertThat(SalesforceXml.text(value, "forecastCategory")).isEqualTo(want[2]);
			// As retrieved from an org: no value of the set is the default.
			assertThat(SalesforceXml.text(value, "default")).isEqualTo("false");
			assertThat(SalesforceXml.text(value, "closed")).isEqualTo(i >= 8 ? "true" : "false");
			assertThat(SalesforceXml.text(value, "won")).isEqualTo(i == 8 ? "true" : "false");
		}
	}

	/** The sales process, its values as a retrieve lists them. */
	private static void processAsRetrieved(GeneratedFiles files) throws Exception {
		Element process = parse(files,
				SOURCE + "objects/Opportunity/businessProcesses/Standard Sales Process.businessProcess-meta.xml");
		assertThat(process.getLocalName()).isEqualTo("BusinessProcess");
		// No description: the funnel declares none (#23: the label is not one), so none is invented.
		assertThat(SalesforceXml.names(process).subList(0, 3)).containsExactly("fullName", "isActive", "values");
		assertThat(SalesforceXml.text(process, "fullName")).isEqualTo("Standard Sales Process");
		assertThat(SalesforceXml.text(process, "isActive")).isEqualTo("true");
		// As a retrieve lists them: alphabetical, names encoded, no default (the funnel declares none).
		List<String> processValues = SalesforceXml.children(process, "values").stream()
				.map(v -> SalesforceXml.text(v, "fullName") + ":" + SalesforceXml.text(v, "default")).toList();
		assertThat(processValues).containsExactly("Closed Lost:false", "Closed Won:false", "Id%2E Decision Makers:false",
				"Needs Analysis:false", "Negotiation%2FReview:false", "Perception Analysis:false", "Proposal%2FPrice Quote:false",
				"Prospecting:false", "Qualification:false", "Value Proposition:false");
	}

	/** The record type of the process, and the path with the stages' guidance. */
	private static void recordTypeAndPath(GeneratedFiles files) throws Exception {
		Element recordType = parse(files, SOURCE + "objects/Opportunity/recordTypes/Standard_Sales_Process.recordType-meta.xml");
		assertThat(SalesforceXml.text(recordType, "businessProcess")).isEqualTo("Standard Sales Process");
		assertThat(SalesforceXml.text(recordType, "fullName")).isEqualTo("Standard_Sales_Process");

		Element path = parse(files, SOURCE + "pathAssistants/Standard_Sales_Process.pathAssistant-meta.xml");
		assertThat(path.getLocalName()).isEqualTo("PathAssistant");
		assertThat(SalesforceXml.names(path).get(0)).isEqualTo("active");
		assertThat(SalesforceXml.text(path, "entityName")).isEqualTo("Opportunity");
		assertThat(SalesforceXml.text(path, "fieldName")).isEqualTo("StageName");
		assertThat(SalesforceXml.text(path, "recordTypeName")).isEqualTo("Standard_Sales_Process");
		List<Element> steps = SalesforceXml.children(path, "pathAssistantSteps");
		assertThat(steps).hasSize(3);
		// Steps in alphabetical order, as a retrieve lists them.
		assertThat(steps.stream().map(s -> SalesforceXml.text(s, "picklistValueName")).toList())
				.containsExactly("Proposal/Price Quote", "Prospecting", "Qualification");
		// Escaped in the file, the same text once parsed.
		assertThat(SalesforceXml.text(steps.get(1), "info")).isEqualTo("Research the account & find the <b>economic buyer</b>.");
		assertThat(files.text(SOURCE + "pathAssistants/Standard_Sales_Process.pathAssistant-meta.xml"))
				.contains("Research the account &amp; find the &lt;b&gt;economic buyer&lt;/b&gt;.");
		assertThat(SalesforceXml.text(steps.get(0), "info"))
				.isEqualTo("Send the quote within 2 days; \"best & final\" offers need approval.");
	}

	/** package.xml and sfdx-project.json. */
	private static void manifestAndProject(GeneratedFiles files) throws Exception {
		Element manifest = parse(files, "salesforce/package.xml");
		assertThat(manifest.getLocalName()).isEqualTo("Package");
		List<String> typeNames = SalesforceXml.children(manifest, "types").stream().map(t -> SalesforceXml.text(t, "name"))
				.toList();
		assertThat(typeNames).containsExactly("BusinessProcess", "PathAssistant", "RecordType", "StandardValueSet");
		Element first = SalesforceXml.children(manifest, "types").get(0);
		assertThat(SalesforceXml.children(first, "members").stream().map(Node::getTextContent).toList())
				.containsExactly("Opportunity.Standard Sales Process");
		assertThat(Double.parseDouble(SalesforceXml.text(manifest, "version"))).isGreaterThanOrEqualTo(38.0);
		assertThat(SalesforceXml.names(manifest).get(SalesforceXml.names(manifest).size() - 1)).isEqualTo("version");
		assertThat(new ObjectMapper().readTree(files.text("salesforce/sfdx-project.json"))
				.get("packageDirectories").get(0).get("path").asText()).isEqualTo("force-app");
	}

	@Test
	void oneCompleteValueSetForAllFunnels() throws Exception {
		FunnelWorkspace workspace = Funnels.load("examples");
		GeneratedFiles files = Funnels.generate(workspace, Target.salesforce);
		Element set = parse(files, SOURCE + "standardValueSets/OpportunityStage.standardValueSet-meta.xml");
		List<String> inSet = SalesforceXml.children(set, "standardValue").stream().map(v -> SalesforceXml.text(v, "fullName"))
				.toList();
		assertThat(inSet).doesNotHaveDuplicates();
		// Every value of every business process is in the set, or the deploy would deactivate it.
		List<String> processes = files.files().keySet().stream().filter(p -> p.endsWith(".businessProcess-meta.xml")).toList();
		assertThat(processes).hasSize(4); // B2B, media plan, standard sales, win-back: the funnels that target Salesforce
		int used = 0;
		for (String file : processes) {
			for (Element value : SalesforceXml.children(parse(files, file), "values")) {
				// Process values are written encoded (Proposal%2FPrice Quote), the set's as they are.
				assertThat(inSet).contains(MetadataNames.decode(SalesforceXml.text(value, "fullName")));
				used++;
			}
		}
		assertThat(inSet.size()).isLessThanOrEqualTo(used);
		// No default in the set: a process names its own ('salesforce default'), none of the examples does.
		assertThat(SalesforceXml.children(set, "standardValue")).allMatch(v -> SalesforceXml.text(v, "default").equals("false"));
		// "Closed Won" of B2B (from the shared outcomes) and of the standard process are one value, spelled as Salesforce does.
		assertThat(inSet.stream().filter(v -> v.equalsIgnoreCase("closed won")).toList()).containsExactly("Closed Won");
		assertThat(files.warnings()).isEmpty();
		// Funnels that only target HubSpot are not deployed to Salesforce.
		assertThat(inSet).doesNotContain("Free trial", "Visit");
	}

	@Test
	void conflictingSharedStagesAreAnError(@TempDir Path dir) {
		List<String> paths = FileTrees.write(dir, Map.of("a.funnel", """
				funnel A "A" {
				    crm salesforce
				    stage Talk "Talk" {
				        probability 20%
				        moves to Won 20%
				    }
				    won stage Won "Won"
				}
				""", "b.funnel", """
				funnel B "B" {
				    crm salesforce
				    stage Talk "Talk" {
				        probability 30%
				        moves to Won 30%
				    }
				    won stage Won "Won"
				}
				"""));
		FunnelWorkspace workspace = Funnels.load(paths.toArray(String[]::new));
		assertThatThrownBy(() -> Funnels.generate(workspace, Target.salesforce)).isInstanceOf(GenerationException.class)
				.hasMessageContaining("'Talk' is 20%").hasMessageContaining("30%");
	}
}

package org.funnel.dsl.tests.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Salesforce DX project: every file parsed as XML and checked against the Metadata API shape
 * (namespace, element names and order), the value set complete across funnels.
 */
class SalesforceGeneratorTest {

	static final String NS = "http://soap.sforce.com/2006/04/metadata";
	static final String SOURCE = "salesforce/force-app/main/default/";

	static Element parse(GeneratedFiles files, String path) throws Exception {
		assertThat(files.files()).containsKey(path);
		byte[] bytes = files.files().get(path);
		assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)).getDocumentElement();
		assertThat(root.getNamespaceURI()).isEqualTo(NS);
		return root;
	}

	static List<Element> children(Element parent, String name) {
		List<Element> result = new ArrayList<>();
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e && (name == null || name.equals(e.getLocalName()))) {
				assertThat(e.getNamespaceURI()).isEqualTo(NS);
				result.add(e);
			}
		}
		return result;
	}

	static List<String> names(Element parent) {
		return children(parent, null).stream().map(Element::getLocalName).toList();
	}

	static String text(Element parent, String name) {
		List<Element> found = children(parent, name);
		assertThat(found).as(name).hasSize(1);
		return found.get(0).getTextContent();
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

		Element set = parse(files, SOURCE + "standardValueSets/OpportunityStage.standardValueSet-meta.xml");
		assertThat(set.getLocalName()).isEqualTo("StandardValueSet");
		assertThat(text(set, "sorted")).isEqualTo("false");
		List<Element> values = children(set, "standardValue");
		assertThat(values).hasSize(10);
		List<String> expected = List.of("Prospecting:10:Pipeline", "Qualification:10:Pipeline", "Needs Analysis:20:Pipeline",
				"Value Proposition:50:Pipeline", "Id. Decision Makers:60:Pipeline", "Perception Analysis:70:Pipeline",
				"Proposal/Price Quote:75:Pipeline", "Negotiation/Review:90:Pipeline", "Closed Won:100:Closed",
				"Closed Lost:0:Omitted");
		for (int i = 0; i < values.size(); i++) {
			Element value = values.get(i);
			assertThat(names(value)).containsExactly("fullName", "default", "label", "closed", "forecastCategory", "probability", "won");
			String[] want = expected.get(i).split(":");
			assertThat(text(value, "fullName")).isEqualTo(want[0]);
			assertThat(text(value, "label")).isEqualTo(want[0]);
			assertThat(text(value, "probability")).isEqualTo(want[1]);
			assertThat(text(value, "forecastCategory")).isEqualTo(want[2]);
			assertThat(text(value, "default")).isEqualTo(i == 0 ? "true" : "false");
			assertThat(text(value, "closed")).isEqualTo(i >= 8 ? "true" : "false");
			assertThat(text(value, "won")).isEqualTo(i == 8 ? "true" : "false");
		}

		Element process = parse(files, SOURCE + "objects/Opportunity/businessProcesses/Standard Sales Process.businessProcess-meta.xml");
		assertThat(process.getLocalName()).isEqualTo("BusinessProcess");
		assertThat(names(process).subList(0, 3)).containsExactly("fullName", "description", "isActive");
		assertThat(text(process, "fullName")).isEqualTo("Standard Sales Process");
		assertThat(text(process, "isActive")).isEqualTo("true");
		List<String> processValues = children(process, "values").stream().map(v -> text(v, "fullName")).toList();
		assertThat(processValues).containsExactlyElementsOf(expected.stream().map(e -> e.split(":")[0]).toList());

		Element recordType = parse(files, SOURCE + "objects/Opportunity/recordTypes/Standard_Sales_Process.recordType-meta.xml");
		assertThat(text(recordType, "businessProcess")).isEqualTo("Standard Sales Process");
		assertThat(text(recordType, "fullName")).isEqualTo("Standard_Sales_Process");

		Element path = parse(files, SOURCE + "pathAssistants/Standard_Sales_Process.pathAssistant-meta.xml");
		assertThat(path.getLocalName()).isEqualTo("PathAssistant");
		assertThat(names(path).get(0)).isEqualTo("active");
		assertThat(text(path, "entityName")).isEqualTo("Opportunity");
		assertThat(text(path, "fieldName")).isEqualTo("StageName");
		assertThat(text(path, "recordTypeName")).isEqualTo("Standard_Sales_Process");
		List<Element> steps = children(path, "pathAssistantSteps");
		assertThat(steps).hasSize(3);
		assertThat(text(steps.get(0), "picklistValueName")).isEqualTo("Prospecting");
		// Escaped in the file, the same text once parsed.
		assertThat(text(steps.get(0), "info")).isEqualTo("Research the account & find the <b>economic buyer</b>.");
		assertThat(files.text(SOURCE + "pathAssistants/Standard_Sales_Process.pathAssistant-meta.xml"))
				.contains("Research the account &amp; find the &lt;b&gt;economic buyer&lt;/b&gt;.");
		assertThat(text(steps.get(2), "info")).isEqualTo("Send the quote within 2 days; \"best & final\" offers need approval.");

		Element manifest = parse(files, "salesforce/package.xml");
		assertThat(manifest.getLocalName()).isEqualTo("Package");
		List<String> typeNames = children(manifest, "types").stream().map(t -> text(t, "name")).toList();
		assertThat(typeNames).containsExactly("BusinessProcess", "PathAssistant", "RecordType", "StandardValueSet");
		Element first = children(manifest, "types").get(0);
		assertThat(children(first, "members").stream().map(Node::getTextContent).toList())
				.containsExactly("Opportunity.Standard Sales Process");
		assertThat(Double.parseDouble(text(manifest, "version"))).isGreaterThanOrEqualTo(38.0);
		assertThat(names(manifest).get(names(manifest).size() - 1)).isEqualTo("version");
		assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(files.text("salesforce/sfdx-project.json"))
				.get("packageDirectories").get(0).get("path").asText()).isEqualTo("force-app");
	}

	@Test
	void oneCompleteValueSetForAllFunnels() throws Exception {
		FunnelWorkspace workspace = Funnels.load("examples");
		GeneratedFiles files = Funnels.generate(workspace, Target.salesforce);
		Element set = parse(files, SOURCE + "standardValueSets/OpportunityStage.standardValueSet-meta.xml");
		List<String> inSet = children(set, "standardValue").stream().map(v -> text(v, "fullName")).toList();
		assertThat(inSet).doesNotHaveDuplicates();
		// Every value of every business process is in the set, or the deploy would deactivate it.
		List<String> processes = files.files().keySet().stream().filter(p -> p.endsWith(".businessProcess-meta.xml")).toList();
		assertThat(processes).hasSize(4); // B2B, media plan, standard sales, win-back: the funnels that target Salesforce
		int used = 0;
		for (String file : processes) {
			for (Element value : children(parse(files, file), "values")) {
				assertThat(inSet).contains(text(value, "fullName"));
				used++;
			}
		}
		assertThat(inSet.size()).isLessThanOrEqualTo(used);
		// One default: the first open stage.
		List<Element> defaults = children(set, "standardValue").stream().filter(v -> text(v, "default").equals("true")).toList();
		assertThat(defaults).hasSize(1);
		assertThat(text(defaults.get(0), "closed")).isEqualTo("false");
		// Salesforce compares stage names ignoring case: "Closed won" (B2B) and "Closed Won" (standard) are one value.
		assertThat(inSet.stream().filter(v -> v.equalsIgnoreCase("closed won")).count()).isEqualTo(1);
		assertThat(files.warnings()).anyMatch(w -> w.contains("ignore case"));
		// Funnels that only target HubSpot are not deployed to Salesforce.
		assertThat(inSet).doesNotContain("Free trial", "Visit");
	}

	@Test
	void conflictingSharedStagesAreAnError(@TempDir Path dir) {
		List<String> paths = Funnels.write(dir, Map.of("a.funnel", """
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

package org.funnel.dsl.tests.robustness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.funnel.dsl.crm.hubspot.HubSpotImporter;
import org.funnel.dsl.crm.imports.ImportResult;
import org.funnel.dsl.crm.imports.ImportedFunnel;
import org.funnel.dsl.crm.imports.ImportedFunnel.ImportedStage;
import org.funnel.dsl.crm.salesforce.SalesforceImporter;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.OutputDirectory;
import org.funnel.dsl.generator.hubspot.HubSpotGenerator;
import org.funnel.dsl.generator.salesforce.SalesforceGenerator;
import org.funnel.dsl.model.CrmTargets;
import org.funnel.dsl.model.SalesforceNames;
import org.funnel.dsl.model.Stages;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the generated CRM files back with the project's own importers, as a user would after deploying and
 * exporting them: each HubSpot pipeline gives its label and its stages (labels, ids, probabilities, in
 * {@code displayOrder}); the Salesforce project gives every sales process and every stage of the value set with
 * its probability, and each process the labels of its funnel's stages. Throws an AssertionError on any difference.
 */
final class CrmReadBack {

	private final Path scratch;

	CrmReadBack() {
		try {
			scratch = Files.createTempDirectory("funnel-readback-");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Returns how many pipelines and processes were read back. */
	int check(GeneratedFiles generated, FunnelWorkspace workspace) {
		try {
			OutputDirectory.deleteRecursively(scratch);
			for (Map.Entry<String, byte[]> file : generated.files().entrySet()) {
				if (file.getKey().startsWith(HubSpotGenerator.DIRECTORY + "/")
						|| file.getKey().startsWith(SalesforceGenerator.DIRECTORY + "/")) {
					Path target = scratch.resolve(file.getKey());
					Files.createDirectories(target.getParent());
					Files.write(target, file.getValue());
				}
			}
			return hubSpot(generated) + salesforce(generated, workspace);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private int hubSpot(GeneratedFiles generated) throws IOException {
		int pipelines = 0;
		for (Map.Entry<String, byte[]> file : generated.files().entrySet()) {
			String name = file.getKey();
			if (!name.startsWith(HubSpotGenerator.DIRECTORY + "/") || name.endsWith("/" + HubSpotGenerator.INDEX)) {
				continue;
			}
			JsonNode payload = Outputs.json(name, file.getValue());
			ImportResult result = HubSpotImporter.read(scratch.resolve(name));
			check(result.funnels().size() == 1, name + ": " + result.funnels().size() + " pipelines read back");
			ImportedFunnel funnel = result.funnels().get(0);
			check(payload.path("label").asText().equals(funnel.label), name + ": pipeline label " + funnel.label);
			List<JsonNode> stages = new ArrayList<>();
			payload.path("stages").forEach(stages::add);
			stages.sort((a, b) -> Integer.compare(a.path("displayOrder").asInt(), b.path("displayOrder").asInt()));
			check(stages.size() == funnel.stages.size(), name + ": " + funnel.stages.size() + " stages read back of "
					+ stages.size());
			for (int i = 0; i < stages.size(); i++) {
				JsonNode written = stages.get(i);
				ImportedStage read = funnel.stages.get(i);
				String where = name + ", stage " + i + ": ";
				check(written.path("label").asText().equals(read.label), where + "label " + read.label + " for "
						+ written.path("label"));
				check(!written.has("stageId") || written.path("stageId").asText().equals(read.hubspotId),
						where + "id " + read.hubspotId);
				JsonNode probability = written.path("metadata").path("probability");
				if (!probability.isMissingNode()) {
					check(new BigDecimal(probability.asText()).movePointRight(2).compareTo(read.probabilityPercent) == 0,
							where + "probability " + read.probabilityPercent + "% for " + probability);
				}
			}
			pipelines++;
		}
		return pipelines;
	}

	private int salesforce(GeneratedFiles generated, FunnelWorkspace workspace) throws IOException {
		Map<String, Set<String>> processes = new TreeMap<>();
		for (Unit unit : workspace.funnels()) {
			// A funnel without "crm" goes to every CRM; its process is named by its label then.
			String process = SalesforceNames.processName(unit.funnel());
			if (!unit.funnel().isTemplate() && CrmTargets.salesforce(unit.funnel()) && process != null) {
				Set<String> labels = new TreeSet<>();
				for (Stage stage : workspace.analyses().structure(unit.funnel()).stages()) {
					labels.add(Stages.label(stage));
				}
				processes.put(process, labels);
			}
		}
		Path directory = scratch.resolve(SalesforceGenerator.DIRECTORY);
		if (processes.isEmpty() || !Files.isDirectory(directory)) {
			return 0;
		}
		ImportResult result = SalesforceImporter.read(directory);
		Map<String, BigDecimal> written = valueSet(generated);
		Map<String, BigDecimal> read = new TreeMap<>();
		for (ImportedStage stage : result.valueSet()) {
			read.put(stage.label, stage.probabilityPercent);
		}
		check(written.keySet().equals(read.keySet()), "value set " + read.keySet() + " read back for " + written.keySet());
		written.forEach(
				(label, percent) -> check(percent == null || read.get(label) != null && percent.compareTo(read.get(label)) == 0,
						"stage " + label + ": probability " + read.get(label) + " read back for " + percent));
		Map<String, Set<String>> imported = new TreeMap<>();
		for (ImportedFunnel funnel : result.funnels()) {
			if (funnel.salesforceProcess != null) {
				Set<String> labels = new TreeSet<>();
				funnel.stages.forEach(s -> labels.add(s.label));
				imported.put(funnel.salesforceProcess, labels);
			}
		}
		check(imported.equals(processes), "sales processes read back\n" + imported + "\nfor\n" + processes);
		return processes.size();
	}

	/** The generated OpportunityStage value set: label to probability (percent). */
	private static Map<String, BigDecimal> valueSet(GeneratedFiles generated) {
		Map<String, BigDecimal> values = new TreeMap<>();
		for (Map.Entry<String, byte[]> file : generated.files().entrySet()) {
			if (!file.getKey().endsWith(".standardValueSet-meta.xml")) {
				continue;
			}
			NodeList nodes = Outputs.xml(file.getKey(), file.getValue()).getElementsByTagName("standardValue");
			for (int i = 0; i < nodes.getLength(); i++) {
				Element value = (Element) nodes.item(i);
				String probability = text(value, "probability");
				values.put(text(value, "fullName"), probability == null ? null : new BigDecimal(probability));
			}
		}
		return values;
	}

	private static String text(Element parent, String child) {
		NodeList nodes = parent.getElementsByTagName(child);
		return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new AssertionError("read back by the importer: " + message);
		}
	}
}

package org.funnel.dsl.generator.imports;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.UsageException;
import org.funnel.dsl.generator.imports.ImportedFunnel.ImportedStage;
import org.funnel.dsl.generator.imports.ImportedFunnel.Kind;
import org.funnel.dsl.generator.salesforce.MetadataXml;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads Salesforce opportunity configuration in source format (a Salesforce DX project or a
 * directory of it, as {@code sf project retrieve start} or {@code generate --target salesforce}
 * leave it): the OpportunityStage value set, the Opportunity business processes, their record types
 * and paths. Each business process becomes a funnel with its stages in the process's order (no
 * process: one funnel of the whole value set); path guidance becomes {@code guidance}.
 */
public final class SalesforceImporter {

	private record Value(String fullName, boolean closed, boolean won, String forecastCategory, BigDecimal probability) {
	}

	private static final java.util.Set<String> FORECAST_CATEGORIES = java.util.Set.of("Omitted", "Pipeline", "BestCase",
			"MostLikely", "Forecast", "Closed");

	private SalesforceImporter() {
	}

	public static ImportResult read(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			throw new UsageException("Not a directory: " + directory);
		}
		Map<String, Path> files = new TreeMap<>();
		List<Path> valueSets = new ArrayList<>();
		Files.walkFileTree(directory, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
				String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
				return !dir.equals(directory) && (name.startsWith(".") || name.equals("node_modules"))
						? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
				String name = file.getFileName().toString();
				if (name.equals("OpportunityStage.standardValueSet-meta.xml")) {
					valueSets.add(file);
				} else if (name.endsWith("-meta.xml")) {
					files.put(directory.relativize(file).toString().replace('\\', '/'), file);
				}
				return FileVisitResult.CONTINUE;
			}
		});
		if (valueSets.isEmpty()) {
			throw new GenerationException(SourceFile.display(directory)
					+ ": no standardValueSets/OpportunityStage.standardValueSet-meta.xml found; it holds the stages to import.");
		}
		if (valueSets.size() > 1) {
			throw new GenerationException(SourceFile.display(directory) + ": more than one OpportunityStage value set: "
					+ valueSets.stream().map(SourceFile::display).sorted().toList() + ". Import one package directory.");
		}
		List<String> warnings = new ArrayList<>();
		Map<String, Value> values = new LinkedHashMap<>();
		Element set = parse(valueSets.get(0));
		for (Element element : MetadataXml.children(set, "standardValue")) {
			String fullName = MetadataXml.text(element, "fullName");
			if (fullName == null) {
				continue;
			}
			String probability = MetadataXml.text(element, "probability");
			if (probability != null && !probability.strip().matches("\\d+(\\.\\d+)?")) {
				throw new GenerationException(SourceFile.display(valueSets.get(0)) + ": stage '" + fullName
						+ "' has probability '" + probability + "', which is not a percentage.");
			}
			values.put(fullName, new Value(fullName, "true".equals(MetadataXml.text(element, "closed")),
					"true".equals(MetadataXml.text(element, "won")), MetadataXml.text(element, "forecastCategory"),
					probability == null || probability.isBlank() ? null : new BigDecimal(probability.strip())));
		}
		// Record types: developer name -> business process; paths: record type -> guidance per value.
		Map<String, String> processOfRecordType = new HashMap<>();
		Map<String, Map<String, String>> guidanceByRecordType = new HashMap<>();
		List<Element> processes = new ArrayList<>();
		for (Map.Entry<String, Path> entry : files.entrySet()) {
			String relative = entry.getKey();
			if (relative.contains("objects/Opportunity/businessProcesses/") && relative.endsWith(".businessProcess-meta.xml")) {
				processes.add(parse(entry.getValue()));
			} else if (relative.contains("objects/Opportunity/recordTypes/") && relative.endsWith(".recordType-meta.xml")) {
				Element recordType = parse(entry.getValue());
				String name = MetadataXml.text(recordType, "fullName");
				if (name == null) {
					name = entry.getValue().getFileName().toString().replace(".recordType-meta.xml", "");
				}
				String process = MetadataXml.text(recordType, "businessProcess");
				if (process != null) {
					processOfRecordType.put(name, process);
				}
			} else if (relative.endsWith(".pathAssistant-meta.xml")) {
				Element path = parse(entry.getValue());
				if (!"Opportunity".equals(MetadataXml.text(path, "entityName"))
						|| !"StageName".equals(MetadataXml.text(path, "fieldName"))) {
					continue;
				}
				Map<String, String> guidance = new HashMap<>();
				for (Element step : MetadataXml.children(path, "pathAssistantSteps")) {
					String value = MetadataXml.text(step, "picklistValueName");
					String info = MetadataXml.text(step, "info");
					if (value != null && info != null && !info.isBlank()) {
						guidance.put(value, info);
					}
				}
				String recordType = MetadataXml.text(path, "recordTypeName");
				guidanceByRecordType.put(recordType == null ? "__MASTER__" : recordType, guidance);
			}
		}
		Map<String, Map<String, String>> guidanceByProcess = new HashMap<>();
		guidanceByRecordType.forEach((recordType, guidance) -> {
			String process = processOfRecordType.get(recordType);
			if (process != null) {
				guidanceByProcess.put(process, guidance);
			}
		});
		Map<String, String> masterGuidance = guidanceByRecordType.getOrDefault("__MASTER__", Map.of());

		List<ImportedFunnel> funnels = new ArrayList<>();
		java.util.Set<String> used = new java.util.HashSet<>();
		processes.sort(java.util.Comparator.comparing(p -> String.valueOf(MetadataXml.text(p, "fullName"))));
		for (Element process : processes) {
			String name = MetadataXml.text(process, "fullName");
			if (name == null) {
				continue;
			}
			ImportedFunnel funnel = new ImportedFunnel();
			String description = MetadataXml.text(process, "description");
			funnel.label = description != null && !description.isBlank() ? description : name;
			funnel.crms.add("salesforce");
			funnel.salesforceProcess = name;
			Map<String, String> guidance = guidanceByProcess.getOrDefault(name, masterGuidance);
			for (Element element : MetadataXml.children(process, "values")) {
				String valueName = MetadataXml.text(element, "fullName");
				Value value = values.get(valueName);
				if (value == null) {
					throw new GenerationException("Sales process '" + name + "' uses stage '" + valueName
							+ "', which the OpportunityStage value set does not have.");
				}
				used.add(valueName);
				funnel.stages.add(stage(value, guidance.get(valueName)));
			}
			funnels.add(funnel);
		}
		if (funnels.isEmpty()) {
			ImportedFunnel funnel = new ImportedFunnel();
			funnel.label = "Opportunity stages";
			funnel.crms.add("salesforce");
			for (Value value : values.values()) {
				used.add(value.fullName());
				funnel.stages.add(stage(value, masterGuidance.get(value.fullName())));
			}
			funnels.add(funnel);
		}
		List<String> unused = values.keySet().stream().filter(v -> !used.contains(v)).toList();
		if (!unused.isEmpty()) {
			String message = "Stages no sales process uses (a deploy of the generated value set would deactivate them): "
					+ String.join(", ", unused) + ".";
			warnings.add(message);
			funnels.get(0).notes.add(message);
		}
		FunnelWriter.name(funnels);
		for (ImportedFunnel funnel : funnels) {
			String why = FunnelWriter.inferTransitions(funnel);
			if (why != null) {
				funnel.notes.add("No transitions were inferred: " + why + ".");
			}
		}
		return new ImportResult(funnels, warnings);
	}

	private static ImportedStage stage(Value value, String guidance) {
		ImportedStage stage = new ImportedStage(value.fullName());
		stage.kind = value.won() ? Kind.WON : value.closed() ? Kind.LOST : Kind.OPEN;
		stage.probabilityPercent = value.probability();
		stage.forecastCategory = FORECAST_CATEGORIES.contains(value.forecastCategory()) ? value.forecastCategory() : null;
		stage.guidance = guidance;
		return stage;
	}

	private static Element parse(Path file) throws IOException {
		try {
			return MetadataXml.read(file);
		} catch (SAXParseException e) {
			throw new GenerationException(SourceFile.display(file) + ":" + e.getLineNumber() + ":" + e.getColumnNumber()
					+ ": not valid XML: " + e.getMessage());
		} catch (SAXException e) {
			throw new GenerationException(SourceFile.display(file) + ": not valid XML: " + e.getMessage());
		}
	}

	static String lower(String s) {
		return s.toLowerCase(Locale.ROOT);
	}
}

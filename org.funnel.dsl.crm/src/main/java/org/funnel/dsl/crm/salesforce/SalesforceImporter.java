package org.funnel.dsl.crm.salesforce;

import org.funnel.dsl.crm.imports.ImportResult;
import org.funnel.dsl.crm.imports.ImportedFunnel;
import org.funnel.dsl.crm.imports.ImportedFunnels;
import org.funnel.dsl.crm.files.XmlPositions;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.InputException;
import org.funnel.dsl.crm.imports.ImportedFunnel.ImportedStage;
import org.funnel.dsl.crm.imports.ImportedFunnel.Kind;
import org.funnel.dsl.generator.salesforce.MetadataNames;
import org.funnel.dsl.generator.salesforce.MetadataXml;
import org.funnel.dsl.model.SalesforceNames;
import org.w3c.dom.Element;

/**
 * Reads Salesforce opportunity configuration as {@code sf project retrieve start} leaves it, in source
 * format (a Salesforce DX project, or the {@code salesforce/} directory {@code generate} writes) or in
 * metadata API format ({@code --target-metadata-dir}): the OpportunityStage value set, the Opportunity
 * sales processes and record types, and the paths.
 * <p>
 * Each sales process becomes a funnel (no process: one funnel of the whole value set). Its stages come
 * in the value set's order, which is the order users see (a retrieved process lists its values
 * alphabetically); process values are decoded ({@code Id%2E Decision Makers}); a value that is the
 * process's default becomes {@code salesforce default}. The process's record type and its path keep
 * their API names and labels; path guidance becomes {@code guidance}. Every problem is reported at its
 * line and column.
 */
public final class SalesforceImporter {

	private static final Set<String> FORECAST_CATEGORIES = Set.of("Omitted", "Pipeline", "BestCase", "MostLikely",
			"Forecast", "Closed");

	private static final String SOURCE_VALUE_SET = "standardValueSets/OpportunityStage.standardValueSet-meta.xml";
	private static final String MDAPI_VALUE_SET = "standardValueSets/OpportunityStage.standardValueSet";
	private static final String SOURCE_PROCESSES = "objects/Opportunity/businessProcesses/*.businessProcess-meta.xml";
	private static final String MDAPI_OBJECT = "objects/Opportunity.object";
	private static final String RETRIEVE_SOURCE = "sf project retrieve start --metadata StandardValueSet:OpportunityStage"
			+ " \"BusinessProcess:Opportunity.*\" \"RecordType:Opportunity.*\" PathAssistant";

	/** A value of the OpportunityStage set, and where it is written. */
	private record Value(String fullName, int index, boolean closed, boolean won, String forecastCategory,
			BigDecimal probability, String origin) {
	}

	/** An element of a metadata file: a process or record type (a file's root, or a child of Opportunity.object). */
	private record Located(Element element, XmlPositions file, String fileName) {
		String at() {
			return file.at(element);
		}

		GenerationException problem(String message) {
			return file.problem(element, message);
		}
	}

	/** The files of a retrieve, in either format. */
	private static final class RetrieveFiles {
		final List<Path> valueSets = new ArrayList<>();
		final List<Path> processes = new ArrayList<>();
		final List<Path> recordTypes = new ArrayList<>();
		final List<Path> objects = new ArrayList<>();
		final List<Path> paths = new ArrayList<>();
	}

	/** The retrieve's directory as the user named it, for messages. */
	private final String dir;
	private final Map<String, Value> values;
	private final List<String> warnings = new ArrayList<>();
	/** Sales processes by name. */
	private final Map<String, Located> processByName = new TreeMap<>();
	/** The record type each process is imported with, and the other way round. */
	private final Map<String, Located> recordTypeOfProcess = new HashMap<>();
	private final Map<String, String> processOfRecordType = new HashMap<>();
	/** The path of each process (by its record type), and its file. */
	private final Map<String, XmlPositions> pathOfProcess = new HashMap<>();
	private final Map<String, Path> pathFiles = new HashMap<>();
	/** The values some sales process uses. */
	private final Set<String> used = new HashSet<>();

	private SalesforceImporter(String dir, Map<String, Value> values) {
		this.dir = dir;
		this.values = values;
	}

	/**
	 * Reads a retrieve.
	 *
	 * @throws InputException when {@code directory} is not a directory
	 * @throws GenerationException when the retrieve lacks the value set or is not valid metadata
	 */
	public static ImportResult read(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			throw new InputException("Not a directory: " + directory);
		}
		RetrieveFiles found = find(directory);
		String dir = SourceFile.display(directory);
		if (found.valueSets.isEmpty()) {
			throw new GenerationException(dir + ": no OpportunityStage value set, which holds the stages: neither "
					+ SOURCE_VALUE_SET + " (source format) nor " + MDAPI_VALUE_SET + " (metadata API format) is in it."
					+ " Retrieve it with '" + RETRIEVE_SOURCE + "' in a Salesforce DX project (source format), or add"
					+ " '--target-metadata-dir DIR --unzip' for the metadata API format.");
		}
		if (found.valueSets.size() > 1) {
			throw new GenerationException(dir + ": more than one OpportunityStage value set: "
					+ found.valueSets.stream().map(SourceFile::display).sorted().toList() + ". Import one retrieve.");
		}
		return new SalesforceImporter(dir, valueSet(XmlPositions.read(found.valueSets.get(0)))).read(found);
	}

	private ImportResult read(RetrieveFiles found) throws IOException {
		List<Located> processes = new ArrayList<>();
		List<Located> recordTypes = new ArrayList<>();
		for (Path file : found.processes) {
			XmlPositions xml = root(file, "BusinessProcess");
			processes.add(new Located(xml.root(), xml, nameOf(file, ".businessProcess-meta.xml")));
		}
		for (Path file : found.recordTypes) {
			XmlPositions xml = root(file, "RecordType");
			recordTypes.add(new Located(xml.root(), xml, nameOf(file, ".recordType-meta.xml")));
		}
		for (Path file : found.objects) {
			XmlPositions xml = root(file, "CustomObject");
			for (Element process : MetadataXml.children(xml.root(), "businessProcesses")) {
				processes.add(new Located(process, xml, null));
			}
			for (Element recordType : MetadataXml.children(xml.root(), "recordTypes")) {
				recordTypes.add(new Located(recordType, xml, null));
			}
		}
		nameProcesses(processes);
		matchRecordTypes(recordTypes);
		matchPaths(found.paths);
		List<ImportedFunnel> funnels = new ArrayList<>();
		for (Map.Entry<String, Located> process : processByName.entrySet()) {
			funnels.add(funnel(process.getKey(), process.getValue()));
		}
		if (funnels.isEmpty()) {
			funnels.add(wholeValueSet());
		}
		List<String> unused = values.keySet().stream().filter(v -> !used.contains(v)).toList();
		if (!unused.isEmpty()) {
			String message = "Stages no sales process uses (a deploy of the generated value set would deactivate them): "
					+ String.join(", ", unused) + ".";
			warnings.add(message);
			funnels.get(0).notes.add(message);
		}
		ImportedFunnels.name(funnels);
		for (ImportedFunnel funnel : funnels) {
			String why = ImportedFunnels.inferTransitions(funnel);
			if (why != null) {
				funnel.notes.add("No transitions were inferred: " + why + ".");
			}
		}
		return new ImportResult(funnels, warnings, values.values().stream().map(v -> stage(v, null)).toList());
	}

	/** Sales processes by name; a name defined twice is an error. */
	private void nameProcesses(List<Located> processes) {
		for (Located process : processes) {
			String name = name(process);
			Located other = processByName.putIfAbsent(name, process);
			if (other != null) {
				throw process.problem("sales process '" + name + "' is also defined at " + other.at() + ".");
			}
		}
	}

	/** Each sales process with the record type (and so the path) it is imported with: the first by name. */
	private void matchRecordTypes(List<Located> recordTypes) {
		recordTypes.sort(Comparator.comparing(SalesforceImporter::name));
		for (Located recordType : recordTypes) {
			String name = name(recordType);
			String process = text(recordType.element(), "businessProcess");
			if (process == null) {
				continue;
			}
			process = MetadataNames.decode(process);
			if (!processByName.containsKey(process)) {
				warnings.add(recordType.at() + ": record type " + name + " uses sales process '" + process
						+ "', which is not in the retrieve; it was not imported.");
				continue;
			}
			Located first = recordTypeOfProcess.putIfAbsent(process, recordType);
			if (first != null) {
				warnings.add(recordType.at() + ": record type " + name + " also uses sales process '" + process
						+ "'; a funnel has one record type, and it keeps " + name(first) + ". " + name + " was not imported.");
				continue;
			}
			processOfRecordType.put(name, process);
		}
	}

	/** The opportunity stage paths, by the record type they are for. */
	private void matchPaths(List<Path> files) throws IOException {
		for (Path file : files) {
			XmlPositions path = root(file, "PathAssistant");
			if (!"Opportunity".equals(text(path.root(), "entityName")) || !"StageName".equals(text(path.root(), "fieldName"))) {
				continue;
			}
			String recordType = text(path.root(), "recordTypeName");
			String process = recordType == null ? null : processOfRecordType.get(recordType);
			if (process == null) {
				warnings.add(path.at(path.root()) + ": path " + nameOf(file, pathSuffix(file)) + " is for record type "
						+ recordType + ", which no imported sales process has; it was not imported.");
				continue;
			}
			pathOfProcess.put(process, path);
			pathFiles.put(process, file);
		}
	}

	/** A sales process as a funnel: its description, record type, path and stages. */
	private ImportedFunnel funnel(String name, Located process) {
		ImportedFunnel funnel = new ImportedFunnel();
		funnel.origin = process.at();
		String description = text(process.element(), "description");
		funnel.label = description != null && !description.isBlank() ? description : name;
		funnel.crms.add("salesforce");
		funnel.salesforceProcess = name;
		Located recordType = recordTypeOfProcess.get(name);
		if (recordType != null) {
			funnel.salesforceRecordType = name(recordType);
			String label = text(recordType.element(), "label");
			funnel.salesforceRecordTypeLabel = label == null || label.equals(name) ? null : label;
		}
		Map<String, String> guidance = Map.of();
		XmlPositions path = pathOfProcess.get(name);
		if (path != null) {
			Path file = pathFiles.get(name);
			funnel.salesforcePath = nameOf(file, pathSuffix(file));
			String label = text(path.root(), "masterLabel");
			funnel.salesforcePathLabel = label == null || label.equals(name) ? null : label;
			guidance = guidance(path);
		}
		stages(name, process, funnel, guidance);
		return funnel;
	}

	/** The process's values, in the value set's order, with the process's default stage. */
	private void stages(String name, Located process, ImportedFunnel funnel, Map<String, String> guidance) {
		List<Value> stages = new ArrayList<>();
		String defaultStage = null;
		for (Element element : MetadataXml.children(process.element(), "values")) {
			String written = text(element, "fullName");
			if (written == null) {
				throw process.file().problem(element, "a value of sales process '" + name + "' has no fullName.");
			}
			Value value = values.get(MetadataNames.decode(written));
			if (value == null) {
				value = values.get(written); // written unencoded, by hand or by an older version
			}
			if (value == null) {
				throw process.file().problem(element, "sales process '" + name + "' uses stage '" + MetadataNames.decode(written)
						+ "', which the OpportunityStage value set does not have.");
			}
			if ("true".equals(text(element, "default"))) {
				if (defaultStage != null) {
					throw process.file().problem(element, "sales process '" + name + "' has two default stages, '" + defaultStage
							+ "' and '" + value.fullName() + "'; Salesforce starts an opportunity in one.");
				}
				defaultStage = value.fullName();
			}
			used.add(value.fullName());
			stages.add(value);
		}
		stages.sort(Comparator.comparingInt(Value::index));
		for (Value value : stages) {
			ImportedStage stage = stage(value, guidance.get(value.fullName()));
			stage.salesforceDefault = value.fullName().equals(defaultStage);
			funnel.stages.add(stage);
		}
	}

	/** Without sales processes: one funnel of the whole value set. */
	private ImportedFunnel wholeValueSet() {
		warnings.add(dir + ": no Opportunity sales process (neither " + SOURCE_PROCESSES + " nor their " + MDAPI_OBJECT
				+ "): imported one funnel of the whole value set. Retrieve the processes with '" + RETRIEVE_SOURCE + "'.");
		ImportedFunnel funnel = new ImportedFunnel();
		funnel.label = "Opportunity stages";
		funnel.crms.add("salesforce");
		for (Value value : values.values()) {
			used.add(value.fullName());
			funnel.stages.add(stage(value, null));
		}
		return funnel;
	}

	/** The values of the OpportunityStage set, in its order. */
	private static Map<String, Value> valueSet(XmlPositions xml) {
		if (!"StandardValueSet".equals(xml.root().getLocalName())) {
			throw xml.problem(xml.root(), "expected a StandardValueSet, found <" + xml.root().getLocalName() + ">.");
		}
		Map<String, Value> values = new LinkedHashMap<>();
		Map<String, Value> byLowerCase = new HashMap<>();
		for (Element element : MetadataXml.children(xml.root(), "standardValue")) {
			String fullName = text(element, "fullName");
			if (fullName == null || fullName.isBlank()) {
				throw xml.problem(element, "a stage of the value set has no fullName.");
			}
			String probabilityText = text(element, "probability");
			BigDecimal probability = null;
			if (probabilityText != null && !probabilityText.isBlank()) {
				if (!probabilityText.strip().matches("\\d+(\\.\\d+)?")) {
					throw xml.problem(element, "stage '" + fullName + "' has probability '" + probabilityText
							+ "', which is not a percentage from 0 to 100.");
				}
				probability = new BigDecimal(probabilityText.strip());
			}
			String category = text(element, "forecastCategory");
			if (category != null && !FORECAST_CATEGORIES.contains(category)) {
				throw xml.problem(element, "stage '" + fullName + "' has forecast category '" + category
						+ "', which is none of Salesforce's: " + String.join(", ", FORECAST_CATEGORIES.stream().sorted().toList())
						+ ".");
			}
			boolean closed = "true".equals(text(element, "closed"));
			boolean won = "true".equals(text(element, "won"));
			if (won && !closed) {
				throw xml.problem(element, "stage '" + fullName + "' is won but not closed; Salesforce closes every won stage.");
			}
			Value value = new Value(fullName, values.size(), closed, won, category, probability, xml.at(element));
			Value other = byLowerCase.putIfAbsent(SalesforceNames.lowerCase(fullName), value);
			if (other != null) {
				throw xml.problem(element, "stage '" + fullName + "' is in the value set twice (also at " + other.origin()
						+ "; Salesforce compares stage names ignoring case).");
			}
			values.put(fullName, value);
		}
		if (values.isEmpty()) {
			throw xml.problem(xml.root(), "the OpportunityStage value set has no stages.");
		}
		return values;
	}

	private static Map<String, String> guidance(XmlPositions path) {
		Map<String, String> guidance = new HashMap<>();
		for (Element step : MetadataXml.children(path.root(), "pathAssistantSteps")) {
			String value = text(step, "picklistValueName");
			String info = text(step, "info");
			if (value != null && info != null && !info.isBlank()) {
				guidance.put(value, info);
			}
		}
		return guidance;
	}

	private static ImportedStage stage(Value value, String guidance) {
		ImportedStage stage = new ImportedStage(value.fullName());
		stage.origin = value.origin();
		stage.kind = value.won() ? Kind.WON : value.closed() ? Kind.LOST : Kind.OPEN;
		stage.probabilityPercent = value.probability();
		stage.forecastCategory = value.forecastCategory();
		stage.guidance = guidance;
		return stage;
	}

	/** A process's or record type's name: its fullName, else its file's name; decoded. */
	private static String name(Located located) {
		String written = text(located.element(), "fullName");
		if (written == null) {
			written = located.fileName();
		}
		if (written == null) {
			throw located.problem("a " + located.element().getLocalName() + " without a fullName.");
		}
		return MetadataNames.decode(written);
	}

	private static XmlPositions root(Path file, String type) throws IOException {
		XmlPositions xml = XmlPositions.read(file);
		if (!type.equals(xml.root().getLocalName())) {
			throw xml.problem(xml.root(), "expected a " + type + ", found <" + xml.root().getLocalName() + ">.");
		}
		return xml;
	}

	private static String pathSuffix(Path file) {
		return file.getFileName().toString().endsWith("-meta.xml") ? ".pathAssistant-meta.xml" : ".pathAssistant";
	}

	private static String nameOf(Path file, String suffix) {
		String name = file.getFileName().toString();
		return name.substring(0, name.length() - suffix.length());
	}

	private static String text(Element parent, String name) {
		return MetadataXml.text(parent, name);
	}

	private static RetrieveFiles find(Path directory) throws IOException {
		RetrieveFiles found = new RetrieveFiles();
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
				String parent = file.getParent() == null || file.getParent().getFileName() == null ? ""
						: file.getParent().getFileName().toString();
				String grandParent = file.getParent() == null || file.getParent().getParent() == null
						|| file.getParent().getParent().getFileName() == null ? ""
								: file.getParent().getParent().getFileName().toString();
				if (parent.equals("standardValueSets") && (name.equals("OpportunityStage.standardValueSet-meta.xml")
						|| name.equals("OpportunityStage.standardValueSet"))) {
					found.valueSets.add(file);
				} else if (parent.equals("businessProcesses") && grandParent.equals("Opportunity")
						&& name.endsWith(".businessProcess-meta.xml")) {
					found.processes.add(file);
				} else if (parent.equals("recordTypes") && grandParent.equals("Opportunity")
						&& name.endsWith(".recordType-meta.xml")) {
					found.recordTypes.add(file);
				} else if (parent.equals("objects") && name.equals("Opportunity.object")) {
					found.objects.add(file);
				} else if (parent.equals("pathAssistants")
						&& (name.endsWith(".pathAssistant-meta.xml") || name.endsWith(".pathAssistant"))) {
					found.paths.add(file);
				}
				return FileVisitResult.CONTINUE;
			}
		});
		for (List<Path> list : List.of(found.valueSets, found.processes, found.recordTypes, found.objects, found.paths)) {
			list.sort(null);
		}
		return found;
	}
}

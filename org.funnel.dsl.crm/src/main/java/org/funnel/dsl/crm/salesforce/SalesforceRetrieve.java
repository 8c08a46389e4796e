package org.funnel.dsl.crm.salesforce;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.funnel.dsl.crm.files.XmlPositions;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.InputException;
import org.funnel.dsl.generator.OutputDirectory;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.salesforce.MetadataNames;
import org.funnel.dsl.generator.salesforce.MetadataXml;
import org.funnel.dsl.generator.salesforce.SalesforceGenerator;
import org.funnel.dsl.generator.salesforce.SalesforceOrg;
import org.funnel.dsl.model.SalesforceNames;
import org.w3c.dom.Element;

/**
 * A retrieve of an org's opportunity sales configuration as {@code sf project retrieve start} leaves it,
 * in source format (a Salesforce DX project, or the {@code salesforce/} directory {@code generate}
 * writes) or in metadata API format ({@code --target-metadata-dir}): the OpportunityStage value set
 * ({@link StageSet}), the Opportunity sales processes and record types (files of their own, or children
 * of {@code Objects/Opportunity.object}) and the paths of the opportunity stage. Each element keeps its
 * line and column; what is not valid metadata is an error there. The importer, {@code generate --current}
 * and the plan read retrieves here.
 */
public final class SalesforceRetrieve {

	static final String SOURCE_VALUE_SET = "standardValueSets/OpportunityStage.standardValueSet-meta.xml";
	static final String MDAPI_VALUE_SET = "standardValueSets/OpportunityStage.standardValueSet";
	static final String SOURCE_PROCESSES = "objects/Opportunity/businessProcesses/*.businessProcess-meta.xml";
	static final String MDAPI_OBJECT = "objects/Opportunity.object";
	static final String RETRIEVE_SOURCE = "sf project retrieve start --metadata StandardValueSet:OpportunityStage"
			+ " \"BusinessProcess:Opportunity.*\" \"RecordType:Opportunity.*\" PathAssistant";

	/**
	 * A component of the retrieve: its name (a sales process's decoded), the element (a file's root, or a
	 * child of {@code Opportunity.object}) and the file, for positions.
	 */
	public record Part(String name, Element element, XmlPositions file) {

		public String at() {
			return file.at(element);
		}

		public GenerationException problem(String message) {
			return file.problem(element, message);
		}

		SalesforceOrg.Component component() {
			return new SalesforceOrg.Component(name, element, at());
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

	private final String directory;
	private final StageSet stages;
	private final Part valueSet;
	private final Map<String, Part> processes = new TreeMap<>();
	private final List<Part> recordTypes = new ArrayList<>();
	private final List<Part> paths = new ArrayList<>();

	private SalesforceRetrieve(String directory, Part valueSet) {
		this.directory = directory;
		this.valueSet = valueSet;
		this.stages = StageSet.read(valueSet.file());
	}

	/**
	 * Reads a retrieve.
	 *
	 * @throws InputException when {@code directory} is not a directory
	 * @throws GenerationException when the retrieve lacks the value set or is not valid metadata
	 */
	public static SalesforceRetrieve read(Path directory) throws IOException {
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
					+ found.valueSets.stream().map(SourceFile::display).sorted().toList() + ". Read one retrieve.");
		}
		XmlPositions set = root(found.valueSets.get(0), "StandardValueSet");
		SalesforceRetrieve retrieve = new SalesforceRetrieve(dir, new Part("OpportunityStage", set.root(), set));
		retrieve.readComponents(found);
		return retrieve;
	}

	/** The Salesforce project of generated files ({@code generate --target salesforce}), read as a retrieve is. */
	public static SalesforceRetrieve ofGenerated(GeneratedFiles generated) throws IOException {
		Path scratch = Files.createTempDirectory("funnel-plan-");
		try {
			for (Map.Entry<String, byte[]> file : generated.files().entrySet()) {
				Path target = scratch.resolve(file.getKey());
				Files.createDirectories(target.getParent());
				Files.write(target, file.getValue());
			}
			return read(scratch.resolve(SalesforceGenerator.DIRECTORY));
		} finally {
			OutputDirectory.deleteRecursively(scratch);
		}
	}

	private void readComponents(RetrieveFiles found) throws IOException {
		List<Part> processList = new ArrayList<>();
		for (Path file : found.processes) {
			XmlPositions xml = root(file, "BusinessProcess");
			processList.add(named(xml.root(), xml, nameOf(file, ".businessProcess-meta.xml")));
		}
		for (Path file : found.recordTypes) {
			XmlPositions xml = root(file, "RecordType");
			recordTypes.add(named(xml.root(), xml, nameOf(file, ".recordType-meta.xml")));
		}
		for (Path file : found.objects) {
			XmlPositions xml = root(file, "CustomObject");
			for (Element process : MetadataXml.children(xml.root(), "businessProcesses")) {
				processList.add(named(process, xml, null));
			}
			for (Element recordType : MetadataXml.children(xml.root(), "recordTypes")) {
				recordTypes.add(named(recordType, xml, null));
			}
		}
		for (Part process : processList) {
			Part other = processes.putIfAbsent(process.name(), process);
			if (other != null) {
				throw process.problem("sales process '" + process.name() + "' is also defined at " + other.at() + ".");
			}
		}
		recordTypes.sort(Comparator.comparing(Part::name));
		for (Path file : found.paths) {
			XmlPositions path = root(file, "PathAssistant");
			if ("Opportunity".equals(MetadataXml.text(path.root(), "entityName"))
					&& "StageName".equals(MetadataXml.text(path.root(), "fieldName"))) {
				paths.add(new Part(nameOf(file, pathSuffix(file)), path.root(), path));
			}
		}
	}

	/** The retrieve's directory as the user named it, for messages. */
	public String directory() {
		return directory;
	}

	public StageSet stages() {
		return stages;
	}

	public Part valueSet() {
		return valueSet;
	}

	/** Sales processes by name (decoded). */
	public Map<String, Part> processes() {
		return processes;
	}

	/** Opportunity record types, by API name. */
	public List<Part> recordTypes() {
		return recordTypes;
	}

	/** Paths of the opportunity stage (of Opportunity's StageName; those of other objects and fields are not read). */
	public List<Part> paths() {
		return paths;
	}

	/** The org as the generator starts from it. */
	public SalesforceOrg org() {
		return SalesforceOrg.of(directory, valueSet.component(),
				processes.values().stream().map(Part::component).toList(),
				recordTypes.stream().map(Part::component).toList(), paths.stream().map(Part::component).toList());
	}

	/** A process's or record type's part: named by its fullName, else its file's name; decoded. */
	private static Part named(Element element, XmlPositions file, String fileName) {
		String written = MetadataXml.text(element, "fullName");
		if (written == null) {
			written = fileName;
		}
		if (written == null || written.isBlank()) {
			throw file.problem(element, "a " + element.getLocalName() + " without a fullName.");
		}
		return new Part(MetadataNames.decode(written), element, file);
	}

	private static XmlPositions root(Path file, String type) throws IOException {
		XmlPositions xml = XmlPositions.read(file);
		if (!type.equals(xml.root().getLocalName()) || !MetadataXml.NAMESPACE.equals(xml.root().getNamespaceURI())) {
			throw xml.problem(xml.root(), "expected a " + type + " in the namespace " + MetadataXml.NAMESPACE + ", found <"
					+ xml.root().getTagName() + ">" + (xml.root().getNamespaceURI() == null ? ""
							: " in " + xml.root().getNamespaceURI())
					+ ".");
		}
		return xml;
	}

	static String pathSuffix(Path file) {
		return file.getFileName().toString().endsWith("-meta.xml") ? ".pathAssistant-meta.xml" : ".pathAssistant";
	}

	private static String nameOf(Path file, String suffix) {
		String name = file.getFileName().toString();
		return name.substring(0, name.length() - suffix.length());
	}

	/** Whether a name read from a retrieve is one stage of the set: Salesforce compares them ignoring case. */
	static String key(String stage) {
		return SalesforceNames.lowerCase(stage);
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
				sort(file, found);
				return FileVisitResult.CONTINUE;
			}
		});
		for (List<Path> list : List.of(found.valueSets, found.processes, found.recordTypes, found.objects, found.paths)) {
			list.sort(null);
		}
		return found;
	}

	/** Which kind of file of a retrieve this is, by its name and folder, if any. */
	private static void sort(Path file, RetrieveFiles found) {
		String name = file.getFileName().toString();
		String parent = name(file.getParent());
		String grandParent = file.getParent() == null ? "" : name(file.getParent().getParent());
		if (parent.equals("standardValueSets")
				&& (name.equals("OpportunityStage.standardValueSet-meta.xml")
						|| name.equals("OpportunityStage.standardValueSet"))) {
			found.valueSets.add(file);
		} else if (parent.equals("businessProcesses") && grandParent.equals("Opportunity")
				&& name.endsWith(".businessProcess-meta.xml")) {
			found.processes.add(file);
		} else if (parent.equals("recordTypes") && grandParent.equals("Opportunity") && name.endsWith(".recordType-meta.xml")) {
			found.recordTypes.add(file);
		} else if (parent.equals("objects") && name.equals("Opportunity.object")) {
			found.objects.add(file);
		} else if (parent.equals("pathAssistants")
				&& (name.endsWith(".pathAssistant-meta.xml") || name.endsWith(".pathAssistant"))) {
			found.paths.add(file);
		}
	}

	private static String name(Path path) {
		return path == null || path.getFileName() == null ? "" : path.getFileName().toString();
	}
}

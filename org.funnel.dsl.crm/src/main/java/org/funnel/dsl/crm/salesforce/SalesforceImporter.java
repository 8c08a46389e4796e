package org.funnel.dsl.crm.salesforce;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.funnel.dsl.crm.imports.ImportResult;
import org.funnel.dsl.crm.imports.ImportedFunnel;
import org.funnel.dsl.crm.imports.ImportedFunnel.ImportedStage;
import org.funnel.dsl.crm.imports.ImportedFunnel.Kind;
import org.funnel.dsl.crm.imports.ImportedFunnel.PathStep;
import org.funnel.dsl.crm.imports.ImportedFunnel.RecordType;
import org.funnel.dsl.crm.imports.ImportedFunnel.SalesforcePath;
import org.funnel.dsl.crm.imports.ImportedFunnels;
import org.funnel.dsl.crm.salesforce.SalesforceRetrieve.Part;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.InputException;
import org.funnel.dsl.generator.salesforce.MetadataNames;
import org.funnel.dsl.generator.salesforce.MetadataXml;
import org.funnel.dsl.model.SalesforceNames;
import org.w3c.dom.Element;

/**
 * Reads Salesforce opportunity configuration as {@code sf project retrieve start} leaves it
 * ({@link SalesforceRetrieve}, either format) into funnels that say all of it the language describes.
 * <p>
 * Each sales process becomes a funnel: whether it is active, its description, every record type that uses
 * it (active or not, label, description; {@code salesforce no record type} when none does), and the paths of
 * those record types with each stage's key fields and guidance. Its stages come in the value set's order
 * (a retrieved process lists its values alphabetically), decoded ({@code Id%2E Decision Makers}), with the
 * value's description and the process's default. Stages no process uses become a funnel of their own
 * ({@code salesforce no process}), so that a deploy keeps them; the master path goes to the first funnel.
 * What the language cannot say (a process value the value set lacks, a step for a stage outside the
 * funnel) is a warning: {@code generate --current} keeps it from the retrieve.
 */
public final class SalesforceImporter {

	private final SalesforceRetrieve retrieve;
	private final List<String> warnings = new ArrayList<>();
	/** The stages some sales process uses, by lower-case name. */
	private final Set<String> used = new HashSet<>();
	/** Stages whose probability was left out and said so. */
	private final Set<String> reported = new HashSet<>();
	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
	/** Record types by the process they use, in API name order. */
	private final Map<String, List<Part>> recordTypesOfProcess = new TreeMap<>();
	/** Paths by the lower-case API name of their record type ({@link SalesforceNames#MASTER} for the master path). */
	private final Map<String, List<Part>> pathsOfRecordType = new TreeMap<>();

	private SalesforceImporter(SalesforceRetrieve retrieve) {
		this.retrieve = retrieve;
	}

	/**
	 * Reads a retrieve.
	 *
	 * @throws InputException when {@code directory} is not a directory
	 * @throws GenerationException when the retrieve lacks the value set or is not valid metadata
	 */
	public static ImportResult read(Path directory) throws IOException {
		return new SalesforceImporter(SalesforceRetrieve.read(directory)).read();
	}

	private ImportResult read() {
		for (Part recordType : retrieve.recordTypes()) {
			String process = MetadataXml.text(recordType.element(), "businessProcess");
			if (process == null || !retrieve.processes().containsKey(MetadataNames.decode(process))) {
				warnings.add(recordType.at() + ": record type " + recordType.name() + (process == null ? " has no sales process"
						: " uses sales process '" + MetadataNames.decode(process) + "', which is not in the retrieve")
						+ "; it was not imported.");
				continue;
			}
			recordTypesOfProcess.computeIfAbsent(MetadataNames.decode(process), k -> new ArrayList<>()).add(recordType);
		}
		for (Part path : retrieve.paths()) {
			String recordType = MetadataXml.text(path.element(), "recordTypeName");
			pathsOfRecordType.computeIfAbsent(SalesforceNames.lowerCase(String.valueOf(recordType)), k -> new ArrayList<>())
					.add(path);
		}
		List<ImportedFunnel> funnels = new ArrayList<>();
		List<List<Part>> pathsOfFunnels = new ArrayList<>();
		for (Map.Entry<String, Part> process : retrieve.processes().entrySet()) {
			List<Part> paths = new ArrayList<>();
			funnels.add(funnel(process.getKey(), process.getValue(), paths));
			pathsOfFunnels.add(paths);
		}
		unusedStages(funnels, pathsOfFunnels);
		masterPaths(funnels, pathsOfFunnels);
		for (int i = 0; i < funnels.size(); i++) {
			steps(funnels.get(i), pathsOfFunnels.get(i));
		}
		pathsOfRecordType.values().forEach(paths -> paths.forEach(path -> warnings.add(path.at() + ": path " + path.name()
				+ " is for record type " + MetadataXml.text(path.element(), "recordTypeName")
				+ ", which no imported sales process has; it was not imported.")));
		ImportedFunnels.name(funnels);
		for (ImportedFunnel funnel : funnels) {
			String why = funnel.salesforceNoProcess ? null : ImportedFunnels.inferTransitions(funnel);
			if (why != null) {
				funnel.notes.add("No transitions were inferred: " + why + ".");
			}
		}
		return new ImportResult(funnels, warnings, retrieve.stages().values().stream().map(v -> stage(v)).toList());
	}

	/** A sales process as a funnel: active or not, its description, record types, paths and stages. */
	private ImportedFunnel funnel(String name, Part process, List<Part> paths) {
		ImportedFunnel funnel = new ImportedFunnel();
		funnel.origin = process.at();
		funnel.label = name;
		funnel.crms.add("salesforce");
		funnel.salesforceProcess = name;
		funnel.salesforceProcessInactive = "false".equals(MetadataXml.text(process.element(), "isActive"));
		funnel.salesforceDescription = MetadataXml.text(process.element(), "description");
		List<Part> recordTypes = recordTypesOfProcess.getOrDefault(name, List.of());
		funnel.salesforceNoRecordType = recordTypes.isEmpty();
		for (Part recordType : recordTypes) {
			String label = MetadataXml.text(recordType.element(), "label");
			funnel.salesforceRecordTypes.add(new RecordType(recordType.name(), Objects.equals(label, name) ? null : label,
					"false".equals(MetadataXml.text(recordType.element(), "active")),
					MetadataXml.text(recordType.element(), "description")));
			for (Part path : pathsOfRecordType.getOrDefault(SalesforceNames.lowerCase(recordType.name()), List.of())) {
				addPath(funnel, path, recordType.name());
				paths.add(path);
			}
			pathsOfRecordType.remove(SalesforceNames.lowerCase(recordType.name()));
		}
		stages(name, process, funnel);
		return funnel;
	}

	private static void addPath(ImportedFunnel funnel, Part path, String recordType) {
		String label = MetadataXml.text(path.element(), "masterLabel");
		String byDefault = funnel.salesforceProcess != null ? funnel.salesforceProcess : path.name();
		funnel.salesforcePaths.add(new SalesforcePath(path.name(), Objects.equals(label, byDefault) ? null : label,
				recordType, "false".equals(MetadataXml.text(path.element(), "active"))));
	}

	/** The process's values, in the value set's order, with the process's default stage. */
	private void stages(String name, Part process, ImportedFunnel funnel) {
		List<StageSet.Value> stages = new ArrayList<>();
		String defaultStage = null;
		for (Element element : MetadataXml.children(process.element(), "values")) {
			String written = MetadataXml.text(element, "fullName");
			if (written == null) {
				throw process.file().problem(element, "a value of sales process '" + name + "' has no fullName.");
			}
			StageSet.Value value = retrieve.stages().get(MetadataNames.decode(written));
			if (value == null) {
				value = retrieve.stages().get(written); // written unencoded, by hand or by an older version
			}
			if (value == null) {
				warnings.add(process.file().at(element) + ": sales process '" + name + "' lists stage '"
						+ MetadataNames.decode(written) + "', which the OpportunityStage value set does not have (a retrieve"
						+ " leaves inactive stages out); it was not imported, and 'generate --current' keeps it in the process.");
				continue;
			}
			if ("true".equals(MetadataXml.text(element, "default"))) {
				if (defaultStage != null) {
					throw process.file().problem(element, "sales process '" + name + "' has two default stages, '" + defaultStage
							+ "' and '" + value.fullName() + "'; Salesforce starts an opportunity in one.");
				}
				defaultStage = value.fullName();
			}
			used.add(SalesforceNames.lowerCase(value.fullName()));
			stages.add(value);
		}
		stages.sort(Comparator.comparingInt(StageSet.Value::index));
		for (StageSet.Value value : stages) {
			ImportedStage stage = stage(value);
			stage.salesforceDefault = value.fullName().equals(defaultStage);
			funnel.stages.add(stage);
		}
	}

	/**
	 * The stages no sales process uses, as a funnel without a process, so that generating keeps them in the value
	 * set; without any process, that is every stage.
	 */
	private void unusedStages(List<ImportedFunnel> funnels, List<List<Part>> pathsOfFunnels) {
		List<StageSet.Value> unused = retrieve.stages().values().stream()
				.filter(v -> !used.contains(SalesforceNames.lowerCase(v.fullName()))).toList();
		if (unused.isEmpty()) {
			return;
		}
		ImportedFunnel funnel = new ImportedFunnel();
		funnel.origin = retrieve.valueSet().at();
		funnel.label = funnels.isEmpty() ? "Opportunity stages" : "Stages no sales process uses";
		funnel.crms.add("salesforce");
		funnel.salesforceNoProcess = true;
		unused.forEach(v -> funnel.stages.add(stage(v)));
		if (funnels.isEmpty()) {
			warnings.add(retrieve.directory() + ": no Opportunity sales process: imported the value set as a funnel without"
					+ " one ('salesforce no process').");
		} else {
			funnel.notes.add("Stages of the org's OpportunityStage value set no sales process uses: a funnel of their own"
					+ " keeps them in the value set.");
		}
		funnels.add(funnel);
		pathsOfFunnels.add(new ArrayList<>());
	}

	/**
	 * The master path (Salesforce allows one) goes to the funnel that has most of the stages it has steps for (the
	 * first of equals): the other steps are kept from the retrieve by {@code generate --current}.
	 */
	private void masterPaths(List<ImportedFunnel> funnels, List<List<Part>> pathsOfFunnels) {
		List<Part> master = pathsOfRecordType.remove(SalesforceNames.lowerCase(SalesforceNames.MASTER));
		if (master == null || funnels.isEmpty()) {
			return;
		}
		for (Part path : master) {
			Set<String> stages = new HashSet<>();
			MetadataXml.children(path.element(), "pathAssistantSteps").forEach(
					s -> stages.add(SalesforceNames.lowerCase(String.valueOf(MetadataXml.text(s, "picklistValueName")))));
			int best = 0;
			long most = -1;
			for (int i = 0; i < funnels.size(); i++) {
				long has = funnels.get(i).stages.stream().filter(s -> stages.contains(SalesforceNames.lowerCase(s.label)))
						.count();
				if (has > most) {
					best = i;
					most = has;
				}
			}
			addPath(funnels.get(best), path, null);
			pathsOfFunnels.get(best).add(path);
		}
	}

	/**
	 * Each stage's steps in the funnel's paths: the first path's as the stage's own key fields and guidance, the
	 * others' where they differ from it.
	 */
	private void steps(ImportedFunnel funnel, List<Part> paths) {
		Map<String, ImportedStage> stages = new LinkedHashMap<>();
		funnel.stages.forEach(s -> stages.put(SalesforceNames.lowerCase(s.label), s));
		for (int i = 0; i < paths.size(); i++) {
			Map<String, PathStep> steps = steps(paths.get(i), stages.keySet());
			for (Map.Entry<String, ImportedStage> entry : stages.entrySet()) {
				ImportedStage stage = entry.getValue();
				PathStep step = steps.getOrDefault(entry.getKey(), new PathStep(paths.get(i).name(), List.of(), null));
				if (i == 0) {
					stage.keyFields.addAll(step.keyFields());
					stage.guidance = step.guidance();
				} else if (!step.keyFields().equals(stage.keyFields) || !Objects.equals(step.guidance(), stage.guidance)) {
					stage.pathSteps.add(step);
				}
			}
		}
	}

	/** A path's steps by lower-case stage name; a step for a stage outside the funnel is a warning. */
	private Map<String, PathStep> steps(Part path, Set<String> stages) {
		Map<String, PathStep> steps = new TreeMap<>();
		for (Element element : MetadataXml.children(path.element(), "pathAssistantSteps")) {
			String stage = String.valueOf(MetadataXml.text(element, "picklistValueName"));
			if (!stages.contains(SalesforceNames.lowerCase(stage))) {
				warnings.add(path.file().at(element) + ": path " + path.name() + " has a step for stage '" + stage
						+ "', which its funnel does not have; 'generate --current' keeps it from the retrieve.");
				continue;
			}
			List<String> fields = MetadataXml.children(element, "fieldNames").stream().map(Element::getTextContent).toList();
			String info = MetadataXml.text(element, "info");
			steps.put(SalesforceNames.lowerCase(stage),
					new PathStep(path.name(), fields, info == null || info.isEmpty() ? null : info));
		}
		return steps;
	}

	/**
	 * A stage of the value set. A won stage below 100% or a lost one above 0% (Salesforce allows both, real orgs
	 * have them) gets no probability: the language closes it at 100% or 0%, and {@code generate --current} keeps
	 * the org's.
	 */
	private ImportedStage stage(StageSet.Value value) {
		ImportedStage stage = new ImportedStage(value.fullName());
		stage.origin = value.origin();
		stage.kind = value.won() ? Kind.WON : value.closed() ? Kind.LOST : Kind.OPEN;
		BigDecimal outcome = stage.kind == Kind.WON ? HUNDRED : stage.kind == Kind.LOST ? BigDecimal.ZERO : null;
		if (outcome != null && value.probability() != null && value.probability().compareTo(outcome) != 0) {
			if (reported.add(SalesforceNames.lowerCase(value.fullName()))) {
				warnings.add(value.origin() + ": " + stage.kind.name().toLowerCase(java.util.Locale.ROOT) + " stage '"
						+ value.fullName() + "' has probability " + value.probability().toPlainString() + "%, which a funnel"
						+ " cannot say (a closed deal is at " + outcome + "%); it was left out, and 'generate --current'"
						+ " keeps the org's.");
			}
		} else {
			stage.probabilityPercent = value.probability();
		}
		stage.forecastCategory = value.forecastCategory();
		stage.salesforceDescription = value.description();
		return stage;
	}
}

package org.funnel.dsl.generator.salesforce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.funnel.dsl.analysis.FunnelAnalyses;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.funnel.ForecastCategory;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.generator.CrmOrder;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Stages;
import org.funnel.dsl.model.CrmTargets;
import org.w3c.dom.Element;

/**
 * Target {@code salesforce}: a Salesforce DX project ({@code salesforce/}) that
 * {@code sf project deploy start --manifest package.xml} deploys:
 * <ul>
 * <li>{@code force-app/main/default/standardValueSets/OpportunityStage.standardValueSet-meta.xml}:
 * the org's one set of opportunity stages. A value left out of a deployed set is deactivated, so
 * the set is complete: it holds the stages of <em>every</em> Salesforce funnel of the run, each label
 * once (funnels that share a stage must agree on its probability, forecast category and outcome).
 * <li>per funnel, its sales process {@code objects/Opportunity/businessProcesses/<Process>.businessProcess-meta.xml};
 * <li>per funnel, a record type using that process
 * ({@code objects/Opportunity/recordTypes/<Process_Name>.recordType-meta.xml}): opportunities follow a
 * sales process through their record type, and Salesforce allows one path per record type;
 * <li>per funnel with {@code guidance}, the path {@code pathAssistants/<Process_Name>.pathAssistant-meta.xml}
 * showing the guidance on the stages;
 * <li>{@code package.xml} (API 62.0) naming all of it, and {@code sfdx-project.json}.
 * </ul>
 * Funnels are ordered by sales process name, so the output does not depend on the order of the
 * input files.
 */
public final class SalesforceGenerator {

	public static final String DIRECTORY = "salesforce";
	public static final String API_VERSION = "62.0";
	public static final String SOURCE = "force-app/main/default/";
	public static final String VALUE_SET = SOURCE + "standardValueSets/OpportunityStage.standardValueSet-meta.xml";

	private final FunnelAnalyses analyses;

	public SalesforceGenerator(FunnelAnalyses analyses) {
		this.analyses = analyses;
	}

	/** A stage value as the OpportunityStage set holds it. */
	record StageValue(String label, boolean closed, boolean won, String forecastCategory, int probability,
			String origin) {

		boolean sameSettings(StageValue other) {
			return closed == other.closed && won == other.won && probability == other.probability
					&& forecastCategory.equals(other.forecastCategory);
		}

		String describe() {
			return probability + "%, " + forecastCategory + (won ? ", won" : closed ? ", lost" : ", open");
		}
	}

	/** A funnel as Salesforce sees it. */
	record Process(String name, String developerName, String description, List<StageValue> values,
			Map<String, String> guidance, String origin) {
	}

	public void generate(List<Unit> units, GeneratedFiles out) {
		List<Process> processes = new ArrayList<>();
		for (Unit unit : units) {
			if (CrmTargets.salesforce(unit.funnel())) {
				processes.add(process(unit));
			}
		}
		if (processes.isEmpty()) {
			return;
		}
		processes.sort(Comparator.comparing(Process::name));
		checkUnique(processes);
		// One value per label; Salesforce compares picklist values ignoring case.
		Map<String, StageValue> valueSet = new LinkedHashMap<>();
		for (Process process : processes) {
			for (StageValue value : process.values()) {
				String key = value.label().toLowerCase(java.util.Locale.ROOT);
				StageValue first = valueSet.putIfAbsent(key, value);
				if (first == null) {
					continue;
				}
				if (!first.sameSettings(value)) {
					throw new GenerationException("Salesforce has one set of opportunity stages for the whole org, but stage '"
							+ value.label() + "' is " + first.describe() + " in " + first.origin() + " and " + value.describe()
							+ " in " + value.origin() + ". Make them agree, or give one a different label.");
				}
				if (!first.label().equals(value.label())) {
					out.warn("Salesforce stage names ignore case: '" + value.label() + "' of " + value.origin()
							+ " is deployed as '" + first.label() + "' of " + first.origin() + ".");
				}
			}
		}
		List<Process> canonical = new ArrayList<>();
		for (Process process : processes) {
			List<StageValue> values = new ArrayList<>();
			java.util.Set<String> seen = new java.util.HashSet<>();
			Map<String, String> guidance = new LinkedHashMap<>();
			for (StageValue value : process.values()) {
				StageValue shared = valueSet.get(value.label().toLowerCase(java.util.Locale.ROOT));
				if (seen.add(shared.label())) {
					values.add(shared);
				}
				String text = process.guidance().get(value.label());
				if (text != null) {
					guidance.putIfAbsent(shared.label(), text);
				}
			}
			canonical.add(new Process(process.name(), process.developerName(), process.description(), values, guidance,
					process.origin()));
		}
		processes = canonical;
		String origin = "the Salesforce metadata";
		out.add(DIRECTORY + "/" + VALUE_SET, valueSetXml(valueSet.values()), origin);
		Map<String, TreeSet<String>> members = new TreeMap<>();
		members.computeIfAbsent("StandardValueSet", k -> new TreeSet<>()).add("OpportunityStage");
		for (Process process : processes) {
			out.add(DIRECTORY + "/" + SOURCE + "objects/Opportunity/businessProcesses/" + process.name()
					+ ".businessProcess-meta.xml", businessProcessXml(process), process.origin());
			members.computeIfAbsent("BusinessProcess", k -> new TreeSet<>()).add("Opportunity." + process.name());
			out.add(DIRECTORY + "/" + SOURCE + "objects/Opportunity/recordTypes/" + process.developerName()
					+ ".recordType-meta.xml", recordTypeXml(process), process.origin());
			members.computeIfAbsent("RecordType", k -> new TreeSet<>()).add("Opportunity." + process.developerName());
			if (!process.guidance().isEmpty()) {
				out.add(DIRECTORY + "/" + SOURCE + "pathAssistants/" + process.developerName() + ".pathAssistant-meta.xml",
						pathAssistantXml(process), process.origin());
				members.computeIfAbsent("PathAssistant", k -> new TreeSet<>()).add(process.developerName());
			}
		}
		out.add(DIRECTORY + "/package.xml", packageXml(members), origin);
		out.add(DIRECTORY + "/sfdx-project.json", """
				{
				  "packageDirectories": [
				    {
				      "path": "force-app",
				      "default": true
				    }
				  ],
				  "name": "funnel-generated",
				  "sourceApiVersion": "%s"
				}
				""".formatted(API_VERSION), origin);
	}

	private static void checkUnique(List<Process> processes) {
		Map<String, Process> byDeveloperName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (Process process : processes) {
			Process other = byDeveloperName.putIfAbsent(process.developerName(), process);
			if (other != null) {
				throw new GenerationException(other.origin() + " and " + process.origin() + " both become the Salesforce API name "
						+ process.developerName() + " (sales processes '" + other.name() + "' and '" + process.name()
						+ "'). Give one a different 'salesforce process' name.");
			}
		}
	}

	Process process(Unit unit) {
		Funnel funnel = unit.funnel();
		EffectiveFunnel structure = analyses.structure(funnel);
		FunnelAnalysis analysis = analyses.analysis(funnel);
		String origin = "funnel " + funnel.getName() + " (" + unit.path() + ")";
		String name = processName(funnel);
		List<StageValue> values = new ArrayList<>();
		Map<String, String> guidance = new LinkedHashMap<>();
		List<Stage> stages = structure.stages();
		for (int i : CrmOrder.of(stages)) {
			Stage stage = stages.get(i);
			String label = Stages.label(stage);
			values.add(new StageValue(label, Stages.isTerminal(stage), stage.getKind() == StageKind.WON,
					forecastCategory(stage), probability(stage, analysis, i), origin));
			if (stage.getGuidance() != null && !stage.getGuidance().isBlank()) {
				guidance.put(label, stage.getGuidance());
			}
		}
		return new Process(name, developerName(name), Stages.label(funnel), values, guidance, origin);
	}

	/** The declared sales process name; else the label when it makes a valid name; else the funnel's name. */
	public static String processName(Funnel funnel) {
		if (funnel.getSalesforceProcess() != null) {
			return funnel.getSalesforceProcess();
		}
		String label = Stages.label(funnel);
		return label.matches("[\\p{L}\\p{N} _\\-()&]+") && !label.isBlank() && label.strip().equals(label) ? label
				: funnel.getName();
	}

	/**
	 * An API name from a process name: letters and digits, words joined by one underscore, starting
	 * with a letter, at most 40 characters: "B2B New Business" -> "B2B_New_Business".
	 */
	public static String developerName(String name) {
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
		String joined = ascii.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
		if (joined.isEmpty() || !Character.isLetter(joined.charAt(0))) {
			joined = "Funnel_" + joined;
		}
		if (joined.length() > 40) {
			joined = joined.substring(0, 40).replaceAll("_+$", "");
		}
		return joined.replaceAll("_$", "");
	}

	/** The declared forecast category; else Closed for won, Omitted for lost, Pipeline for open stages. */
	static String forecastCategory(Stage stage) {
		if (stage.eIsSet(org.funnel.dsl.funnel.FunnelPackage.Literals.STAGE__FORECAST_CATEGORY)) {
			return stage.getForecastCategory().getLiteral();
		}
		return switch (stage.getKind()) {
		case WON -> ForecastCategory.CLOSED.getLiteral();
		case LOST -> ForecastCategory.OMITTED.getLiteral();
		default -> ForecastCategory.PIPELINE.getLiteral();
		};
	}

	/** Whole percent: the declared probability, else the implied one, rounded half up. */
	static int probability(Stage stage, FunnelAnalysis analysis, int index) {
		BigDecimal declared = Stages.declaredProbability(stage);
		double fraction = declared != null ? declared.doubleValue()
				: analysis.isTrapped(index) ? 0 : analysis.winProbability(index);
		BigDecimal percent = declared != null ? declared.multiply(BigDecimal.valueOf(100))
				: BigDecimal.valueOf(fraction * 100);
		return percent.setScale(0, RoundingMode.HALF_UP).intValueExact();
	}

	static String valueSetXml(Iterable<StageValue> values) {
		MetadataXml xml = MetadataXml.create("StandardValueSet");
		Element root = xml.root();
		xml.add(root, "sorted", false);
		boolean first = true;
		for (StageValue value : values) {
			Element element = xml.add(root, "standardValue");
			xml.add(element, "fullName", value.label());
			xml.add(element, "default", first);
			xml.add(element, "label", value.label());
			xml.add(element, "closed", value.closed());
			xml.add(element, "forecastCategory", value.forecastCategory());
			xml.add(element, "probability", Integer.toString(value.probability()));
			xml.add(element, "won", value.won());
			first = false;
		}
		return xml.write();
	}

	static String businessProcessXml(Process process) {
		MetadataXml xml = MetadataXml.create("BusinessProcess");
		Element root = xml.root();
		xml.add(root, "fullName", process.name());
		xml.add(root, "description", process.description());
		xml.add(root, "isActive", true);
		boolean first = true;
		for (StageValue value : process.values()) {
			Element element = xml.add(root, "values");
			xml.add(element, "fullName", value.label());
			xml.add(element, "default", first);
			first = false;
		}
		return xml.write();
	}

	static String recordTypeXml(Process process) {
		MetadataXml xml = MetadataXml.create("RecordType");
		Element root = xml.root();
		xml.add(root, "fullName", process.developerName());
		xml.add(root, "active", true);
		xml.add(root, "businessProcess", process.name());
		xml.add(root, "description", process.description());
		xml.add(root, "label", process.name());
		return xml.write();
	}

	static String pathAssistantXml(Process process) {
		MetadataXml xml = MetadataXml.create("PathAssistant");
		Element root = xml.root();
		xml.add(root, "active", true);
		xml.add(root, "entityName", "Opportunity");
		xml.add(root, "fieldName", "StageName");
		xml.add(root, "masterLabel", process.name());
		for (StageValue value : process.values()) {
			String guidance = process.guidance().get(value.label());
			if (guidance != null) {
				Element step = xml.add(root, "pathAssistantSteps");
				xml.add(step, "info", guidance);
				xml.add(step, "picklistValueName", value.label());
			}
		}
		xml.add(root, "recordTypeName", process.developerName());
		return xml.write();
	}

	static String packageXml(Map<String, TreeSet<String>> members) {
		MetadataXml xml = MetadataXml.create("Package");
		Element root = xml.root();
		for (Map.Entry<String, TreeSet<String>> type : members.entrySet()) {
			Element types = xml.add(root, "types");
			for (String member : type.getValue()) {
				xml.add(types, "members", member);
			}
			xml.add(types, "name", type.getKey());
		}
		xml.add(root, "version", API_VERSION);
		return xml.write();
	}
}

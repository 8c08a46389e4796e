package org.funnel.dsl.generator.salesforce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.CrmOrder;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.SourcePosition;
import org.funnel.dsl.model.CrmTargets;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.SalesforceForecast;
import org.funnel.dsl.model.SalesforceNames;
import org.funnel.dsl.model.Stages;
import org.w3c.dom.Element;
import java.util.Locale;

/**
 * Target {@code salesforce}: a Salesforce DX project ({@code salesforce/}) that
 * {@code sf project deploy start --manifest package.xml} deploys, its files as a retrieve from an org
 * would have them:
 * <ul>
 * <li>{@code force-app/main/default/standardValueSets/OpportunityStage.standardValueSet-meta.xml}:
 * the org's one set of opportunity stages. A value left out of a deployed set is deactivated, so
 * the set is complete: it holds the stages of <em>every</em> Salesforce funnel of the run, each label
 * once (funnels that share a stage must agree on its probability, forecast category and outcome), in
 * one order that follows every funnel's ({@link ValueSetOrder}): open stages, then won, then lost;
 * <li>per funnel, its sales process {@code objects/Opportunity/businessProcesses/<Process>.businessProcess-meta.xml},
 * its values in alphabetical order and named as a retrieve names them ({@link MetadataNames});
 * <li>per funnel, a record type using that process
 * ({@code objects/Opportunity/recordTypes/<Record_Type>.recordType-meta.xml}): opportunities follow a
 * sales process through their record type, and Salesforce allows one path per record type;
 * <li>per funnel with {@code guidance}, the path {@code pathAssistants/<Path>.pathAssistant-meta.xml}
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

	private final AnalysisCache analyses;

	public SalesforceGenerator(AnalysisCache analyses) {
		this.analyses = analyses;
	}

	/** A stage value as the OpportunityStage set holds it; {@code origin} is where its label is written. */
	record StageValue(String label, Outcome outcome, String forecastCategory, int probability, String origin) {

		boolean closed() {
			return outcome != Outcome.OPEN;
		}

		boolean won() {
			return outcome == Outcome.WON;
		}

		boolean sameSettings(StageValue other) {
			return outcome == other.outcome && probability == other.probability
					&& forecastCategory.equals(other.forecastCategory);
		}

		String describe() {
			return probability + "%, " + forecastCategory + ", " + outcome.name().toLowerCase(Locale.ROOT);
		}
	}

	/** A funnel as Salesforce sees it: a sales process, its record type and path. */
	record Process(String name, String recordType, String recordTypeLabel, String path, String pathLabel,
			String description, List<StageValue> values, String defaultStage, Map<String, String> guidance, String origin) {
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
		List<StageValue> valueSet = valueSet(processes, out);
		String origin = "the Salesforce metadata";
		out.add(DIRECTORY + "/" + VALUE_SET, valueSetXml(valueSet), origin);
		Map<String, TreeSet<String>> members = new TreeMap<>();
		members.computeIfAbsent("StandardValueSet", k -> new TreeSet<>()).add("OpportunityStage");
		for (Process process : processes) {
			String encoded = MetadataNames.encode(process.name());
			out.add(DIRECTORY + "/" + SOURCE + "objects/Opportunity/businessProcesses/" + encoded
					+ ".businessProcess-meta.xml", businessProcessXml(process), process.origin());
			members.computeIfAbsent("BusinessProcess", k -> new TreeSet<>()).add("Opportunity." + encoded);
			out.add(DIRECTORY + "/" + SOURCE + "objects/Opportunity/recordTypes/" + process.recordType()
					+ ".recordType-meta.xml", recordTypeXml(process), process.origin());
			members.computeIfAbsent("RecordType", k -> new TreeSet<>()).add("Opportunity." + process.recordType());
			if (!process.guidance().isEmpty()) {
				out.add(DIRECTORY + "/" + SOURCE + "pathAssistants/" + process.path() + ".pathAssistant-meta.xml",
						pathAssistantXml(process), process.origin());
				members.computeIfAbsent("PathAssistant", k -> new TreeSet<>()).add(process.path());
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

	/** Record types and paths are org-wide names: two funnels may not share one. */
	private static void checkUnique(List<Process> processes) {
		Map<String, Process> byRecordType = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		Map<String, Process> byPath = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (Process process : processes) {
			Process other = byRecordType.putIfAbsent(process.recordType(), process);
			if (other != null) {
				throw new GenerationException(process.origin() + ": sales processes '" + other.name() + "' (" + other.origin()
						+ ") and '" + process.name() + "' both use the Salesforce record type " + process.recordType()
						+ ". Give one its own with 'salesforce record type'.");
			}
			if (!process.guidance().isEmpty()) {
				other = byPath.putIfAbsent(process.path(), process);
				if (other != null) {
					throw new GenerationException(process.origin() + ": sales processes '" + other.name() + "' ("
							+ other.origin() + ") and '" + process.name() + "' both show their guidance in the Salesforce path "
							+ process.path() + ". Give one its own with 'salesforce path'.");
				}
			}
		}
	}

	/**
	 * The org's one OpportunityStage set: each stage once, in one order that follows every funnel's
	 * (open stages, then won, then lost). Salesforce compares stage names ignoring case: two spellings
	 * of one name would deploy as one stage, so they are an error, as are two settings of one stage.
	 */
	private static List<StageValue> valueSet(List<Process> processes, GeneratedFiles out) {
		Map<String, StageValue> byName = new HashMap<>();
		Map<Outcome, List<List<String>>> sequences = new EnumMap<>(Outcome.class);
		for (Process process : processes) {
			Map<Outcome, List<String>> groups = new EnumMap<>(Outcome.class);
			for (StageValue value : process.values()) {
				StageValue first = byName.putIfAbsent(SalesforceNames.lowerCase(value.label()), value);
				if (first != null && !first.label().equals(value.label())) {
					throw new GenerationException(value.origin() + ": stage '" + value.label() + "' and stage '"
							+ first.label() + "' (" + first.origin() + ") differ only in case, and Salesforce compares stage"
							+ " names ignoring case: they would be deployed as one stage. Spell them the same.");
				}
				if (first != null && !first.sameSettings(value)) {
					throw new GenerationException(value.origin() + ": Salesforce has one set of opportunity stages for the"
							+ " whole org, but stage '" + value.label() + "' is " + first.describe() + " in " + first.origin()
							+ " and " + value.describe() + " here. Make them agree, or give one a different label.");
				}
				groups.computeIfAbsent(value.outcome(), k -> new ArrayList<>()).add(value.label());
			}
			groups.forEach((outcome, labels) -> sequences.computeIfAbsent(outcome, k -> new ArrayList<>()).add(labels));
		}
		List<StageValue> set = new ArrayList<>();
		for (Outcome outcome : new Outcome[] { Outcome.OPEN, Outcome.WON, Outcome.LOST }) {
			ValueSetOrder.Result merged = ValueSetOrder.merge(sequences.getOrDefault(outcome, List.of()));
			for (String conflict : merged.conflicts()) {
				out.warn("The Salesforce funnels list their stages in different orders; the OpportunityStage set (one for"
						+ " the org) puts '" + conflict + "' before a stage that another funnel lists ahead of it.");
			}
			merged.order().forEach(label -> set.add(byName.get(SalesforceNames.lowerCase(label))));
		}
		return set;
	}

	Process process(Unit unit) {
		Funnel funnel = unit.funnel();
		EffectiveFunnel structure = analyses.structure(funnel);
		FunnelAnalysis analysis = analyses.analysis(funnel);
		String name = SalesforceNames.processName(funnel);
		List<StageValue> values = new ArrayList<>();
		Map<String, String> guidance = new LinkedHashMap<>();
		String defaultStage = null;
		List<Stage> stages = structure.stages();
		for (int i : CrmOrder.of(stages)) {
			Stage stage = stages.get(i);
			String label = Stages.label(stage);
			String at = SourcePosition.of(unit, stage, stage.getLabel() != null ? Literals.STAGE__LABEL : Literals.STAGE__NAME);
			values.add(new StageValue(label, Stages.outcome(stage), forecastCategory(unit, stage),
					probability(stage, analysis, i), at));
			if (stage.getGuidance() != null && !stage.getGuidance().isBlank()) {
				guidance.put(label, stage.getGuidance());
			}
			if (stage.isSalesforceDefault() && defaultStage == null) {
				defaultStage = label;
			}
		}
		return new Process(name, SalesforceNames.recordType(funnel), SalesforceNames.recordTypeLabel(funnel),
				SalesforceNames.path(funnel), SalesforceNames.pathLabel(funnel), Stages.label(funnel), values, defaultStage,
				guidance, SourcePosition.of(unit, funnel, Literals.ELEMENT__NAME));
	}

	/**
	 * The stage's forecast category. One that contradicts the stage (a won stage outside Closed, ...) is
	 * refused here too: the checks find it, this keeps the generator from writing it whatever reaches it.
	 */
	static String forecastCategory(Unit unit, Stage stage) {
		String why = SalesforceForecast.why(stage);
		if (why != null) {
			throw new GenerationException(SourcePosition.of(unit, stage, Literals.STAGE__FORECAST_CATEGORY) + ": stage '"
					+ stage.getName() + "': " + why + ".");
		}
		return SalesforceForecast.of(stage).getLiteral();
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

	/** The set as a retrieve writes it: no value is the default (a process names its own). */
	static String valueSetXml(Iterable<StageValue> values) {
		MetadataXml xml = MetadataXml.create("StandardValueSet");
		Element root = xml.root();
		xml.add(root, "sorted", false);
		for (StageValue value : values) {
			Element element = xml.add(root, "standardValue");
			xml.add(element, "fullName", value.label());
			xml.add(element, "default", false);
			xml.add(element, "label", value.label());
			xml.add(element, "closed", value.closed());
			xml.add(element, "forecastCategory", value.forecastCategory());
			xml.add(element, "probability", Integer.toString(value.probability()));
			xml.add(element, "won", value.won());
		}
		return xml.write();
	}

	/** The process as a retrieve writes it: values encoded and sorted, the default only where declared. */
	static String businessProcessXml(Process process) {
		MetadataXml xml = MetadataXml.create("BusinessProcess");
		Element root = xml.root();
		xml.add(root, "fullName", MetadataNames.encode(process.name()));
		xml.add(root, "description", process.description());
		xml.add(root, "isActive", true);
		Map<String, StageValue> sorted = new TreeMap<>();
		process.values().forEach(value -> sorted.put(MetadataNames.encode(value.label()), value));
		for (Map.Entry<String, StageValue> value : sorted.entrySet()) {
			Element element = xml.add(root, "values");
			xml.add(element, "fullName", value.getKey());
			xml.add(element, "default", value.getValue().label().equals(process.defaultStage()));
		}
		return xml.write();
	}

	static String recordTypeXml(Process process) {
		MetadataXml xml = MetadataXml.create("RecordType");
		Element root = xml.root();
		xml.add(root, "fullName", process.recordType());
		xml.add(root, "active", true);
		xml.add(root, "businessProcess", MetadataNames.encode(process.name()));
		xml.add(root, "description", process.description());
		xml.add(root, "label", process.recordTypeLabel());
		return xml.write();
	}

	/** The path as a retrieve writes it: steps sorted by stage name, which stays unencoded. */
	static String pathAssistantXml(Process process) {
		MetadataXml xml = MetadataXml.create("PathAssistant");
		Element root = xml.root();
		xml.add(root, "active", true);
		xml.add(root, "entityName", "Opportunity");
		xml.add(root, "fieldName", "StageName");
		xml.add(root, "masterLabel", process.pathLabel());
		for (Map.Entry<String, String> step : new TreeMap<>(process.guidance()).entrySet()) {
			Element element = xml.add(root, "pathAssistantSteps");
			xml.add(element, "info", step.getValue());
			xml.add(element, "picklistValueName", step.getKey());
		}
		xml.add(root, "recordTypeName", process.recordType());
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

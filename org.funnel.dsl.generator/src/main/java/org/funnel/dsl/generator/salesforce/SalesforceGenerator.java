package org.funnel.dsl.generator.salesforce;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.salesforce.FunnelProcess.StageValue;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.model.CrmTargets;
import org.funnel.dsl.model.SalesforceNames;
import org.w3c.dom.Element;

/**
 * Target {@code salesforce}: a Salesforce DX project ({@code salesforce/}) that
 * {@code sf project deploy start --manifest package.xml} deploys, its files as a retrieve from an org
 * would have them. It starts from the org ({@link SalesforceOrg}, a retrieve given with {@code --current}):
 * each component the funnels describe is written as the retrieve has it, with only what the funnels say
 * changed ({@link ComponentXml}); without a retrieve, for a new org ({@link SalesforceOrg#NEW}).
 * <ul>
 * <li>{@code force-app/main/default/standardValueSets/OpportunityStage.standardValueSet-meta.xml}:
 * the org's one set of opportunity stages, with every stage of every Salesforce funnel of the run (funnels
 * that share a stage must agree on its settings) and every stage the org has: the org's in its order,
 * new ones where the funnels' order puts them ({@link ValueSetOrder});
 * <li>per funnel with a sales process, the process
 * {@code objects/Opportunity/businessProcesses/<Process>.businessProcess-meta.xml}, its values named as a
 * retrieve names them ({@link MetadataNames}), and its record types
 * ({@code objects/Opportunity/recordTypes/<Record_Type>.recordType-meta.xml});
 * <li>per path, {@code pathAssistants/<Path>.pathAssistant-meta.xml} with each stage's key fields and guidance;
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
	static final String PROCESSES = SOURCE + "objects/Opportunity/businessProcesses/";
	static final String RECORD_TYPES = SOURCE + "objects/Opportunity/recordTypes/";
	static final String PATHS = SOURCE + "pathAssistants/";

	private final AnalysisCache analyses;
	private final SalesforceOrg org;

	/** For a new org. */
	public SalesforceGenerator(AnalysisCache analyses) {
		this(analyses, SalesforceOrg.NEW);
	}

	/** Starting from the org's components as retrieved. */
	public SalesforceGenerator(AnalysisCache analyses, SalesforceOrg org) {
		this.analyses = analyses;
		this.org = org;
	}

	public void generate(List<Unit> units, GeneratedFiles out) {
		List<FunnelProcess> processes = new ArrayList<>();
		for (Unit unit : units) {
			if (CrmTargets.salesforce(unit.funnel())) {
				processes.add(FunnelProcess.of(unit, analyses));
			}
		}
		if (processes.isEmpty()) {
			return;
		}
		processes.sort(Comparator.comparing(FunnelProcess::sortKey));
		ComponentNames.checkUnique(processes);
		Map<String, StageValue> stages = stages(processes);
		List<String> order = order(processes, stages, out);
		Set<String> valueSet = new HashSet<>();
		order.forEach(label -> valueSet.add(SalesforceNames.lowerCase(label)));
		String origin = "the Salesforce metadata";
		Map<String, TreeSet<String>> members = new TreeMap<>();
		out.add(DIRECTORY + "/" + VALUE_SET, ComponentXml.valueSet(org.valueSet(), order, stages), origin);
		member(members, "StandardValueSet", "OpportunityStage");
		for (FunnelProcess process : processes) {
			components(process, valueSet, out, members);
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

	/** A funnel's sales process, record types and paths. */
	private void components(FunnelProcess process, Set<String> valueSet, GeneratedFiles out,
			Map<String, TreeSet<String>> members) {
		if (process.name() != null) {
			SalesforceOrg.Component current = org.processes().get(process.name());
			String fileName = ComponentNames.processFile(process.name(), current);
			out.add(DIRECTORY + "/" + PROCESSES + fileName + ".businessProcess-meta.xml",
					ComponentXml.businessProcess(current, process, valueSet), process.origin());
			member(members, "BusinessProcess", "Opportunity." + fileName);
			for (SalesforceNames.RecordType recordType : process.recordTypes()) {
				out.add(DIRECTORY + "/" + RECORD_TYPES + recordType.apiName() + ".recordType-meta.xml",
						ComponentXml.recordType(org.recordTypes().get(recordType.apiName()), recordType, process.name()),
						process.origin());
				member(members, "RecordType", "Opportunity." + recordType.apiName());
			}
		}
		for (FunnelProcess.PathSteps path : process.paths()) {
			String name = path.path().apiName();
			out.add(DIRECTORY + "/" + PATHS + name + ".pathAssistant-meta.xml",
					ComponentXml.path(org.paths().get(name), path), process.origin());
			member(members, "PathAssistant", name);
		}
	}

	private static void member(Map<String, TreeSet<String>> members, String type, String member) {
		members.computeIfAbsent(type, k -> new TreeSet<>()).add(member);
	}

	/**
	 * Every stage of the funnels once, by lower-case label. Salesforce compares stage names ignoring case: two
	 * spellings of one name would deploy as one stage, so they are an error, as are two settings of one stage.
	 */
	private static Map<String, StageValue> stages(List<FunnelProcess> processes) {
		Map<String, StageValue> byName = new HashMap<>();
		for (FunnelProcess process : processes) {
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
			}
		}
		return byName;
	}

	/**
	 * The order of the value set. With the org's: the org's, new stages where the funnels put them. For a new org:
	 * one order that follows every funnel's (open stages, then won, then lost).
	 */
	private List<String> order(List<FunnelProcess> processes, Map<String, StageValue> stages, GeneratedFiles out) {
		return org.valueSet() != null ? orgOrder(processes, stages, out) : newOrder(processes, out);
	}

	private List<String> orgOrder(List<FunnelProcess> processes, Map<String, StageValue> stages, GeneratedFiles out) {
		List<String> current = MetadataXml.children(org.valueSet().element(), "standardValue").stream()
				.map(v -> String.valueOf(MetadataXml.text(v, "fullName"))).toList();
		Set<String> closed = new HashSet<>();
		Set<String> won = new HashSet<>();
		stages.forEach((key, value) -> {
			if (value.closed()) {
				closed.add(key);
			}
			if (value.outcome() == Outcome.WON) {
				won.add(key);
			}
		});
		for (Element value : MetadataXml.children(org.valueSet().element(), "standardValue")) {
			String key = SalesforceNames.lowerCase(String.valueOf(MetadataXml.text(value, "fullName")));
			if ("true".equals(MetadataXml.text(value, "closed"))) {
				closed.add(key);
			}
			if ("true".equals(MetadataXml.text(value, "won"))) {
				won.add(key);
			}
		}
		List<List<String>> sequences = processes.stream().map(p -> p.values().stream().map(StageValue::label).toList())
				.toList();
		ValueSetOrder.Result kept = ValueSetOrder.keepOrg(current, sequences, closed, won);
		for (String conflict : kept.conflicts()) {
			out.warn("A Salesforce funnel lists stage '" + conflict + "' in another place than the org's"
					+ " OpportunityStage set (" + org.source() + "); the set keeps the org's order.");
		}
		return kept.order();
	}

	private static List<String> newOrder(List<FunnelProcess> processes, GeneratedFiles out) {
		Map<Outcome, List<List<String>>> sequences = new EnumMap<>(Outcome.class);
		for (FunnelProcess process : processes) {
			Map<Outcome, List<String>> groups = new EnumMap<>(Outcome.class);
			process.values().forEach(v -> groups.computeIfAbsent(v.outcome(), k -> new ArrayList<>()).add(v.label()));
			groups.forEach((outcome, labels) -> sequences.computeIfAbsent(outcome, k -> new ArrayList<>()).add(labels));
		}
		List<String> order = new ArrayList<>();
		for (Outcome outcome : new Outcome[] { Outcome.OPEN, Outcome.WON, Outcome.LOST }) {
			ValueSetOrder.Result merged = ValueSetOrder.merge(sequences.getOrDefault(outcome, List.of()));
			for (String conflict : merged.conflicts()) {
				out.warn("The Salesforce funnels list their stages in different orders; the OpportunityStage set (one for"
						+ " the org) puts '" + conflict + "' before a stage that another funnel lists ahead of it.");
			}
			order.addAll(merged.order());
		}
		return order;
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

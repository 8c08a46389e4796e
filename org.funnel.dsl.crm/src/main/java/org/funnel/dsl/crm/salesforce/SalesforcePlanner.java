package org.funnel.dsl.crm.salesforce;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.funnel.dsl.crm.PlanIssueCodes;
import org.funnel.dsl.crm.salesforce.SalesforcePlan.ComponentChanges;
import org.funnel.dsl.crm.salesforce.SalesforcePlan.ElementChange;
import org.funnel.dsl.crm.salesforce.SalesforceRetrieve.Part;
import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.Diagnostic.Severity;
import org.funnel.dsl.generator.salesforce.MetadataXml;
import org.funnel.dsl.model.SalesforceNames;

/**
 * Works out a {@link SalesforcePlan} from two retrieves read alike ({@link SalesforceRetrieve}): the project
 * {@code generate --target salesforce --current} writes, and the org's. The deploy writes the project's
 * components as they are, so the plan is the element difference of each ({@link MetadataDiff}). Processes
 * match by decoded name, record types and paths by API name ignoring case, as Salesforce matches them.
 */
public final class SalesforcePlanner {

	private final List<ComponentChanges> components = new ArrayList<>();
	private final List<String> leftAlone = new ArrayList<>();
	private final List<Diagnostic> diagnostics = new ArrayList<>();

	private SalesforcePlanner() {
	}

	public static SalesforcePlan plan(SalesforceRetrieve project, SalesforceRetrieve org) {
		SalesforcePlanner planner = new SalesforcePlanner();
		planner.valueSet(project.valueSet(), org.valueSet());
		planner.components("BusinessProcess", "Opportunity.", project.processes().values(),
				byName("BusinessProcess", org.processes().values()));
		planner.components("RecordType", "Opportunity.", project.recordTypes(), byName("RecordType", org.recordTypes()));
		planner.components("PathAssistant", "", project.paths(), byName("PathAssistant", org.paths()));
		return new SalesforcePlan(List.copyOf(planner.components), List.copyOf(planner.leftAlone),
				List.copyOf(planner.diagnostics));
	}

	/** The value set; a stage it loses is deactivated by the deploy, a warning at its line in the retrieve. */
	private void valueSet(Part project, Part org) {
		List<ElementChange> changes = MetadataDiff.of(org.element(), project.element(), "StandardValueSet");
		for (ElementChange change : changes) {
			if (change.after() == null && change.element().startsWith("standardValue[")) {
				String stage = change.element().substring("standardValue[".length(), change.element().length() - 1);
				diagnostics.add(at(org, stage).withMessage("deploying the generated project deactivates stage '" + stage
						+ "' of the org's OpportunityStage value set: no funnel has it. Opportunities in it keep it, but"
						+ " nobody can choose it any more."));
			}
		}
		add("StandardValueSet", "OpportunityStage", false, changes);
	}

	private Located at(Part org, String stage) {
		for (org.w3c.dom.Element value : MetadataXml.children(org.element(), "standardValue")) {
			if (stage.equals(MetadataXml.text(value, "fullName"))) {
				return new Located(org.file().at(value));
			}
		}
		return new Located(org.at());
	}

	private void components(String type, String prefix, Iterable<Part> project, Map<String, Part> org) {
		Set<String> written = new HashSet<>();
		for (Part part : project) {
			String key = key(type, part.name());
			written.add(key);
			Part before = org.get(key);
			if (before == null) {
				add(type, prefix + part.name(), true, List.of());
			} else {
				add(type, prefix + part.name(), false, MetadataDiff.of(before.element(), part.element(), type));
			}
		}
		org.forEach((key, part) -> {
			if (!written.contains(key)) {
				leftAlone.add(type + " " + prefix + part.name());
			}
		});
	}

	private void add(String type, String name, boolean added, List<ElementChange> changes) {
		if (added || !changes.isEmpty()) {
			components.add(new ComponentChanges(type, name, added, changes));
		}
	}

	private static Map<String, Part> byName(String type, Iterable<Part> parts) {
		Map<String, Part> map = new TreeMap<>();
		for (Part part : parts) {
			map.putIfAbsent(key(type, part.name()), part);
		}
		return map;
	}

	/** Processes by name; record types and paths ignoring case, as Salesforce compares them. */
	private static String key(String type, String name) {
		return type.equals("BusinessProcess") ? name : SalesforceNames.lowerCase(name);
	}

	/** Where in the retrieve a finding is: "path:line:column". */
	private record Located(String origin) {
		Diagnostic withMessage(String message) {
			int second = origin.lastIndexOf(':');
			int first = second < 0 ? -1 : origin.lastIndexOf(':', second - 1);
			try {
				int line = Integer.parseInt(origin.substring(first + 1, second));
				int column = Integer.parseInt(origin.substring(second + 1));
				return new Diagnostic(origin.substring(0, first), line, column, line, column, Severity.WARNING, message,
						PlanIssueCodes.SALESFORCE_STAGE_DEACTIVATED);
			} catch (RuntimeException e) {
				return new Diagnostic(origin, 1, 1, 1, 1, Severity.WARNING, message,
						PlanIssueCodes.SALESFORCE_STAGE_DEACTIVATED);
			}
		}
	}
}

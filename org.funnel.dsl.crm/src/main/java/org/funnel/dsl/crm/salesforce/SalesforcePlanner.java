package org.funnel.dsl.crm.salesforce;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.Diagnostic.Severity;
import org.funnel.dsl.crm.imports.ImportResult;
import org.funnel.dsl.crm.imports.ImportedFunnel;
import org.funnel.dsl.crm.imports.ImportedFunnel.ImportedStage;
import org.funnel.dsl.crm.salesforce.SalesforcePlan.Change;
import org.funnel.dsl.crm.salesforce.SalesforcePlan.Kind;
import org.funnel.dsl.crm.PlanIssueCodes;

/**
 * Works out a {@link SalesforcePlan} from two readings by the Salesforce importer: of the project
 * {@code generate --target salesforce} writes, and of a retrieve of the org. Both pass through the
 * same reader, so encoded names, alphabetical process values and the two metadata formats compare
 * alike. Stages match by name, ignoring case as Salesforce does; processes by name.
 */
public final class SalesforcePlanner {

	private static final Pattern ORIGIN = Pattern.compile("(.+):(\\d+):(\\d+)");

	private final ImportResult project;
	private final ImportResult org;
	private final List<Change> deactivations = new ArrayList<>();
	private final List<Change> changes = new ArrayList<>();
	private final List<Diagnostic> diagnostics = new ArrayList<>();

	private SalesforcePlanner(ImportResult project, ImportResult org) {
		this.project = project;
		this.org = org;
	}

	public static SalesforcePlan plan(ImportResult project, ImportResult org) {
		return new SalesforcePlanner(project, org).plan();
	}

	private SalesforcePlan plan() {
		List<ImportedFunnel> orgProcesses = processes(org);
		valueSet(orgProcesses);
		Map<String, ImportedFunnel> orgByName = new LinkedHashMap<>();
		orgProcesses.forEach(p -> orgByName.put(lower(p.salesforceProcess), p));
		Set<String> described = new HashSet<>();
		for (ImportedFunnel process : processes(project)) {
			String name = process.salesforceProcess;
			described.add(lower(name));
			ImportedFunnel before = orgByName.get(lower(name));
			if (before == null) {
				addProcess(process);
			} else {
				changeProcess(before, process);
			}
		}
		List<String> leftAlone = new ArrayList<>();
		for (ImportedFunnel process : orgProcesses) {
			if (!described.contains(lower(process.salesforceProcess))) {
				leftAlone.add(process.salesforceProcess
						+ (process.salesforceRecordType == null ? "" : " (record type " + process.salesforceRecordType + ")"));
			}
		}
		List<Change> all = new ArrayList<>(deactivations);
		all.addAll(changes);
		diagnostics.sort(null);
		return new SalesforcePlan(List.copyOf(all), List.copyOf(leftAlone), List.copyOf(diagnostics));
	}

	/** The value set: what the org has and the project lacks is deactivated by the deploy; stages added and changed; the order. */
	private void valueSet(List<ImportedFunnel> orgProcesses) {
		Map<String, ImportedStage> wanted = byName(project.valueSet());
		Map<String, ImportedStage> current = byName(org.valueSet());
		for (ImportedStage stage : org.valueSet()) {
			if (!wanted.containsKey(lower(stage.label))) {
				deactivate(stage, orgProcesses);
			}
		}
		for (ImportedStage stage : project.valueSet()) {
			ImportedStage before = current.get(lower(stage.label));
			if (before == null) {
				changes.add(new Change(Kind.ADD_STAGE, stage.label, null, null, describe(stage)));
				continue;
			}
			change(changes, Kind.STAGE_NAME, stage.label, null, before.label, stage.label);
			change(changes, Kind.STAGE_KIND, stage.label, null, kind(before), kind(stage));
			change(changes, Kind.PROBABILITY, stage.label, null, percent(before.probabilityPercent),
					percent(stage.probabilityPercent));
			change(changes, Kind.FORECAST_CATEGORY, stage.label, null, before.forecastCategory, stage.forecastCategory);
		}
		List<String> orderBefore = org.valueSet().stream().filter(s -> wanted.containsKey(lower(s.label))).map(s -> s.label)
				.toList();
		List<String> orderAfter = project.valueSet().stream().filter(s -> current.containsKey(lower(s.label))).map(s -> s.label)
				.toList();
		if (!orderBefore.stream().map(SalesforcePlanner::lower).toList()
				.equals(orderAfter.stream().map(SalesforcePlanner::lower).toList())) {
			changes.add(new Change(Kind.STAGE_ORDER, "OpportunityStage", null, String.join(", ", orderBefore),
					String.join(", ", orderAfter)));
		}
	}

	/** A stage of the org's value set no funnel has: deactivated by the deploy, and a warning at its line. */
	private void deactivate(ImportedStage stage, List<ImportedFunnel> orgProcesses) {
		List<String> usedBy = orgProcesses.stream()
				.filter(p -> p.stages.stream().anyMatch(s -> lower(s.label).equals(lower(stage.label))))
				.map(p -> p.salesforceProcess).toList();
		deactivations.add(new Change(Kind.DEACTIVATE_STAGE, stage.label, usedBy.isEmpty() ? null : String.join(", ", usedBy),
				describe(stage), "inactive"));
		diagnostics.add(at(stage.origin).diagnostic(Severity.WARNING, "deploying the generated project deactivates stage '"
				+ stage.label + "' of the org's OpportunityStage value set"
				+ (usedBy.isEmpty() ? ""
						: " (used by sales process" + (usedBy.size() == 1 ? " '" : "es '") + String.join("', '", usedBy) + "')")
				+ ": no funnel has it. Opportunities in it keep it, but nobody can choose it any more.",
				PlanIssueCodes.SALESFORCE_STAGE_DEACTIVATED));
	}

	/** A sales process the org does not have, with its record type and path. */
	private void addProcess(ImportedFunnel process) {
		String name = process.salesforceProcess;
		changes.add(new Change(Kind.ADD_PROCESS, name, name, null, stages(process)));
		if (process.salesforceRecordType != null) {
			changes.add(new Change(Kind.ADD_RECORD_TYPE, process.salesforceRecordType, name, null, recordTypeLabel(process)));
		}
		if (process.salesforcePath != null) {
			changes.add(new Change(Kind.ADD_PATH, process.salesforcePath, name, null, pathLabel(process)));
		}
	}

	/** A sales process in both: its description, stages, default stage, record type and path. */
	private void changeProcess(ImportedFunnel before, ImportedFunnel process) {
		String name = process.salesforceProcess;
		change(changes, Kind.PROCESS_DESCRIPTION, name, name, before.label, process.label);
		Set<String> had = before.stages.stream().map(s -> lower(s.label)).collect(Collectors.toSet());
		Set<String> has = process.stages.stream().map(s -> lower(s.label)).collect(Collectors.toSet());
		process.stages.stream().filter(s -> !had.contains(lower(s.label)))
				.forEach(s -> changes.add(new Change(Kind.PROCESS_ADD_STAGE, s.label, name, null, s.label)));
		before.stages.stream().filter(s -> !has.contains(lower(s.label)))
				.forEach(s -> changes.add(new Change(Kind.PROCESS_REMOVE_STAGE, s.label, name, s.label, null)));
		change(changes, Kind.PROCESS_DEFAULT, name, name, defaultStage(before), defaultStage(process));
		if (process.salesforceRecordType != null) {
			if (before.salesforceRecordType == null
					|| !before.salesforceRecordType.equalsIgnoreCase(process.salesforceRecordType)) {
				changes.add(new Change(Kind.ADD_RECORD_TYPE, process.salesforceRecordType, name, before.salesforceRecordType,
						recordTypeLabel(process)));
			} else {
				change(changes, Kind.RECORD_TYPE_LABEL, process.salesforceRecordType, name, recordTypeLabel(before),
						recordTypeLabel(process));
			}
		}
		if (process.salesforcePath != null) {
			changePath(before, process);
		}
	}

	/** A process's path: added, or its label and guidance changed. */
	private void changePath(ImportedFunnel before, ImportedFunnel process) {
		String name = process.salesforceProcess;
		if (before.salesforcePath == null || !before.salesforcePath.equalsIgnoreCase(process.salesforcePath)) {
			changes.add(new Change(Kind.ADD_PATH, process.salesforcePath, name, before.salesforcePath, pathLabel(process)));
			return;
		}
		change(changes, Kind.PATH_LABEL, process.salesforcePath, name, pathLabel(before), pathLabel(process));
		Map<String, String> guidanceBefore = new HashMap<>();
		before.stages.forEach(s -> guidanceBefore.put(lower(s.label), s.guidance));
		for (ImportedStage stage : process.stages) {
			change(changes, Kind.PATH_GUIDANCE, stage.label, name, guidanceBefore.get(lower(stage.label)), stage.guidance);
		}
	}

	private static List<ImportedFunnel> processes(ImportResult result) {
		return result.funnels().stream().filter(f -> f.salesforceProcess != null).toList();
	}

	private static Map<String, ImportedStage> byName(List<ImportedStage> stages) {
		Map<String, ImportedStage> map = new LinkedHashMap<>();
		stages.forEach(s -> map.putIfAbsent(lower(s.label), s));
		return map;
	}

	private static void change(List<Change> changes, Kind kind, String subject, String process, String before, String after) {
		if (!Objects.equals(before, after)) {
			changes.add(new Change(kind, subject, process, before, after));
		}
	}

	/** "open, 20%, Pipeline". */
	static String describe(ImportedStage stage) {
		return kind(stage) + ", " + (stage.probabilityPercent == null ? "no probability" : percent(stage.probabilityPercent))
				+ ", "
				+ (stage.forecastCategory == null ? "no forecast category" : stage.forecastCategory);
	}

	private static String kind(ImportedStage stage) {
		return stage.kind.name().toLowerCase(Locale.ROOT);
	}

	private static String percent(BigDecimal percent) {
		return percent == null ? null : percent.stripTrailingZeros().toPlainString() + "%";
	}

	private static String stages(ImportedFunnel process) {
		return process.stages.stream().map(s -> s.label).collect(Collectors.joining(", "));
	}

	private static String defaultStage(ImportedFunnel process) {
		return process.stages.stream().filter(s -> s.salesforceDefault).map(s -> s.label).findFirst().orElse(null);
	}

	private static String recordTypeLabel(ImportedFunnel process) {
		return process.salesforceRecordTypeLabel != null ? process.salesforceRecordTypeLabel : process.salesforceRecordType;
	}

	private static String pathLabel(ImportedFunnel process) {
		return process.salesforcePathLabel != null ? process.salesforcePathLabel : process.salesforcePath;
	}

	private static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

	/** Where in the retrieve a finding is: the importer's "path:line:column". */
	private static Located at(String origin) {
		Matcher matcher = ORIGIN.matcher(origin == null ? "" : origin);
		if (matcher.matches()) {
			int line = Integer.parseInt(matcher.group(2));
			int column = Integer.parseInt(matcher.group(3));
			return new Located(matcher.group(1), line, column);
		}
		return new Located(origin == null ? "?" : origin, 1, 1);
	}

	private record Located(String path, int line, int column) {
		Diagnostic diagnostic(Severity severity, String message, String code) {
			return new Diagnostic(path, line, column, line, column, severity, message, code);
		}
	}
}

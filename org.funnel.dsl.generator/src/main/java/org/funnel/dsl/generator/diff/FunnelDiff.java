package org.funnel.dsl.generator.diff;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.funnel.Volume;
import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.svg.SvgGenerator;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.generator.hubspot.HubSpotGenerator;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;
import java.util.Locale;

/**
 * What changed between two versions of funnels, in Markdown for a pull request comment: funnels
 * added and removed, stages added, removed and renamed, changed probabilities, transitions and
 * settings, and what it does to the numbers: implied win probabilities, the bottleneck, the overall
 * win rate.
 * <p>
 * Funnels are matched by name (a single unmatched funnel on each side counts as renamed). Stages
 * are matched by name; a removed and an added stage with the same label or HubSpot id and the same
 * kind count as renamed.
 */
public final class FunnelDiff {

	/** One side of the comparison. */
	public record Side(List<Unit> units, AnalysisCache analyses) {
	}

	private final Side before;
	private final Side after;

	public FunnelDiff(Side before, Side after) {
		this.before = before;
		this.after = after;
	}

	/**
	 * One funnel's part of the diff: its Markdown, the funnel on each side (null where it does not
	 * exist), and what its pictures mark as changed on each side.
	 */
	private record Section(String markdown, Unit then, Unit now, Marks oldMarks, Marks newMarks) {
	}

	/** What a picture marks as changed: stage names and transitions as {@link DiagramOptions#transitionKey}. */
	private record Marks(Set<String> stages, Set<String> transitions) {

		static Marks of(EffectiveFunnel structure) {
			Set<String> stages = new TreeSet<>();
			structure.stages().forEach(stage -> stages.add(stage.getName()));
			Set<String> transitions = new TreeSet<>();
			structure.transitions().forEach(t -> transitions.add(transitionKey((Stage) t.eContainer(), t.getTarget())));
			return new Marks(stages, transitions);
		}
	}

	/** True when {@link #markdown} would report changes. */
	public boolean hasChanges() {
		return !sections().isEmpty();
	}

	public String markdown(String beforeName, String afterName) {
		return markdown(beforeName, afterName, null);
	}

	/**
	 * The diff; with {@code pictures} (the directory {@link #pictures} are written to, as the reader
	 * should find it) each changed funnel links its before and after pictures.
	 */
	public String markdown(String beforeName, String afterName, String pictures) {
		List<String> sections = new ArrayList<>();
		for (Section section : sections()) {
			StringBuilder text = new StringBuilder(section.markdown());
			if (pictures != null) {
				String name = (section.now() != null ? section.now() : section.then()).funnel().getName();
				text.append("**Pictures** (changes outlined): ");
				if (section.then() != null) {
					text.append("[before](").append(pictures).append("/before/").append(name).append(".svg)");
				}
				if (section.then() != null && section.now() != null) {
					text.append(" · ");
				}
				if (section.now() != null) {
					text.append("[after](").append(pictures).append("/after/").append(name).append(".svg)");
				}
				text.append("\n");
			}
			sections.add(text.toString());
		}
		StringBuilder out = new StringBuilder("## Funnel changes\n\n");
		out.append("Comparing `").append(beforeName.replace("`", "'")).append("` with `").append(afterName.replace("`", "'"))
				.append("`.\n\n");
		if (sections.isEmpty()) {
			out.append("No semantic changes.\n");
		} else {
			out.append(String.join("\n", sections));
		}
		return out.toString();
	}

	/**
	 * The pictures of the changed funnels, {@code before/<Name>.svg} and {@code after/<Name>.svg} (for
	 * a funnel added or removed only one), with the changed stages and transitions outlined. Both under
	 * the name the funnel has now, so a renamed funnel's pictures sit side by side.
	 */
	public GeneratedFiles pictures(DiagramOptions options) {
		GeneratedFiles out = new GeneratedFiles();
		for (Section section : sections()) {
			String name = (section.now() != null ? section.now() : section.then()).funnel().getName();
			if (section.then() != null) {
				new SvgGenerator(before.analyses(), options.withHighlights(section.oldMarks().stages(),
						section.oldMarks().transitions())).add(out, "before/" + name + ".svg", section.then());
			}
			if (section.now() != null) {
				new SvgGenerator(after.analyses(), options.withHighlights(section.newMarks().stages(),
						section.newMarks().transitions())).add(out, "after/" + name + ".svg", section.now());
			}
		}
		return out;
	}

	private List<Section> sections() {
		Map<String, Unit> old = byName(before.units());
		Map<String, Unit> neu = byName(after.units());
		List<String> onlyOld = new ArrayList<>();
		List<String> onlyNew = new ArrayList<>();
		old.keySet().stream().filter(n -> !neu.containsKey(n)).forEach(onlyOld::add);
		neu.keySet().stream().filter(n -> !old.containsKey(n)).forEach(onlyNew::add);
		List<Section> sections = new ArrayList<>();
		for (Map.Entry<String, Unit> entry : neu.entrySet()) {
			Unit then = old.get(entry.getKey());
			if (then == null && onlyOld.size() == 1 && onlyNew.size() == 1) {
				then = old.get(onlyOld.get(0));
			}
			if (then == null) {
				Unit now = entry.getValue();
				sections.add(new Section(added(now), null, now, null, Marks.of(after.analyses().structure(now.funnel()))));
			} else {
				Section section = compare(then, entry.getValue());
				if (section != null) {
					sections.add(section);
				}
			}
		}
		if (!(onlyOld.size() == 1 && onlyNew.size() == 1)) {
			for (String name : onlyOld) {
				Unit then = old.get(name);
				sections.add(new Section(removed(then), then, null, Marks.of(before.analyses().structure(then.funnel())), null));
			}
		}
		return sections;
	}

	private static Map<String, Unit> byName(List<Unit> units) {
		Map<String, Unit> result = new LinkedHashMap<>();
		for (Unit unit : units) {
			result.putIfAbsent(unit.funnel().getName(), unit);
		}
		return result;
	}

	private String added(Unit unit) {
		FunnelAnalysis analysis = after.analyses().analysis(unit.funnel());
		return heading(unit.funnel()) + "New funnel with " + after.analyses().structure(unit.funnel()).stages().size()
				+ " stages; overall win rate " + Text.percent(analysis.overallWinRate()) + ".\n";
	}

	private String removed(Unit unit) {
		return heading(unit.funnel()) + "Funnel removed.\n";
	}

	private static String heading(Funnel funnel) {
		return "### " + Text.markdown(Stages.label(funnel)) + " (`" + funnel.getName() + "`)\n\n";
	}

	private static String stage(Stage stage) {
		return "**" + Text.markdown(Stages.label(stage)) + "**";
	}

	/** One funnel in both versions: its structure and analysis on each side. */
	private record Versions(Funnel oldFunnel, Funnel newFunnel, EffectiveFunnel oldStructure, EffectiveFunnel newStructure,
			FunnelAnalysis oldAnalysis, FunnelAnalysis newAnalysis) {
	}

	/**
	 * Stages matched old to new (by name, then renames), the changes that matching found, and the
	 * stages it marks: removed and renamed ones on the old side, added and renamed ones on the new.
	 */
	private record StageMatch(Map<Stage, Stage> matched, List<String> changes, Marks oldMarks, Marks newMarks) {
	}

	/** The section of a funnel found in both versions, or null when nothing changed. */
	private Section compare(Unit then, Unit now) {
		Funnel oldFunnel = then.funnel();
		Funnel newFunnel = now.funnel();
		Versions v = new Versions(oldFunnel, newFunnel, before.analyses().structure(oldFunnel),
				after.analyses().structure(newFunnel), before.analyses().analysis(oldFunnel),
				after.analyses().analysis(newFunnel));
		List<String> funnelChanges = funnelSettings(oldFunnel, newFunnel);
		StageMatch stages = matchStages(v);
		List<String> settingChanges = new ArrayList<>();
		for (Map.Entry<Stage, Stage> pair : stages.matched().entrySet()) {
			List<String> changes = stageSettings(pair.getKey(), pair.getValue());
			if (!changes.isEmpty()) {
				stages.oldMarks().stages().add(pair.getKey().getName());
				stages.newMarks().stages().add(pair.getValue().getName());
			}
			settingChanges.addAll(changes);
		}
		List<String> transitionChanges = transitions(v, stages.matched(), stages.oldMarks(), stages.newMarks());
		List<String> effects = effects(v, stages.matched());
		if (funnelChanges.isEmpty() && stages.changes().isEmpty() && settingChanges.isEmpty() && transitionChanges.isEmpty()
				&& effects.isEmpty()) {
			return null;
		}
		StringBuilder out = new StringBuilder(heading(newFunnel));
		list(out, "Funnel", funnelChanges);
		list(out, "Stages", stages.changes());
		list(out, "Stage settings", settingChanges);
		list(out, "Transitions", transitionChanges);
		list(out, "Effect", effects);
		return new Section(out.toString(), then, now, stages.oldMarks(), stages.newMarks());
	}

	/** The funnel's own settings: name, label, CRMs and what they call it, what it extends. */
	private static List<String> funnelSettings(Funnel oldFunnel, Funnel newFunnel) {
		List<String> changes = new ArrayList<>();
		if (!oldFunnel.getName().equals(newFunnel.getName())) {
			changes.add("Renamed from `" + oldFunnel.getName() + "` to `" + newFunnel.getName() + "`.");
		}
		change(changes, "Label", quoted(Stages.label(oldFunnel)), quoted(Stages.label(newFunnel)));
		change(changes, "CRMs", crms(oldFunnel), crms(newFunnel));
		change(changes, "HubSpot pipeline", hubspot(oldFunnel), hubspot(newFunnel));
		change(changes, "HubSpot display order", Integer.toString(HubSpotGenerator.displayOrder(oldFunnel)),
				Integer.toString(HubSpotGenerator.displayOrder(newFunnel)));
		change(changes, "Salesforce process", quoted(oldFunnel.getSalesforceProcess()), quoted(newFunnel.getSalesforceProcess()));
		change(changes, "Salesforce record type",
				named(oldFunnel.getSalesforceRecordType(), oldFunnel.getSalesforceRecordTypeLabel()),
				named(newFunnel.getSalesforceRecordType(), newFunnel.getSalesforceRecordTypeLabel()));
		change(changes, "Salesforce path", named(oldFunnel.getSalesforcePath(), oldFunnel.getSalesforcePathLabel()),
				named(newFunnel.getSalesforcePath(), newFunnel.getSalesforcePathLabel()));
		change(changes, "Extends", oldFunnel.getBase() == null ? "nothing" : "`" + oldFunnel.getBase().getName() + "`",
				newFunnel.getBase() == null ? "nothing" : "`" + newFunnel.getBase().getName() + "`");
		return changes;
	}

	/**
	 * Stages by name; among the rest, a removed and an added stage of the same kind with the same label
	 * or HubSpot id are one stage renamed. Reports renames, additions and removals.
	 */
	private static StageMatch matchStages(Versions v) {
		Map<String, Stage> newByName = new LinkedHashMap<>();
		v.newStructure().stages().forEach(s -> newByName.putIfAbsent(s.getName(), s));
		Map<Stage, Stage> matched = new LinkedHashMap<>();
		List<Stage> removedStages = new ArrayList<>();
		for (Stage stage : v.oldStructure().stages()) {
			Stage match = newByName.remove(stage.getName());
			if (match != null) {
				matched.put(stage, match);
			} else {
				removedStages.add(stage);
			}
		}
		List<String> changes = new ArrayList<>();
		Marks oldMarks = new Marks(new TreeSet<>(), new TreeSet<>());
		Marks newMarks = new Marks(new TreeSet<>(), new TreeSet<>());
		Map<String, Stage> addedByKey = new HashMap<>();
		for (Stage stage : newByName.values()) {
			addedByKey.putIfAbsent("label:" + stage.getKind() + ":" + Stages.label(stage), stage);
			if (stage.getHubspotId() != null) {
				addedByKey.putIfAbsent("hubspot:" + stage.getKind() + ":" + stage.getHubspotId(), stage);
			}
		}
		List<Stage> stillRemoved = new ArrayList<>();
		for (Stage stage : removedStages) {
			Stage renamed = addedByKey.get("label:" + stage.getKind() + ":" + Stages.label(stage));
			if ((renamed == null || !newByName.containsKey(renamed.getName())) && stage.getHubspotId() != null) {
				renamed = addedByKey.get("hubspot:" + stage.getKind() + ":" + stage.getHubspotId());
			}
			if (renamed != null && newByName.containsKey(renamed.getName())) {
				newByName.remove(renamed.getName());
				matched.put(stage, renamed);
				changes.add("Renamed stage `" + stage.getName() + "` to `" + renamed.getName() + "` (" + stage(renamed) + ").");
				oldMarks.stages().add(stage.getName());
				newMarks.stages().add(renamed.getName());
			} else {
				stillRemoved.add(stage);
			}
		}
		for (Stage stage : newByName.values()) {
			changes.add("Added stage " + stage(stage) + " (`" + stage.getName() + "`, " + describe(stage) + ").");
			newMarks.stages().add(stage.getName());
		}
		for (Stage stage : stillRemoved) {
			changes.add("Removed stage " + stage(stage) + " (`" + stage.getName() + "`).");
			oldMarks.stages().add(stage.getName());
		}
		return new StageMatch(matched, changes, oldMarks, newMarks);
	}

	/** The settings of a stage found in both versions, old and new. */
	private static List<String> stageSettings(Stage o, Stage n) {
		List<String> changes = new ArrayList<>();
		String who = stage(n);
		change(changes, who + ": label", quoted(Stages.label(o)), quoted(Stages.label(n)));
		change(changes, who + ": kind", kind(o), kind(n));
		change(changes, who + ": declared probability", percent(Stages.declaredProbability(o)),
				percent(Stages.declaredProbability(n)));
		change(changes, who + ": entering", volume(o.getEntering()), volume(n.getEntering()));
		change(changes, who + ": HubSpot id", quoted(o.getHubspotId()), quoted(n.getHubspotId()));
		change(changes, who + ": Salesforce forecast", forecast(o), forecast(n));
		change(changes, who + ": Salesforce default", o.isSalesforceDefault() ? "yes" : "no",
				n.isSalesforceDefault() ? "yes" : "no");
		change(changes, who + ": channels", channels(o), channels(n));
		change(changes, who + ": deal value", money(o), money(n));
		if (!Objects.equals(o.getGuidance(), n.getGuidance())) {
			changes.add(who + ": guidance "
					+ (o.getGuidance() == null ? "added" : n.getGuidance() == null ? "removed" : "changed") + ".");
		}
		return changes;
	}

	/** Transitions added, removed and changed, with old stage names mapped to the new ones. */
	private static List<String> transitions(Versions v, Map<Stage, Stage> oldToNew, Marks oldMarks, Marks newMarks) {
		Map<String, Transition> newTransitions = new LinkedHashMap<>();
		for (Transition t : v.newStructure().transitions()) {
			newTransitions.putIfAbsent(key((Stage) t.eContainer(), t.getTarget()), t);
		}
		List<String> changes = new ArrayList<>();
		for (Transition t : v.oldStructure().transitions()) {
			Stage from = oldToNew.get((Stage) t.eContainer());
			Stage to = oldToNew.get(t.getTarget());
			Transition current = from == null || to == null ? null : newTransitions.remove(key(from, to));
			String name = arrow((Stage) t.eContainer(), t.getTarget());
			if (current == null) {
				changes.add("Removed transition " + name + " (" + percent(Probabilities.fraction(t.getProbability())) + ").");
				oldMarks.transitions().add(transitionKey((Stage) t.eContainer(), t.getTarget()));
				continue;
			}
			name = arrow(from, to);
			int before = changes.size();
			change(changes, name, percent(Probabilities.fraction(t.getProbability())),
					percent(Probabilities.fraction(current.getProbability())));
			change(changes, name + " via", channel(t.getChannel()), channel(current.getChannel()));
			if (changes.size() > before) {
				oldMarks.transitions().add(transitionKey((Stage) t.eContainer(), t.getTarget()));
				newMarks.transitions().add(transitionKey(from, to));
			}
		}
		for (Transition t : newTransitions.values()) {
			changes.add("Added transition " + arrow((Stage) t.eContainer(), t.getTarget()) + " ("
					+ percent(Probabilities.fraction(t.getProbability())) + ").");
			newMarks.transitions().add(transitionKey((Stage) t.eContainer(), t.getTarget()));
		}
		return changes;
	}

	/** What the change does to the numbers: win probabilities, the bottleneck, the overall win rate. */
	private static List<String> effects(Versions v, Map<Stage, Stage> matched) {
		FunnelAnalysis oldAnalysis = v.oldAnalysis();
		FunnelAnalysis newAnalysis = v.newAnalysis();
		List<String> effects = new ArrayList<>();
		for (Map.Entry<Stage, Stage> pair : matched.entrySet()) {
			int i = v.oldStructure().indexOf(pair.getKey());
			int j = v.newStructure().indexOf(pair.getValue());
			if (Stages.isTerminal(pair.getValue()) || i < 0 || j < 0) {
				continue;
			}
			String was = oldAnalysis.isTrapped(i) ? "never closing" : Text.percent(oldAnalysis.winProbability(i));
			String is = newAnalysis.isTrapped(j) ? "never closing" : Text.percent(newAnalysis.winProbability(j));
			if (!was.equals(is)) {
				double delta = newAnalysis.winProbability(j) - oldAnalysis.winProbability(i);
				effects.add("Win probability of " + stage(pair.getValue()) + (delta < 0 ? " dropped" : " rose") + " from "
						+ was + " to " + is + ".");
			}
		}
		String oldBottleneck = oldAnalysis.bottleneck() < 0 ? null
				: Stages.label(v.oldStructure().stages().get(oldAnalysis.bottleneck()));
		String newBottleneck = newAnalysis.bottleneck() < 0 ? null
				: Stages.label(v.newStructure().stages().get(newAnalysis.bottleneck()));
		String unit = v.newStructure().volumeUnit();
		if (!Objects.equals(oldBottleneck, newBottleneck)) {
			effects.add("The bottleneck moved from " + bottleneck(oldBottleneck, oldAnalysis, unit) + " to "
					+ bottleneck(newBottleneck, newAnalysis, unit) + ".");
		} else if (newBottleneck != null) {
			String was = Text.number(oldAnalysis.expectedLoss(oldAnalysis.bottleneck()));
			String is = Text.number(newAnalysis.expectedLoss(newAnalysis.bottleneck()));
			if (!was.equals(is)) {
				effects.add("The bottleneck is still **" + Text.markdown(newBottleneck) + "**; it loses " + is + " " + unit
						+ " instead of " + was + ".");
			}
		}
		String oldRate = Text.percent(oldAnalysis.overallWinRate());
		String newRate = Text.percent(newAnalysis.overallWinRate());
		if (!oldRate.equals(newRate)) {
			effects.add("Overall win rate " + (newAnalysis.overallWinRate() < oldAnalysis.overallWinRate() ? "dropped" : "rose")
					+ " from " + oldRate + " to " + newRate + "; expected won " + Text.number(oldAnalysis.expectedWon())
					+ " → " + Text.number(newAnalysis.expectedWon()) + " " + Text.markdown(unit) + ".");
		}
		return effects;
	}

	private static String bottleneck(String label, FunnelAnalysis analysis, String unit) {
		if (label == null) {
			return "none";
		}
		return "**" + Text.markdown(label) + "** (loses " + Text.number(analysis.expectedLoss(analysis.bottleneck())) + " "
				+ Text.markdown(unit) + ")";
	}

	private static void list(StringBuilder out, String title, List<String> items) {
		if (items.isEmpty()) {
			return;
		}
		out.append("**").append(title).append("**\n\n");
		items.forEach(item -> out.append("- ").append(item).append('\n'));
		out.append('\n');
	}

	private static void change(List<String> changes, String what, String was, String is) {
		if (!Objects.equals(was, is)) {
			changes.add(what + ": " + was + " → " + is + ".");
		}
	}

	private static String key(Stage from, Stage to) {
		return from.getName() + "\u0000" + (to == null ? "" : to.getName());
	}

	private static String transitionKey(Stage from, Stage to) {
		return DiagramOptions.transitionKey(from.getName(), to == null ? "" : to.getName());
	}

	private static String arrow(Stage from, Stage to) {
		return stage(from) + " → " + (to == null || to.eIsProxy() ? "?" : stage(to));
	}

	private static String describe(Stage stage) {
		BigDecimal declared = Stages.declaredProbability(stage);
		return kind(stage) + (declared == null ? "" : ", " + Probabilities.formatExact(declared));
	}

	private static String kind(Stage stage) {
		return Stages.outcome(stage).name().toLowerCase(Locale.ROOT);
	}

	private static String percent(BigDecimal fraction) {
		return fraction == null ? "none" : Probabilities.formatExact(fraction);
	}

	private static String quoted(String text) {
		return text == null ? "none" : "\"" + Text.markdown(text) + "\"";
	}

	/** An API name with its optional label, or "default" when neither is given. */
	private static String named(String apiName, String label) {
		return apiName == null ? "default" : quoted(apiName) + (label == null ? "" : " (" + quoted(label) + ")");
	}

	private static String crms(Funnel funnel) {
		if (funnel.getCrms().isEmpty()) {
			return "HubSpot and Salesforce";
		}
		return String.join(", ", funnel.getCrms().stream().map(c -> c.getLiteral()).sorted().toList());
	}

	private static String hubspot(Funnel funnel) {
		String id = funnel.getHubspotPipelineId() == null ? "new" : "\"" + Text.markdown(funnel.getHubspotPipelineId()) + "\"";
		return id + " for " + (funnel.getHubspotObject() == null ? "deals" : funnel.getHubspotObject().getLiteral());
	}

	private static String volume(Volume volume) {
		if (volume == null || volume.getAmount() == null) {
			return "none";
		}
		return Probabilities.plain(volume.getAmount()) + (volume.isPeriodic() ? " per " + volume.getPeriod().getLiteral() : "");
	}

	private static String forecast(Stage stage) {
		return stage.eIsSet(FunnelPackage.Literals.STAGE__FORECAST_CATEGORY)
				? stage.getForecastCategory().getLiteral() : "default";
	}

	private static String channels(Stage stage) {
		List<String> names = stage.getChannels().stream().map(FunnelDiff::channel).toList();
		return names.isEmpty() ? "none" : String.join(", ", names);
	}

	private static String channel(Channel channel) {
		return channel == null ? "none" : channel.eIsProxy() ? "?" : Text.markdown(Stages.label(channel));
	}

	private static String money(Stage stage) {
		if (stage.getDealValue() == null || stage.getDealValue().getAmount() == null) {
			return "none";
		}
		return Probabilities.plain(stage.getDealValue().getAmount())
				+ (stage.getDealValue().getCurrency() == null ? "" : " " + stage.getDealValue().getCurrency());
	}
}

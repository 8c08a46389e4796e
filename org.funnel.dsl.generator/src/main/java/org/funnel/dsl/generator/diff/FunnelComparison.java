package org.funnel.dsl.generator.diff;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.generator.diff.DiffResult.FunnelChange;
import org.funnel.dsl.generator.diff.DiffResult.Group;
import org.funnel.dsl.generator.diff.DiffResult.Marks;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;

/**
 * One funnel found in both versions, compared: its own settings, its stages (matched by name; a removed and an added
 * stage of the same kind with the same label or HubSpot id are one stage renamed), the stages' settings, the
 * transitions, and what it all does to the numbers: win probabilities, the bottleneck, the overall win rate.
 */
final class FunnelComparison {

	private final Unit then;
	private final Unit now;
	private final EffectiveFunnel oldStructure;
	private final EffectiveFunnel newStructure;
	private final FunnelAnalysis oldAnalysis;
	private final FunnelAnalysis newAnalysis;
	private final Marks oldMarks = Marks.none();
	private final Marks newMarks = Marks.none();
	/** Old stages to the new ones they became. */
	private final Map<Stage, Stage> matched = new LinkedHashMap<>();

	FunnelComparison(Unit then, AnalysisCache before, Unit now, AnalysisCache after) {
		this.then = then;
		this.now = now;
		this.oldStructure = before.structure(then.funnel());
		this.newStructure = after.structure(now.funnel());
		this.oldAnalysis = before.analysis(then.funnel());
		this.newAnalysis = after.analysis(now.funnel());
	}

	/** The funnel's changes, or null when nothing changed. */
	FunnelChange compare(SettingChanges settings) {
		List<String> funnel = settings.ofFunnel(then.funnel(), now.funnel());
		List<String> stages = matchStages();
		List<String> stageSettings = new ArrayList<>();
		matched.forEach((o, n) -> {
			List<String> changes = settings.ofStage(o, n);
			if (!changes.isEmpty()) {
				oldMarks.stages().add(o.getName());
				newMarks.stages().add(n.getName());
			}
			stageSettings.addAll(changes);
		});
		List<String> transitions = transitions();
		List<String> effects = effects();
		List<Group> groups = new ArrayList<>();
		add(groups, "Funnel", funnel);
		add(groups, "Stages", stages);
		add(groups, "Stage settings", stageSettings);
		add(groups, "Transitions", transitions);
		add(groups, "Effect", effects);
		return groups.isEmpty() ? null : new FunnelChange(then, now, null, List.copyOf(groups), oldMarks, newMarks);
	}

	private static void add(List<Group> groups, String title, List<String> changes) {
		if (!changes.isEmpty()) {
			groups.add(new Group(title, List.copyOf(changes)));
		}
	}

	/** Matches the stages (by name, then renames) and reports renames, additions and removals. */
	private List<String> matchStages() {
		Map<String, Stage> newByName = new LinkedHashMap<>();
		newStructure.stages().forEach(s -> newByName.putIfAbsent(s.getName(), s));
		List<Stage> removedStages = new ArrayList<>();
		for (Stage stage : oldStructure.stages()) {
			Stage match = newByName.remove(stage.getName());
			if (match != null) {
				matched.put(stage, match);
			} else {
				removedStages.add(stage);
			}
		}
		Map<String, Stage> addedByKey = new HashMap<>();
		for (Stage stage : newByName.values()) {
			addedByKey.putIfAbsent("label:" + stage.getKind() + ":" + Stages.label(stage), stage);
			if (stage.getHubspotId() != null) {
				addedByKey.putIfAbsent("hubspot:" + stage.getKind() + ":" + stage.getHubspotId(), stage);
			}
		}
		List<String> changes = new ArrayList<>();
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
		return changes;
	}

	/** Transitions added, removed and changed, with old stage names mapped to the new ones. */
	private List<String> transitions() {
		Map<String, Transition> newTransitions = new LinkedHashMap<>();
		for (Transition t : newStructure.transitions()) {
			newTransitions.putIfAbsent(key(from(t), t.getTarget()), t);
		}
		List<String> changes = new ArrayList<>();
		for (Transition t : oldStructure.transitions()) {
			Stage from = matched.get(from(t));
			Stage to = matched.get(t.getTarget());
			Transition current = from == null || to == null ? null : newTransitions.remove(key(from, to));
			if (current == null) {
				changes.add("Removed transition " + arrow(from(t), t.getTarget()) + " (" + percent(t) + ").");
				oldMarks.transitions().add(Marks.transitionKey(from(t), t.getTarget()));
				continue;
			}
			String name = arrow(from, to);
			int before = changes.size();
			SettingChanges.change(changes, name, percent(t), percent(current));
			SettingChanges.change(changes, name + " via", SettingChanges.channel(t.getChannel()),
					SettingChanges.channel(current.getChannel()));
			if (changes.size() > before) {
				oldMarks.transitions().add(Marks.transitionKey(from(t), t.getTarget()));
				newMarks.transitions().add(Marks.transitionKey(from, to));
			}
		}
		for (Transition t : newTransitions.values()) {
			changes.add("Added transition " + arrow(from(t), t.getTarget()) + " (" + percent(t) + ").");
			newMarks.transitions().add(Marks.transitionKey(from(t), t.getTarget()));
		}
		return changes;
	}

	/** What the change does to the numbers: win probabilities, the bottleneck, the overall win rate. */
	private List<String> effects() {
		List<String> effects = new ArrayList<>();
		for (Map.Entry<Stage, Stage> pair : matched.entrySet()) {
			int i = oldStructure.indexOf(pair.getKey());
			int j = newStructure.indexOf(pair.getValue());
			if (Stages.isTerminal(pair.getValue()) || i < 0 || j < 0) {
				continue;
			}
			String was = oldAnalysis.isTrapped(i) ? "never closing" : Text.percent(oldAnalysis.winProbability(i));
			String is = newAnalysis.isTrapped(j) ? "never closing" : Text.percent(newAnalysis.winProbability(j));
			if (!was.equals(is)) {
				double delta = newAnalysis.winProbability(j) - oldAnalysis.winProbability(i);
				effects.add("Win probability of " + stage(pair.getValue()) + (delta < 0 ? " dropped" : " rose") + " from " + was
						+ " to " + is + ".");
			}
		}
		bottleneck(effects);
		String oldRate = Text.percent(oldAnalysis.overallWinRate());
		String newRate = Text.percent(newAnalysis.overallWinRate());
		if (!oldRate.equals(newRate)) {
			effects.add("Overall win rate " + (newAnalysis.overallWinRate() < oldAnalysis.overallWinRate() ? "dropped" : "rose")
					+ " from " + oldRate + " to " + newRate + "; expected won " + Text.number(oldAnalysis.expectedWon()) + " → "
					+ Text.number(newAnalysis.expectedWon()) + " " + Text.markdown(newStructure.volumeUnit()) + ".");
		}
		return effects;
	}

	/** Where the bottleneck went, or how much more or less it loses. */
	private void bottleneck(List<String> effects) {
		String oldBottleneck = oldAnalysis.bottleneck() < 0 ? null
				: Stages.label(oldStructure.stages().get(oldAnalysis.bottleneck()));
		String newBottleneck = newAnalysis.bottleneck() < 0 ? null
				: Stages.label(newStructure.stages().get(newAnalysis.bottleneck()));
		String unit = newStructure.volumeUnit();
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
	}

	private static String bottleneck(String label, FunnelAnalysis analysis, String unit) {
		if (label == null) {
			return "none";
		}
		return "**" + Text.markdown(label) + "** (loses " + Text.number(analysis.expectedLoss(analysis.bottleneck())) + " "
				+ Text.markdown(unit) + ")";
	}

	/** A stage as the diff names it: its label in bold. */
	static String stage(Stage stage) {
		return "**" + Text.markdown(Stages.label(stage)) + "**";
	}

	private static Stage from(Transition transition) {
		return (Stage) transition.eContainer();
	}

	private static String key(Stage from, Stage to) {
		return from.getName() + "\u0000" + (to == null ? "" : to.getName());
	}

	private static String arrow(Stage from, Stage to) {
		return stage(from) + " → " + (to == null || to.eIsProxy() ? "?" : stage(to));
	}

	private static String percent(Transition transition) {
		return SettingChanges.percent(Probabilities.fraction(transition.getProbability()));
	}

	private static String describe(Stage stage) {
		BigDecimal declared = Stages.declaredProbability(stage);
		return SettingChanges.kind(stage) + (declared == null ? "" : ", " + Probabilities.formatExact(declared));
	}
}

package org.funnel.dsl.validation;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.analysis.FunnelPaths;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.funnel.Volume;
import org.funnel.dsl.model.CrmTargets;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;

/** A funnel can be won, every stage is reached, and every stage can close. */
public class FunnelShapeChecks extends FunnelChecks {

	@Check
	public void hasWonStage(Funnel funnel) {
		if (funnel.isTemplate() || stagesOnly(funnel)) {
			return;
		}
		for (Stage stage : analyses.structure(funnel).stages()) {
			if (stage.getKind() == StageKind.WON) {
				return;
			}
		}
		error("Funnel " + q(funnel.getName()) + " has no won stage, so nothing in it can close won. Add one, e.g. "
				+ "won stage ClosedWon \"Closed Won\".", funnel, Literals.ELEMENT__NAME, FunnelIssueCodes.NO_WON_STAGE);
	}

	/**
	 * A funnel only for Salesforce that declares no sales process holds stages of the org's value set (such as those
	 * no process uses): nothing in it has to close.
	 */
	private static boolean stagesOnly(Funnel funnel) {
		return funnel.isSalesforceNoProcess() && !CrmTargets.hubSpot(funnel);
	}

	@Check
	public void noTransitionFromTerminal(Transition transition) {
		if (transition.eContainer() instanceof Stage stage && Stages.isTerminal(stage)) {
			error("A " + stage.getKind().getLiteral() + " stage is final: " + q(stage.getName())
					+ " cannot move on. Remove this transition, or make the stage open.", transition, null,
					FunnelIssueCodes.TRANSITION_FROM_TERMINAL);
		}
	}

	@Check
	public void everyStageReachedAndCanClose(Funnel funnel) {
		if (funnel.isTemplate()) {
			return;
		}
		EffectiveFunnel structure = analyses.structure(funnel);
		List<Stage> stages = structure.stages();
		List<Stage> entries = structure.entries();
		if (stages.isEmpty()) {
			return;
		}
		FunnelGraph graph = structure.graph();
		FunnelPaths paths = new FunnelPaths(graph);
		int[] entryIndexes = entries.stream().mapToInt(structure::indexOf).toArray();
		boolean[] reached = paths.reachableFrom(entryIndexes);
		boolean[] canClose = paths.canReachOutcome();
		String entryNames = entries.stream().map(s -> q(s.getName())).collect(Collectors.joining(", "));
		for (Stage stage : funnel.getStages()) {
			int index = structure.indexOf(stage);
			if (stage.getName() == null) {
				// Its name did not parse (a keyword such as Closed): the syntax error says so.
				continue;
			}
			if (!reached[index]) {
				warning("Stage " + q(stage.getName()) + " is never reached: no transition leads to it from "
						+ (entries.size() == 1 ? "the entry stage " : "the entry stages ") + entryNames
						+ ". Add a transition to it, or an entering volume.", stage, Literals.STAGE__NAME,
						FunnelIssueCodes.UNREACHABLE_STAGE);
			}
			if (!canClose[index]) {
				List<Integer> cycle = paths.cycleOf(index);
				String message;
				List<Integer> closedCycle = cycle.isEmpty() ? closedCycleAhead(paths, graph, index) : List.of();
				if (!closedCycle.isEmpty()) {
					String members = closedCycle.stream().map(i -> q(stages.get(i).getName()))
							.collect(Collectors.joining(", "));
					message = "No won or lost stage can be reached from " + q(stage.getName())
							+ ": deals here go on into a cycle (" + members
							+ ") that never reaches one. Add a transition to a won or lost stage.";
				} else if (cycle.isEmpty()) {
					message = "No won or lost stage can be reached from " + q(stage.getName())
							+ ": deals here can only drop off. Add a transition to a won or lost stage.";
				} else {
					String members = cycle.stream().map(i -> q(stages.get(i).getName())).collect(Collectors.joining(", "));
					message = "Stage " + q(stage.getName()) + " is in a cycle (" + members
							+ ") that never reaches a won or lost stage. Add a transition out of the cycle to an outcome.";
				}
				warning(message, stage, Literals.STAGE__NAME, FunnelIssueCodes.NO_PATH_TO_OUTCOME,
						cycle.isEmpty() && closedCycle.isEmpty() ? dropOffToLost(stage, stages) : new String[0]);
			}
		}
	}

	/**
	 * The cycle deals from a stage end in when none of them can drop off on the way (the stage itself not in a cycle);
	 * empty when some can.
	 */
	private static List<Integer> closedCycleAhead(FunnelPaths paths, FunnelGraph graph, int stage) {
		boolean[] ahead = paths.reachableFrom(stage);
		List<Integer> cycle = List.of();
		for (int i = 0; i < ahead.length; i++) {
			if (ahead[i] && graph.dropOff(i) > 0) {
				return List.of();
			}
			if (ahead[i] && i != stage && cycle.isEmpty()) {
				cycle = paths.cycleOf(i);
			}
		}
		return cycle;
	}

	/**
	 * One period for all entering volumes, inherited ones (extends) included. A volume of this funnel that does not go
	 * with an earlier one is marked; when only inherited ones clash, the funnel's name is.
	 */
	@Check
	public void onePeriodForVolumes(Funnel funnel) {
		Volume first = null;
		for (Stage stage : analyses.structure(funnel).stages()) {
			Volume volume = stage.getEntering();
			if (volume == null) {
				continue;
			}
			if (first == null) {
				first = volume;
			} else if (first.isPeriodic() != volume.isPeriodic()
					|| (volume.isPeriodic() && volume.getPeriod() != first.getPeriod())) {
				String why = first.isPeriodic() && volume.isPeriodic() ? "the analysis converts them to per month"
						: "the analysis cannot add a one-off cohort to a rate";
				String message = "Entering volumes mix " + describe(first) + " and " + describe(volume) + "; " + why
						+ ". Give all volumes the same period.";
				if (stage.eContainer() == funnel) {
					warning(message, volume, null, FunnelIssueCodes.MIXED_VOLUME_PERIODS);
				} else {
					warning(message, funnel, Literals.ELEMENT__NAME, FunnelIssueCodes.MIXED_VOLUME_PERIODS);
				}
			}
		}
	}

	/** Volumes beyond what the analysis holds (flows would all be infinite): an error. */
	@Check
	public void volumeWithinLimits(Volume volume) {
		if (volume.getAmount() != null
				&& volume.getAmount().compareTo(java.math.BigDecimal.valueOf(FunnelGraph.Builder.MAX_VOLUME)) > 0) {
			error("An entering volume of " + volume.getAmount().toString() + " is more than the analysis holds (at most "
					+ "1e15). Give a smaller volume.", volume, Literals.VOLUME__AMOUNT, FunnelIssueCodes.VOLUME_TOO_LARGE);
		}
	}

	private static String describe(Volume volume) {
		return volume.isPeriodic() ? "per " + volume.getPeriod().getLiteral() : "one-off cohorts";
	}

	/**
	 * For the quick fix that names the drop-off: the first lost stage and the share no transition names,
	 * or nothing when there is no lost stage or nothing drops off.
	 */
	private static String[] dropOffToLost(Stage stage, List<Stage> stages) {
		Stage lost = stages.stream().filter(s -> s.getKind() == StageKind.LOST).findFirst().orElse(null);
		BigDecimal named = BigDecimal.ZERO;
		for (Transition transition : stage.getTransitions()) {
			BigDecimal share = Probabilities.fraction(transition.getProbability());
			if (share != null) {
				named = named.add(share);
			}
		}
		BigDecimal dropOff = BigDecimal.ONE.subtract(named);
		if (lost == null || dropOff.signum() <= 0) {
			return new String[0];
		}
		// The name as written, '^' included where it is spelled like a keyword.
		List<INode> nameNodes = NodeModelUtils.findNodesForFeature(lost, Literals.STAGE__NAME);
		String written = nameNodes.isEmpty() ? lost.getName() : NodeModelUtils.getTokenText(nameNodes.get(0));
		return new FixData.DropOffTarget(lost.getName(), dropOff.stripTrailingZeros(), written).write();
	}
}

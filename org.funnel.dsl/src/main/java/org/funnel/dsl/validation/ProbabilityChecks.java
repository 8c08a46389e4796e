package org.funnel.dsl.validation;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.xtext.validation.Check;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.analysis.FunnelPaths;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.Probability;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.model.CrmTargets;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.HubSpotProbability;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;

/** Probabilities are in range, add up, and agree with what the transitions imply. */
public class ProbabilityChecks extends FunnelChecks {

	/**
	 * How far a declared probability (a fraction) may be from the implied one before a warning: 0.05,
	 * five percentage points, since CRM probabilities are usually rounded to tens or fives. In a HubSpot
	 * deal pipeline the step of HubSpot's grid closest to the implied probability is also right.
	 */
	public static final double IMPLIED_TOLERANCE = 0.05;

	@Check
	public void probabilityInRange(Probability probability) {
		BigDecimal fraction = Probabilities.fraction(probability);
		if (fraction == null || fraction.compareTo(BigDecimal.ONE) <= 0) {
			return;
		}
		String written = Probabilities.plain(probability.getValue()) + (probability.isPercent() ? "%" : "");
		if (!probability.isPercent() && probability.getValue().compareTo(Probabilities.HUNDRED) <= 0) {
			error("Probability " + written + " is more than 100%: a plain number is a fraction (0.4 = 40%). Did you mean "
					+ written + "%?", probability, Literals.PROBABILITY__VALUE, FunnelIssueCodes.PROBABILITY_OUT_OF_RANGE,
					new FixData.MeantAsPercent().write());
		} else {
			error("Probability " + written + " is more than 100%. Use a value from 0% to 100%.", probability,
					Literals.PROBABILITY__VALUE, FunnelIssueCodes.PROBABILITY_OUT_OF_RANGE);
		}
	}

	@Check
	public void outgoingAtMost100(Stage stage) {
		if (stage.getTransitions().size() < 2) {
			return; // A single transition over 100% is already reported as out of range.
		}
		BigDecimal sum = BigDecimal.ZERO;
		for (Transition transition : stage.getTransitions()) {
			BigDecimal fraction = Probabilities.fraction(transition.getProbability());
			if (fraction != null) {
				sum = sum.add(fraction);
			}
		}
		if (sum.compareTo(BigDecimal.ONE) > 0) {
			error("The transitions out of " + q(stage.getName()) + " add up to " + Probabilities.formatExact(sum)
					+ ", but at most 100% can move on. Lower them so they add up to 100% or less (the rest drops off).",
					stage, Literals.STAGE__NAME, FunnelIssueCodes.OUTGOING_OVER_100, new FixData.OutgoingSum(sum).write());
		}
	}

	@Check
	public void outcomeProbabilities(Stage stage) {
		BigDecimal declared = Probabilities.fraction(stage.getProbability());
		if (declared == null) {
			return;
		}
		if (stage.getKind() == StageKind.WON && declared.compareTo(BigDecimal.ONE) != 0) {
			error("Won stage " + q(stage.getName()) + " declares " + Probabilities.formatExact(declared)
					+ ", but a won deal has closed: its probability is 100%.", stage.getProbability(),
					Literals.PROBABILITY__VALUE, FunnelIssueCodes.WON_NOT_100);
		} else if (stage.getKind() == StageKind.LOST && declared.signum() != 0) {
			error("Lost stage " + q(stage.getName()) + " declares " + Probabilities.formatExact(declared)
					+ ", but a lost deal will not close: its probability is 0%.", stage.getProbability(),
					Literals.PROBABILITY__VALUE, FunnelIssueCodes.LOST_NOT_0);
		}
	}

	@Check
	public void declaredMatchesImplied(Funnel funnel) {
		if (funnel.isTemplate()) {
			return;
		}
		EffectiveFunnel structure = analyses.structure(funnel);
		FunnelAnalysis analysis = analyses.analysis(funnel);
		boolean hubSpotDeals = CrmTargets.hubSpotDeals(funnel);
		for (Stage stage : funnel.getStages()) {
			BigDecimal declared = Probabilities.fraction(stage.getProbability());
			if (declared == null || Stages.isTerminal(stage) || stage.getTransitions().isEmpty()
					|| declared.compareTo(BigDecimal.ONE) > 0) {
				continue;
			}
			int index = structure.indexOf(stage);
			if (analysis.isTrapped(index)) {
				continue;
			}
			double implied = analysis.winProbability(index);
			if (Math.abs(declared.doubleValue() - implied) <= IMPLIED_TOLERANCE + 1e-9) {
				continue;
			}
			if (!hubSpotDeals) {
				warning(q(stage.getName()) + " declares " + Probabilities.formatExact(declared)
						+ ", but its transitions imply a win probability of " + Probabilities.format(implied)
						+ ". Change the probability to " + Probabilities.format(implied) + " or adjust the transitions.",
						stage.getProbability(), Literals.PROBABILITY__VALUE, FunnelIssueCodes.IMPLIED_PROBABILITY_MISMATCH,
						new FixData.ImpliedProbability(BigDecimal.valueOf(implied), false).write());
				continue;
			}
			// HubSpot takes deal probabilities in steps of 10%: the closest step is as close as it gets.
			BigDecimal closest = HubSpotProbability.nearest(implied, Outcome.OPEN);
			if (declared.compareTo(closest) != 0) {
				warning(q(stage.getName()) + " declares " + Probabilities.formatExact(declared)
						+ ", but its transitions imply a win probability of " + Probabilities.format(implied)
						+ ". Change the probability to " + Probabilities.formatExact(closest)
						+ ", the closest HubSpot takes, or adjust the transitions.", stage.getProbability(),
						Literals.PROBABILITY__VALUE, FunnelIssueCodes.IMPLIED_PROBABILITY_MISMATCH,
						new FixData.ImpliedProbability(closest, true).write());
			}
		}
	}

	@Check
	public void probabilityRisesAlongMainPath(Funnel funnel) {
		if (funnel.isTemplate()) {
			return;
		}
		EffectiveFunnel structure = analyses.structure(funnel);
		List<Stage> entries = structure.entries();
		if (entries.isEmpty()) {
			return;
		}
		FunnelGraph graph = structure.graph();
		List<Integer> path = new FunnelPaths(graph).mainPath(structure.indexOf(entries.get(0)), analyses.analysis(funnel));
		Stage previous = null;
		BigDecimal previousProbability = null;
		for (int index : path) {
			Stage stage = structure.stages().get(index);
			BigDecimal declared = Probabilities.fraction(stage.getProbability());
			if (declared == null) {
				continue;
			}
			if (previous != null && declared.compareTo(previousProbability) < 0 && stage.eContainer() == funnel) {
				warning("Declared probability falls from " + Probabilities.formatExact(previousProbability) + " at "
						+ q(previous.getName()) + " to " + Probabilities.formatExact(declared) + " at " + q(stage.getName())
						+ " along the main path; a later stage should be at least as likely to close. Raise it or reorder the stages.",
						stage.getProbability(), Literals.PROBABILITY__VALUE, FunnelIssueCodes.PROBABILITY_FALLS,
						new FixData.PreviousStage(previousProbability, previous.getName()).write());
			}
			previous = stage;
			previousProbability = declared;
		}
	}
}

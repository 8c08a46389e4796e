package org.funnel.dsl.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A funnel reduced to what the maths needs: stages, their outcome, and the transition
 * probabilities between them, stored as compressed rows so large funnels stay cheap.
 * Independent of EMF, so the generators and benchmarks can build one directly.
 */
public final class FunnelGraph {

	/** Whether a stage is still open or a terminal outcome. */
	public enum Outcome {
		OPEN, WON, LOST;

		public boolean isTerminal() {
			return this != OPEN;
		}
	}

	private final String[] names;
	private final Outcome[] outcomes;
	private final double[] entering;
	/** Transitions of stage i are the indexes firstTransition[i] .. firstTransition[i+1]-1. */
	private final int[] firstTransition;
	private final int[] sources;
	private final int[] targets;
	private final double[] probabilities;

	private FunnelGraph(String[] names, Outcome[] outcomes, double[] entering, int[] firstTransition, int[] sources,
			int[] targets, double[] probabilities) {
		this.names = names;
		this.outcomes = outcomes;
		this.entering = entering;
		this.firstTransition = firstTransition;
		this.sources = sources;
		this.targets = targets;
		this.probabilities = probabilities;
	}

	public int stageCount() {
		return names.length;
	}

	public int transitionCount() {
		return targets.length;
	}

	public String name(int stage) {
		return names[stage];
	}

	public Outcome outcome(int stage) {
		return outcomes[stage];
	}

	/** Volume entering this stage from outside the funnel (0 if none). */
	public double entering(int stage) {
		return entering[stage];
	}

	public int firstTransition(int stage) {
		return firstTransition[stage];
	}

	public int endTransition(int stage) {
		return firstTransition[stage + 1];
	}

	public int target(int transition) {
		return targets[transition];
	}

	/** Share (0..1) of the source stage's outflow that takes this transition, as declared. */
	public double probability(int transition) {
		return probabilities[transition];
	}

	/** The stage a transition leaves. */
	public int source(int transition) {
		return sources[transition];
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Collects stages and transitions in any order; transitions may name stages added later. */
	public static final class Builder {
		private final List<String> names = new ArrayList<>();
		private final List<Outcome> outcomes = new ArrayList<>();
		private double[] entering = new double[16];
		private int[] sources = new int[16];
		private int[] targets = new int[16];
		private double[] probabilities = new double[16];
		private int transitions;

		/** Adds a stage and returns its index. */
		public int addStage(String name, Outcome outcome, double enteringVolume) {
			int index = names.size();
			names.add(name);
			outcomes.add(outcome);
			if (index == entering.length) {
				entering = Arrays.copyOf(entering, index * 2);
			}
			entering[index] = enteringVolume;
			return index;
		}

		/** Larger probabilities are taken as this one: far beyond any real one, small enough to add up. */
		static final double MAX_PROBABILITY = 1e6;

		public Builder addTransition(int source, int target, double probability) {
			if (transitions == sources.length) {
				int capacity = transitions * 2;
				sources = Arrays.copyOf(sources, capacity);
				targets = Arrays.copyOf(targets, capacity);
				probabilities = Arrays.copyOf(probabilities, capacity);
			}
			sources[transitions] = source;
			targets[transitions] = target;
			// A probability far above 100% (an error the checks report, e.g. 1e1000%) would be infinite as a
			// double and turn the whole analysis into NaN; capped, the stage's outflow is scaled as usual.
			probabilities[transitions] = Double.isNaN(probability) ? 0 : Math.min(probability, MAX_PROBABILITY);
			transitions++;
			return this;
		}

		public FunnelGraph build() {
			int n = names.size();
			for (int t = 0; t < transitions; t++) {
				if (sources[t] < 0 || sources[t] >= n || targets[t] < 0 || targets[t] >= n) {
					throw new IllegalArgumentException("transition " + t + " names a stage that was not added");
				}
			}
			// Counting sort by source keeps the declared order of each stage's transitions.
			int[] first = new int[n + 1];
			for (int t = 0; t < transitions; t++) {
				first[sources[t] + 1]++;
			}
			for (int i = 0; i < n; i++) {
				first[i + 1] += first[i];
			}
			int[] next = Arrays.copyOf(first, n);
			int[] sortedSources = new int[transitions];
			int[] sortedTargets = new int[transitions];
			double[] sortedProbabilities = new double[transitions];
			for (int t = 0; t < transitions; t++) {
				int slot = next[sources[t]]++;
				sortedSources[slot] = sources[t];
				sortedTargets[slot] = targets[t];
				sortedProbabilities[slot] = probabilities[t];
			}
			return new FunnelGraph(names.toArray(String[]::new), outcomes.toArray(Outcome[]::new),
					Arrays.copyOf(entering, n), first, sortedSources, sortedTargets, sortedProbabilities);
		}
	}
}

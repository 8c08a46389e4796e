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
	/** Per stage the share no transition takes; per transition its share as the analysis uses it. */
	private final double[] dropOff;
	private final double[] shares;

	private FunnelGraph(String[] names, Outcome[] outcomes, double[] entering, int[] firstTransition, int[] sources,
			int[] targets, double[] probabilities, double[] dropOff, double[] shares) {
		this.names = names;
		this.outcomes = outcomes;
		this.entering = entering;
		this.firstTransition = firstTransition;
		this.sources = sources;
		this.targets = targets;
		this.probabilities = probabilities;
		this.dropOff = dropOff;
		this.shares = shares;
	}

	/** The same stages and transitions with other entering volumes (one per stage). */
	public FunnelGraph withEntering(double[] volumes) {
		if (volumes.length != names.length) {
			throw new IllegalArgumentException("need one volume per stage (" + names.length + "), got " + volumes.length);
		}
		double[] checked = new double[volumes.length];
		for (int i = 0; i < volumes.length; i++) {
			checked[i] = Builder.volume(volumes[i]);
		}
		return new FunnelGraph(names, outcomes, checked, firstTransition, sources, targets, probabilities, dropOff,
				shares);
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

	/**
	 * Share of the source stage's outflow that takes this transition as the analysis uses it: as declared, or
	 * scaled down when a stage's transitions add up to more than 100% (an error the checks report); 0 for a
	 * transition out of a won or lost stage.
	 */
	public double share(int transition) {
		return shares[transition];
	}

	/**
	 * Share of an open stage's outflow that no transition names: 100% minus the exact decimal sum of its
	 * transitions' shares, so shares that add up to 100% leave exactly none (0 for won and lost stages).
	 */
	public double dropOff(int stage) {
		return dropOff[stage];
	}

	/** The stage a transition leaves. */
	public int source(int transition) {
		return sources[transition];
	}

	/** The transitions as {@link MarkovChain} takes them: stage i's are {@code first[i] .. first[i + 1] - 1}. */
	int[] firstTransitions() {
		return firstTransition;
	}

	int[] targets() {
		return targets;
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
			entering[index] = volume(enteringVolume);
			return index;
		}

		/** Larger probabilities are taken as this one: far beyond any real one, small enough to add up. */
		static final double MAX_PROBABILITY = 1e6;

		/**
		 * Adds a transition (a share of 0..1; more is an error the checks report). The drop-off of its stage is
		 * worked out from the shortest decimal that is each share ({@code 0.2}, {@code 0.7}, {@code 0.1} add up
		 * to exactly 1).
		 */
		public Builder addTransition(int source, int target, double probability) {
			if (transitions == sources.length) {
				int capacity = transitions * 2;
				sources = Arrays.copyOf(sources, capacity);
				targets = Arrays.copyOf(targets, capacity);
				probabilities = Arrays.copyOf(probabilities, capacity);
			}
			// A probability far above 100% (an error the checks report, e.g. 1e1000%) would be infinite as a
			// double and turn the whole analysis into NaN; capped, the stage's outflow is scaled as usual.
			sources[transitions] = source;
			targets[transitions] = target;
			probabilities[transitions] = probability > 0 ? Math.min(probability, MAX_PROBABILITY) : 0;
			transitions++;
			return this;
		}

		/** Entering volumes beyond this are taken as this one (the checks report them): flows stay finite. */
		public static final double MAX_VOLUME = 1e15;

		static double volume(double volume) {
			return volume > 0 ? Math.min(volume, MAX_VOLUME) : 0;
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
			Outcome[] kinds = outcomes.toArray(Outcome[]::new);
			int[] codes = new int[n];
			for (int i = 0; i < n; i++) {
				codes[i] = MarkovAnalyzer.code(kinds[i]);
			}
			double[] shares = sortedProbabilities.clone();
			double[] dropOff = MarkovChain.outflows(codes, first, shares);
			return new FunnelGraph(names.toArray(String[]::new), kinds, Arrays.copyOf(entering, n), first, sortedSources,
					sortedTargets, sortedProbabilities, dropOff, shares);
		}
	}
}

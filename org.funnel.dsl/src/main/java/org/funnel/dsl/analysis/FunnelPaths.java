package org.funnel.dsl.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reachability questions about a funnel's transitions: who is reached, who can close, the main path. */
public final class FunnelPaths {

	private final FunnelGraph graph;
	private MarkovChain.Components components;

	public FunnelPaths(FunnelGraph graph) {
		this.graph = graph;
	}

	/** Stages reachable from the given entry stages (the entries included). */
	public boolean[] reachableFrom(int... entries) {
		boolean[] seen = new boolean[graph.stageCount()];
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int entry : entries) {
			if (!seen[entry]) {
				seen[entry] = true;
				queue.add(entry);
			}
		}
		while (!queue.isEmpty()) {
			int stage = queue.poll();
			if (graph.outcome(stage).isTerminal()) {
				continue;
			}
			for (int t = graph.firstTransition(stage); t < graph.endTransition(stage); t++) {
				int target = graph.target(t);
				if (graph.probability(t) > 0 && !seen[target]) {
					seen[target] = true;
					queue.add(target);
				}
			}
		}
		return seen;
	}

	/** Stages from which some won or lost stage can be reached (terminal stages included). */
	public boolean[] canReachOutcome() {
		int n = graph.stageCount();
		// Reverse adjacency in compressed rows.
		int[] first = new int[n + 1];
		for (int t = 0; t < graph.transitionCount(); t++) {
			first[graph.target(t) + 1]++;
		}
		for (int i = 0; i < n; i++) {
			first[i + 1] += first[i];
		}
		int[] next = first.clone();
		int[] sources = new int[graph.transitionCount()];
		for (int t = 0; t < graph.transitionCount(); t++) {
			sources[next[graph.target(t)]++] = t;
		}
		boolean[] seen = new boolean[n];
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int i = 0; i < n; i++) {
			if (graph.outcome(i).isTerminal()) {
				seen[i] = true;
				queue.add(i);
			}
		}
		while (!queue.isEmpty()) {
			int stage = queue.poll();
			for (int k = first[stage]; k < first[stage + 1]; k++) {
				int t = sources[k];
				int source = graph.source(t);
				if (graph.probability(t) > 0 && !seen[source] && !graph.outcome(source).isTerminal()) {
					seen[source] = true;
					queue.add(source);
				}
			}
		}
		return seen;
	}

	/**
	 * The other open stages in the same cycle as this one, in declaration order; empty when the
	 * stage is in no cycle (a stage that only loops to itself counts as its own cycle).
	 */
	public List<Integer> cycleOf(int stage) {
		if (components == null) {
			components = cycles();
		}
		List<Integer> cycle = new ArrayList<>();
		int c = components.component[stage];
		if (c < 0) {
			return cycle;
		}
		if (components.size(c) == 1) {
			for (int t = graph.firstTransition(stage); t < graph.endTransition(stage); t++) {
				if (graph.target(t) == stage) {
					cycle.add(stage);
					break;
				}
			}
			return cycle;
		}
		for (int k = 0; k < components.size(c); k++) {
			cycle.add(components.member(c, k));
		}
		cycle.sort(null);
		return cycle;
	}

	/** The cycles among the open stages, along every transition (0% ones too: they are written). */
	private MarkovChain.Components cycles() {
		boolean[] open = new boolean[graph.stageCount()];
		for (int i = 0; i < open.length; i++) {
			open[i] = !graph.outcome(i).isTerminal();
		}
		boolean[] every = new boolean[graph.transitionCount()];
		Arrays.fill(every, true);
		return new MarkovChain.Components(open, graph.firstTransitions(), graph.targets(), every);
	}

	/**
	 * The main path: the route most won deals take. From the entry, always along the transition that
	 * carries the most eventual wins (its probability times the win probability of its target), to a
	 * stage not yet on the path, until a won stage or a stage from which nothing is won.
	 */
	public List<Integer> mainPath(int entry, FunnelAnalysis analysis) {
		List<Integer> path = new ArrayList<>();
		boolean[] onPath = new boolean[graph.stageCount()];
		int stage = entry;
		while (stage >= 0 && !onPath[stage]) {
			path.add(stage);
			onPath[stage] = true;
			if (graph.outcome(stage).isTerminal()) {
				break;
			}
			int best = -1;
			double bestWins = 0;
			for (int t = graph.firstTransition(stage); t < graph.endTransition(stage); t++) {
				int target = graph.target(t);
				double wins = graph.probability(t) * analysis.winProbability(target);
				if (!onPath[target] && wins > bestWins) {
					best = target;
					bestWins = wins;
				}
			}
			stage = best;
		}
		return path;
	}
}

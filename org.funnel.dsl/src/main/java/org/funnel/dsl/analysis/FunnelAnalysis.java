package org.funnel.dsl.analysis;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;

/**
 * The numbers a funnel implies when read as an absorbing Markov chain: open stages are transient,
 * won and lost stages absorb, and the share of a stage's outflow that no transition names drops off.
 * <p>
 * All arrays are indexed by stage (or by transition where said) of {@link #graph()}.
 */
public final class FunnelAnalysis {

	private final FunnelGraph graph;
	private final MarkovChain chain;
	private final double[] expectedFlow;
	private final int bottleneck;

	FunnelAnalysis(FunnelGraph graph, MarkovChain chain, double[] expectedFlow) {
		this.graph = graph;
		this.chain = chain;
		this.expectedFlow = expectedFlow;
		this.bottleneck = findBottleneck();
	}

	public FunnelGraph graph() {
		return graph;
	}

	/** Probability that someone in this stage ends in a won stage (B[stage, won]); 1 for won, 0 for lost. */
	public double winProbability(int stage) {
		return chain.win(stage);
	}

	/** Probability of ending in a lost stage (not counting drop-off). */
	public double lossProbability(int stage) {
		return chain.loss(stage);
	}

	/** Probability of leaving through drop-off, here or later (0 where deals can only end in a closed cycle). */
	public double dropOffProbability(int stage) {
		return chain.dropOut(stage);
	}

	/** Expected number of transitions until the funnel is left (t = N·1); infinite when it may never be. */
	public double expectedSteps(int stage) {
		return chain.steps(stage);
	}

	/**
	 * Expected volume through a stage for the entering volumes of the graph (x₀·N for open stages,
	 * expected arrivals for won and lost stages). Infinite for a closed cycle that is reached.
	 */
	public double expectedFlow(int stage) {
		return expectedFlow[stage];
	}

	/** Share of the stage's outflow no transition names. */
	public double dropOff(int stage) {
		return graph.dropOff(stage);
	}

	/** Expected volume dropping off at this stage. */
	public double expectedDropOff(int stage) {
		return volume(expectedFlow[stage], graph.dropOff(stage));
	}

	/**
	 * Probability of a transition as the analysis used it: declared, or scaled down when the outgoing
	 * probabilities of its stage add up to more than 100% (which the validator reports).
	 */
	public double conversion(int transition) {
		return graph.share(transition);
	}

	/** Expected volume moving along a transition (none along a 0% transition, even out of an endless flow). */
	public double transitionFlow(int transition) {
		return volume(expectedFlow[graph.source(transition)], conversion(transition));
	}

	/** A flow times a share: 0 for a share of 0, even of an infinite flow (a closed cycle's). */
	private static double volume(double flow, double share) {
		return share == 0 ? 0 : flow * share;
	}

	/** True when a stage lies in a cycle nobody can leave: the funnel never closes from there. */
	public boolean isTrapped(int stage) {
		return chain.trapped(stage);
	}

	/**
	 * Share of an open stage's outflow that moves on to an open or won stage: the stage's conversion.
	 */
	public double forwardConversion(int stage) {
		if (graph.outcome(stage).isTerminal()) {
			return 0;
		}
		double forward = 0;
		for (int t = graph.firstTransition(stage); t < graph.endTransition(stage); t++) {
			if (graph.outcome(graph.target(t)) != Outcome.LOST) {
				forward += conversion(t);
			}
		}
		return forward;
	}

	/** Expected volume an open stage loses: to lost stages or by drop-off. */
	public double expectedLoss(int stage) {
		if (graph.outcome(stage).isTerminal()) {
			return 0;
		}
		double flow = expectedFlow[stage];
		return Double.isFinite(flow) ? flow * (1 - forwardConversion(stage)) : 0;
	}

	/**
	 * The bottleneck: the open stage that loses the most in absolute terms (ties: the lower conversion,
	 * then the earlier stage); -1 when no stage loses anything.
	 */
	public int bottleneck() {
		return bottleneck;
	}

	/** Total volume entering the funnel. */
	public double totalEntering() {
		double total = 0;
		for (int i = 0; i < graph.stageCount(); i++) {
			total += graph.entering(i);
		}
		return total;
	}

	/** Expected volume ending in any won stage. */
	public double expectedWon() {
		return sumFlow(Outcome.WON);
	}

	/** Expected volume ending in any lost stage. */
	public double expectedLost() {
		return sumFlow(Outcome.LOST);
	}

	/** Expected volume leaving the funnel by drop-off. */
	public double expectedDropOff() {
		double total = 0;
		for (int i = 0; i < graph.stageCount(); i++) {
			if (!graph.outcome(i).isTerminal() && Double.isFinite(expectedFlow[i])) {
				total += expectedDropOff(i);
			}
		}
		return total;
	}

	/** Win probability for the funnel as a whole: expected won volume per entering volume. */
	public double overallWinRate() {
		double entering = totalEntering();
		return entering > 0 ? expectedWon() / entering : 0;
	}

	private double sumFlow(Outcome outcome) {
		double total = 0;
		for (int i = 0; i < graph.stageCount(); i++) {
			if (graph.outcome(i) == outcome) {
				total += expectedFlow[i];
			}
		}
		return total;
	}

	private int findBottleneck() {
		int best = -1;
		double bestLoss = 0;
		for (int i = 0; i < graph.stageCount(); i++) {
			double loss = expectedLoss(i);
			if (loss <= 1e-12) {
				continue;
			}
			if (best < 0 || loss > bestLoss * (1 + 1e-12)
					|| (Math.abs(loss - bestLoss) <= bestLoss * 1e-12 && forwardConversion(i) < forwardConversion(best))) {
				best = i;
				bestLoss = loss;
			}
		}
		return best;
	}
}

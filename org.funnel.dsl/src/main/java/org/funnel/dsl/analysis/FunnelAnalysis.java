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
	private final double[] winProbability;
	private final double[] lossProbability;
	private final double[] expectedSteps;
	private final double[] expectedFlow;
	private final double[] outflowScale;
	private final double[] dropOff;
	private final boolean[] trapped;
	private final int bottleneck;

	FunnelAnalysis(FunnelGraph graph, double[] winProbability, double[] lossProbability, double[] expectedSteps,
			double[] expectedFlow, double[] outflowScale, double[] dropOff, boolean[] trapped) {
		this.graph = graph;
		this.winProbability = winProbability;
		this.lossProbability = lossProbability;
		this.expectedSteps = expectedSteps;
		this.expectedFlow = expectedFlow;
		this.outflowScale = outflowScale;
		this.dropOff = dropOff;
		this.trapped = trapped;
		this.bottleneck = findBottleneck();
	}

	public FunnelGraph graph() {
		return graph;
	}

	/** Probability that someone in this stage ends in a won stage (B[stage, won]); 1 for won, 0 for lost. */
	public double winProbability(int stage) {
		return winProbability[stage];
	}

	/** Probability of ending in a lost stage (not counting drop-off). */
	public double lossProbability(int stage) {
		return lossProbability[stage];
	}

	/** Probability of leaving through drop-off: neither won nor lost, and not trapped in a closed cycle. */
	public double dropOffProbability(int stage) {
		if (trapped[stage] || graph.outcome(stage).isTerminal()) {
			return 0;
		}
		return Math.max(0, 1 - winProbability[stage] - lossProbability[stage]);
	}

	/** Expected number of transitions until the funnel is left (t = N·1); infinite when it may never be. */
	public double expectedSteps(int stage) {
		return expectedSteps[stage];
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
		return dropOff[stage];
	}

	/** Expected volume dropping off at this stage. */
	public double expectedDropOff(int stage) {
		return expectedFlow[stage] * dropOff[stage];
	}

	/**
	 * Probability of a transition as the analysis used it: declared, or scaled down when the outgoing
	 * probabilities of its stage add up to more than 100% (which the validator reports).
	 */
	public double conversion(int transition) {
		int source = graph.source(transition);
		return graph.outcome(source).isTerminal() ? 0 : graph.probability(transition) * outflowScale[source];
	}

	/** Expected volume moving along a transition. */
	public double transitionFlow(int transition) {
		return expectedFlow[graph.source(transition)] * conversion(transition);
	}

	/** True when a stage lies in a cycle nobody can leave: the funnel never closes from there. */
	public boolean isTrapped(int stage) {
		return trapped[stage];
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

package org.funnel.dsl.analysis;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;

/**
 * Computes {@link FunnelAnalysis} with {@link MarkovChain}, the solver the generated Java carries too:
 * one cycle (strongly connected component) of open stages at a time. A funnel without cycles costs one
 * pass over its transitions; a cycle costs about its own size (dense up to {@value #DENSE_UP_TO} stages,
 * where that is fastest, sparse beyond, where dense would not fit).
 */
public final class MarkovAnalyzer {

	static final int DENSE_UP_TO = 400;

	private MarkovAnalyzer() {
	}

	public static FunnelAnalysis analyze(FunnelGraph graph) {
		MarkovChain chain = chain(graph);
		int n = graph.stageCount();
		double[] entering = new double[n];
		for (int i = 0; i < n; i++) {
			entering[i] = graph.entering(i);
		}
		return new FunnelAnalysis(graph, chain, chain.flow(entering));
	}

	/** The chain of a funnel's graph, as the generated Java builds it from its constants. */
	static MarkovChain chain(FunnelGraph graph) {
		int n = graph.stageCount();
		int[] outcome = new int[n];
		double[] dropOff = new double[n];
		for (int i = 0; i < n; i++) {
			outcome[i] = code(graph.outcome(i));
			dropOff[i] = graph.dropOff(i);
		}
		double[] share = new double[graph.transitionCount()];
		for (int t = 0; t < share.length; t++) {
			share[t] = graph.share(t);
		}
		return new MarkovChain(outcome, graph.firstTransitions(), graph.targets(), share, dropOff,
				size -> size <= DENSE_UP_TO ? new MarkovChain.DenseElimination(size) : new SparseElimination(size));
	}

	static int code(Outcome outcome) {
		return switch (outcome) {
		case OPEN -> MarkovChain.OPEN;
		case WON -> MarkovChain.WON;
		case LOST -> MarkovChain.LOST;
		};
	}
}

package org.funnel.dsl.tests.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.analysis.MarkovAnalyzer;
import org.junit.jupiter.api.Test;

/**
 * Funnels whose stages form one big cycle: the analysis (one factorisation per cycle, dense up to
 * 400 stages and sparse beyond, used for win probabilities and, transposed, for flows) against
 * the same quantities found by plain iteration of the chain until nothing changes.
 */
class LargeCycleTest {

	@Test
	void smallCycleSolvedDenselyAgreesWithIteration() {
		check(60, 1);
	}

	@Test
	void largeCycleSolvedSparselyAgreesWithIteration() {
		check(900, 2);
	}

	@Test
	void severalEntriesAndLongBackEdges() {
		check(1500, 3);
	}

	private static void check(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		FunnelGraph.Builder builder = FunnelGraph.builder();
		int won = builder.addStage("Won", Outcome.WON, 0);
		int lost = builder.addStage("Lost", Outcome.LOST, 0);
		int first = -1;
		for (int i = 0; i < n; i++) {
			int stage = builder.addStage("S" + i, Outcome.OPEN, i % 97 == 0 ? 100 + i : 0);
			first = first < 0 ? stage : first;
		}
		for (int i = 0; i < n; i++) {
			int stage = first + i;
			builder.addTransition(stage, i + 1 < n ? stage + 1 : won, 0.45 + random.nextDouble() * 0.15);
			builder.addTransition(stage, lost, 0.05 + random.nextDouble() * 0.05);
			if (i > 0) {
				builder.addTransition(stage, first + random.nextInt(i), random.nextDouble() * 0.15);
			}
			if (random.nextInt(3) == 0) {
				builder.addTransition(stage, first + Math.min(n - 1, i + 2 + random.nextInt(5)), random.nextDouble() * 0.05);
			}
		}
		FunnelGraph graph = builder.build();
		FunnelAnalysis analysis = MarkovAnalyzer.analyze(graph);

		double[][] iterated = iterate(graph, won);
		double[] win = iterated[0];
		double[] flow = iterated[1];
		int stages = graph.stageCount();
		for (int s = 0; s < stages; s++) {
			assertThat(analysis.winProbability(s)).as("win probability of " + graph.name(s)).isCloseTo(win[s], within(1e-9));
			assertThat(analysis.expectedFlow(s)).as("flow of " + graph.name(s)).isCloseTo(flow[s],
					within(1e-9 * Math.max(1, flow[s])));
		}
	}

	/** Win probabilities and flows by plain iteration, {w, f}: w = Q·w + (transitions to won), f = entering + Qᵀ·f. */
	private static double[][] iterate(FunnelGraph graph, int won) {
		int stages = graph.stageCount();
		// Win probabilities: w = Q·w + (transitions to won), iterated from 0.
		double[] win = new double[stages];
		win[won] = 1;
		// Flows: f = entering + Qᵀ·f, iterated from 0.
		double[] flow = new double[stages];
		for (int round = 0; round < 100_000; round++) {
			double change = 0;
			double[] nextFlow = new double[stages];
			for (int s = 0; s < stages; s++) {
				nextFlow[s] += graph.entering(s);
			}
			for (int s = 0; s < stages; s++) {
				if (graph.outcome(s).isTerminal()) {
					continue;
				}
				double w = 0;
				for (int t = graph.firstTransition(s); t < graph.endTransition(s); t++) {
					w += graph.probability(t) * win[graph.target(t)];
					nextFlow[graph.target(t)] += graph.probability(t) * flow[s];
				}
				change = Math.max(change, Math.abs(w - win[s]));
				win[s] = w;
			}
			for (int s = 0; s < stages; s++) {
				change = Math.max(change, Math.abs(nextFlow[s] - flow[s]));
			}
			flow = nextFlow;
			if (change < 1e-13) {
				break;
			}
		}
		return new double[][] { win, flow };
	}
}

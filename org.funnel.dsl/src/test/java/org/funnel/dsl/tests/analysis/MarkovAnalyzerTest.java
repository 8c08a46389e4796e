package org.funnel.dsl.tests.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.analysis.MarkovAnalyzer;
import org.junit.jupiter.api.Test;

/** Analysis numbers against values worked out by hand (the working is in the comments). */
class MarkovAnalyzerTest {

	private static final double EPS = 1e-12;

	@Test
	void linearPipelineOfHubSpotsDefaultStages() {
		// Cumulative probabilities 20, 40, 60, 80, 90, 100% imply step conversions p_i/p_(i+1):
		// 1/2, 2/3, 3/4, 8/9, 9/10; the rest of each stage is lost.
		FunnelGraph.Builder b = FunnelGraph.builder();
		int as = b.addStage("AppointmentScheduled", Outcome.OPEN, 1000);
		int qb = b.addStage("QualifiedToBuy", Outcome.OPEN, 0);
		int ps = b.addStage("PresentationScheduled", Outcome.OPEN, 0);
		int dm = b.addStage("DecisionMakerBoughtIn", Outcome.OPEN, 0);
		int cs = b.addStage("ContractSent", Outcome.OPEN, 0);
		int won = b.addStage("ClosedWon", Outcome.WON, 0);
		int lost = b.addStage("ClosedLost", Outcome.LOST, 0);
		double[][] steps = { { as, qb, 1 / 2.0 }, { qb, ps, 2 / 3.0 }, { ps, dm, 3 / 4.0 }, { dm, cs, 8 / 9.0 },
				{ cs, won, 9 / 10.0 } };
		for (double[] s : steps) {
			b.addTransition((int) s[0], (int) s[1], s[2]);
			b.addTransition((int) s[0], lost, 1 - s[2]);
		}
		FunnelAnalysis a = MarkovAnalyzer.analyze(b.build());

		// Implied win probabilities give back the cumulative ones.
		assertThat(a.winProbability(as)).isCloseTo(0.2, within(EPS));
		assertThat(a.winProbability(qb)).isCloseTo(0.4, within(EPS));
		assertThat(a.winProbability(ps)).isCloseTo(0.6, within(EPS));
		assertThat(a.winProbability(dm)).isCloseTo(0.8, within(EPS));
		assertThat(a.winProbability(cs)).isCloseTo(0.9, within(EPS));
		assertThat(a.winProbability(won)).isEqualTo(1);
		assertThat(a.lossProbability(as)).isCloseTo(0.8, within(EPS));
		// 1000 enter: 500, 333.3, 250, 222.2 reach the later stages; 200 are won, 800 lost.
		assertThat(a.expectedFlow(qb)).isCloseTo(500, within(1e-9));
		assertThat(a.expectedFlow(ps)).isCloseTo(1000 / 3.0, within(1e-9));
		assertThat(a.expectedFlow(dm)).isCloseTo(250, within(1e-9));
		assertThat(a.expectedFlow(cs)).isCloseTo(2000 / 9.0, within(1e-9));
		assertThat(a.expectedFlow(won)).isCloseTo(200, within(1e-9));
		assertThat(a.expectedFlow(lost)).isCloseTo(800, within(1e-9));
		assertThat(a.expectedDropOff()).isCloseTo(0, within(1e-9));
		// Steps to close, from the end: t_CS = 1, t_DM = 1 + 8/9, t_PS = 1 + 3/4 * 17/9 = 29/12,
		// t_QB = 1 + 2/3 * 29/12 = 47/18, t_AS = 1 + 1/2 * 47/18 = 83/36.
		assertThat(a.expectedSteps(cs)).isCloseTo(1, within(EPS));
		assertThat(a.expectedSteps(dm)).isCloseTo(17 / 9.0, within(EPS));
		assertThat(a.expectedSteps(ps)).isCloseTo(29 / 12.0, within(EPS));
		assertThat(a.expectedSteps(qb)).isCloseTo(47 / 18.0, within(EPS));
		assertThat(a.expectedSteps(as)).isCloseTo(83 / 36.0, within(EPS));
		// Losses: AS 500, QB 166.7, PS 83.3, DM 27.8, CS 22.2 -> AS is the bottleneck.
		assertThat(a.bottleneck()).isEqualTo(as);
		assertThat(a.expectedLoss(qb)).isCloseTo(500 / 3.0, within(1e-9));
		assertThat(a.overallWinRate()).isCloseTo(0.2, within(EPS));
	}

	@Test
	void branchingFunnelWithDropOff() {
		// Lead -> Demo 60%, Trial 30%, 10% drop off. Demo -> Won 50%, Lost 50%. Trial -> Won 20%, Lost 70%, 10% drop.
		FunnelGraph.Builder b = FunnelGraph.builder();
		int lead = b.addStage("Lead", Outcome.OPEN, 100);
		int demo = b.addStage("Demo", Outcome.OPEN, 0);
		int trial = b.addStage("Trial", Outcome.OPEN, 0);
		int won = b.addStage("Won", Outcome.WON, 0);
		int lost = b.addStage("Lost", Outcome.LOST, 0);
		b.addTransition(lead, demo, 0.6).addTransition(lead, trial, 0.3);
		b.addTransition(demo, won, 0.5).addTransition(demo, lost, 0.5);
		b.addTransition(trial, won, 0.2).addTransition(trial, lost, 0.7);
		FunnelAnalysis a = MarkovAnalyzer.analyze(b.build());

		// win(Lead) = 0.6 * 0.5 + 0.3 * 0.2 = 0.36; loss = 0.6 * 0.5 + 0.3 * 0.7 = 0.51; drop = 0.13.
		assertThat(a.winProbability(lead)).isCloseTo(0.36, within(EPS));
		assertThat(a.lossProbability(lead)).isCloseTo(0.51, within(EPS));
		assertThat(a.dropOffProbability(lead)).isCloseTo(0.13, within(EPS));
		assertThat(a.dropOff(lead)).isCloseTo(0.1, within(EPS));
		assertThat(a.dropOff(trial)).isCloseTo(0.1, within(EPS));
		// 100 enter: Demo 60, Trial 30; Won 30 + 6 = 36, Lost 30 + 21 = 51, dropped 10 + 3 = 13.
		assertThat(a.expectedFlow(demo)).isCloseTo(60, within(1e-9));
		assertThat(a.expectedFlow(trial)).isCloseTo(30, within(1e-9));
		assertThat(a.expectedWon()).isCloseTo(36, within(1e-9));
		assertThat(a.expectedLost()).isCloseTo(51, within(1e-9));
		assertThat(a.expectedDropOff()).isCloseTo(13, within(1e-9));
		assertThat(a.expectedSteps(lead)).isCloseTo(1.9, within(EPS));
		// Conversion and flow of each transition: Lead -> Demo carries 60, Trial -> Won 6.
		assertThat(a.conversion(0)).isCloseTo(0.6, within(EPS));
		assertThat(a.transitionFlow(0)).isCloseTo(60, within(1e-9));
		assertThat(a.transitionFlow(4)).isCloseTo(6, within(1e-9));
		// Losses: Lead 10, Demo 30, Trial 24 -> Demo is the bottleneck.
		assertThat(a.bottleneck()).isEqualTo(demo);
		assertThat(a.forwardConversion(trial)).isCloseTo(0.2, within(EPS));
	}

	@Test
	void cycleBackToAnEarlierStage() {
		// Lead -> Nurture 50%, Won 30%, Lost 20%. Nurture -> Lead 40%, 60% drop off.
		// win(L) = 0.3 + 0.5 win(N), win(N) = 0.4 win(L)  =>  win(L) = 0.3 / 0.8 = 0.375, win(N) = 0.15.
		// t(L) = 1 + 0.5 t(N), t(N) = 1 + 0.4 t(L)  =>  t(L) = 1.5 / 0.8 = 1.875, t(N) = 1.75.
		// 100 enter Lead: y(L) = 100 + 0.4 y(N), y(N) = 0.5 y(L)  =>  y(L) = 125, y(N) = 62.5.
		FunnelGraph.Builder b = FunnelGraph.builder();
		int lead = b.addStage("Lead", Outcome.OPEN, 100);
		int nurture = b.addStage("Nurture", Outcome.OPEN, 0);
		int won = b.addStage("Won", Outcome.WON, 0);
		int lost = b.addStage("Lost", Outcome.LOST, 0);
		b.addTransition(lead, nurture, 0.5).addTransition(lead, won, 0.3).addTransition(lead, lost, 0.2);
		b.addTransition(nurture, lead, 0.4);
		FunnelAnalysis a = MarkovAnalyzer.analyze(b.build());

		assertThat(a.winProbability(lead)).isCloseTo(0.375, within(EPS));
		assertThat(a.winProbability(nurture)).isCloseTo(0.15, within(EPS));
		assertThat(a.lossProbability(lead)).isCloseTo(0.25, within(EPS));
		assertThat(a.lossProbability(nurture)).isCloseTo(0.1, within(EPS));
		assertThat(a.expectedSteps(lead)).isCloseTo(1.875, within(EPS));
		assertThat(a.expectedSteps(nurture)).isCloseTo(1.75, within(EPS));
		assertThat(a.expectedFlow(lead)).isCloseTo(125, within(1e-9));
		assertThat(a.expectedFlow(nurture)).isCloseTo(62.5, within(1e-9));
		assertThat(a.expectedWon()).isCloseTo(37.5, within(1e-9));
		assertThat(a.expectedLost()).isCloseTo(25, within(1e-9));
		assertThat(a.expectedDropOff()).isCloseTo(37.5, within(1e-9));
		assertThat(a.isTrapped(lead)).isFalse();
	}

	@Test
	void stageThatRepeatsItself() {
		// Retained -> Retained 75%, Expanded 10%, Churned 15%: win = 0.1 / 0.25 = 0.4, steps = 1 / 0.25 = 4.
		FunnelGraph.Builder b = FunnelGraph.builder();
		int retained = b.addStage("Retained", Outcome.OPEN, 100);
		int expanded = b.addStage("Expanded", Outcome.WON, 0);
		int churned = b.addStage("Churned", Outcome.LOST, 0);
		b.addTransition(retained, retained, 0.75).addTransition(retained, expanded, 0.1).addTransition(retained, churned,
				0.15);
		FunnelAnalysis a = MarkovAnalyzer.analyze(b.build());
		assertThat(a.winProbability(retained)).isCloseTo(0.4, within(EPS));
		assertThat(a.expectedSteps(retained)).isCloseTo(4, within(EPS));
		assertThat(a.expectedFlow(retained)).isCloseTo(400, within(1e-9));
		assertThat(a.expectedFlow(expanded)).isCloseTo(40, within(1e-9));
	}

	@Test
	void closedCycleTrapsItsStages() {
		// Entry -> A 50%, Won 50%; A -> B 100%, B -> A 100%: nobody leaves A and B.
		FunnelGraph.Builder b = FunnelGraph.builder();
		int entry = b.addStage("Entry", Outcome.OPEN, 10);
		int a1 = b.addStage("A", Outcome.OPEN, 0);
		int b1 = b.addStage("B", Outcome.OPEN, 0);
		int won = b.addStage("Won", Outcome.WON, 0);
		b.addTransition(entry, a1, 0.5).addTransition(entry, won, 0.5);
		b.addTransition(a1, b1, 1).addTransition(b1, a1, 1);
		FunnelAnalysis a = MarkovAnalyzer.analyze(b.build());
		assertThat(a.isTrapped(a1)).isTrue();
		assertThat(a.isTrapped(b1)).isTrue();
		assertThat(a.winProbability(a1)).isZero();
		assertThat(a.expectedSteps(a1)).isInfinite();
		assertThat(a.expectedFlow(b1)).isInfinite();
		assertThat(a.winProbability(entry)).isCloseTo(0.5, within(EPS));
		assertThat(a.expectedSteps(entry)).isInfinite();
		assertThat(a.expectedWon()).isCloseTo(5, within(1e-9));
	}

	@Test
	void outgoingOver100PercentIsScaledDown() {
		FunnelGraph.Builder b = FunnelGraph.builder();
		int s = b.addStage("S", Outcome.OPEN, 1);
		int w = b.addStage("W", Outcome.WON, 0);
		int l = b.addStage("L", Outcome.LOST, 0);
		b.addTransition(s, w, 0.8).addTransition(s, l, 0.4);
		FunnelAnalysis a = MarkovAnalyzer.analyze(b.build());
		assertThat(a.winProbability(s)).isCloseTo(2 / 3.0, within(EPS));
		assertThat(a.conversion(0)).isCloseTo(2 / 3.0, within(EPS));
		assertThat(a.dropOff(s)).isZero();
	}

	@Test
	void ringOfFiveThousandStages() {
		// Each stage moves on 90% and wins 5%; the last moves back to the first. By symmetry every stage
		// has the same win probability w = 0.05 + 0.9 w = 0.5 and the same steps t = 1 + 0.9 t = 10.
		int n = 5000;
		FunnelGraph.Builder b = FunnelGraph.builder();
		for (int i = 0; i < n; i++) {
			b.addStage("S" + i, Outcome.OPEN, i == 0 ? 1 : 0);
		}
		int won = b.addStage("Won", Outcome.WON, 0);
		for (int i = 0; i < n; i++) {
			b.addTransition(i, (i + 1) % n, 0.9).addTransition(i, won, 0.05);
		}
		FunnelAnalysis a = MarkovAnalyzer.analyze(b.build());
		for (int i = 0; i < n; i += 97) {
			assertThat(a.winProbability(i)).isCloseTo(0.5, within(1e-12));
			assertThat(a.expectedSteps(i)).isCloseTo(10, within(1e-9));
		}
		// One enters S0: flow(S_k) = 0.9^k / (1 - 0.9^n), and 0.9^5000 is 0 in doubles.
		assertThat(a.expectedFlow(0)).isCloseTo(1, within(1e-12));
		assertThat(a.expectedFlow(1)).isCloseTo(0.9, within(1e-12));
		assertThat(a.expectedFlow(10)).isCloseTo(Math.pow(0.9, 10), within(1e-12));
		assertThat(a.expectedWon()).isCloseTo(0.5, within(1e-12));
	}

	@Test
	void smallCyclesAgreeWithAnIndependentDenseSolver() {
		randomCyclesAgreeWithDenseSolver(20, 5, 40);
	}

	@Test
	void largeCyclesSolvedSparselyAgreeWithAnIndependentDenseSolver() {
		// Above 400 stages in one cycle the analysis switches to sparse elimination.
		randomCyclesAgreeWithDenseSolver(2, 450, 100);
	}

	private static void randomCyclesAgreeWithDenseSolver(int rounds, int minSize, int extraSize) {
		// An independent oracle: solve (I - Q) b = r densely with partial pivoting.
		SplittableRandom random = new SplittableRandom(42);
		for (int round = 0; round < rounds; round++) {
			int n = minSize + random.nextInt(extraSize);
			FunnelGraph.Builder b = FunnelGraph.builder();
			for (int i = 0; i < n; i++) {
				b.addStage("S" + i, Outcome.OPEN, random.nextDouble() < 0.3 ? random.nextInt(100) : 0);
			}
			int won = b.addStage("Won", Outcome.WON, 0);
			int lost = b.addStage("Lost", Outcome.LOST, 0);
			double[][] q = new double[n][n];
			double[] r = new double[n];
			for (int i = 0; i < n; i++) {
				int edges = 1 + random.nextInt(5);
				double budget = 0.95;
				for (int e = 0; e < edges; e++) {
					double p = budget * random.nextDouble() * 0.6;
					budget -= p;
					int target = random.nextInt(n + 2);
					b.addTransition(i, target, p);
					if (target < n) {
						q[i][target] += p;
					} else if (target == won) {
						r[i] += p;
					}
				}
				// Always one edge back to keep the graph cyclic.
				double p = budget * 0.5;
				int back = random.nextInt(n);
				b.addTransition(i, back, p);
				q[i][back] += p;
			}
			FunnelAnalysis a = MarkovAnalyzer.analyze(b.build());
			double[] expected = solveDense(q, r);
			for (int i = 0; i < n; i++) {
				assertThat(a.winProbability(i)).as("round %d stage %d", round, i).isCloseTo(expected[i], within(1e-10));
			}
			assertThat(lost).isEqualTo(n + 1);
		}
	}

	private static double[] solveDense(double[][] q, double[] r) {
		int n = r.length;
		double[][] m = new double[n][n + 1];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				m[i][j] = (i == j ? 1 : 0) - q[i][j];
			}
			m[i][n] = r[i];
		}
		for (int col = 0; col < n; col++) {
			int pivot = col;
			for (int row = col + 1; row < n; row++) {
				if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
					pivot = row;
				}
			}
			double[] swap = m[col];
			m[col] = m[pivot];
			m[pivot] = swap;
			for (int row = 0; row < n; row++) {
				if (row != col) {
					double f = m[row][col] / m[col][col];
					for (int k = col; k <= n; k++) {
						m[row][k] -= f * m[col][k];
					}
				}
			}
		}
		double[] x = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = m[i][n] / m[i][i];
		}
		return x;
	}

	/**
	 * Shares to outcomes that add up to 100% close the stage, in every whole-percent three-way split (20/70/10 as a
	 * double sum is 0.9999999999999998): no drop-off, one step to close, two from the stage before.
	 */
	@Test
	void sharesThatAddUpTo100PercentCloseTheStageInEveryThreeWaySplit() {
		int splits = 0;
		for (int a = 1; a <= 98; a++) {
			for (int b = 1; a + b <= 99; b++) {
				FunnelGraph.Builder builder = FunnelGraph.builder();
				int lead = builder.addStage("Lead", Outcome.OPEN, 100);
				int deal = builder.addStage("Deal", Outcome.OPEN, 0);
				int won = builder.addStage("Won", Outcome.WON, 0);
				int lost = builder.addStage("Lost", Outcome.LOST, 0);
				int churned = builder.addStage("Churned", Outcome.LOST, 0);
				builder.addTransition(lead, deal, 1);
				builder.addTransition(deal, won, a / 100.0).addTransition(deal, lost, b / 100.0)
						.addTransition(deal, churned, (100 - a - b) / 100.0);
				FunnelAnalysis analysis = MarkovAnalyzer.analyze(builder.build());
				String split = a + "/" + b + "/" + (100 - a - b);
				assertThat(analysis.dropOff(deal)).as(split).isZero();
				assertThat(analysis.isTrapped(deal)).as(split).isFalse();
				assertThat(analysis.expectedSteps(deal)).as(split).isCloseTo(1, within(EPS));
				assertThat(analysis.expectedSteps(lead)).as(split).isCloseTo(2, within(EPS));
				assertThat(analysis.winProbability(lead)).as(split).isCloseTo(a / 100.0, within(EPS));
				splits++;
			}
		}
		assertThat(splits).isEqualTo(4851);
	}

	/**
	 * A stage whose only way on is into a cycle nobody leaves is not in that cycle: its flow is what enters it, it
	 * never drops off and never closes; the cycle fills without end.
	 */
	@Test
	void aStageLeadingIntoAClosedCycleIsNotTrappedItself() {
		FunnelGraph.Builder builder = FunnelGraph.builder();
		int entry = builder.addStage("Entry", Outcome.OPEN, 50);
		int a = builder.addStage("A", Outcome.OPEN, 0);
		int b = builder.addStage("B", Outcome.OPEN, 0);
		builder.addStage("Won", Outcome.WON, 0);
		builder.addTransition(entry, a, 1).addTransition(a, b, 1).addTransition(b, a, 1);
		FunnelAnalysis analysis = MarkovAnalyzer.analyze(builder.build());
		assertThat(analysis.expectedFlow(entry)).isEqualTo(50);
		assertThat(analysis.isTrapped(entry)).isFalse();
		assertThat(analysis.dropOffProbability(entry)).isZero();
		assertThat(analysis.winProbability(entry)).isZero();
		assertThat(analysis.expectedSteps(entry)).isInfinite();
		assertThat(analysis.isTrapped(a)).isTrue();
		assertThat(analysis.expectedFlow(a)).isInfinite();
	}

	/** A cycle left once in a million passes: 1000 entering pass through it 10^9 times, to the last digit printed. */
	@Test
	void aRarelyLeftCycleIsSolvedExactly() {
		FunnelGraph.Builder builder = FunnelGraph.builder();
		int a = builder.addStage("A", Outcome.OPEN, 1000);
		int b = builder.addStage("B", Outcome.OPEN, 0);
		int won = builder.addStage("Won", Outcome.WON, 0);
		builder.addTransition(a, b, 0.999999).addTransition(a, won, 0.000001).addTransition(b, a, 1);
		FunnelAnalysis analysis = MarkovAnalyzer.analyze(builder.build());
		assertThat(analysis.expectedFlow(a)).isCloseTo(1e9, within(1e-3));
		assertThat(analysis.expectedFlow(won)).isCloseTo(1000, within(1e-6));
		assertThat(analysis.winProbability(a)).isCloseTo(1, within(EPS));
	}
}

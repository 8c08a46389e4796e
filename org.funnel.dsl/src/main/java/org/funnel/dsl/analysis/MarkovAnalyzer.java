package org.funnel.dsl.analysis;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;

/**
 * Computes {@link FunnelAnalysis} exactly: one strongly connected component of open stages at a
 * time, each a linear system (I − Q) x = b solved by sparse elimination. A funnel without cycles
 * costs one pass over its transitions; a cycle costs about its own size.
 */
public final class MarkovAnalyzer {

	/** Exit mass below this counts as none: the cycle is closed. */
	private static final double NO_EXIT = 1e-15;

	private final FunnelGraph graph;
	private final int n;
	/** Factor applied to a stage's transitions: 1, or less when they add up to more than 100%. */
	private final double[] scale;
	private final double[] dropOff;
	private final double[] win;
	private final double[] loss;
	private final double[] steps;
	private final double[] flow;
	private final boolean[] trapped;
	private StronglyConnectedComponents components;
	/** Position of a stage within its component, for numbering the component's linear system. */
	private int[] position;
	/** Per component: its factored matrix, once the backward pass has solved it. */
	private LinearSystem.Factors[] factors;

	private MarkovAnalyzer(FunnelGraph graph) {
		this.graph = graph;
		this.n = graph.stageCount();
		this.scale = new double[n];
		this.dropOff = new double[n];
		this.win = new double[n];
		this.loss = new double[n];
		this.steps = new double[n];
		this.flow = new double[n];
		this.trapped = new boolean[n];
	}

	public static FunnelAnalysis analyze(FunnelGraph graph) {
		return new MarkovAnalyzer(graph).run();
	}

	private FunnelAnalysis run() {
		for (int i = 0; i < n; i++) {
			Outcome outcome = graph.outcome(i);
			if (outcome == Outcome.WON) {
				win[i] = 1;
			} else if (outcome == Outcome.LOST) {
				loss[i] = 1;
			} else {
				double sum = 0;
				for (int t = graph.firstTransition(i); t < graph.endTransition(i); t++) {
					sum += Math.max(0, graph.probability(t));
				}
				scale[i] = sum > 1 ? 1 / sum : 1;
				dropOff[i] = Math.max(0, 1 - sum * scale[i]);
			}
		}
		// Cycles as the numbers see them: a transition whose share is zero (0%, or too small for a double
		// once scaled) joins no cycle; counted, it made a stage that never leaves part of a cycle that
		// does, and the cycle's system singular (an ArithmeticException, seen).
		components = StronglyConnectedComponents.ofOpenStages(graph,
				transition -> effective(transition, graph.source(transition)) > 0);
		position = new int[n];
		for (int c = 0; c < components.count; c++) {
			for (int k = 0; k < components.size(c); k++) {
				position[components.members[components.start[c] + k]] = k;
			}
		}
		// Backward (win, loss, steps): sinks first, so every stage outside the component is solved.
		for (int c = 0; c < components.count; c++) {
			solveBackward(c);
		}
		// Forward (flow): sources first; each component pushes its outflow ahead as inflow.
		double[] inflow = new double[n];
		for (int i = 0; i < n; i++) {
			inflow[i] = Math.max(0, graph.entering(i));
		}
		for (int c = components.count - 1; c >= 0; c--) {
			solveForward(c, inflow);
		}
		for (int i = 0; i < n; i++) {
			if (graph.outcome(i).isTerminal()) {
				flow[i] = inflow[i];
			}
		}
		return new FunnelAnalysis(graph, win, loss, steps, flow, scale, dropOff, trapped);
	}

	private double effective(int transition, int source) {
		return Math.max(0, graph.probability(transition)) * scale[source];
	}

	private int member(int c, int k) {
		return components.members[components.start[c] + k];
	}

	private void solveBackward(int c) {
		int size = components.size(c);
		double exit = 0;
		boolean infiniteSteps = false;
		// Right-hand sides: win, loss, steps.
		double[][] rhs = new double[size][3];
		for (int k = 0; k < size; k++) {
			int i = member(c, k);
			exit += dropOff[i];
			rhs[k][2] = 1;
			for (int t = graph.firstTransition(i); t < graph.endTransition(i); t++) {
				int j = graph.target(t);
				double p = effective(t, i);
				if (components.component[j] == c || p == 0) {
					continue;
				}
				exit += p;
				rhs[k][0] += p * win[j];
				rhs[k][1] += p * loss[j];
				if (Double.isInfinite(steps[j])) {
					infiniteSteps = true;
				} else {
					rhs[k][2] += p * steps[j];
				}
			}
		}
		if (exit <= NO_EXIT) {
			for (int k = 0; k < size; k++) {
				int i = member(c, k);
				trapped[i] = true;
				steps[i] = Double.POSITIVE_INFINITY;
			}
			return;
		}
		try {
			solve(c, rhs, false);
		} catch (ArithmeticException e) {
			// Numerically closed after all: nobody leaves it.
			for (int k = 0; k < size; k++) {
				int i = member(c, k);
				trapped[i] = true;
				steps[i] = Double.POSITIVE_INFINITY;
			}
			return;
		}
		for (int k = 0; k < size; k++) {
			int i = member(c, k);
			// Probabilities, whatever rounding did to a cycle that is left only rarely.
			win[i] = Math.min(1, Math.max(0, rhs[k][0]));
			loss[i] = Math.min(1 - win[i], Math.max(0, rhs[k][1]));
			// Within a cycle every stage reaches every other, so one infinite exit makes all infinite.
			// A deal makes at least one step; less (even negative, seen) is what rounding leaves of a cycle
			// that is left with a probability near 1e-15 per pass: practically never.
			steps[i] = infiniteSteps || !(rhs[k][2] >= 1) ? Double.POSITIVE_INFINITY : rhs[k][2];
		}
	}

	private void solveForward(int c, double[] inflow) {
		int size = components.size(c);
		if (trapped[member(c, 0)]) {
			double total = 0;
			for (int k = 0; k < size; k++) {
				total += inflow[member(c, k)];
			}
			for (int k = 0; k < size; k++) {
				flow[member(c, k)] = total > 0 ? Double.POSITIVE_INFINITY : 0;
			}
			return;
		}
		double[][] rhs = new double[size][1];
		boolean any = false;
		for (int k = 0; k < size; k++) {
			rhs[k][0] = inflow[member(c, k)];
			any |= rhs[k][0] != 0;
		}
		if (!any) {
			return;
		}
		solve(c, rhs, true);
		for (int k = 0; k < size; k++) {
			int i = member(c, k);
			flow[i] = Math.max(0, rhs[k][0]);
			for (int t = graph.firstTransition(i); t < graph.endTransition(i); t++) {
				int j = graph.target(t);
				if (components.component[j] != c) {
					inflow[j] += flow[i] * effective(t, i);
				}
			}
		}
	}

	/**
	 * Solves (I − Q_cc) x = rhs, or its transpose, in place. The matrix of a component is factored
	 * once: the backward pass (win probabilities) and the forward pass (flows) share the factors.
	 */
	private void solve(int c, double[][] rhs, boolean transpose) {
		int size = components.size(c);
		if (size == 1) {
			int i = member(c, 0);
			// 1 − (the share that stays), summed from what leaves: "1 − 0.9999999999999" would lose most
			// digits (a win probability of 100.05% was seen), the sum of the ways out loses none.
			double stay = dropOff[i];
			for (int t = graph.firstTransition(i); t < graph.endTransition(i); t++) {
				if (graph.target(t) != i) {
					stay += effective(t, i);
				}
			}
			for (int m = 0; m < rhs[0].length; m++) {
				rhs[0][m] /= stay;
			}
			return;
		}
		if (factors == null) {
			factors = new LinearSystem.Factors[components.count];
		}
		LinearSystem.Factors factored = factors[c];
		if (factored == null) {
			LinearSystem system = LinearSystem.of(size);
			for (int k = 0; k < size; k++) {
				int i = member(c, k);
				system.add(k, k, 1);
				for (int t = graph.firstTransition(i); t < graph.endTransition(i); t++) {
					int j = graph.target(t);
					if (components.component[j] == c) {
						system.add(k, position[j], -effective(t, i));
					}
				}
			}
			factored = system.factor();
			factors[c] = factored;
		}
		if (transpose) {
			factored.solveTransposed(rhs);
		} else {
			factored.solve(rhs);
		}
	}
}

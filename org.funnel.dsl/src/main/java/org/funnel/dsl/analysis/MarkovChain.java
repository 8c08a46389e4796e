package org.funnel.dsl.analysis;

/**
 * A funnel as an absorbing Markov chain, solved so that every number is right to the last printed digit:
 * open stages are transient, won and lost stages absorb, and what a stage's transitions do not take drops off.
 * <p>
 * Whether deals in a stage ever close is read from the graph, never from a rounded sum: a cycle of open stages is
 * closed when no transition with a share above zero leaves it and none of its stages drops anything off. Every way
 * out counts, however small its share. The numbers come from one linear system per cycle (strongly connected
 * component), solved sinks first, by Gaussian elimination in the Grassmann-Taksar-Heyman way: a pivot is the sum of
 * what leaves its stage (never 1 minus what stays), and every other step adds quantities of one sign. So nothing
 * cancels, and a cycle left once in 10^15 passes gives its win probability, steps and flows as exactly as a plain
 * chain does. Only a share so small that a product of shares underflows (below about 1e-308) is lost: that cycle
 * then counts as closed.
 * <p>
 * This file is also the solver of the Java analysis classes {@code funnel generate --target java} writes: the
 * generator copies it into each of them (as a nested class), so {@code funnel analyze} and the generated code
 * compute the same numbers the same way. Keep it to the JDK (no imports: {@code java.math} by its full name), to ASCII and to Java 17.
 */
public final class MarkovChain {

	/** The outcome of a stage: still open, or closed won or lost. */
	public static final int OPEN = 0;
	public static final int WON = 1;
	public static final int LOST = 2;

	/**
	 * The linear system of one cycle: I - Q, where Q holds the shares between the cycle's stages, given by those
	 * shares and by what leaves each stage (to other stages, or by drop-off).
	 */
	public interface Elimination {

		/** Adds a share moving from one stage of the cycle to another (row != column: staying is implied). */
		void add(int row, int column, double share);

		/** Adds a share leaving the cycle from this stage. */
		void exit(int row, double share);

		/** Eliminates; an {@link ArithmeticException} when a pivot is zero (shares that underflow). */
		void factor();

		/** Solves (I - Q) x = rhs in place; {@code rhs[i][k]} is row i of right-hand side k. */
		void solve(double[][] rhs);

		/** Solves (I - Q)^T x = rhs in place. */
		void solveTransposed(double[][] rhs);
	}

	/** Makes the elimination of a cycle of the given size. */
	public interface Eliminations {
		Elimination of(int size);
	}

	private final int n;
	private final int[] outcome;
	private final int[] first;
	private final int[] target;
	private final double[] share;
	private final double[] dropOff;
	private final Eliminations eliminations;
	private final Components components;
	/** Position of a stage within its component, for numbering the component's linear system. */
	private final int[] position;
	/** Per component: its eliminated system, once the backward pass has made it. */
	private final Elimination[] systems;
	private final double[] win;
	private final double[] loss;
	private final double[] dropOut;
	private final double[] steps;
	private final boolean[] trapped;

	/**
	 * Solves the chain. Stage i's transitions are {@code first[i] .. first[i + 1] - 1}, each going to
	 * {@code target[t]} with {@code share[t]} (0..1, a stage's adding up to at most 1); {@code dropOff[i]} is the
	 * share of stage i no transition takes. Transitions of won and lost stages are ignored.
	 */
	public MarkovChain(int[] outcome, int[] first, int[] target, double[] share, double[] dropOff) {
		this(outcome, first, target, share, dropOff, DenseElimination::new);
	}

	/** The same, with each cycle's system made by {@code eliminations} (sparse ones for large cycles). */
	public MarkovChain(int[] outcome, int[] first, int[] target, double[] share, double[] dropOff,
			Eliminations eliminations) {
		this.n = outcome.length;
		this.outcome = outcome;
		this.first = first;
		this.target = target;
		this.share = share;
		this.dropOff = dropOff;
		this.eliminations = eliminations;
		boolean[] open = new boolean[n];
		boolean[] moves = new boolean[target.length];
		for (int i = 0; i < n; i++) {
			open[i] = outcome[i] == OPEN;
			for (int t = first[i]; t < first[i + 1]; t++) {
				moves[t] = open[i] && share[t] > 0;
			}
		}
		// Cycles as the numbers see them: a transition with a share of zero joins none (it cannot be taken).
		this.components = new Components(open, first, target, moves);
		this.position = new int[n];
		for (int c = 0; c < components.count; c++) {
			for (int k = 0; k < components.size(c); k++) {
				position[components.member(c, k)] = k;
			}
		}
		this.systems = new Elimination[components.count];
		this.win = new double[n];
		this.loss = new double[n];
		this.dropOut = new double[n];
		this.steps = new double[n];
		this.trapped = new boolean[n];
		for (int i = 0; i < n; i++) {
			win[i] = outcome[i] == WON ? 1 : 0;
			loss[i] = outcome[i] == LOST ? 1 : 0;
		}
		// Sinks first: every stage outside the component is solved when the component is.
		for (int c = 0; c < components.count; c++) {
			solveBackward(c);
		}
	}

	/**
	 * Each open stage's drop-off, 100% minus the exact decimal sum of its shares (each read as the shortest decimal
	 * that is its double, so 0.2, 0.7 and 0.1 leave exactly none, where doubles would leave 1e-16 or take 1e-16 too
	 * much); an open stage's shares that add up to more than 100% are scaled down to 100% in place, and those of won
	 * and lost stages set to 0. Shares are finite and at least 0.
	 */
	public static double[] outflows(int[] outcome, int[] first, double[] share) {
		double[] dropOff = new double[outcome.length];
		java.math.BigDecimal one = java.math.BigDecimal.ONE;
		for (int i = 0; i < outcome.length; i++) {
			java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
			for (int t = first[i]; t < first[i + 1]; t++) {
				if (outcome[i] != OPEN) {
					share[t] = 0;
				} else if (share[t] > 0) {
					sum = sum.add(java.math.BigDecimal.valueOf(share[t]));
				}
			}
			int over = outcome[i] == OPEN ? sum.compareTo(one) : 0;
			if (over < 0) {
				dropOff[i] = one.subtract(sum).doubleValue();
			} else if (over > 0) {
				double scale = one.divide(sum, java.math.MathContext.DECIMAL64).doubleValue();
				for (int t = first[i]; t < first[i + 1]; t++) {
					share[t] *= scale;
				}
			}
		}
		return dropOff;
	}

	public int stageCount() {
		return n;
	}

	/** Probability that a deal in the stage ends in a won stage: 1 for won stages, 0 for lost ones. */
	public double win(int stage) {
		return win[stage];
	}

	/** Probability that a deal in the stage ends in a lost stage. */
	public double loss(int stage) {
		return loss[stage];
	}

	/**
	 * Probability that a deal in the stage drops off, here or later; 0 in and before a cycle nobody leaves (deals
	 * there stay), not 1 - win - loss.
	 */
	public double dropOut(int stage) {
		return dropOut[stage];
	}

	/** Expected transitions until a deal in the stage has closed or dropped off; infinite if it may never. */
	public double steps(int stage) {
		return steps[stage];
	}

	/** True for an open stage in a cycle nobody leaves: deals there never close. */
	public boolean trapped(int stage) {
		return trapped[stage];
	}

	/** The cycles of open stages, along the transitions that can be taken. */
	public Components components() {
		return components;
	}

	/**
	 * Expected volume through each stage when {@code entering[i]} enters at stage i: x0 (I - Q)^-1 for open
	 * stages, arrivals for won and lost ones; infinite in a closed cycle that receives anything.
	 */
	public double[] flow(double[] entering) {
		if (entering.length != n) {
			throw new IllegalArgumentException("need one volume per stage (" + n + "), got " + entering.length);
		}
		double[] inflow = new double[n];
		for (int i = 0; i < n; i++) {
			inflow[i] = entering[i] > 0 ? entering[i] : 0;
		}
		double[] flow = new double[n];
		// Sources first: each component passes its outflow on as the inflow of later ones.
		for (int c = components.count - 1; c >= 0; c--) {
			solveForward(c, inflow, flow);
		}
		for (int i = 0; i < n; i++) {
			if (outcome[i] != OPEN) {
				flow[i] = inflow[i];
			}
		}
		return flow;
	}

	private void solveBackward(int c) {
		int size = components.size(c);
		double exit = 0;
		boolean endless = false;
		// Right-hand sides: win, loss, steps, drop-off.
		double[][] rhs = new double[size][4];
		for (int k = 0; k < size; k++) {
			int i = components.member(c, k);
			exit += dropOff[i] > 0 ? dropOff[i] : 0;
			rhs[k][2] = 1;
			rhs[k][3] = dropOff[i] > 0 ? dropOff[i] : 0;
			for (int t = first[i]; t < first[i + 1]; t++) {
				int j = target[t];
				if (share[t] > 0 && components.component[j] != c) {
					exit += share[t];
					rhs[k][0] += share[t] * win[j];
					rhs[k][1] += share[t] * loss[j];
					endless |= steps[j] == Double.POSITIVE_INFINITY;
					rhs[k][2] += share[t] * steps[j];
					rhs[k][3] += share[t] * dropOut[j];
				}
			}
		}
		if (!(exit > 0) || !solve(c, rhs, false)) {
			for (int k = 0; k < size; k++) {
				int i = components.member(c, k);
				trapped[i] = true;
				steps[i] = Double.POSITIVE_INFINITY;
			}
			return;
		}
		for (int k = 0; k < size; k++) {
			int i = components.member(c, k);
			// Probabilities, whatever rounding did in the last bit.
			win[i] = Math.min(1, rhs[k][0]);
			loss[i] = Math.min(1 - win[i], rhs[k][1]);
			dropOut[i] = Math.min(1 - win[i] - loss[i], rhs[k][3]);
			// Within a cycle every stage reaches every other: one endless way out makes all of them endless.
			steps[i] = endless ? Double.POSITIVE_INFINITY : rhs[k][2];
		}
	}

	private void solveForward(int c, double[] inflow, double[] flow) {
		int size = components.size(c);
		double[][] rhs = new double[size][1];
		double total = 0;
		for (int k = 0; k < size; k++) {
			rhs[k][0] = inflow[components.member(c, k)];
			total += rhs[k][0];
		}
		if (!(total > 0)) {
			return;
		}
		if (trapped[components.member(c, 0)]) {
			// A cycle nobody leaves fills up without end.
			for (int k = 0; k < size; k++) {
				flow[components.member(c, k)] = Double.POSITIVE_INFINITY;
			}
			return;
		}
		solve(c, rhs, true);
		for (int k = 0; k < size; k++) {
			int i = components.member(c, k);
			flow[i] = rhs[k][0];
			for (int t = first[i]; t < first[i + 1]; t++) {
				if (share[t] > 0 && components.component[target[t]] != c) {
					inflow[target[t]] += flow[i] * share[t];
				}
			}
		}
	}

	/**
	 * Solves the component's system (or its transpose) in place; false when it cannot be eliminated (shares so small
	 * that their products underflow). The system is eliminated once: the flows reuse what the backward pass made.
	 */
	private boolean solve(int c, double[][] rhs, boolean transposed) {
		int size = components.size(c);
		if (size == 1 && systems[c] == null) {
			// One stage: what stays is its self-loop, so 1 - (staying) is exactly what leaves.
			int i = components.member(c, 0);
			double leaving = dropOff[i] > 0 ? dropOff[i] : 0;
			for (int t = first[i]; t < first[i + 1]; t++) {
				if (share[t] > 0 && target[t] != i) {
					leaving += share[t];
				}
			}
			for (int m = 0; m < rhs[0].length; m++) {
				rhs[0][m] /= leaving;
			}
			return true;
		}
		if (systems[c] == null) {
			Elimination system = eliminations.of(size);
			for (int k = 0; k < size; k++) {
				int i = components.member(c, k);
				system.exit(k, dropOff[i] > 0 ? dropOff[i] : 0);
				for (int t = first[i]; t < first[i + 1]; t++) {
					int j = target[t];
					if (!(share[t] > 0) || j == i) {
						continue;
					}
					if (components.component[j] == c) {
						system.add(k, position[j], share[t]);
					} else {
						system.exit(k, share[t]);
					}
				}
			}
			try {
				system.factor();
			} catch (ArithmeticException e) {
				return false;
			}
			systems[c] = system;
		}
		if (transposed) {
			systems[c].solveTransposed(rhs);
		} else {
			systems[c].solve(rhs);
		}
		return true;
	}

	/**
	 * I - Q densely, eliminated without pivot search (I - Q is diagonally dominant, and stays so). Below the
	 * diagonal the multipliers, above it the shares as elimination left them, beside it the pivots.
	 */
	static final class DenseElimination implements Elimination {

		private final int size;
		private final double[][] q;
		private final double[] exit;
		private final double[] pivot;

		DenseElimination(int size) {
			this.size = size;
			this.q = new double[size][size];
			this.exit = new double[size];
			this.pivot = new double[size];
		}

		@Override
		public void add(int row, int column, double value) {
			if (row != column) {
				q[row][column] += value;
			}
		}

		@Override
		public void exit(int row, double value) {
			exit[row] += value;
		}

		@Override
		public void factor() {
			for (int k = 0; k < size; k++) {
				double[] pivotRow = q[k];
				double d = exit[k];
				for (int j = k + 1; j < size; j++) {
					d += pivotRow[j];
				}
				if (!(d > 0)) {
					throw new ArithmeticException("no way out of stage " + k + " of the cycle is left after elimination");
				}
				pivot[k] = d;
				for (int i = k + 1; i < size; i++) {
					double[] row = q[i];
					if (row[k] == 0) {
						continue;
					}
					// The way from i through k: i now reaches what k reaches, and leaves where k leaves.
					double multiplier = row[k] / d;
					row[k] = multiplier;
					for (int j = k + 1; j < size; j++) {
						if (j != i && pivotRow[j] != 0) {
							row[j] += multiplier * pivotRow[j];
						}
					}
					exit[i] += multiplier * exit[k];
				}
			}
		}

		@Override
		public void solve(double[][] rhs) {
			int columns = rhs.length == 0 ? 0 : rhs[0].length;
			for (int i = 1; i < size; i++) {
				for (int k = 0; k < i; k++) {
					addScaled(rhs[i], q[i][k], rhs[k], columns);
				}
			}
			for (int k = size - 1; k >= 0; k--) {
				for (int j = k + 1; j < size; j++) {
					addScaled(rhs[k], q[k][j], rhs[j], columns);
				}
				divide(rhs[k], pivot[k], columns);
			}
		}

		@Override
		public void solveTransposed(double[][] rhs) {
			int columns = rhs.length == 0 ? 0 : rhs[0].length;
			for (int k = 0; k < size; k++) {
				for (int i = 0; i < k; i++) {
					addScaled(rhs[k], q[i][k], rhs[i], columns);
				}
				divide(rhs[k], pivot[k], columns);
			}
			for (int k = size - 2; k >= 0; k--) {
				for (int i = k + 1; i < size; i++) {
					addScaled(rhs[k], q[i][k], rhs[i], columns);
				}
			}
		}
	}

	/** target += factor * source, skipping a zero factor (so an infinite source never gives 0 * infinity). */
	static void addScaled(double[] target, double factor, double[] source, int columns) {
		if (factor != 0) {
			for (int m = 0; m < columns; m++) {
				target[m] += factor * source[m];
			}
		}
	}

	static void divide(double[] values, double divisor, int columns) {
		for (int m = 0; m < columns; m++) {
			values[m] /= divisor;
		}
	}

	/**
	 * The strongly connected components of the open stages along the transitions {@code moves} accepts, by Tarjan's
	 * algorithm with its call stack in arrays (a cycle of thousands of stages does not overflow the stack). They come
	 * out sinks first: the order in which win probabilities can be solved one component at a time.
	 */
	public static final class Components {

		/** component[stage] = index of its component, -1 for won and lost stages. */
		public final int[] component;
		/** Members of component c are members[start[c]] .. members[start[c + 1] - 1]. */
		private final int[] members;
		private final int[] start;
		public final int count;

		private final boolean[] open;
		private final int[] first;
		private final int[] target;
		private final boolean[] moves;
		private final int[] index;
		private final int[] lowLink;
		private final boolean[] onStack;
		private final int[] stack;
		private final int[] callNode;
		private final int[] callEdge;
		private int stackSize;
		private int memberCount;
		private int componentCount;
		private int nextIndex;

		public Components(boolean[] open, int[] first, int[] target, boolean[] moves) {
			int n = open.length;
			this.open = open;
			this.first = first;
			this.target = target;
			this.moves = moves;
			this.component = new int[n];
			this.members = new int[n];
			this.start = new int[n + 1];
			this.index = new int[n];
			this.lowLink = new int[n];
			this.onStack = new boolean[n];
			this.stack = new int[n];
			this.callNode = new int[n];
			this.callEdge = new int[n];
			for (int i = 0; i < n; i++) {
				index[i] = -1;
				component[i] = -1;
			}
			for (int root = 0; root < n; root++) {
				if (open[root] && index[root] < 0) {
					search(root);
				}
			}
			start[componentCount] = memberCount;
			this.count = componentCount;
		}

		public int size(int c) {
			return start[c + 1] - start[c];
		}

		/** The k-th stage of component c. */
		public int member(int c, int k) {
			return members[start[c] + k];
		}

		private void search(int root) {
			int depth = 0;
			visit(root, depth);
			while (depth >= 0) {
				int node = callNode[depth];
				if (callEdge[depth] < first[node + 1]) {
					int t = callEdge[depth]++;
					int next = target[t];
					if (!moves[t] || !open[next]) {
						continue;
					}
					if (index[next] < 0) {
						visit(next, ++depth);
					} else if (onStack[next]) {
						lowLink[node] = Math.min(lowLink[node], index[next]);
					}
					continue;
				}
				if (lowLink[node] == index[node]) {
					pop(node);
				}
				depth--;
				if (depth >= 0) {
					int parent = callNode[depth];
					lowLink[parent] = Math.min(lowLink[parent], lowLink[node]);
				}
			}
		}

		private void visit(int node, int depth) {
			index[node] = nextIndex;
			lowLink[node] = nextIndex;
			nextIndex++;
			stack[stackSize++] = node;
			onStack[node] = true;
			callNode[depth] = node;
			callEdge[depth] = first[node];
		}

		/** The stages on the stack down to {@code node} form a component. */
		private void pop(int node) {
			start[componentCount] = memberCount;
			int member;
			do {
				member = stack[--stackSize];
				onStack[member] = false;
				component[member] = componentCount;
				members[memberCount++] = member;
			} while (member != node);
			componentCount++;
		}
	}
}

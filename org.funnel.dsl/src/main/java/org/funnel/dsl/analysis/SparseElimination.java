package org.funnel.dsl.analysis;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * The system of a large cycle, I − Q, eliminated sparsely: the next pivot is chosen by minimum degree
 * (Markowitz count) to keep fill-in small, and each pivot is what leaves its stage, as in
 * {@link MarkovChain}'s dense elimination (the Grassmann–Taksar–Heyman way: nothing is subtracted, so
 * nothing cancels). Diagonal pivots are safe: I − Q is diagonally dominant and elimination keeps it so.
 * The elimination is kept (multipliers and pivot rows), so the same factors solve the system and its
 * transpose.
 * <p>
 * Rows are unsorted arrays of (column, share) without the diagonal; a row update scatters the target row
 * into a position table, so it costs the lengths of the two rows. Column lists may hold rows that no
 * longer have an entry there; they only serve to find candidates and to estimate degrees.
 */
final class SparseElimination implements MarkovChain.Elimination {

	private final int size;
	private final int[][] rowColumns;
	private final double[][] rowValues;
	private final int[] rowLength;
	private final int[][] columnRows;
	private final int[] columnLength;
	private final double[] exit;
	private Factors factors;

	SparseElimination(int size) {
		this.size = size;
		this.rowColumns = new int[size][];
		this.rowValues = new double[size][];
		this.rowLength = new int[size];
		this.columnRows = new int[size][];
		this.columnLength = new int[size];
		this.exit = new double[size];
		for (int i = 0; i < size; i++) {
			rowColumns[i] = new int[4];
			rowValues[i] = new double[4];
			columnRows[i] = new int[4];
		}
	}

	@Override
	public void add(int row, int column, double value) {
		if (value == 0.0 || row == column) {
			return;
		}
		int[] columns = rowColumns[row];
		for (int k = 0; k < rowLength[row]; k++) {
			if (columns[k] == column) {
				rowValues[row][k] += value;
				return;
			}
		}
		append(row, column, value);
	}

	@Override
	public void exit(int row, double value) {
		exit[row] += value;
	}

	private void append(int row, int column, double value) {
		int length = rowLength[row];
		if (length == rowColumns[row].length) {
			rowColumns[row] = Arrays.copyOf(rowColumns[row], length * 2);
			rowValues[row] = Arrays.copyOf(rowValues[row], length * 2);
		}
		rowColumns[row][length] = column;
		rowValues[row][length] = value;
		rowLength[row] = length + 1;
		int count = columnLength[column];
		if (count == columnRows[column].length) {
			columnRows[column] = Arrays.copyOf(columnRows[column], count * 2);
		}
		columnRows[column][count] = row;
		columnLength[column] = count + 1;
	}

	@Override
	public void factor() {
		factors = new Elimination().run();
	}

	@Override
	public void solve(double[][] rhs) {
		factors.solve(rhs);
	}

	@Override
	public void solveTransposed(double[][] rhs) {
		factors.solveTransposed(rhs);
	}

	/** One elimination: the order and values of the pivots, the row operations, and what finds them quickly. */
	private final class Elimination {
		private final int[] order = new int[size];
		private final double[] pivots = new double[size];
		private final boolean[] eliminated = new boolean[size];
		private final int[] version = new int[size];
		/** Where a column sits in the row being updated (valid when stamp matches), to find entries in O(1). */
		private final int[] where = new int[size];
		private final int[] stamp = new int[size];
		private int currentStamp;
		private final int[] seen = new int[size];
		private int seenStamp;
		/** The elimination, in order: row opRow plus opFactor times row opPivot. */
		private int operations;
		private int[] opRow = new int[Math.max(16, size)];
		private int[] opPivot = new int[opRow.length];
		private double[] opFactor = new double[opRow.length];
		/** Candidate pivots by degree, then row; an entry whose version is old is skipped. */
		private final PriorityQueue<long[]> queue = new PriorityQueue<>(
				(a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));

		Factors run() {
			for (int i = 0; i < size; i++) {
				queue.add(new long[] { degree(i), i, 0 });
			}
			int step = 0;
			while (step < size) {
				long[] head = queue.poll();
				int pivot = (int) head[1];
				if (eliminated[pivot] || head[2] != version[pivot]) {
					continue;
				}
				eliminated[pivot] = true;
				order[step++] = pivot;
				double pivotValue = pivotValue(pivot);
				pivots[pivot] = pivotValue;
				eliminateBelow(pivot, pivotValue);
				int[] pivotColumns = rowColumns[pivot];
				int pivotLength = rowLength[pivot];
				for (int k = 0; k < pivotLength; k++) {
					if (!eliminated[pivotColumns[k]]) {
						requeue(pivotColumns[k]);
					}
				}
			}
			return new Factors(order, pivots, operations, opRow, opPivot, opFactor);
		}

		/** What leaves the pivot's stage: out of the cycle, or to a stage not yet eliminated. */
		private double pivotValue(int pivot) {
			double value = exit[pivot];
			for (int k = 0; k < rowLength[pivot]; k++) {
				value += rowValues[pivot][k];
			}
			if (!(value > 0)) {
				throw new ArithmeticException("no way out of stage " + pivot + " of the cycle is left after elimination");
			}
			return value;
		}

		/** Eliminates the pivot's column from every row not yet eliminated that has an entry there. */
		private void eliminateBelow(int pivot, double pivotValue) {
			seenStamp++;
			int[] candidates = columnRows[pivot];
			int candidateCount = columnLength[pivot];
			for (int c = 0; c < candidateCount; c++) {
				int row = candidates[c];
				if (eliminated[row] || seen[row] == seenStamp) {
					continue;
				}
				seen[row] = seenStamp;
				eliminate(row, pivot, pivotValue);
			}
		}

		/** The row's way through the pivot: it now reaches what the pivot reaches, and leaves where it leaves. */
		private void eliminate(int row, int pivot, double pivotValue) {
			currentStamp++;
			int[] targetColumns = rowColumns[row];
			int targetLength = rowLength[row];
			int at = -1;
			for (int k = 0; k < targetLength; k++) {
				where[targetColumns[k]] = k;
				stamp[targetColumns[k]] = currentStamp;
				if (targetColumns[k] == pivot) {
					at = k;
				}
			}
			if (at < 0 || rowValues[row][at] == 0.0) {
				return;
			}
			double factor = rowValues[row][at] / pivotValue;
			record(row, pivot, factor);
			int[] pivotColumns = rowColumns[pivot];
			double[] pivotValues = rowValues[pivot];
			int pivotLength = rowLength[pivot];
			for (int k = 0; k < pivotLength; k++) {
				int column = pivotColumns[k];
				// Back to the row itself is staying: the row's pivot is worked out from what leaves it.
				if (column == row) {
					continue;
				}
				double delta = factor * pivotValues[k];
				if (stamp[column] == currentStamp) {
					rowValues[row][where[column]] += delta;
				} else {
					append(row, column, delta);
					stamp[column] = currentStamp;
					where[column] = rowLength[row] - 1;
				}
			}
			exit[row] += factor * exit[pivot];
			removeAt(row, where[pivot]);
			requeue(row);
		}

		private void record(int row, int pivot, double factor) {
			if (operations == opRow.length) {
				opRow = Arrays.copyOf(opRow, operations * 2);
				opPivot = Arrays.copyOf(opPivot, operations * 2);
				opFactor = Arrays.copyOf(opFactor, operations * 2);
			}
			opRow[operations] = row;
			opPivot[operations] = pivot;
			opFactor[operations] = factor;
			operations++;
		}

		/** The row's degree changed: queued again, its older entries now stale. */
		private void requeue(int row) {
			version[row]++;
			queue.add(new long[] { degree(row), row, version[row] });
		}
	}

	/** Removes the entry at index k of the row (the last one takes its place). */
	private void removeAt(int row, int k) {
		int last = rowLength[row] - 1;
		rowColumns[row][k] = rowColumns[row][last];
		rowValues[row][k] = rowValues[row][last];
		rowLength[row] = last;
	}

	/** Markowitz count: the fill-in eliminating this pivot could cause (column counts are estimates). */
	private long degree(int node) {
		return (long) rowLength[node] * columnLength[node];
	}

	/** The kept elimination: pivot order, pivots, multipliers and the pivot rows (the U factor). */
	private final class Factors {

		private final int[] order;
		private final double[] pivots;
		private final int operations;
		private final int[] opRow;
		private final int[] opPivot;
		private final double[] opFactor;

		Factors(int[] order, double[] pivots, int operations, int[] opRow, int[] opPivot, double[] opFactor) {
			this.order = order;
			this.pivots = pivots;
			this.operations = operations;
			this.opRow = opRow;
			this.opPivot = opPivot;
			this.opFactor = opFactor;
		}

		void solve(double[][] rhs) {
			int columns = rhs.length == 0 ? 0 : rhs[0].length;
			for (int op = 0; op < operations; op++) {
				MarkovChain.addScaled(rhs[opRow[op]], opFactor[op], rhs[opPivot[op]], columns);
			}
			// Back substitution in reverse elimination order: each pivot row names only later pivots.
			for (int s = size - 1; s >= 0; s--) {
				int pivot = order[s];
				for (int e = 0; e < rowLength[pivot]; e++) {
					MarkovChain.addScaled(rhs[pivot], rowValues[pivot][e], rhs[rowColumns[pivot][e]], columns);
				}
				MarkovChain.divide(rhs[pivot], pivots[pivot], columns);
			}
		}

		void solveTransposed(double[][] rhs) {
			int columns = rhs.length == 0 ? 0 : rhs[0].length;
			// Uᵀ·z = c in elimination order: a pivot is final once every earlier pivot row has been applied.
			for (int s = 0; s < size; s++) {
				int pivot = order[s];
				MarkovChain.divide(rhs[pivot], pivots[pivot], columns);
				for (int e = 0; e < rowLength[pivot]; e++) {
					MarkovChain.addScaled(rhs[rowColumns[pivot][e]], rowValues[pivot][e], rhs[pivot], columns);
				}
			}
			// Then the transposed eliminations, last first.
			for (int op = operations - 1; op >= 0; op--) {
				MarkovChain.addScaled(rhs[opPivot[op]], opFactor[op], rhs[opRow[op]], columns);
			}
		}
	}
}

package org.funnel.dsl.analysis;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * A·X = B for a sparse square A by Gaussian elimination with diagonal pivots, choosing the next
 * pivot by minimum degree (Markowitz count) to keep fill-in small. The elimination is kept (the
 * multipliers and the pivot rows), so the same factors solve A·X = B and Aᵀ·X = B.
 * <p>
 * Diagonal pivots are safe here: the matrices are I − Q for the open stages of one cycle of a
 * funnel, which are diagonally dominant, and elimination keeps them so. No pivot search needed.
 * <p>
 * Rows are unsorted arrays of (column, value); a row update scatters the target row into a
 * position table, so it costs the lengths of the two rows. Column lists may hold rows that no
 * longer have an entry there; they only serve to find candidates and to estimate degrees.
 */
final class SparseLinearSystem implements LinearSystem {

	private final int size;
	private final int[][] rowColumns;
	private final double[][] rowValues;
	private final int[] rowLength;
	private final int[][] columnRows;
	private final int[] columnLength;

	SparseLinearSystem(int size) {
		this.size = size;
		this.rowColumns = new int[size][];
		this.rowValues = new double[size][];
		this.rowLength = new int[size];
		this.columnRows = new int[size][];
		this.columnLength = new int[size];
		for (int i = 0; i < size; i++) {
			rowColumns[i] = new int[4];
			rowValues[i] = new double[4];
			columnRows[i] = new int[4];
		}
	}

	@Override
	public void add(int row, int column, double value) {
		if (value == 0.0) {
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
	public Factors factor() {
		return new Elimination().run();
	}

	/** One elimination: the order and values of the pivots, the row operations, and what finds them quickly. */
	private final class Elimination {
		private final int[] order = new int[size];
		private final double[] diagonal = new double[size];
		private final boolean[] eliminated = new boolean[size];
		private final int[] version = new int[size];
		/** Where a column sits in the row being updated (valid when stamp matches), to find entries in O(1). */
		private final int[] where = new int[size];
		private final int[] stamp = new int[size];
		private int currentStamp;
		private final int[] seen = new int[size];
		private int seenStamp;
		/** The elimination, in order: row opRow minus opFactor times row opPivot. */
		private int operations;
		private int[] opRow = new int[Math.max(16, size)];
		private int[] opPivot = new int[opRow.length];
		private double[] opFactor = new double[opRow.length];
		/** Candidate pivots by degree, then row; an entry whose version is old is skipped. */
		private final PriorityQueue<long[]> queue = new PriorityQueue<>(
				(a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));

		SparseFactors run() {
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
				diagonal[pivot] = pivotValue;
				eliminateBelow(pivot, pivotValue);
				int[] pivotColumns = rowColumns[pivot];
				int pivotLength = rowLength[pivot];
				for (int k = 0; k < pivotLength; k++) {
					int column = pivotColumns[k];
					if (column != pivot && !eliminated[column]) {
						requeue(column);
					}
				}
			}
			return new SparseFactors(order, diagonal, operations, opRow, opPivot, opFactor);
		}

		private double pivotValue(int pivot) {
			double pivotValue = 0.0;
			for (int k = 0; k < rowLength[pivot]; k++) {
				if (rowColumns[pivot][k] == pivot) {
					pivotValue = rowValues[pivot][k];
				}
			}
			if (pivotValue == 0.0) {
				throw new ArithmeticException("singular system: pivot " + pivot + " is zero");
			}
			return pivotValue;
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

		/** Row minus factor times the pivot row, the factor making its entry in the pivot's column zero. */
		private void eliminate(int row, int pivot, double pivotValue) {
			// Scatter the target row's columns.
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
				if (column == pivot) {
					continue;
				}
				double delta = -factor * pivotValues[k];
				if (stamp[column] == currentStamp) {
					rowValues[row][where[column]] += delta;
				} else {
					append(row, column, delta);
					// append may have grown the arrays of this row
					stamp[column] = currentStamp;
					where[column] = rowLength[row] - 1;
				}
			}
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
		long rowCount = rowLength[node] - 1L;
		long columnCount = columnLength[node] - 1L;
		return Math.max(0, rowCount) * Math.max(0, columnCount);
	}

	/** The kept elimination: pivot order, pivots, multipliers and the pivot rows (the U factor). */
	private final class SparseFactors implements Factors {

		private final int[] order;
		private final double[] diagonal;
		private final int operations;
		private final int[] opRow;
		private final int[] opPivot;
		private final double[] opFactor;

		SparseFactors(int[] order, double[] diagonal, int operations, int[] opRow, int[] opPivot, double[] opFactor) {
			this.order = order;
			this.diagonal = diagonal;
			this.operations = operations;
			this.opRow = opRow;
			this.opPivot = opPivot;
			this.opFactor = opFactor;
		}

		@Override
		public void solve(double[][] rhs) {
			int columns = rhs.length == 0 ? 0 : rhs[0].length;
			for (int op = 0; op < operations; op++) {
				double[] target = rhs[opRow[op]];
				double[] source = rhs[opPivot[op]];
				double factor = opFactor[op];
				for (int k = 0; k < columns; k++) {
					target[k] -= factor * source[k];
				}
			}
			// Back substitution in reverse elimination order: each pivot row names only later pivots.
			for (int s = size - 1; s >= 0; s--) {
				int pivot = order[s];
				double[] x = rhs[pivot];
				int[] rowCols = rowColumns[pivot];
				double[] rowVals = rowValues[pivot];
				for (int e = 0; e < rowLength[pivot]; e++) {
					int column = rowCols[e];
					if (column == pivot) {
						continue;
					}
					double[] known = rhs[column];
					double value = rowVals[e];
					for (int k = 0; k < columns; k++) {
						x[k] -= value * known[k];
					}
				}
				for (int k = 0; k < columns; k++) {
					x[k] /= diagonal[pivot];
				}
			}
		}

		@Override
		public void solveTransposed(double[][] rhs) {
			int columns = rhs.length == 0 ? 0 : rhs[0].length;
			// Uᵀ·z = c in elimination order: a pivot is final once every earlier pivot row has been applied.
			for (int s = 0; s < size; s++) {
				int pivot = order[s];
				double[] z = rhs[pivot];
				for (int k = 0; k < columns; k++) {
					z[k] /= diagonal[pivot];
				}
				int[] rowCols = rowColumns[pivot];
				double[] rowVals = rowValues[pivot];
				for (int e = 0; e < rowLength[pivot]; e++) {
					int column = rowCols[e];
					if (column == pivot) {
						continue;
					}
					double[] later = rhs[column];
					double value = rowVals[e];
					for (int k = 0; k < columns; k++) {
						later[k] -= value * z[k];
					}
				}
			}
			// Then the transposed eliminations, last first.
			for (int op = operations - 1; op >= 0; op--) {
				double[] target = rhs[opPivot[op]];
				double[] source = rhs[opRow[op]];
				double factor = opFactor[op];
				for (int k = 0; k < columns; k++) {
					target[k] -= factor * source[k];
				}
			}
		}
	}
}

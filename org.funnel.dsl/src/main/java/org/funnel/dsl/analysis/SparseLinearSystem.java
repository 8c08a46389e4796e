package org.funnel.dsl.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Solves A·X = B for a sparse square A by Gaussian elimination with diagonal pivots, choosing
 * the next pivot by minimum degree to keep fill-in small.
 * <p>
 * Diagonal pivots are safe here: the matrices are I − Q for the open stages of one cycle of a
 * funnel, which are diagonally dominant, and elimination keeps them so. No pivot search needed.
 */
final class SparseLinearSystem implements LinearSystem {

	private final int size;
	private final List<Map<Integer, Double>> rows;
	private final List<Map<Integer, Double>> columns;

	SparseLinearSystem(int size) {
		this.size = size;
		this.rows = new ArrayList<>(size);
		this.columns = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			rows.add(new HashMap<>(8));
			columns.add(new HashMap<>(8));
		}
	}

	@Override
	public void add(int row, int column, double value) {
		if (value == 0.0) {
			return;
		}
		double sum = rows.get(row).merge(column, value, Double::sum);
		columns.get(column).put(row, sum);
	}

	/**
	 * Solves for every right-hand side column at once. {@code rhs[i][k]} is row i of column k; it is
	 * overwritten with the solution.
	 */
	@Override
	public void solveInPlace(double[][] rhs) {
		int[] order = new int[size];
		boolean[] eliminated = new boolean[size];
		int[] version = new int[size];
		PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
				: Long.compare(a[1], b[1]));
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
			Map<Integer, Double> pivotRow = rows.get(pivot);
			double pivotValue = pivotRow.getOrDefault(pivot, 0.0);
			if (pivotValue == 0.0) {
				throw new ArithmeticException("singular system: pivot " + pivot + " is zero");
			}
			List<Integer> below = new ArrayList<>(columns.get(pivot).keySet());
			for (int row : below) {
				if (eliminated[row]) {
					continue;
				}
				Map<Integer, Double> target = rows.get(row);
				double factor = target.get(pivot) / pivotValue;
				for (Map.Entry<Integer, Double> entry : pivotRow.entrySet()) {
					int column = entry.getKey();
					if (column == pivot) {
						continue;
					}
					double updated = target.merge(column, -factor * entry.getValue(), Double::sum);
					columns.get(column).put(row, updated);
				}
				target.remove(pivot);
				double[] targetRhs = rhs[row];
				double[] pivotRhs = rhs[pivot];
				for (int k = 0; k < targetRhs.length; k++) {
					targetRhs[k] -= factor * pivotRhs[k];
				}
				version[row]++;
				queue.add(new long[] { degree(row), row, version[row] });
			}
			// The pivot column is done: no later row needs it.
			columns.get(pivot).clear();
			for (int column : pivotRow.keySet()) {
				if (column != pivot) {
					columns.get(column).remove(pivot);
					if (!eliminated[column]) {
						version[column]++;
						queue.add(new long[] { degree(column), column, version[column] });
					}
				}
			}
		}
		// Back substitution in reverse elimination order: each pivot row names only later pivots.
		for (int step2 = size - 1; step2 >= 0; step2--) {
			int pivot = order[step2];
			Map<Integer, Double> pivotRow = rows.get(pivot);
			double[] x = rhs[pivot];
			for (Map.Entry<Integer, Double> entry : pivotRow.entrySet()) {
				int column = entry.getKey();
				if (column == pivot) {
					continue;
				}
				double[] known = rhs[column];
				for (int k = 0; k < x.length; k++) {
					x[k] -= entry.getValue() * known[k];
				}
			}
			double pivotValue = pivotRow.get(pivot);
			for (int k = 0; k < x.length; k++) {
				x[k] /= pivotValue;
			}
		}
	}

	/** Markowitz count: the fill-in eliminating this pivot could cause. */
	private long degree(int node) {
		long rowCount = rows.get(node).size() - 1L;
		long columnCount = columns.get(node).size() - 1L;
		return Math.max(0, rowCount) * Math.max(0, columnCount);
	}
}

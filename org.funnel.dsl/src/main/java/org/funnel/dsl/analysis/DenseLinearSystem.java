package org.funnel.dsl.analysis;

/**
 * A·X = B densely, by an LU factorisation with partial pivoting (P·A = L·U). For the small, often
 * tightly connected cycles of real funnels this beats sparse elimination by far: a few hundred
 * stages are solved in milliseconds, without boxing or hashing.
 */
final class DenseLinearSystem implements LinearSystem {

	private final int size;
	private final double[][] matrix;

	DenseLinearSystem(int size) {
		this.size = size;
		this.matrix = new double[size][size];
	}

	@Override
	public void add(int row, int column, double value) {
		matrix[row][column] += value;
	}

	@Override
	public Factors factor() {
		double[][] a = matrix;
		// perm[i]: the original row now at position i. Below the diagonal: L's multipliers.
		int[] perm = new int[size];
		for (int i = 0; i < size; i++) {
			perm[i] = i;
		}
		for (int col = 0; col < size; col++) {
			int pivot = pivotRow(a, col);
			if (pivot != col) {
				double[] swap = a[col];
				a[col] = a[pivot];
				a[pivot] = swap;
				int swapIndex = perm[col];
				perm[col] = perm[pivot];
				perm[pivot] = swapIndex;
			}
			double[] pivotRow = a[col];
			double pivotValue = pivotRow[col];
			for (int row = col + 1; row < size; row++) {
				double[] target = a[row];
				double factor = target[col] / pivotValue;
				target[col] = factor;
				if (factor == 0.0) {
					continue;
				}
				for (int k = col + 1; k < size; k++) {
					target[k] -= factor * pivotRow[k];
				}
			}
		}
		return new DenseFactors(a, perm);
	}

	/** The row at or below {@code col} with the largest entry in that column (partial pivoting). */
	private int pivotRow(double[][] a, int col) {
		int pivot = col;
		double best = Math.abs(a[col][col]);
		for (int row = col + 1; row < size; row++) {
			double value = Math.abs(a[row][col]);
			if (value > best) {
				best = value;
				pivot = row;
			}
		}
		if (best == 0.0) {
			throw new ArithmeticException("singular system at column " + col);
		}
		return pivot;
	}

	/** P·A = L·U in one matrix (L's multipliers below the diagonal, U on and above it), and the row order P. */
	private final class DenseFactors implements Factors {

		private final double[][] a;
		private final int[] perm;

		DenseFactors(double[][] a, int[] perm) {
			this.a = a;
			this.perm = perm;
		}

		@Override
		public void solve(double[][] rhs) {
			int columns = rhs.length == 0 ? 0 : rhs[0].length;
			double[][] x = new double[size][];
			for (int i = 0; i < size; i++) {
				x[i] = rhs[perm[i]].clone();
			}
			// L·y = P·b (unit diagonal), then U·x = y.
			for (int row = 1; row < size; row++) {
				double[] r = a[row];
				double[] target = x[row];
				for (int col = 0; col < row; col++) {
					double factor = r[col];
					if (factor != 0.0) {
						double[] source = x[col];
						for (int k = 0; k < columns; k++) {
							target[k] -= factor * source[k];
						}
					}
				}
			}
			for (int row = size - 1; row >= 0; row--) {
				double[] r = a[row];
				double[] target = x[row];
				for (int col = row + 1; col < size; col++) {
					double value = r[col];
					if (value != 0.0) {
						double[] source = x[col];
						for (int k = 0; k < columns; k++) {
							target[k] -= value * source[k];
						}
					}
				}
				for (int k = 0; k < columns; k++) {
					target[k] /= r[row];
				}
			}
			for (int i = 0; i < size; i++) {
				rhs[i] = x[i];
			}
		}

		@Override
		public void solveTransposed(double[][] rhs) {
			// Aᵀ = Uᵀ·Lᵀ·P: Uᵀ·w = c forward, Lᵀ·v = w backward, then x = Pᵀ·v.
			int columns = rhs.length == 0 ? 0 : rhs[0].length;
			double[][] w = new double[size][];
			for (int i = 0; i < size; i++) {
				w[i] = rhs[i].clone();
			}
			for (int row = 0; row < size; row++) {
				double[] target = w[row];
				double diagonal = a[row][row];
				for (int k = 0; k < columns; k++) {
					target[k] /= diagonal;
				}
				double[] r = a[row];
				for (int col = row + 1; col < size; col++) {
					double value = r[col];
					if (value != 0.0) {
						double[] later = w[col];
						for (int k = 0; k < columns; k++) {
							later[k] -= value * target[k];
						}
					}
				}
			}
			for (int row = size - 1; row >= 1; row--) {
				double[] r = a[row];
				double[] source = w[row];
				for (int col = 0; col < row; col++) {
					double factor = r[col];
					if (factor != 0.0) {
						double[] target = w[col];
						for (int k = 0; k < columns; k++) {
							target[k] -= factor * source[k];
						}
					}
				}
			}
			for (int i = 0; i < size; i++) {
				rhs[perm[i]] = w[i];
			}
		}
	}
}

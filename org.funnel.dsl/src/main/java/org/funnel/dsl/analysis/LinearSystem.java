package org.funnel.dsl.analysis;

/**
 * A square system A·X = B, filled entry by entry, then factored once and solved for A and for its
 * transpose (the analysis needs both: win probabilities from A, flows from Aᵀ).
 */
interface LinearSystem {

	/** Adds a value to the entry at (row, column). */
	void add(int row, int column, double value);

	/** Factors the matrix; the system is not to be filled any more after this. */
	Factors factor();

	/** {@code rhs[i][k]} is row i of right-hand side k; it is overwritten with the solution. */
	default void solveInPlace(double[][] rhs) {
		factor().solve(rhs);
	}

	/** A factored matrix A. */
	interface Factors {

		/** Solves A·X = rhs in place ({@code rhs[i][k]}: row i of right-hand side k). */
		void solve(double[][] rhs);

		/** Solves Aᵀ·X = rhs in place. */
		void solveTransposed(double[][] rhs);
	}

	/** Dense for small systems, where it is fastest; sparse beyond, where dense would not fit. */
	static LinearSystem of(int size) {
		return size <= 400 ? new DenseLinearSystem(size) : new SparseLinearSystem(size);
	}
}

package org.funnel.dsl.analysis;

/** A square system A·X = B, filled entry by entry and then solved in place. */
interface LinearSystem {

	/** Adds a value to the entry at (row, column). */
	void add(int row, int column, double value);

	/** {@code rhs[i][k]} is row i of right-hand side k; it is overwritten with the solution. */
	void solveInPlace(double[][] rhs);

	/** Dense for small systems, where it is fastest; sparse beyond, where dense would not fit. */
	static LinearSystem of(int size) {
		return size <= 400 ? new DenseLinearSystem(size) : new SparseLinearSystem(size);
	}
}

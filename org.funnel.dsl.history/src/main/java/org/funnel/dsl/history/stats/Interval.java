package org.funnel.dsl.history.stats;

/** A two-sided interval [lower, upper]; NaN bounds when there is none (no data). */
public record Interval(double lower, double upper) {

	public static final Interval NONE = new Interval(Double.NaN, Double.NaN);

	public boolean contains(double value) {
		return value >= lower && value <= upper;
	}

	public boolean exists() {
		return !Double.isNaN(lower) && !Double.isNaN(upper);
	}
}

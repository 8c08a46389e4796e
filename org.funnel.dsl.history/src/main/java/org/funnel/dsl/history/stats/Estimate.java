package org.funnel.dsl.history.stats;

/**
 * A number estimated from the history: the point estimate and its interval (NaN where there is none).
 *
 * @param point    the estimate (for a share the observed one; for derived numbers the value the observed
 *                 shares give)
 * @param interval the interval at the fit's confidence (posterior draws for derived numbers)
 */
public record Estimate(double point, Interval interval) {

	public static final Estimate NONE = new Estimate(Double.NaN, Interval.NONE);

	public double lower() {
		return interval.lower();
	}

	public double upper() {
		return interval.upper();
	}

	public boolean exists() {
		return !Double.isNaN(point);
	}
}

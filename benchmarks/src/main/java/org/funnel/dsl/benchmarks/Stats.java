package org.funnel.dsl.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Median, minimum, maximum and 95th percentile of a series of measurements. */
public record Stats(int count, double median, double min, double max, double p95) {

	public static Stats of(List<Double> values) {
		return of(values.stream().mapToDouble(Double::doubleValue).toArray());
	}

	public static Stats of(double[] values) {
		if (values.length == 0) {
			return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
		return new Stats(n, median, sorted[0], sorted[n - 1], percentile(sorted, 0.95));
	}

	/** Nearest-rank percentile of sorted values: the smallest value with at least {@code p} of all at or below it. */
	static double percentile(double[] sorted, double p) {
		int rank = (int) Math.ceil(p * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}
}

package org.funnel.dsl.history.stats;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;

/**
 * Intervals for shares: one share (Wilson score, Jeffreys; Brown, Cai and DasGupta 2001 recommend
 * both, never Wald), a share within its row (the Dirichlet posterior's marginal), and a whole row at once
 * (Goodman 1965 simultaneous intervals). {@code alpha} is the error rate: 0.05 for 95 %.
 */
public final class Proportions {

	private Proportions() {
	}

	/** Wilson score interval of x successes in n trials; {@link Interval#NONE} when n is 0. */
	public static Interval wilson(int x, int n, double alpha) {
		if (n == 0) {
			return Interval.NONE;
		}
		return of(BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(n, x, alpha));
	}

	/** Jeffreys interval: quantiles of Beta(x + ½, n − x + ½); 0 below when x = 0, 1 above when x = n. */
	public static Interval jeffreys(int x, int n, double alpha) {
		if (n == 0) {
			return Interval.NONE;
		}
		return of(BinomialConfidenceInterval.JEFFREYS.fromErrorRate(n, x, alpha));
	}

	private static Interval of(org.apache.commons.statistics.interval.Interval interval) {
		return new Interval(interval.getLowerBound(), interval.getUpperBound());
	}

	/**
	 * Equal-tailed interval of one share of a row with k destinations under the posterior
	 * Dir(n₁ + a, …, n_k + a): its marginal is Beta(x + a, n − x + (k − 1)a).
	 */
	public static Interval dirichletMarginal(int x, int n, int k, double prior, double alpha) {
		if (k < 2) {
			return new Interval(1, 1);
		}
		BetaDistribution beta = BetaDistribution.of(x + prior, n - x + (k - 1) * prior);
		return new Interval(beta.inverseCumulativeProbability(alpha / 2),
				beta.inverseCumulativeProbability(1 - alpha / 2));
	}

	/**
	 * Goodman's simultaneous intervals for all shares of a row: with A the χ²₁ quantile at 1 − α/k,
	 * [A + 2nᵢ ∓ √(A(A + 4nᵢ(n − nᵢ)/n))] / (2(n + A)). Valid when every cell has about 5 or more.
	 */
	public static Interval[] goodman(int[] counts, double alpha) {
		int k = counts.length;
		int n = 0;
		for (int count : counts) {
			n += count;
		}
		Interval[] intervals = new Interval[k];
		if (n == 0 || k == 0) {
			java.util.Arrays.fill(intervals, Interval.NONE);
			return intervals;
		}
		double a = ChiSquaredDistribution.of(1).inverseCumulativeProbability(1 - alpha / k);
		for (int i = 0; i < k; i++) {
			double x = counts[i];
			double root = Math.sqrt(a * (a + 4 * x * (n - x) / n));
			intervals[i] = new Interval(Math.max(0, (a + 2 * x - root) / (2 * (n + a))),
					Math.min(1, (a + 2 * x + root) / (2 * (n + a))));
		}
		return intervals;
	}

	/** The score statistic z = (x − n p₀) / √(n p₀ (1 − p₀)) of a declared share p₀; NaN when undefined. */
	public static double score(int x, int n, double declared) {
		if (n == 0 || declared <= 0 || declared >= 1) {
			return Double.NaN;
		}
		return (x - n * declared) / Math.sqrt(n * declared * (1 - declared));
	}
}

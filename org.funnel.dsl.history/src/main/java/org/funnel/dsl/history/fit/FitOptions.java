package org.funnel.dsl.history.fit;

/**
 * How a funnel is fitted.
 *
 * @param confidence the intervals' level (0.95)
 * @param interval   the interval a single share is judged by: Wilson (default) or Jeffreys
 * @param prior      the Dirichlet prior a of each row (½, Jeffreys)
 * @param draws      posterior draws for the derived numbers (4000)
 * @param seed       their seed: the same history and seed give the same intervals
 * @param minDeals   a share, probability or time is judged only with at least this many deals behind it (30)
 */
public record FitOptions(double confidence, ShareInterval interval, double prior, int draws, long seed, int minDeals) {

	/** The interval of one share. */
	public enum ShareInterval {
		WILSON, JEFFREYS
	}

	public static final long DEFAULT_SEED = 20_210_021L;

	public static FitOptions defaults() {
		return new FitOptions(0.95, ShareInterval.WILSON, 0.5, 4000, DEFAULT_SEED, 30);
	}

	public FitOptions withMinDeals(int deals) {
		return new FitOptions(confidence, interval, prior, draws, seed, deals);
	}

	public FitOptions withDraws(int count) {
		return new FitOptions(confidence, interval, prior, count, seed, minDeals);
	}

	public FitOptions withSeed(long value) {
		return new FitOptions(confidence, interval, prior, draws, value, minDeals);
	}

	public FitOptions withInterval(ShareInterval kind) {
		return new FitOptions(confidence, kind, prior, draws, seed, minDeals);
	}

	/** The error rate α = 1 − confidence. */
	public double alpha() {
		return 1 - confidence;
	}
}

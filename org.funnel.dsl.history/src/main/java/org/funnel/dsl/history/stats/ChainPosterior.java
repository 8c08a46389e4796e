package org.funnel.dsl.history.stats;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DirichletSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.analysis.MarkovAnalyzer;

/**
 * The numbers the observed shares imply (win probability B = (I − Q)⁻¹R, expected steps, expected flow
 * x₀N, expected days to close N·m and to win, expected revenue) with intervals from posterior draws: each
 * draw takes every stage's row from its Dirichlet posterior Dir(nᵢⱼ + a), the entry shares likewise and each
 * stage's mean time from a gamma with the restricted mean's mean and variance, and runs the language's
 * {@link MarkovAnalyzer} on it. Seeded (XO_RO_SHI_RO_128_PP, two streams drawn in parallel): the same input
 * gives the same intervals.
 */
public final class ChainPosterior {

	/** What the draws are made from, per stage of the history (index = stage). */
	public record Input(List<String> names, List<Outcome> outcomes, int[][] destinations, int[][] counts,
			int[] entries, double[] meanDays, double[] meanDaysError, double[] declaredProbability, double[] dealValue,
			double[] openAmount) {
	}

	/** Per stage: point and interval of each number, and P(B &lt; declared). */
	public record Result(Estimate[] win, Estimate[] steps, Estimate[] flow, Estimate[] daysToClose,
			Estimate[] daysToWin, Estimate[] revenuePerDeal, double[] belowDeclared, Estimate winFromEntry,
			Estimate daysToCloseFromEntry, Estimate daysToWinFromEntry, Estimate openPipelineRevenue) {
	}

	private static final int WIN = 0, STEPS = 1, FLOW = 2, CLOSE = 3, TO_WIN = 4, REVENUE = 5;
	private static final int PER_STAGE = 6;

	private final Input input;
	private final int n;
	private final double prior;

	private ChainPosterior(Input input, double prior) {
		this.input = input;
		this.n = input.names().size();
		this.prior = prior;
	}

	/**
	 * @param prior      the Dirichlet prior a (½: Jeffreys)
	 * @param draws      the number of draws S (e.g. 4000)
	 * @param seed       the random seed
	 * @param confidence e.g. 0.95
	 */
	public static Result of(Input input, double prior, int draws, long seed, double confidence) {
		return new ChainPosterior(input, prior).run(draws, seed, confidence);
	}

	/** Draws are made in this many independent streams, in parallel: the same for any number of processors. */
	private static final int STREAMS = 2;

	private Result run(int draws, long seed, double confidence) {
		double[][][] perStage = new double[PER_STAGE][n][draws];
		double[][] entry = new double[4][draws];
		int[][] below = new int[STREAMS][n];
		IntStream.range(0, STREAMS).parallel().forEach(stream -> draw(RandomSource.XO_RO_SHI_RO_128_PP.create(
				new long[] { seed, stream }), stream * draws / STREAMS, (stream + 1) * draws / STREAMS, perStage, entry,
				below[stream]));
		int[] belowTotal = new int[n];
		for (int[] counts : below) {
			for (int i = 0; i < n; i++) {
				belowTotal[i] += counts[i];
			}
		}
		return summarise(perStage, entry, belowTotal, draws, confidence);
	}

	/** Draws {@code from} to {@code to} with a stream of its own, into their slots of the arrays. */
	private void draw(UniformRandomProvider rng, int from, int to, double[][][] perStage, double[][] entry, int[] below) {
		double[][] rowShares = new double[n][];
		DirichletSampler[] samplers = new DirichletSampler[n];
		for (int i = 0; i < n; i++) {
			int k = input.destinations()[i].length;
			rowShares[i] = new double[k];
			if (k >= 2) {
				double[] alpha = new double[k];
				for (int j = 0; j < k; j++) {
					alpha[j] = input.counts()[i][j] + prior;
				}
				samplers[i] = DirichletSampler.of(rng, alpha);
			} else if (k == 1) {
				rowShares[i][0] = 1;
			}
		}
		int[] entryStages = entryStages();
		DirichletSampler entrySampler = entryStages.length >= 2 ? DirichletSampler.of(rng, entryAlpha(entryStages)) : null;
		ContinuousDistribution.Sampler[] timeSamplers = timeSamplers(rng);
		double[] x0 = new double[n];
		double[] days = new double[n];
		for (int s = from; s < to; s++) {
			for (int i = 0; i < n; i++) {
				if (samplers[i] != null) {
					rowShares[i] = samplers[i].sample();
				}
				days[i] = timeSamplers[i] == null ? meanDays(i) : timeSamplers[i].sample();
			}
			Arrays.fill(x0, 0);
			double[] entryShares = entrySampler != null ? entrySampler.sample() : new double[] { 1 };
			for (int e = 0; e < entryStages.length; e++) {
				x0[entryStages[e]] = entryShares[e];
			}
			double[] values = evaluate(rowShares, x0, days);
			for (int i = 0; i < n; i++) {
				for (int q = 0; q < PER_STAGE; q++) {
					perStage[q][i][s] = values[q * n + i];
				}
				if (values[WIN * n + i] < input.declaredProbability()[i]) {
					below[i]++;
				}
			}
			for (int q = 0; q < 4; q++) {
				entry[q][s] = values[PER_STAGE * n + q];
			}
		}
	}

	private Result summarise(double[][][] perStage, double[][] entry, int[] below, int draws, double confidence) {
		double[][] plugIn = new double[n][];
		for (int i = 0; i < n; i++) {
			int k = input.destinations()[i].length;
			plugIn[i] = new double[k];
			int total = Arrays.stream(input.counts()[i]).sum();
			for (int j = 0; j < k; j++) {
				// The observed share; a stage never left takes its posterior mean (equal shares of its destinations).
				plugIn[i][j] = total > 0 ? (double) input.counts()[i][j] / total : 1.0 / k;
			}
		}
		double[] x0 = new double[n];
		int[] entryStages = entryStages();
		int entryTotal = 0;
		for (int stage : entryStages) {
			entryTotal += input.entries()[stage];
		}
		for (int stage : entryStages) {
			x0[stage] = entryTotal > 0 ? (double) input.entries()[stage] / entryTotal : 1.0 / entryStages.length;
		}
		double[] days = new double[n];
		for (int i = 0; i < n; i++) {
			days[i] = meanDays(i);
		}
		double[] point = evaluate(plugIn, x0, days);
		double alphaLevel = 1 - confidence;
		Estimate[][] estimates = new Estimate[PER_STAGE][n];
		for (int q = 0; q < PER_STAGE; q++) {
			for (int i = 0; i < n; i++) {
				estimates[q][i] = estimate(point[q * n + i], perStage[q][i], alphaLevel);
			}
		}
		Estimate[] fromEntry = new Estimate[4];
		for (int q = 0; q < 4; q++) {
			fromEntry[q] = estimate(point[PER_STAGE * n + q], entry[q], alphaLevel);
		}
		double[] belowDeclared = new double[n];
		for (int i = 0; i < n; i++) {
			belowDeclared[i] = Double.isNaN(input.declaredProbability()[i]) ? Double.NaN : (double) below[i] / draws;
		}
		return new Result(estimates[WIN], estimates[STEPS], estimates[FLOW], estimates[CLOSE], estimates[TO_WIN],
				estimates[REVENUE], belowDeclared, fromEntry[0], fromEntry[1], fromEntry[2], fromEntry[3]);
	}

	private static Estimate estimate(double point, double[] draws, double alpha) {
		if (Double.isNaN(point)) {
			return Estimate.NONE;
		}
		double[] sorted = draws.clone();
		Arrays.sort(sorted);
		return new Estimate(point, new Interval(quantile(sorted, alpha / 2), quantile(sorted, 1 - alpha / 2)));
	}

	/** Linear interpolation between order statistics (type 7, R's default). */
	static double quantile(double[] sorted, double p) {
		if (Double.isNaN(sorted[0]) || Double.isNaN(sorted[sorted.length - 1])) {
			return Double.NaN;
		}
		double h = (sorted.length - 1) * p;
		int lo = (int) Math.floor(h);
		int hi = Math.min(lo + 1, sorted.length - 1);
		return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
	}

	private int[] entryStages() {
		int[] stages = IntStream.range(0, n).filter(i -> input.entries()[i] > 0).toArray();
		if (stages.length == 0) {
			stages = IntStream.range(0, n).filter(i -> !input.outcomes().get(i).isTerminal()).limit(1)
					.toArray();
		}
		return stages;
	}

	private double[] entryAlpha(int[] stages) {
		double[] alpha = new double[stages.length];
		for (int e = 0; e < stages.length; e++) {
			alpha[e] = input.entries()[stages[e]] + prior;
		}
		return alpha;
	}

	private double meanDays(int i) {
		double m = input.meanDays()[i];
		return Double.isNaN(m) ? 0 : m;
	}

	/** A gamma with the mean time's estimate as mean and its variance: positive, and the normal's shape for large n. */
	private ContinuousDistribution.Sampler[] timeSamplers(UniformRandomProvider rng) {
		ContinuousDistribution.Sampler[] samplers = new ContinuousDistribution.Sampler[n];
		for (int i = 0; i < n; i++) {
			double m = input.meanDays()[i];
			double se = input.meanDaysError()[i];
			if (m > 0 && se > 0) {
				samplers[i] = GammaDistribution.of(m * m / (se * se), se * se / m).createSampler(rng);
			}
		}
		return samplers;
	}

	/**
	 * The numbers of one chain: per stage win probability, steps, flow, days to close, days to win and
	 * revenue per deal (n each), then from the entry: win rate, days to close, days to win and the open
	 * pipeline's expected revenue.
	 */
	private double[] evaluate(double[][] shares, double[] x0, double[] days) {
		double[] out = new double[PER_STAGE * n + 4];
		FunnelAnalysis plain = MarkovAnalyzer.analyze(graph(shares, x0, null, null, 1));
		double unit = timeUnit(days);
		FunnelAnalysis timed = MarkovAnalyzer.analyze(graph(shares, x0, days, null, unit));
		double[] win = new double[n];
		for (int i = 0; i < n; i++) {
			win[i] = plain.winProbability(i);
		}
		FunnelAnalysis toWin = MarkovAnalyzer.analyze(graph(shares, x0, days, win, unit));
		double entryWin = 0, entryClose = 0, entryToWin = 0, revenue = 0;
		for (int i = 0; i < n; i++) {
			boolean open = !input.outcomes().get(i).isTerminal();
			out[WIN * n + i] = win[i];
			out[STEPS * n + i] = open ? plain.expectedSteps(i) : 0;
			out[FLOW * n + i] = plain.expectedFlow(i);
			out[CLOSE * n + i] = open ? timed.expectedSteps(i) * unit : 0;
			out[TO_WIN * n + i] = open && win[i] > 0 ? toWin.expectedSteps(i) * unit
					: input.outcomes().get(i) == Outcome.WON ? 0 : Double.NaN;
			out[REVENUE * n + i] = win[i] * input.dealValue()[i];
			entryWin += x0[i] * win[i];
			entryClose += open ? x0[i] * out[CLOSE * n + i] : 0;
			entryToWin += open && win[i] > 0 ? x0[i] * win[i] * out[TO_WIN * n + i] : 0;
			revenue += input.openAmount()[i] * win[i];
		}
		out[PER_STAGE * n] = entryWin;
		out[PER_STAGE * n + 1] = entryClose;
		out[PER_STAGE * n + 2] = entryWin > 0 ? entryToWin / entryWin : Double.NaN;
		out[PER_STAGE * n + 3] = revenue;
		return out;
	}

	/** The time one step stands for: at most an hour, and no more than the shortest mean time in a stage. */
	private double timeUnit(double[] days) {
		double unit = 1.0 / 24;
		for (int i = 0; i < n; i++) {
			if (days[i] > 0 && !input.outcomes().get(i).isTerminal()) {
				unit = Math.min(unit, days[i]);
			}
		}
		return unit;
	}

	/**
	 * The chain as a graph for the analysis. With {@code days}: each open stage also stays put with
	 * probability 1 − unit/mᵢ, so that a visit lasts mᵢ/unit steps on average and the expected steps are
	 * N·m in units (the semi-Markov time to close, from the same solver). With {@code win}: the chain
	 * conditioned on winning (Doob's h-transform, Pᵢⱼ Bⱼ / Bᵢ), whose expected time is the time to win.
	 */
	private FunnelGraph graph(double[][] shares, double[] x0, double[] days, double[] win, double unit) {
		FunnelGraph.Builder builder = FunnelGraph.builder();
		for (int i = 0; i < n; i++) {
			builder.addStage(input.names().get(i), input.outcomes().get(i), x0[i]);
		}
		for (int i = 0; i < n; i++) {
			if (input.outcomes().get(i).isTerminal() || (win != null && !(win[i] > 0))) {
				continue;
			}
			double move = days == null || !(days[i] > unit) ? 1 : unit / days[i];
			int[] destinations = input.destinations()[i];
			for (int j = 0; j < destinations.length; j++) {
				double share = shares[i][j];
				if (win != null) {
					share = share * win[destinations[j]] / win[i];
				}
				builder.addTransition(i, destinations[j], share * move);
			}
			if (move < 1) {
				builder.addTransition(i, i, 1 - move);
			}
		}
		return builder.build();
	}
}

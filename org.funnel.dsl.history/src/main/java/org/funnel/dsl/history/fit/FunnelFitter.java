package org.funnel.dsl.history.fit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.history.DealHistory;
import org.funnel.dsl.history.DealOutcome;
import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.History;
import org.funnel.dsl.history.StageVisit;
import org.funnel.dsl.history.stats.AalenJohansen;
import org.funnel.dsl.history.stats.ChainPosterior;
import org.funnel.dsl.history.stats.Estimate;
import org.funnel.dsl.history.stats.Interval;
import org.funnel.dsl.history.stats.KaplanMeier;
import org.funnel.dsl.history.stats.Proportions;

/**
 * Fits a funnel to a history: counts the moves between stages (open deals add nothing to a share:
 * their stay is censored), gives each share its intervals, each stage its time in stage by Kaplan–Meier
 * and the numbers the shares imply by posterior draws ({@link ChainPosterior}), and sets the funnel's
 * declared values beside them.
 */
public final class FunnelFitter {

	private final History history;
	private final FitOptions options;
	private final FunnelShape funnel;
	private final int n;
	private final int[][] moves;
	private final int[] visits;
	private final int[] exits;
	private final int[] open;
	private final int[] movedOut;
	private final int[] entries;
	private final double[] openAmount;
	private final Sojourns[] sojourns;
	private double wonAmountSum;
	private int wonAmountCount;
	private int openDeals;

	private FunnelFitter(History history, FitOptions options) {
		this.history = history;
		this.options = options;
		this.funnel = history.funnel();
		this.n = history.stageCount();
		this.moves = new int[n][n];
		this.visits = new int[n];
		this.exits = new int[n];
		this.open = new int[n];
		this.movedOut = new int[n];
		this.entries = new int[n];
		this.openAmount = new double[n];
		this.sojourns = new Sojourns[n];
		for (int i = 0; i < n; i++) {
			sojourns[i] = new Sojourns();
		}
	}

	public static FunnelFit fit(History history, FitOptions options) {
		return new FunnelFitter(history, options).run();
	}

	/** Times in one stage, growable primitive arrays. */
	private static final class Sojourns {
		int size;
		double[] days = new double[16];
		boolean[] left = new boolean[16];
		int[] next = new int[16];

		void add(double d, boolean ended, int to) {
			if (size == days.length) {
				days = Arrays.copyOf(days, size * 2);
				left = Arrays.copyOf(left, size * 2);
				next = Arrays.copyOf(next, size * 2);
			}
			days[size] = d;
			left[size] = ended;
			next[size] = to;
			size++;
		}
	}

	private FunnelFit run() {
		count();
		int[][] destinations = destinations();
		StageFit[] stages = new StageFit[n];
		TimeInStage[] times = new TimeInStage[n];
		double[] meanDays = new double[n];
		double[] meanError = new double[n];
		for (int i = 0; i < n; i++) {
			times[i] = history.outcome(i).isTerminal() ? null : time(i);
			meanDays[i] = times[i] == null || times[i].left() == 0 ? Double.NaN : times[i].restrictedMean();
			meanError[i] = times[i] == null ? Double.NaN : times[i].restrictedMeanError();
		}
		ChainPosterior.Result derived = ChainPosterior.of(posteriorInput(destinations, meanDays, meanError),
				options.prior(), options.draws(), options.seed(), options.confidence());
		for (int i = 0; i < n; i++) {
			stages[i] = stage(i, destinations[i], times[i], derived);
		}
		return new FunnelFit(funnel, options, history.counts(), history.asOf(), history.deals().size(), openDeals,
				List.of(stages), derived.winFromEntry(), derived.daysToCloseFromEntry(), derived.daysToWinFromEntry(),
				derived.openPipelineRevenue());
	}

	private void count() {
		for (DealHistory deal : history.deals()) {
			if (deal.entryStage() >= 0) {
				entries[deal.entryStage()]++;
			}
			for (StageVisit visit : deal.visits()) {
				int i = visit.stage();
				visits[i]++;
				if (visit.completed()) {
					exits[i]++;
					moves[i][visit.next()]++;
				} else if (visit.censored()) {
					if (deal.outcome() == DealOutcome.MOVED_OUT) {
						movedOut[i]++;
					} else {
						open[i]++;
					}
				}
				if (visit.entryKnown() && !history.outcome(i).isTerminal()) {
					sojourns[i].add(visit.days(), visit.completed(), visit.next());
				}
			}
			countAmounts(deal);
		}
	}

	private void countAmounts(DealHistory deal) {
		BigDecimal amount = deal.amount();
		if (deal.outcome() == DealOutcome.WON && amount != null) {
			wonAmountSum += amount.doubleValue();
			wonAmountCount++;
		}
		if (deal.outcome() == DealOutcome.OPEN) {
			openDeals++;
			int stage = deal.lastStage();
			double value = amount != null ? amount.doubleValue() : declaredValue(stage);
			openAmount[stage] += Double.isNaN(value) ? 0 : value;
		}
	}

	private double declaredValue(int stage) {
		if (stage < funnel.stageCount() && funnel.stage(stage).dealValue() != null) {
			return funnel.stage(stage).dealValue().doubleValue();
		}
		return Double.NaN;
	}

	/** Per open stage its ways out: the declared ones in declared order, then the observed others by stage. */
	private int[][] destinations() {
		List<List<Integer>> rows = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			rows.add(new ArrayList<>());
		}
		for (FunnelShape.TransitionInfo declared : funnel.transitions()) {
			List<Integer> row = rows.get(declared.from());
			if (!history.outcome(declared.from()).isTerminal() && !row.contains(declared.to())) {
				row.add(declared.to());
			}
		}
		int[][] destinations = new int[n][];
		for (int i = 0; i < n; i++) {
			List<Integer> row = rows.get(i);
			for (int j = 0; j < n; j++) {
				if (moves[i][j] > 0 && !row.contains(j)) {
					row.add(j);
				}
			}
			destinations[i] = history.outcome(i).isTerminal() ? new int[0]
					: row.stream().mapToInt(Integer::intValue).toArray();
		}
		return destinations;
	}

	private ChainPosterior.Input posteriorInput(int[][] destinations, double[] meanDays, double[] meanError) {
		int[][] counts = new int[n][];
		double[] declared = new double[n];
		double[] value = new double[n];
		double wonMean = wonAmountCount > 0 ? wonAmountSum / wonAmountCount : Double.NaN;
		for (int i = 0; i < n; i++) {
			counts[i] = new int[destinations[i].length];
			for (int j = 0; j < destinations[i].length; j++) {
				counts[i][j] = moves[i][destinations[i][j]];
			}
			BigDecimal probability = i < funnel.stageCount() ? funnel.stage(i).probability() : null;
			declared[i] = probability == null ? Double.NaN : probability.doubleValue();
			value[i] = Double.isNaN(declaredValue(i)) ? wonMean : declaredValue(i);
		}
		return new ChainPosterior.Input(history.stages(), outcomes(), destinations, counts, entries, meanDays, meanError,
				declared, value, openAmount);
	}

	private List<Outcome> outcomes() {
		List<Outcome> outcomes = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			outcomes.add(history.outcome(i));
		}
		return outcomes;
	}

	private StageFit stage(int i, int[] destinations, TimeInStage time, ChainPosterior.Result derived) {
		boolean inFunnel = history.isFunnelStage(i);
		BigDecimal declared = inFunnel ? funnel.stage(i).probability() : null;
		Estimate win = derived.win()[i];
		boolean enough = exits[i] >= options.minDeals();
		boolean outside = declared != null && !history.outcome(i).isTerminal() && win.interval().exists()
				&& !win.interval().contains(declared.doubleValue());
		AalenJohansen incidence = time == null ? null : aalenJohansen(i, destinations);
		return new StageFit(i, history.stages().get(i), inFunnel, history.outcome(i), visits[i], exits[i], open[i],
				movedOut[i], entries[i], transitions(i, destinations, incidence), win, declared, derived.belowDeclared()[i],
				outside,
				derived.steps()[i], derived.flow()[i], derived.daysToClose()[i], derived.daysToWin()[i],
				derived.revenuePerDeal()[i], time, incidence == null ? Double.NaN : incidence.unresolved(), enough,
				LanguageValues.percent(win.point(), win.interval()));
	}

	private AalenJohansen aalenJohansen(int i, int[] destinations) {
		Sojourns s = sojourns[i];
		int[] way = new int[s.size];
		for (int v = 0; v < s.size; v++) {
			way[v] = s.left[v] ? indexOf(destinations, s.next[v]) : -1;
		}
		return AalenJohansen.of(Arrays.copyOf(s.days, s.size), way, destinations.length);
	}

	private static int indexOf(int[] values, int value) {
		for (int k = 0; k < values.length; k++) {
			if (values[k] == value) {
				return k;
			}
		}
		return -1;
	}

	private List<TransitionFit> transitions(int i, int[] destinations, AalenJohansen incidence) {
		int k = destinations.length;
		int[] counts = new int[k];
		for (int j = 0; j < k; j++) {
			counts[j] = moves[i][destinations[j]];
		}
		Interval[] goodman = Proportions.goodman(counts, options.alpha());
		List<TransitionFit> fits = new ArrayList<>();
		for (int j = 0; j < k; j++) {
			int to = destinations[j];
			int declaredIndex = declaredIndex(i, to);
			double declared = declaredIndex < 0 ? Double.NaN : funnel.transitions().get(declaredIndex).share();
			Interval wilson = Proportions.wilson(counts[j], exits[i], options.alpha());
			Interval jeffreys = Proportions.jeffreys(counts[j], exits[i], options.alpha());
			Interval chosen = options.interval() == FitOptions.ShareInterval.JEFFREYS ? jeffreys : wilson;
			fits.add(new TransitionFit(i, to, history.stages().get(i), history.stages().get(to), declaredIndex, declared,
					counts[j], exits[i], exits[i] == 0 ? Double.NaN : (double) counts[j] / exits[i], wilson, jeffreys,
					Proportions.dirichletMarginal(counts[j], exits[i], k, options.prior(), options.alpha()), goodman[j],
					chosen, incidence.incidence(j), exits[i] >= options.minDeals(),
					declaredIndex >= 0 && chosen.exists() && !chosen.contains(declared)));
		}
		return fits;
	}

	private int declaredIndex(int from, int to) {
		List<FunnelShape.TransitionInfo> declared = funnel.transitions();
		for (int t = 0; t < declared.size(); t++) {
			if (declared.get(t).from() == from && declared.get(t).to() == to) {
				return t;
			}
		}
		return -1;
	}

	private TimeInStage time(int i) {
		Sojourns s = sojourns[i];
		KaplanMeier km = KaplanMeier.of(Arrays.copyOf(s.days, s.size), Arrays.copyOf(s.left, s.size),
				options.confidence(), KaplanMeier.Transform.LOG_LOG);
		FunnelShape.Duration declared = history.isFunnelStage(i) ? funnel.stage(i).duration() : null;
		Estimate median = new Estimate(km.median(), km.medianInterval());
		double tau = km.lastTime();
		double rmst = s.size == 0 ? Double.NaN : km.restrictedMean(tau);
		double rmstError = s.size == 0 ? Double.NaN : Math.sqrt(km.restrictedMeanVariance(tau));
		boolean outside = declared != null && km.events() > 0 && outsideMedian(declared.days(), median);
		return new TimeInStage(s.size, km.events(), s.size - km.events(), median, rmst, rmstError, tau, km, declared,
				outside, km.events() >= options.minDeals(),
				LanguageValues.duration(median.point(), declared == null ? null : declared.unit()));
	}

	/** Outside the median's interval; a bound not reached (NaN) is open-ended. */
	private static boolean outsideMedian(double days, Estimate median) {
		double lower = median.lower();
		double upper = median.upper();
		return (!Double.isNaN(lower) && days < lower) || (!Double.isNaN(upper) && days > upper);
	}
}

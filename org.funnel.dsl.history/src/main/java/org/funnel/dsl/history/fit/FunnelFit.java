package org.funnel.dsl.history.fit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.HistoryCounts;
import org.funnel.dsl.history.stats.Estimate;

/**
 * A funnel fitted to its deal history: per stage and per transition the observed numbers with intervals
 * beside the declared ones, the numbers they imply, the reading's counts, and the deviations. Computed
 * once; a text, Markdown or JSON report, a SARIF check and an editor's hover all read it as it is.
 */
public final class FunnelFit {

	private final FunnelShape funnel;
	private final FitOptions options;
	private final HistoryCounts counts;
	private final long asOf;
	private final int deals;
	private final int openDeals;
	private final List<StageFit> stages;
	private final Estimate winRate;
	private final Estimate daysToClose;
	private final Estimate daysToWin;
	private final Estimate openPipelineRevenue;

	FunnelFit(FunnelShape funnel, FitOptions options, HistoryCounts counts, long asOf, int deals, int openDeals,
			List<StageFit> stages, Estimate winRate, Estimate daysToClose, Estimate daysToWin,
			Estimate openPipelineRevenue) {
		this.funnel = funnel;
		this.options = options;
		this.counts = counts;
		this.asOf = asOf;
		this.deals = deals;
		this.openDeals = openDeals;
		this.stages = Collections.unmodifiableList(stages);
		this.winRate = winRate;
		this.daysToClose = daysToClose;
		this.daysToWin = daysToWin;
		this.openPipelineRevenue = openPipelineRevenue;
	}

	public FunnelShape funnel() {
		return funnel;
	}

	public FitOptions options() {
		return options;
	}

	/** What the reading kept, dropped and flagged. */
	public HistoryCounts counts() {
		return counts;
	}

	/** The export time the open deals are censored at (epoch ms). */
	public long asOf() {
		return asOf;
	}

	/** Deals fitted. */
	public int deals() {
		return deals;
	}

	/** Of them, still open at the export. */
	public int openDeals() {
		return openDeals;
	}

	/** Every stage: the funnel's in order, then those only the history has. */
	public List<StageFit> stages() {
		return stages;
	}

	/** The stage's fit (same index as the history's and, for funnel stages, the funnel's). */
	public StageFit stage(int index) {
		return stages.get(index);
	}

	/** Every observed or declared transition, stage by stage. */
	public List<TransitionFit> transitions() {
		List<TransitionFit> all = new ArrayList<>();
		stages.forEach(stage -> all.addAll(stage.transitions()));
		return all;
	}

	/** The fit of a declared transition ({@code EffectiveFunnel.transitions()} index), or null. */
	public TransitionFit declaredTransition(int index) {
		FunnelShape.TransitionInfo declared = funnel.transitions().get(index);
		for (TransitionFit transition : stages.get(declared.from()).transitions()) {
			if (transition.declaredIndex() == index) {
				return transition;
			}
		}
		return null;
	}

	/** Transitions the history shows that the funnel does not declare. */
	public List<TransitionFit> undeclaredTransitions() {
		return transitions().stream().filter(t -> !t.declared() && t.count() > 0).toList();
	}

	/** The win probability of a deal entering the funnel (as deals entered it). */
	public Estimate winRate() {
		return winRate;
	}

	/** Expected days from entering the funnel to won or lost. */
	public Estimate daysToClose() {
		return daysToClose;
	}

	/** Expected days from entering the funnel to won, for the deals that win. */
	public Estimate daysToWin() {
		return daysToWin;
	}

	/** The open deals' expected revenue: Σ amount × win probability of the stage each is in. */
	public Estimate openPipelineRevenue() {
		return openPipelineRevenue;
	}

	/** Every declared value outside its interval, stage by stage (those without enough deals included, marked). */
	public List<Deviation> deviations() {
		List<Deviation> deviations = new ArrayList<>();
		for (StageFit stage : stages) {
			if (!stage.inFunnel()) {
				continue;
			}
			for (TransitionFit t : stage.transitions()) {
				if (t.declaredOutside()) {
					deviations.add(new Deviation(Deviation.Kind.SHARE, stage.stage(), t.declaredIndex(),
							t.fromName() + " → " + t.toName(), t.declaredShare(),
							new Estimate(t.share(), t.interval()), t.exits(), t.enoughDeals()));
				}
			}
			if (stage.probabilityOutside()) {
				deviations.add(new Deviation(Deviation.Kind.PROBABILITY, stage.stage(), -1, stage.name(),
						stage.declaredProbability().doubleValue(), stage.winProbability(), stage.exits(),
						stage.enoughDeals()));
			}
			TimeInStage time = stage.time();
			if (time != null && time.declaredOutside()) {
				deviations.add(new Deviation(Deviation.Kind.DURATION, stage.stage(), -1, stage.name(),
						time.declared().days(), time.median(), time.visits(), time.enoughDeals()));
			}
		}
		return deviations;
	}
}

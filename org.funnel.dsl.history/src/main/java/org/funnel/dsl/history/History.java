package org.funnel.dsl.history;

import java.util.Collections;
import java.util.List;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;

/**
 * A deal history read against a funnel: the deals' stage visits, the stages they visit (the funnel's,
 * then any unknown ones as {@code unknown:<id>}), the export time and the counts of what was dropped or
 * flagged. What every reader produces and what {@code FunnelFitter} reads.
 */
public final class History {

	private final FunnelShape funnel;
	private final List<String> stageNames;
	private final List<Outcome> outcomes;
	private final List<DealHistory> deals;
	private final long asOf;
	private final HistoryCounts counts;

	History(FunnelShape funnel, List<String> stageNames, List<Outcome> outcomes, List<DealHistory> deals, long asOf,
			HistoryCounts counts) {
		this.funnel = funnel;
		this.stageNames = Collections.unmodifiableList(stageNames);
		this.outcomes = Collections.unmodifiableList(outcomes);
		this.deals = Collections.unmodifiableList(deals);
		this.asOf = asOf;
		this.counts = counts;
	}

	public FunnelShape funnel() {
		return funnel;
	}

	/** Stage names: the funnel's stages (same indexes), then the unknown ones ({@code unknown:<id>}). */
	public List<String> stages() {
		return stageNames;
	}

	public int stageCount() {
		return stageNames.size();
	}

	/** Whether a stage index is one of the funnel's stages. */
	public boolean isFunnelStage(int stage) {
		return stage < funnel.stageCount();
	}

	/** Won, lost or open: the funnel's for its stages; from the CRM's flags (or open) for unknown ones. */
	public Outcome outcome(int stage) {
		return outcomes.get(stage);
	}

	public List<DealHistory> deals() {
		return deals;
	}

	/** The time open deals are censored at (epoch ms). */
	public long asOf() {
		return asOf;
	}

	public HistoryCounts counts() {
		return counts;
	}
}

package org.funnel.dsl.history;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;

/**
 * Turns one deal's stage changes (sorted, oldest first, stages resolved) into its visits, with the
 * treatments of the pitfalls: runs of the same stage collapsed, mistaken closings (a won or lost stage
 * left within the correction window) left out, the path cut at the first won or lost stage (or the
 * final outcome followed), imported and history-capped entries marked as not real entries.
 */
final class DealPaths {

	/** The result for one deal. */
	record Path(List<StageVisit> visits, DealOutcome outcome, Set<DealFlag> flags) {
	}

	private final HistoryOptions options;
	private final List<Outcome> outcomes;
	private final int funnelStages;

	DealPaths(HistoryOptions options, List<Outcome> outcomes, int funnelStages) {
		this.options = options;
		this.outcomes = outcomes;
		this.funnelStages = funnelStages;
	}

	/**
	 * The path of a deal whose changes are {@code stages/times/imported[0..n)}.
	 *
	 * @param end       when the observation of the deal ends (export, until, or a move out of the pipeline)
	 * @param movedOut  whether {@code end} is a move to another pipeline
	 * @param created   the creation time or {@link DealHistory#NO_TIME}
	 * @param revisions how many stage changes the CRM had for the deal (for the history cap)
	 */
	Path build(int[] stages, long[] times, boolean[] imported, int n, long end, boolean movedOut, boolean movedIn,
			long created, int revisions) {
		Set<DealFlag> flags = EnumSet.noneOf(DealFlag.class);
		n = collapse(stages, times, imported, n);
		n = dropCorrections(stages, times, imported, n, flags);
		int firstClosed = firstClosed(stages, n);
		if (firstClosed >= 0 && firstClosed < n - 1) {
			flags.add(DealFlag.REOPENED);
			if (options.followFinalOutcome()) {
				n = dropEarlierClosings(stages, times, imported, n);
			} else {
				n = firstClosed + 1;
			}
		}
		if (movedIn) {
			flags.add(DealFlag.MOVED_IN);
		}
		boolean importedEntry = imported[0];
		for (int k = 0; k < n; k++) {
			if (imported[k]) {
				flags.add(DealFlag.IMPORTED);
			}
		}
		boolean capped = options.historyCap() > 0 && revisions >= options.historyCap();
		if (capped) {
			flags.add(DealFlag.HISTORY_CAP);
		}
		// A first change long after the creation: a backdated import, unless the deal came from another
		// pipeline or its older changes are beyond the history cap.
		if (!movedIn && !capped && created != DealHistory.NO_TIME && times[0] - created > options.importGapMillis()) {
			flags.add(DealFlag.IMPORTED);
			importedEntry = true;
		}
		List<StageVisit> visits = new ArrayList<>(n);
		for (int k = 0; k < n - 1; k++) {
			boolean entryKnown = k == 0 ? !importedEntry && !capped : !imported[k];
			visits.add(new StageVisit(stages[k], times[k], times[k + 1], stages[k + 1], false, entryKnown));
		}
		int last = stages[n - 1];
		boolean entryKnown = n == 1 ? !importedEntry && !capped : !imported[n - 1];
		DealOutcome outcome;
		if (outcomes.get(last).isTerminal()) {
			visits.add(new StageVisit(last, times[n - 1], times[n - 1], -1, false, entryKnown));
			outcome = outcomes.get(last) == Outcome.WON ? DealOutcome.WON : DealOutcome.LOST;
		} else {
			visits.add(new StageVisit(last, times[n - 1], Math.max(end, times[n - 1]), -1, true, entryKnown));
			outcome = movedOut ? DealOutcome.MOVED_OUT : DealOutcome.OPEN;
			if (movedOut) {
				flags.add(DealFlag.MOVED_OUT);
			}
		}
		for (StageVisit visit : visits) {
			if (visit.stage() >= funnelStages) {
				flags.add(DealFlag.UNKNOWN_STAGE);
			}
		}
		return new Path(visits, outcome, flags);
	}

	/** Runs of the same stage (an amount edit in Salesforce, a value set again in HubSpot) are one visit. */
	private static int collapse(int[] stages, long[] times, boolean[] imported, int n) {
		int kept = 0;
		for (int k = 0; k < n; k++) {
			if (kept > 0 && stages[kept - 1] == stages[k]) {
				continue;
			}
			stages[kept] = stages[k];
			times[kept] = times[k];
			imported[kept] = imported[k];
			kept++;
		}
		return kept;
	}

	/** A won or lost stage left again within the correction window was a mistaken click: left out. */
	private int dropCorrections(int[] stages, long[] times, boolean[] imported, int n, Set<DealFlag> flags) {
		boolean any = false;
		int kept = 0;
		for (int k = 0; k < n; k++) {
			boolean mistaken = k + 1 < n && outcomes.get(stages[k]).isTerminal()
					&& times[k + 1] - times[k] <= options.correctionMillis();
			if (mistaken) {
				any = true;
				continue;
			}
			stages[kept] = stages[k];
			times[kept] = times[k];
			imported[kept] = imported[k];
			kept++;
		}
		if (any) {
			flags.add(DealFlag.CORRECTED);
			kept = collapse(stages, times, imported, kept);
		}
		return kept;
	}

	private int firstClosed(int[] stages, int n) {
		for (int k = 0; k < n; k++) {
			if (outcomes.get(stages[k]).isTerminal()) {
				return k;
			}
		}
		return -1;
	}

	/** Following the final outcome: every won or lost stage but the last change is left out. */
	private int dropEarlierClosings(int[] stages, long[] times, boolean[] imported, int n) {
		int kept = 0;
		for (int k = 0; k < n; k++) {
			if (k < n - 1 && outcomes.get(stages[k]).isTerminal()) {
				continue;
			}
			stages[kept] = stages[k];
			times[kept] = times[k];
			imported[kept] = imported[k];
			kept++;
		}
		return collapse(stages, times, imported, kept);
	}
}

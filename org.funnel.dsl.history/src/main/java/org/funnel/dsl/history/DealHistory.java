package org.funnel.dsl.history;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * One deal's path through the funnel's stages.
 *
 * @param id       the CRM's id of the deal (opportunity)
 * @param pipeline the HubSpot pipeline id or the Salesforce record type (sales process), or null
 * @param created  creation time (epoch ms), or {@link Long#MIN_VALUE} when the source has none
 * @param amount   the deal's amount, or null
 * @param visits   the visits in order; the last is censored for an open deal, a won or lost stage for a closed one
 * @param outcome  how the path ends
 * @param flags    what the reading noticed
 */
public record DealHistory(String id, String pipeline, long created, BigDecimal amount, List<StageVisit> visits,
		DealOutcome outcome, Set<DealFlag> flags) {

	public static final long NO_TIME = Long.MIN_VALUE;

	public boolean has(DealFlag flag) {
		return flags.contains(flag);
	}

	/** The stage the deal entered the funnel at, or -1 when its entry is not known (import, history cap). */
	public int entryStage() {
		if (visits.isEmpty() || !visits.get(0).entryKnown() || has(DealFlag.HISTORY_CAP)) {
			return -1;
		}
		return visits.get(0).stage();
	}

	/** The stage the deal is in at the end of its path (won, lost, or the open stage of a censored path). */
	public int lastStage() {
		return visits.isEmpty() ? -1 : visits.get(visits.size() - 1).stage();
	}
}

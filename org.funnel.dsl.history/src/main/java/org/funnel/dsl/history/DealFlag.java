package org.funnel.dsl.history;

/**
 * What the reading noticed about a deal it kept (each is counted in {@link HistoryCounts}; archived and deleted
 * deals are left out and counted there as dropped).
 */
public enum DealFlag {
	/** Moved from a won or lost stage back to an open one (after the correction window). */
	REOPENED("reopened after closing"),
	/** Closed and reopened within the correction window: the closing was taken as a mistake and left out. */
	CORRECTED("closed by mistake and reopened within minutes"),
	/** A stage was set by an import (HubSpot sourceType IMPORT), or the first stage came long after the creation. */
	IMPORTED("imported (its first stage time is not its real entry)"),
	/** Entered the pipeline from another one: its path starts at the move. */
	MOVED_IN("moved in from another pipeline"),
	/** Left the pipeline for another one: its path ends (censored) at the move. */
	MOVED_OUT("moved to another pipeline"),
	/** Has as many stage changes as the CRM keeps (HubSpot: 20): older moves may be lost. */
	HISTORY_CAP("at the history cap (older stage changes may be lost)"),
	/** Visited a stage the funnel does not have (kept as unknown:<id>). */
	UNKNOWN_STAGE("visited a stage the funnel does not have");

	private final String description;

	DealFlag(String description) {
		this.description = description;
	}

	/** What the flag means, in users' words. */
	public String description() {
		return description;
	}
}

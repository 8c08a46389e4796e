package org.funnel.dsl.history;

/** How a deal's path ends as far as the history shows it. */
public enum DealOutcome {
	/** In a won stage. */
	WON,
	/** In a lost stage. */
	LOST,
	/** Still open when the history was exported (or at {@code until}): its last visit is censored. */
	OPEN,
	/** Moved to another pipeline: its path ends there, the last visit censored at the move. */
	MOVED_OUT;

	public boolean isClosed() {
		return this == WON || this == LOST;
	}
}

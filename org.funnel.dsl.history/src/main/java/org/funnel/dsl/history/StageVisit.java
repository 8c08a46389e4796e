package org.funnel.dsl.history;

/**
 * One stay of a deal in a stage. Times are epoch milliseconds (UTC).
 *
 * @param stage      index into {@link History#stages()}
 * @param entered    when the deal entered the stage
 * @param left       when it left; for a censored visit the time the observation stopped (export, pipeline move)
 * @param next       the stage it moved to, or -1 (still there, or a won/lost stage: the path ends)
 * @param censored   true when the deal had not left at the end of the observation (open deals, pipeline moves)
 * @param entryKnown false when the entry time is not the real one (an import, a history cut at HubSpot's
 *                   20 revisions): the visit's time in stage is then unknown, its exit still counts
 */
public record StageVisit(int stage, long entered, long left, int next, boolean censored, boolean entryKnown) {

	/** Time in the stage in days (to the censoring time for a censored visit). */
	public double days() {
		return (left - entered) / 86_400_000.0;
	}

	/** A visit that ended with a move to another stage. */
	public boolean completed() {
		return next >= 0;
	}
}

package org.funnel.dsl.history.fit;

import org.funnel.dsl.history.stats.Estimate;

/**
 * A declared value outside the interval the history gives it: what {@code --check} fails on (when
 * {@link #enoughDeals()}) and what an editor marks.
 *
 * @param stage         the stage (index into the history's stages, a funnel stage)
 * @param transition    the declared transition's index for a share, else −1
 * @param subject       what it is about, in users' words ("Demo → Won", "Demo")
 * @param declared      the declared value (share or probability as a fraction, duration in days)
 * @param observed      the observed value with its interval (same unit)
 * @param deals         the deals behind it (exits of the stage; visits for durations)
 */
public record Deviation(Kind kind, int stage, int transition, String subject, double declared, Estimate observed,
		int deals, boolean enoughDeals) {

	public enum Kind {
		/** A {@code moves to} share. */
		SHARE,
		/** A stage's {@code probability} against the implied win probability. */
		PROBABILITY,
		/** A stage's {@code duration} against the median time in stage. */
		DURATION
	}
}

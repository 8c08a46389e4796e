package org.funnel.dsl.history.fit;

import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.stats.Estimate;
import org.funnel.dsl.history.stats.KaplanMeier;

/**
 * Time in a stage by Kaplan–Meier: visits still open are censored at the export, never left out. Days.
 *
 * @param visits          visits with a known entry time (imports and capped histories are not)
 * @param left            of them, those that ended
 * @param censored        those still open (or moved to another pipeline)
 * @param median          the median (NaN when more than half are still in the stage) and its interval
 * @param restrictedMean  the mean time up to the longest stay observed ({@code horizon}), with its error
 * @param declared        the declared {@code duration}, or null
 * @param declaredOutside the declared duration lies outside the median's interval
 * @param observed        the median in the language's units (the declared duration's unit), or null
 */
public record TimeInStage(int visits, int left, int censored, Estimate median, double restrictedMean,
		double restrictedMeanError, double horizon, KaplanMeier kaplanMeier, FunnelShape.Duration declared,
		boolean declaredOutside, boolean enoughDeals, FunnelShape.Duration observed) {
}

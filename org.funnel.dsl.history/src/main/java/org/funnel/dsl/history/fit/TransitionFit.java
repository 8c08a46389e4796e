package org.funnel.dsl.history.fit;

import org.funnel.dsl.history.stats.Interval;

/**
 * One way out of a stage as the history shows it, beside what the funnel declares.
 *
 * @param from              the stage left (index into the history's stages)
 * @param to                the stage entered
 * @param declaredIndex     the declared transition's index ({@code EffectiveFunnel.transitions()}), or −1
 *                          when the funnel does not declare it
 * @param declaredShare     the declared share (fraction), or NaN
 * @param count             deals that took it (nᵢⱼ)
 * @param exits             deals that left the stage at all (nᵢ; open deals not counted)
 * @param share             the observed share nᵢⱼ / nᵢ (NaN when nobody left)
 * @param wilson            Wilson score interval
 * @param jeffreys          Jeffreys interval
 * @param dirichlet         the share's interval under the row's Dirichlet posterior
 * @param goodman           Goodman's simultaneous interval (all shares of the row at once)
 * @param interval          the interval the fit judges by (Wilson or Jeffreys, per the options)
 * @param censoringCorrected the Aalen–Johansen share (open deals accounted for, not left out)
 * @param enoughDeals       at least the options' minimum of deals left the stage
 * @param declaredOutside   the declared share lies outside {@code interval}
 */
public record TransitionFit(int from, int to, String fromName, String toName, int declaredIndex, double declaredShare,
		int count, int exits, double share, Interval wilson, Interval jeffreys, Interval dirichlet, Interval goodman,
		Interval interval, double censoringCorrected, boolean enoughDeals, boolean declaredOutside) {

	public boolean declared() {
		return declaredIndex >= 0;
	}

	/** The observed share as the funnel would write it, in percent (whole or one decimal); null when nobody left. */
	public java.math.BigDecimal observedPercent() {
		return LanguageValues.percent(share, interval);
	}

	/** The score statistic of the declared share, (x − n p₀)/√(n p₀(1 − p₀)); NaN without one. */
	public double score() {
		return org.funnel.dsl.history.stats.Proportions.score(count, exits, declaredShare);
	}
}

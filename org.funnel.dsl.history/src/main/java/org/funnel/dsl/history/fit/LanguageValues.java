package org.funnel.dsl.history.fit;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.funnel.dsl.funnel.TimeUnit;
import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.stats.Interval;
import org.funnel.dsl.model.Probabilities;

/**
 * Observed values as a {@code .funnel} file writes them, for writing a fit back: shares and
 * probabilities in percent, whole where the interval is wider than two points (a decimal would claim
 * more than the data knows), else with one decimal; durations in the unit the stage uses.
 */
public final class LanguageValues {

	private LanguageValues() {
	}

	/** The percent to write for an observed fraction with its interval; null when there is none. */
	public static BigDecimal percent(double fraction, Interval interval) {
		return Probabilities.observedPercent(fraction, interval.lower(), interval.upper());
	}

	/**
	 * A time in days as a duration in {@code unit} (the stage's declared one), or, without one, in hours
	 * under a day, days under two weeks, weeks under two months, else months; whole from 10 on, else one
	 * decimal. Null for NaN.
	 */
	public static FunnelShape.Duration duration(double days, TimeUnit unit) {
		if (Double.isNaN(days) || Double.isInfinite(days)) {
			return null;
		}
		TimeUnit chosen = unit != null ? unit
				: days < 1 ? TimeUnit.HOURS : days < 14 ? TimeUnit.DAYS : days < 61 ? TimeUnit.WEEKS : TimeUnit.MONTHS;
		double amount = days / FunnelShape.Duration.daysPer(chosen);
		BigDecimal rounded = BigDecimal.valueOf(amount).setScale(amount >= 10 ? 0 : 1, RoundingMode.HALF_UP)
				.stripTrailingZeros();
		return new FunnelShape.Duration(rounded.scale() < 0 ? rounded.setScale(0) : rounded, chosen);
	}
}

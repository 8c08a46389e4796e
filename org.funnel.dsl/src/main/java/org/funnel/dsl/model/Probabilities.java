package org.funnel.dsl.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.funnel.dsl.funnel.Probability;

/** Probabilities are written as percent ({@code 40%}) or as a fraction ({@code 0.4}). */
public final class Probabilities {

	public static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private Probabilities() {
	}

	/** The probability as a fraction 0..1 (exact); null when the value is missing. */
	public static BigDecimal fraction(Probability probability) {
		if (probability == null || probability.getValue() == null) {
			return null;
		}
		BigDecimal value = probability.getValue();
		return probability.isPercent() ? value.movePointLeft(2) : value;
	}

	/** The probability in percent (exact); null when the value is missing. */
	public static BigDecimal percent(Probability probability) {
		BigDecimal fraction = fraction(probability);
		return fraction == null ? null : fraction.multiply(HUNDRED).stripTrailingZeros();
	}

	/** A fraction shown as a percentage with up to two decimals: 0.4 -> "40%", 2/3 -> "66.67%". */
	public static String format(double fraction) {
		if (Double.isNaN(fraction)) {
			return "n/a";
		}
		if (Double.isInfinite(fraction)) {
			return "∞";
		}
		BigDecimal percent = BigDecimal.valueOf(fraction).multiply(HUNDRED).setScale(2, RoundingMode.HALF_UP)
				.stripTrailingZeros();
		return plain(percent) + "%";
	}

	/**
	 * A share or probability seen in data, in percent as the language writes it: whole where its interval is two points
	 * wide or more (a decimal would claim more than the data knows), else with one decimal. Null for NaN.
	 */
	public static BigDecimal observedPercent(double fraction, double lower, double upper) {
		if (Double.isNaN(fraction)) {
			return null;
		}
		boolean wide = Double.isNaN(lower) || Double.isNaN(upper) || upper - lower >= 0.02;
		BigDecimal percent = BigDecimal.valueOf(fraction * 100).setScale(wide ? 0 : 1, RoundingMode.HALF_UP)
				.stripTrailingZeros();
		return percent.scale() < 0 ? percent.setScale(0) : percent;
	}

	/** A volume with up to two decimals, thousands not separated (stable across locales): 1234.5678 -> "1234.57". */
	public static String formatVolume(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		if (Double.isInfinite(value)) {
			return "∞";
		}
		BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
		return rounded.signum() == 0 ? "0" : plain(rounded);
	}

	/** An exact fraction shown as a percentage, without rounding: 0.666667 -> "66.6667%". */
	public static String formatExact(BigDecimal fraction) {
		return plain(fraction.multiply(HUNDRED).stripTrailingZeros()) + "%";
	}

	/** Plain decimal notation without exponent and without trailing zeros. */
	public static String plain(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		if (stripped.scale() < 0) {
			stripped = stripped.setScale(0);
		}
		return stripped.toPlainString();
	}
}

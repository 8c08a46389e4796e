package org.funnel.dsl.diagram;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.funnel.dsl.model.Probabilities;

/**
 * What a deal history shows, in the words every tool uses: the picture ({@code funnel fit --svg}), and the editor's
 * hover, code lens and warning. A share or win probability reads "27% (22–33%, n 310)": the value as the funnel would
 * write it ({@link Probabilities#observedPercent}, what {@code fit --write} and the quick fix write), its 95% interval
 * to the same precision, rounded outwards so that it still holds the true bounds, and the deals behind it.
 */
public final class ObservedText {

	/** The figures of an observed value as written: the percent, the interval's bounds (null without an interval). */
	public record Figures(String percent, String lower, String upper) {
	}

	private ObservedText() {
	}

	/** "27% (22–33%, n 310)"; "n/a" for NaN. */
	public static String share(double share, double lower, double upper, int n) {
		Figures figures = figures(share, lower, upper);
		if (figures == null) {
			return "n/a";
		}
		return figures.percent() + "% ("
				+ (figures.lower() == null ? "" : figures.lower() + "–" + figures.upper() + "%, ") + "n " + n + ")";
	}

	/** The figures of "27% (22–33%)"; null for NaN. */
	public static Figures figures(double share, double lower, double upper) {
		BigDecimal percent = Probabilities.observedPercent(share, lower, upper);
		if (percent == null) {
			return null;
		}
		if (Double.isNaN(lower) || Double.isNaN(upper)) {
			return new Figures(Probabilities.plain(percent), null, null);
		}
		int scale = Math.max(percent.scale(), 0);
		return new Figures(Probabilities.plain(percent), bound(lower, scale, RoundingMode.FLOOR),
				bound(upper, scale, RoundingMode.CEILING));
	}

	/** A bound in percent; first to a millionth, so that 0.63 (63.00000000000001 in binary) stays 63. */
	private static String bound(double fraction, int scale, RoundingMode outwards) {
		return Probabilities.plain(BigDecimal.valueOf(fraction * 100).setScale(6, RoundingMode.HALF_UP)
				.setScale(scale, outwards));
	}

	/**
	 * A median time in stage in days with its interval: "median 4.5 d (4.1–5)", without the interval when a bound is
	 * not reached, "median not reached" while more than half are still in the stage.
	 */
	public static String median(double median, double lower, double upper) {
		if (!Double.isFinite(median)) {
			return "median not reached";
		}
		return "median " + days(median) + " d"
				+ (Double.isFinite(lower) && Double.isFinite(upper) ? " (" + days(lower) + "–" + days(upper) + ")" : "");
	}

	/** Days to a tenth: "4.5". */
	static String days(double days) {
		return Probabilities.plain(BigDecimal.valueOf(days).setScale(1, RoundingMode.HALF_UP));
	}
}

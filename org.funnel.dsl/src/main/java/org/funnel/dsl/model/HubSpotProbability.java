package org.funnel.dsl.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;

/**
 * The probability HubSpot takes for a deal stage. Its Pipelines API v3 (OpenAPI spec, schema
 * {@code PipelineStageInput.metadata}) allows values "between 0.0 and 1.0 in increments of 0.1", and
 * HubSpot reads 0.0 as closed lost and 1.0 as closed won: an open stage lies between 0.1 and 0.9.
 */
public final class HubSpotProbability {

	public static final BigDecimal STEP = new BigDecimal("0.1");
	public static final BigDecimal LOWEST_OPEN = STEP;
	public static final BigDecimal HIGHEST_OPEN = new BigDecimal("0.9");

	private HubSpotProbability() {
	}

	/** Whether HubSpot takes {@code fraction} as it is: 0.0, 0.1, ..., 1.0. */
	public static boolean onGrid(BigDecimal fraction) {
		return fraction.signum() >= 0 && fraction.compareTo(BigDecimal.ONE) <= 0
				&& fraction.remainder(STEP).signum() == 0;
	}

	/** Whether an open stage at {@code fraction} would read as closed in HubSpot (0.0 lost, 1.0 won). */
	public static boolean readsAsClosed(BigDecimal fraction) {
		return fraction.signum() == 0 || fraction.compareTo(BigDecimal.ONE) == 0;
	}

	/**
	 * The value HubSpot gets for a stage of this outcome whose probability is {@code fraction}: won 1.0,
	 * lost 0.0, open stages rounded half up to the grid and kept between 0.1 and 0.9.
	 */
	public static BigDecimal nearest(BigDecimal fraction, Outcome outcome) {
		return switch (outcome) {
		case WON -> BigDecimal.ONE.setScale(1);
		case LOST -> BigDecimal.ZERO.setScale(1);
		default -> {
			BigDecimal rounded = fraction.setScale(1, RoundingMode.HALF_UP);
			yield rounded.max(LOWEST_OPEN).min(HIGHEST_OPEN);
		}
		};
	}

	/** {@link #nearest(BigDecimal, Outcome)} for a computed (implied) probability. */
	public static BigDecimal nearest(double fraction, Outcome outcome) {
		if (Double.isNaN(fraction) || Double.isInfinite(fraction)) {
			fraction = 0;
		}
		return nearest(BigDecimal.valueOf(fraction), outcome);
	}
}

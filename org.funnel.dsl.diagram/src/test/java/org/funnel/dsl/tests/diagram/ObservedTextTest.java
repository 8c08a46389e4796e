package org.funnel.dsl.tests.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import org.funnel.dsl.diagram.ObservedText;
import org.junit.jupiter.api.Test;

/**
 * The words for what a history shows, the same in the picture and in the editor: the share as the funnel would write
 * it, the interval to the same precision rounded outwards, n.
 */
class ObservedTextTest {

	@Test
	void aShareWithAWideIntervalIsWrittenInWholePercents() {
		// The note's example: 84 of 310, Wilson 22.5–32.3%.
		assertThat(ObservedText.share(84 / 310.0, 0.2249, 0.3229, 310)).isEqualTo("27% (22–33%, n 310)");
		// Rounded outwards, not to the nearest: 59.8–85.8% reads 59–86%.
		assertThat(ObservedText.share(0.75, 0.598, 0.858, 40)).isEqualTo("75% (59–86%, n 40)");
	}

	@Test
	void aShareWithANarrowIntervalKeepsOneDecimalAndSoDoesItsInterval() {
		// Under two points wide: one decimal, as fit --write writes it; 26.549% → 26.5, 27.801% → 27.9.
		assertThat(ObservedText.share(0.2714, 0.26549, 0.27801, 12000)).isEqualTo("27.1% (26.5–27.9%, n 12000)");
	}

	@Test
	void boundsOnAWholePercentStayThere() {
		// 0.63 × 100 is 63.00000000000001 in binary: still 63, not 64.
		assertThat(ObservedText.share(0.6, 0.57, 0.63, 1000)).isEqualTo("60% (57–63%, n 1000)");
	}

	@Test
	void withoutAnIntervalOrAValue() {
		assertThat(ObservedText.share(0.5, Double.NaN, Double.NaN, 2)).isEqualTo("50% (n 2)");
		assertThat(ObservedText.share(Double.NaN, Double.NaN, Double.NaN, 0)).isEqualTo("n/a");
	}

	@Test
	void aMedianTimeInStage() {
		assertThat(ObservedText.median(4.54, 4.1, 5.04)).isEqualTo("median 4.5 d (4.1–5)");
		assertThat(ObservedText.median(31, 18, Double.NaN)).as("the interval open above: not shown").isEqualTo("median 31 d");
		assertThat(ObservedText.median(Double.NaN, 9.5, Double.NaN)).isEqualTo("median not reached");
	}
}

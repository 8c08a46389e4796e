package org.funnel.dsl.history.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The intervals of a share against the worked numbers of shared/notes/deal-history.md §4. */
class ProportionsTest {

	/** Percent rounded to one decimal, as the note prints them. */
	private static double percent(double fraction) {
		return Math.round(fraction * 1000) / 10.0;
	}

	@Test
	void wilsonOf84In310IsThe22Point5To32Point3OfTheNote() {
		Interval wilson = Proportions.wilson(84, 310, 0.05);
		assertThat(percent(wilson.lower())).isEqualTo(22.5);
		assertThat(percent(wilson.upper())).isEqualTo(32.3);
	}

	@Test
	void wilsonByItsFormula() {
		// centre = (p + z²/2n)/(1 + z²/n), half width = z/(1 + z²/n)·√(p(1−p)/n + z²/4n²), z = 1.959964
		double z = 1.959963984540054, n = 310, p = 84 / n;
		double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
		double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
		Interval wilson = Proportions.wilson(84, 310, 0.05);
		assertThat(wilson.lower()).isCloseTo(centre - half, within(1e-12));
		assertThat(wilson.upper()).isCloseTo(centre + half, within(1e-12));
	}

	@Test
	void jeffreysOf84In310IsThe22Point4To32Point2OfTheNote() {
		Interval jeffreys = Proportions.jeffreys(84, 310, 0.05);
		assertThat(percent(jeffreys.lower())).isEqualTo(22.4);
		assertThat(percent(jeffreys.upper())).isEqualTo(32.2);
	}

	@Test
	void jeffreysReachesZeroAndOneAtTheEnds() {
		assertThat(Proportions.jeffreys(0, 40, 0.05).lower()).isZero();
		assertThat(Proportions.jeffreys(0, 40, 0.05).upper()).isBetween(0.001, 0.1);
		assertThat(Proportions.jeffreys(40, 40, 0.05).upper()).isEqualTo(1);
		assertThat(Proportions.wilson(0, 40, 0.05).lower()).isCloseTo(0, within(1e-12));
	}

	@Test
	void noDealsNoInterval() {
		assertThat(Proportions.wilson(0, 0, 0.05).exists()).isFalse();
		assertThat(Proportions.jeffreys(0, 0, 0.05).exists()).isFalse();
	}

	@Test
	void goodmanOfTheRow84And150And76IsTheNotesSimultaneousIntervals() {
		Interval[] goodman = Proportions.goodman(new int[] { 84, 150, 76 }, 0.05);
		assertThat(percent(goodman[0].lower())).isEqualTo(21.5);
		assertThat(percent(goodman[0].upper())).isEqualTo(33.5);
		assertThat(percent(goodman[1].lower())).isEqualTo(41.7);
		assertThat(percent(goodman[1].upper())).isEqualTo(55.1);
		assertThat(percent(goodman[2].lower())).isEqualTo(19.2);
		assertThat(percent(goodman[2].upper())).isEqualTo(30.8);
	}

	@Test
	void goodmanIsWiderThanWilsonBecauseItHoldsForTheWholeRow() {
		Interval goodman = Proportions.goodman(new int[] { 84, 150, 76 }, 0.05)[0];
		Interval wilson = Proportions.wilson(84, 310, 0.05);
		assertThat(goodman.lower()).isLessThan(wilson.lower());
		assertThat(goodman.upper()).isGreaterThan(wilson.upper());
	}

	@Test
	void dirichletMarginalIsTheBetaOfTheShareAndTheRest() {
		// Row 84/150/76, a = ½: the first share's marginal is Beta(84.5, 226 + 1) (k = 3).
		Interval marginal = Proportions.dirichletMarginal(84, 310, 3, 0.5, 0.05);
		double mean = 84.5 / (84.5 + 227);
		assertThat(marginal.contains(mean)).isTrue();
		assertThat(percent(marginal.lower())).isBetween(22.0, 23.0);
		assertThat(percent(marginal.upper())).isBetween(31.8, 32.8);
	}

	@Test
	void scoreOfADeclaredShare() {
		// (84 − 310·0.4)/√(310·0.4·0.6) = −40/8.626 = −4.64
		assertThat(Proportions.score(84, 310, 0.4)).isCloseTo(-4.637, within(0.001));
	}
}

package org.funnel.dsl.history.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The rule both {@code fit --write} and the editor's quick fix keep: a stage's shares add up to at most 100%. */
class WrittenSharesTest {

	private static List<BigDecimal> percents(String... values) {
		return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
	}

	@Test
	void sharesThatFitAreWrittenAsObserved() {
		assertThat(WrittenShares.atMostHundred(percents("27", "48", "25"), BigDecimal.ZERO))
				.containsExactlyElementsOf(percents("27", "48", "25"));
		assertThat(WrittenShares.atMostHundred(percents("33.3", "33.3", "33.3"), BigDecimal.ZERO))
				.containsExactlyElementsOf(percents("33.3", "33.3", "33.3"));
	}

	@Test
	void roundingOverAHundredLowersTheLargest() {
		// 1/3, 1/6 and 1/2 of a small row, each written whole: 33 + 17 + 50 = 100; 34 + 17 + 50 = 101 loses 1 at the 50.
		assertThat(WrittenShares.atMostHundred(percents("34", "17", "50"), BigDecimal.ZERO))
				.containsExactlyElementsOf(percents("34", "17", "49"));
	}

	@Test
	void sharesLeftAsDeclaredCountToo() {
		// A quick fix writes 75% where the stage keeps 30% elsewhere: 25% is what is left.
		assertThat(WrittenShares.atMostHundred(percents("75"), new BigDecimal("30"))).containsExactlyElementsOf(percents("70"));
		assertThat(WrittenShares.atMostHundred(percents("75"), new BigDecimal("25"))).containsExactlyElementsOf(percents("75"));
	}

	@Test
	void noShareIsLoweredBelowZero() {
		// The largest cannot take the whole excess: it goes to 0 and the next largest takes the rest.
		assertThat(WrittenShares.atMostHundred(percents("20", "10"), new BigDecimal("95")))
				.containsExactlyElementsOf(percents("0", "5"));
		assertThat(WrittenShares.atMostHundred(percents("40"), new BigDecimal("120"))).containsExactlyElementsOf(percents("0"));
	}
}

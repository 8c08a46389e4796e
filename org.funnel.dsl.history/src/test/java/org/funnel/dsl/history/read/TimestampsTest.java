package org.funnel.dsl.history.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

class TimestampsTest {

	private static long java(String text) {
		return OffsetDateTime.parse(text).toInstant().toEpochMilli();
	}

	@Test
	void theShapesTheCrmsWrite() {
		// Salesforce (REST, sf CLI): offset without colon; HubSpot: Z with milliseconds.
		assertThat(Timestamps.parse("2025-01-06T09:12:44.000+0000")).isEqualTo(java("2025-01-06T09:12:44Z"));
		assertThat(Timestamps.parse("2025-01-06T09:12:44.120Z")).isEqualTo(java("2025-01-06T09:12:44.120Z"));
		assertThat(Timestamps.parse("2025-01-06T10:12:44+01:00")).isEqualTo(java("2025-01-06T09:12:44Z"));
		assertThat(Timestamps.parse("2025-01-06T04:12:44-05")).isEqualTo(java("2025-01-06T09:12:44Z"));
		assertThat(Timestamps.parse("2025-01-06 09:12:44")).isEqualTo(java("2025-01-06T09:12:44Z"));
		assertThat(Timestamps.parse("2025-01-06T09:12")).isEqualTo(java("2025-01-06T09:12Z"));
		assertThat(Timestamps.parse("2025-01-06")).isEqualTo(Instant.parse("2025-01-06T00:00:00Z").toEpochMilli());
		assertThat(Timestamps.parse("1969-12-31T23:59:59.999999Z")).isEqualTo(-1);
	}

	@Test
	void epochDaysAgreeWithJavaTimeOverFourHundredYears() {
		for (java.time.LocalDate date = java.time.LocalDate.of(1800, 1, 1); date.getYear() < 2200; date = date.plusDays(1)) {
			assertThat(Timestamps.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth())).as(date.toString())
					.isEqualTo(date.toEpochDay());
		}
		assertThat(Timestamps.parse("2024-02-29")).isNotEqualTo(Timestamps.INVALID);
		assertThat(Timestamps.parse("2100-02-29")).isEqualTo(Timestamps.INVALID);
	}

	@Test
	void whatIsNoTime() {
		for (String bad : new String[] { "", "yesterday", "2025-13-01", "2025-02-30", "2025-01-06T25:00:00Z",
				"2025-01-06T09:12:44X", "2025-01-06T09:12:44+1", "2025/01/06", "2025-01-06T09:12:44." }) {
			assertThat(Timestamps.parse(bad)).as(bad).isEqualTo(Timestamps.INVALID);
		}
	}
}

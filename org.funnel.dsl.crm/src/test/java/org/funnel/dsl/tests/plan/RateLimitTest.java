package org.funnel.dsl.tests.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.crm.hubspot.RateLimit;
import org.junit.jupiter.api.Test;
import java.util.stream.Collectors;

/** HubSpot's burst limit kept by the client: requests beyond it wait for the window, by a clock that only counts. */
class RateLimitTest {

	@Test
	void theHundredAndFirstRequestInTenSecondsWaits() throws Exception {
		CountingSleeper sleeper = new CountingSleeper();
		RateLimit limit = new RateLimit(sleeper);
		for (int i = 0; i < RateLimit.DEFAULT_MAX; i++) {
			limit.acquire();
			sleeper.advance(Duration.ofMillis(10));
		}
		assertThat(sleeper.sleeps()).isEmpty();
		limit.acquire();
		// The first request was 1 s ago (100 x 10 ms): the window frees up 9 s later.
		assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(9));
	}

	@Test
	void hubSpotsOwnFiguresReplaceTheDefaults() throws Exception {
		CountingSleeper sleeper = new CountingSleeper();
		RateLimit limit = new RateLimit(sleeper);
		limit.update(headers(Map.of("X-HubSpot-RateLimit-Max", "190", "X-HubSpot-RateLimit-Interval-Milliseconds", "10000",
				"X-HubSpot-RateLimit-Remaining", "189")));
		for (int i = 0; i < 190; i++) {
			limit.acquire();
		}
		assertThat(sleeper.sleeps()).isEmpty();
		limit.acquire();
		assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(10));

		// None remaining (other integrations share the app's limit): the next request waits a whole window.
		limit.update(headers(Map.of("X-HubSpot-RateLimit-Remaining", "0", "X-HubSpot-RateLimit-Interval-Milliseconds", "2000")));
		limit.acquire();
		assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(2));
	}

	private static HttpHeaders headers(Map<String, String> values) {
		return HttpHeaders.of(values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
				e -> List.of(e.getValue()))), (a, b) -> true);
	}
}

package org.funnel.dsl.crm.hubspot;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock the HubSpot client waits by (rate limits, {@code Retry-After}): the system's, or in
 * tests one that only counts, so waiting is exact and takes no time.
 */
public interface Sleeper {

	Instant now();

	void sleep(Duration duration) throws InterruptedException;

	Sleeper SYSTEM = new Sleeper() {
		@Override
		public Instant now() {
			return Instant.now();
		}

		@Override
		public void sleep(Duration duration) throws InterruptedException {
			if (!duration.isNegative() && !duration.isZero()) {
				Thread.sleep(duration);
			}
		}
	};
}

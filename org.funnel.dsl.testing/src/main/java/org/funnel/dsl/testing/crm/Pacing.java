package org.funnel.dsl.testing.crm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * HubSpot's rate limits as the test server enforces them, by a clock the test gives (the client's own, so that its
 * waits count): CRM searches at most {@link #SEARCHES} a second (HubSpot's changelog "CRM Search API Rate Limit
 * Increase": four per second per token; the spec exempts search from the ten-secondly limit), every other call at
 * most {@link #BURST} per ten seconds (the lowest documented burst limit, Free and Starter accounts). A call over a
 * limit is answered 429 with {@code Retry-After}, the seconds until the window has room again.
 */
final class Pacing {

	static final int SEARCHES = 4;
	static final int BURST = 100;
	static final Duration BURST_WINDOW = Duration.ofSeconds(10);

	private final Supplier<Instant> clock;
	private final ArrayDeque<Instant> searches = new ArrayDeque<>();
	private final ArrayDeque<Instant> calls = new ArrayDeque<>();

	Pacing(Supplier<Instant> clock) {
		this.clock = clock;
	}

	/** The limit a call breaks (the policy name HubSpot's 429 answers carry) and the wait; null when it is within them. */
	synchronized Refused take(boolean search) {
		Instant now = clock.get();
		ArrayDeque<Instant> sent = search ? searches : calls;
		Duration window = search ? Duration.ofSeconds(1) : BURST_WINDOW;
		while (!sent.isEmpty() && !sent.peekFirst().plus(window).isAfter(now)) {
			sent.removeFirst();
		}
		if (sent.size() >= (search ? SEARCHES : BURST)) {
			Duration wait = Duration.between(now, sent.peekFirst().plus(window));
			return new Refused(search ? "SECONDLY" : "TEN_SECONDLY_ROLLING", Math.max(1, (wait.toMillis() + 999) / 1000));
		}
		sent.addLast(now);
		return null;
	}

	/** A call refused: which limit, and Retry-After in seconds. */
	record Refused(String policy, long retryAfter) {
	}
}

package org.funnel.dsl.crm.hubspot;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.OptionalLong;

/**
 * HubSpot's burst limit, kept on this side so that a large apply slows down instead of being
 * refused. HubSpot's usage guidelines give apps a number of requests per 10 seconds (100 for Free
 * and Starter accounts, more above) and send the app's own figures with every answer
 * ({@code X-HubSpot-RateLimit-Max}, {@code -Remaining}, {@code -Interval-Milliseconds}). Until an
 * answer says otherwise the lowest documented limit applies; when HubSpot says none remain, the next
 * request waits a whole window.
 */
public final class RateLimit {

	public static final int DEFAULT_MAX = 100;
	public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

	private final Sleeper sleeper;
	private final ArrayDeque<Instant> sent = new ArrayDeque<>();
	private int max;
	private Duration window;
	private Instant blockedUntil = Instant.MIN;

	public RateLimit(Sleeper sleeper) {
		this(sleeper, DEFAULT_MAX, DEFAULT_WINDOW);
	}

	/** A limit of {@code max} requests per {@code window} until HubSpot's headers say otherwise. */
	public RateLimit(Sleeper sleeper, int max, Duration window) {
		this.sleeper = sleeper;
		this.max = max;
		this.window = window;
	}

	/** Waits until one more request fits into the window, and counts it. */
	public void acquire() throws InterruptedException {
		Instant now = sleeper.now();
		if (now.isBefore(blockedUntil)) {
			sleeper.sleep(Duration.between(now, blockedUntil));
			now = sleeper.now();
		}
		forgetBefore(now);
		if (sent.size() >= max) {
			sleeper.sleep(Duration.between(now, sent.peekFirst().plus(window)));
			now = sleeper.now();
			forgetBefore(now);
		}
		sent.addLast(now);
	}

	/** Takes HubSpot's figures from an answer's headers. */
	public void update(HttpHeaders headers) {
		OptionalLong interval = number(headers, "X-HubSpot-RateLimit-Interval-Milliseconds");
		OptionalLong limit = number(headers, "X-HubSpot-RateLimit-Max");
		if (interval.isPresent() && interval.getAsLong() > 0) {
			window = Duration.ofMillis(interval.getAsLong());
		}
		if (limit.isPresent() && limit.getAsLong() > 0) {
			max = (int) Math.min(limit.getAsLong(), 10_000);
		}
		OptionalLong remaining = number(headers, "X-HubSpot-RateLimit-Remaining");
		if (remaining.isPresent() && remaining.getAsLong() <= 0) {
			blockedUntil = sleeper.now().plus(window);
		}
	}

	/** The window HubSpot counts requests in (10 s unless it says otherwise). */
	public Duration window() {
		return window;
	}

	private void forgetBefore(Instant now) {
		while (!sent.isEmpty() && !sent.peekFirst().plus(window).isAfter(now)) {
			sent.removeFirst();
		}
	}

	private static OptionalLong number(HttpHeaders headers, String name) {
		try {
			return headers.firstValue(name).map(v -> OptionalLong.of(Long.parseLong(v.strip()))).orElse(OptionalLong.empty());
		} catch (NumberFormatException e) {
			return OptionalLong.empty();
		}
	}
}

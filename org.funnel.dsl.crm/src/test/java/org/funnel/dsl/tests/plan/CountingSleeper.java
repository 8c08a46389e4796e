package org.funnel.dsl.tests.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.funnel.dsl.crm.hubspot.Sleeper;

/** A clock that stands still except when the code under test sleeps: it records each sleep and moves on by it. */
public final class CountingSleeper implements Sleeper {

	private Instant now = Instant.parse("2026-11-30T09:00:00Z");
	private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

	@Override
	public synchronized Instant now() {
		return now;
	}

	@Override
	public synchronized void sleep(Duration duration) {
		sleeps.add(duration);
		now = now.plus(duration);
	}

	public synchronized void advance(Duration duration) {
		now = now.plus(duration);
	}

	public List<Duration> sleeps() {
		return List.copyOf(sleeps);
	}
}

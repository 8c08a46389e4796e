package org.funnel.dsl.generator;

import java.io.PrintWriter;

/**
 * Tells the user how a long run is getting on, on stderr, at most about once a second and only
 * once the run has taken more than five seconds: short runs stay quiet.
 */
public interface Progress {

	Progress NONE = (what, done, total) -> {
	};

	void step(String what, int done, int total);

	static Progress to(PrintWriter err) {
		return new Progress() {
			private final long start = System.nanoTime();
			private long last = start;

			@Override
			public void step(String what, int done, int total) {
				long now = System.nanoTime();
				if (now - start < 5_000_000_000L || now - last < 1_000_000_000L) {
					return;
				}
				last = now;
				err.println("funnel: " + what + " " + done + "/" + total + " files...");
				err.flush();
			}
		};
	}
}

package org.funnel.dsl.tests.lsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Measured response times, printed and appended to {@code target/lsp-latency.txt}, so a change that
 * makes the editor sluggish shows up in the test output.
 */
final class Latencies {

	private static final Path FILE = Path.of(System.getProperty("funnel.buildDirectory", "target"), "lsp-latency.txt");

	static {
		try {
			Files.deleteIfExists(FILE); // one report per test run
		} catch (IOException e) {
			// Only a report.
		}
	}

	private Latencies() {
	}

	static synchronized void record(String what, long millis) {
		String line = String.format("%-32s %5d ms%n", what, millis);
		System.out.print("latency: " + line);
		try {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		} catch (IOException e) {
			// Only a report; the test's own assertions decide.
		}
	}
}

package org.funnel.dsl.tests.robustness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the counts of a fuzz target ({@link Pipeline#count}) to
 * {@code org.funnel.dsl.tests/target/fuzz-stats-TARGET.txt} (fuzzing) or {@code fuzz-regression-stats-TARGET.txt}
 * (seeds and saved inputs only), with the seconds since the first input and the inputs a second. Jazzer may end
 * the JVM before {@code @AfterAll}: each target also writes them now and then and at exit.
 */
final class FuzzStats {

	private static final long START = System.nanoTime();

	private FuzzStats() {
	}

	/** Writes the counts when the JVM ends. */
	static void atExit(String target) {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> write(target), "fuzz-stats"));
	}

	/** Counts one input and writes the counts every 500 inputs. */
	static void input(String target) {
		Pipeline.count("inputs");
		if (Pipeline.stats().get("inputs") % 500 == 0) {
			write(target);
		}
	}

	static synchronized void write(String target) {
		Map<String, Long> stats = Pipeline.stats();
		if (stats.isEmpty()) {
			return;
		}
		boolean fuzzing = System.getenv("JAZZER_FUZZ") != null;
		long seconds = Math.max(1, (System.nanoTime() - START) / 1_000_000_000);
		StringBuilder text = new StringBuilder("# " + target + ", "
				+ (fuzzing ? "fuzzing" : "regression (seeds and saved inputs)") + "\n");
		stats.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
		text.append("seconds (JVM): ").append(seconds).append('\n');
		text.append("inputs a second: ").append(stats.getOrDefault("inputs", 0L) / seconds).append('\n');
		try {
			Path file = Path.of("org.funnel.dsl.tests", "target",
					(fuzzing ? "fuzz-stats-" : "fuzz-regression-stats-") + target + ".txt");
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
		} catch (IOException e) {
			// Statistics only.
		}
	}
}

package org.funnel.dsl.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** An option naming a directory the command writes into ({@code generate --out}, {@code diff --svg}). */
final class OutputOption {

	private OutputOption() {
	}

	/** Refuses a directory that is a file, naming the option (the writer itself would only name the path). */
	static void check(String option, Path directory) {
		if (Files.exists(directory) && !Files.isDirectory(directory)) {
			throw new UsageException(option + " " + directory + " exists and is not a directory.");
		}
	}
}

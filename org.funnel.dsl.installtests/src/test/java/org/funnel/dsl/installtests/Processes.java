package org.funnel.dsl.installtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program to its end, its output in a log file; kills it and all it started if it takes too long. */
final class Processes {

	private Processes() {
	}

	static int run(List<String> command, Path dir, Path log, Duration timeout) throws IOException, InterruptedException {
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile());
		// The JDK running the tests runs what they start (the Maven Wrapper reads JAVA_HOME).
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		Process process = builder.start();
		if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor();
			throw new AssertionError("still running after " + timeout + ": " + String.join(" ", command) + "\n" + tail(log));
		}
		return process.exitValue();
	}

	/** The end of a log, for a failure message. */
	static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}
}

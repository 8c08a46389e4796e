package org.funnel.dsl.tests.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.funnel.dsl.cli.Environment;
import org.funnel.dsl.cli.FunnelCommand;

/** Runs the command line in this JVM and captures what it prints. */
public final class Cli {

	/** A command-line run's exit code and what it printed. */
	public record Result(int code, String out, String err) {
		public List<String> outLines() {
			return out.lines().toList();
		}

		@Override
		public String toString() {
			return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
		}
	}

	private Cli() {
	}

	/** Runs {@code funnel ARGS} in this JVM. */
	public static Result run(String... args) {
		return run(Environment.SYSTEM, args);
	}

	/** Runs {@code funnel ARGS} in this JVM with the environment variables and clock given. */
	public static Result run(Environment environment, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code;
		try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
				PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
			code = FunnelCommand.run(args, o, e, environment);
		}
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}
}

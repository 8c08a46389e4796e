package org.funnel.dsl.tests.robustness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing (Jazzer) of everything the tools do with a file: parser, checks, analysis,
 * formatter and every generator, through {@link Pipeline}, which checks that no exception escapes
 * (nor is logged by Xtext), that formatting is idempotent and keeps the meaning, and that generated
 * files read back. {@link FunnelTexts} turns an input into a file: raw bytes, a funnel generated from
 * the grammar's shapes, or examples spliced together.
 * <p>
 * The build runs it in its own JVM (Jazzer installs an agent): the {@code fuzz} execution of the tests
 * module, with {@code JAZZER_FUZZ=1} for 60 s, first replays the seeds below and every input in
 * {@code src/test/resources/org/funnel/dsl/tests/robustness/FunnelFuzzTestInputs/pipeline/} (crashes
 * found earlier, kept as regression tests), then fuzzes. {@code -Dtest=FunnelFuzzTest} without
 * {@code JAZZER_FUZZ} replays them only; {@code scripts/fuzz.sh 30m} fuzzes longer. See
 * docs/robustness.md.
 */
class FunnelFuzzTest {

	/** An input that takes longer than this has hit something slow; inputs are at most a few KB. */
	static final long BUDGET_PER_INPUT_MS = 10_000;

	private static final String TARGET = "pipeline";

	private static long inputs;

	static {
		FuzzStats.atExit(TARGET);
	}

	static Stream<Arguments> seeds() {
		List<Arguments> seeds = new ArrayList<>();
		for (String example : FunnelTexts.EXAMPLES) {
			seeds.add(Arguments.of((Object) withMode(FunnelTexts.RAW, example.getBytes(StandardCharsets.UTF_8))));
		}
		Random random = new Random(20261123);
		for (int i = 0; i < 12; i++) {
			byte[] choices = new byte[64 + random.nextInt(400)];
			random.nextBytes(choices);
			seeds.add(Arguments.of((Object) withMode(FunnelTexts.GRAMMAR, choices)));
		}
		for (int i = 0; i < 8; i++) {
			byte[] choices = new byte[24];
			random.nextBytes(choices);
			seeds.add(Arguments.of((Object) withMode(FunnelTexts.SPLICE, choices)));
		}
		return seeds.stream();
	}

	private static byte[] withMode(int mode, byte[] rest) {
		byte[] input = new byte[rest.length + 1];
		input[0] = (byte) mode;
		System.arraycopy(rest, 0, input, 1, rest.length);
		return input;
	}

	@MethodSource("seeds")
	// libFuzzer's dictionary format: printable ASCII only (Jazzer writes the entries as they are).
	@DictionaryEntries({ "stage ", "won stage ", "lost stage ", "open stage ", "funnel ", "template funnel ", "channel ",
			"import \"", "extends ", "moves to ", " via ", "probability ", "channels ", "entering ", " per month",
			"deal value ", "duration ", " days", "guidance \"", "hubspot id \"", "hubspot pipeline ", " for tickets",
			"salesforce process \"", "salesforce forecast ", "crm hubspot, salesforce", "%", "{", "}", "/*", "*/", "//",
			"1e-12", "99.9999%", "^" })
	// No JUnit @Timeout: it would bound the whole fuzzing session, not one input. A slow input fails
	// BUDGET_PER_INPUT_MS below; a hanging one the fuzz execution's forkedProcessTimeoutInSeconds.
	@FuzzTest(maxDuration = "60s")
	void pipeline(byte[] input) {
		byte[] file = FunnelTexts.file(input);
		Pipeline pipeline = Pipeline.get();
		long start = System.nanoTime();
		// Compile the Java of the first input that generates any and of a sample of the others (javac
		// takes about a second): those whose hash says so.
		boolean compile = !Pipeline.stats().containsKey("generated Java compiled") || Arrays.hashCode(input) % 48 == 0;
		Pipeline.Outcome outcome;
		try {
			outcome = pipeline.check(file, compile);
		} catch (AssertionError | RuntimeException | StackOverflowError e) {
			Pipeline.count("failures");
			throw new AssertionError("for the file (" + file.length + " bytes, mode " + FunnelTexts.mode(input) + "):\n"
					+ new String(file, StandardCharsets.UTF_8) + "\n---", e);
		}
		// Time without javac, and not for the first input (classes are loaded, and instrumented when fuzzing).
		long millis = (System.nanoTime() - start) / 1_000_000 - outcome.compileMillis();
		if (inputs > 0 && millis > BUDGET_PER_INPUT_MS) {
			throw new AssertionError("one input took " + millis + " ms (budget " + BUDGET_PER_INPUT_MS + " ms):\n"
					+ new String(file, StandardCharsets.UTF_8));
		}
		if (inputs > 0) {
			Pipeline.count("slowest input, ms", Math.max(0, millis - Pipeline.stats().getOrDefault("slowest input, ms", 0L)));
		}
		FuzzStats.input(TARGET);
		inputs++;
		Pipeline.count("inputs, mode " + List.of("raw", "grammar", "splice").get(FunnelTexts.mode(input)));
		Pipeline.count(outcome.syntaxErrors() ? "with syntax errors" : outcome.errors() ? "with other errors" : "without errors");
		if (outcome.generated()) {
			Pipeline.count("generated and read back");
		}
		if (outcome.refused() != null) {
			Pipeline.count("generation refused with a message");
		}
		if (outcome.formatted()) {
			Pipeline.count("formatted and compared");
		}
		if (outcome.compiled()) {
			Pipeline.count("generated Java compiled");
		}
	}

	@AfterAll
	static void writeStats() {
		FuzzStats.write(TARGET);
	}
}

package org.funnel.dsl.tests.robustness;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.diff.FunnelDiff;
import org.funnel.dsl.grammar.Settings;
import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzing with funnels that are valid ({@link ValidFunnels}), so that nearly every input gets past the checks:
 * everything {@link Pipeline} checks (every target generated and read back, formatting idempotent and keeping
 * the meaning), and in addition the HubSpot and Salesforce files read back by the importers ({@link CrmReadBack})
 * and the semantic diff of the file with its formatted self empty. Run by {@code scripts/fuzz.sh --target valid}
 * (not by the build's bounded run, which fuzzes {@link FunnelFuzzTest}); its saved inputs run in every build.
 */
class ValidFunnelFuzzTest {

	private static final String TARGET = "valid";

	private static CrmReadBack readBack;

	static {
		FuzzStats.atExit(TARGET);
	}

	@FuzzTest(maxDuration = "60s")
	void validFunnels(FuzzedDataProvider data) {
		String text = ValidFunnels.of(data);
		byte[] file = text.getBytes(StandardCharsets.UTF_8);
		boolean compile = !Pipeline.stats().containsKey("generated Java compiled") || Arrays.hashCode(file) % 48 == 0;
		try {
			check(file, compile);
		} catch (AssertionError | RuntimeException | StackOverflowError e) {
			throw new AssertionError("for the file:\n" + text + "\n---", e);
		}
	}

	private static synchronized void check(byte[] file, boolean compile) {
		Pipeline.Outcome outcome = Pipeline.get().check(file, compile);
		FuzzStats.input(TARGET);
		Pipeline.count(outcome.syntaxErrors() ? "with syntax errors" : outcome.errors() ? "with other errors" : "without errors");
		// Which checks a generated funnel failed: what the generator must learn to avoid.
		outcome.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::code).distinct()
				.forEach(code -> Pipeline.count("with error " + code));
		if (outcome.refused() != null) {
			Pipeline.count("generation refused with a message");
		}
		if (outcome.compiled()) {
			Pipeline.count("generated Java compiled");
		}
		GeneratedFiles generated = outcome.files();
		if (generated != null) {
			Pipeline.count("generated and read back");
			countTargets(generated);
			if (readBack == null) {
				readBack = new CrmReadBack();
			}
			Pipeline.count("CRM pipelines and processes read back by the importers",
					readBack.check(generated, outcome.workspace()));
		}
		if (outcome.formatted()) {
			Pipeline.count("formatted and compared");
			if (!outcome.errors()) {
				sameByDiff(outcome.workspace(), outcome.formattedWorkspace());
				Pipeline.count("diff with the formatted file empty");
			}
		}
	}

	/** Counts the files of each target: its directory, or the file's kind. */
	private static void countTargets(GeneratedFiles generated) {
		for (Map.Entry<String, byte[]> file : generated.files().entrySet()) {
			String name = file.getKey();
			String target = name.contains("/") ? name.substring(0, name.indexOf('/'))
					: name.substring(name.lastIndexOf('.') + 1);
			Pipeline.count("generated files, " + target);
		}
	}

	private static void sameByDiff(FunnelWorkspace before, FunnelWorkspace after) {
		FunnelDiff diff = new FunnelDiff(new FunnelDiff.Side(before.funnels(), before.analyses()),
				new FunnelDiff.Side(after.funnels(), after.analyses()), before.get(Settings.class));
		if (diff.hasChanges()) {
			throw new AssertionError("the diff of the file with its formatted self is not empty:\n"
					+ diff.markdown("before", "after"));
		}
	}

	@AfterAll
	static void writeStats() {
		FuzzStats.write(TARGET);
	}
}

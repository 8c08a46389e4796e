package org.funnel.dsl.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.funnel.dsl.FunnelStandaloneSetup;
import org.funnel.dsl.benchmarks.WorkloadGenerator.Expected;
import org.funnel.dsl.benchmarks.WorkloadGenerator.Text;
import org.funnel.dsl.benchmarks.WorkloadGenerator.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.Injector;

/**
 * The quick check the normal build runs: on a tiny workload, the build reports exactly the injected
 * diagnostics, and the generator is deterministic. The benchmarks themselves run with
 * benchmarks/run.
 */
class WorkloadSmokeTest {

	private static final Injector INJECTOR = new FunnelStandaloneSetup().createInjectorAndDoEMFRegistration();

	@TempDir
	Path root;

	@Test
	void exactlyTheInjectedDiagnosticsComeOut() {
		// A high error rate, so that every kind of problem is injected in a small workspace.
		Workload workload = new WorkloadGenerator(7, 0.2).write(root, 4, 8_000);
		assertTrue(workload.errors() > 10, "errors injected: " + workload.errors());
		for (int threads : new int[] { 1, 2 }) {
			FullBuild.Result result = new FullBuild(INJECTOR, threads).run(root, workload.files());
			assertNull(WorkloadCheck.difference(workload.expected(), result.issues()), threads + " threads");
		}
	}

	@Test
	void aCleanWorkloadHasNoDiagnostics() {
		Workload workload = new WorkloadGenerator(8, 0).write(root, 3, 8_000);
		assertEquals(0, workload.expected().size());
		assertEquals(List.of(), new FullBuild(INJECTOR, 2).run(root, workload.files()).issues());
	}

	@Test
	void aSingleLargeFunnel() throws Exception {
		Text text = new WorkloadGenerator(9, 0.05).singleFunnel("large.funnel", "Large", 400);
		Path file = root.resolve(text.name());
		Files.writeString(file, text.content(), StandardCharsets.UTF_8);
		FullBuild.Result result = new FullBuild(INJECTOR, 2).run(root, List.of(file));
		assertNull(WorkloadCheck.difference(text.expected(), result.issues()));
	}

	@Test
	void theSameSeedWritesTheSameFiles() throws Exception {
		Workload first = new WorkloadGenerator(10, 0.05).write(root.resolve("a"), 2, 5_000);
		Workload second = new WorkloadGenerator(10, 0.05).write(root.resolve("b"), 2, 5_000);
		assertEquals(first.expected(), second.expected());
		for (int i = 0; i < first.files().size(); i++) {
			assertEquals(Files.readString(first.files().get(i)), Files.readString(second.files().get(i)));
		}
	}

	@Test
	void theCheckNamesWhatIsMissingAndWhatIsNot() {
		Expected a = new Expected("f.funnel", 3, Expected.ERROR, "duplicate-name");
		Expected b = new Expected("f.funnel", 9, Expected.WARNING, "implied-probability-mismatch");
		assertNull(WorkloadCheck.difference(List.of(a, b), List.of(b, a)));
		String difference = WorkloadCheck.difference(List.of(a, a), List.of(a, b));
		assertTrue(difference.contains("missing    " + a), difference);
		assertTrue(difference.contains("unexpected " + b), difference);
	}
}

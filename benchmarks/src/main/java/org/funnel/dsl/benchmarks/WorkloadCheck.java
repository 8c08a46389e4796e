package org.funnel.dsl.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.FunnelStandaloneSetup;
import org.funnel.dsl.benchmarks.WorkloadGenerator.Expected;

/**
 * Checks that exactly the expected diagnostics came out: every injected problem, on its line, with
 * its code and severity, and nothing else. A benchmark whose check fails reports no figure.
 */
public final class WorkloadCheck {

	private WorkloadCheck() {
	}

	/** Null when both hold the same diagnostics (as multisets), else what differs (the first few of each). */
	public static String difference(Collection<Expected> expected, Collection<Expected> actual) {
		Map<Expected, Integer> counts = new HashMap<>();
		expected.forEach(e -> counts.merge(e, 1, Integer::sum));
		actual.forEach(e -> counts.merge(e, -1, Integer::sum));
		List<Expected> missing = new ArrayList<>();
		List<Expected> extra = new ArrayList<>();
		counts.forEach((e, count) -> {
			for (int i = 0; i < Math.abs(count); i++) {
				(count > 0 ? missing : extra).add(e);
			}
		});
		if (missing.isEmpty() && extra.isEmpty()) {
			return null;
		}
		missing.sort(null);
		extra.sort(null);
		StringBuilder text = new StringBuilder();
		text.append(expected.size()).append(" expected, ").append(actual.size()).append(" reported; ")
				.append(missing.size()).append(" missing, ").append(extra.size()).append(" unexpected");
		missing.stream().limit(5).forEach(e -> text.append("\n  missing    ").append(e));
		extra.stream().limit(5).forEach(e -> text.append("\n  unexpected ").append(e));
		return text.toString();
	}

	/** {@code WorkloadCheck SEED ERROR_RATE FILES BYTES_PER_FILE [THREADS]}: one build, checked. */
	public static void main(String[] args) throws Exception {
		Path root = Files.createTempDirectory("workload");
		var workload = new WorkloadGenerator(Long.parseLong(args[0]), Double.parseDouble(args[1])).write(root,
				Integer.parseInt(args[2]), Long.parseLong(args[3]));
		int threads = args.length > 4 ? Integer.parseInt(args[4]) : Runtime.getRuntime().availableProcessors();
		var injector = new FunnelStandaloneSetup().createInjectorAndDoEMFRegistration();
		long start = System.nanoTime();
		var result = new FullBuild(injector, threads).run(root, workload.files());
		long ms = (System.nanoTime() - start) / 1_000_000;
		System.out.printf("%d files, %d bytes, %d stages, %d errors and %d warnings expected, %d reported, %d ms%n",
				workload.files().size(), workload.bytes(), workload.stages(), workload.errors(), workload.warnings(),
				result.issues().size(), ms);
		String difference = difference(workload.expected(), result.issues());
		System.out.println(difference == null ? "OK: exactly the expected diagnostics" : "MISMATCH: " + difference);
		System.out.println("root " + root);
		System.exit(difference == null ? 0 : 1);
	}
}

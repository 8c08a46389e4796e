package org.funnel.dsl.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;

import org.funnel.dsl.FunnelStandaloneSetup;
import org.funnel.dsl.benchmarks.WorkloadGenerator.InjectedError;

/** Generates a workload and checks that exactly the injected errors come out. */
public final class WorkloadCheck {
	public static void main(String[] args) throws Exception {
		Path root = Files.createTempDirectory("workload");
		var workload = new WorkloadGenerator(Long.parseLong(args[0]), Double.parseDouble(args[1])).write(root,
				Integer.parseInt(args[2]), Long.parseLong(args[3]));
		var injector = new FunnelStandaloneSetup().createInjectorAndDoEMFRegistration();
		long start = System.nanoTime();
		var result = new FullBuild(injector).run(root, workload.files());
		long ms = (System.nanoTime() - start) / 1_000_000;
		Set<InjectedError> expected = new HashSet<>(workload.errors());
		Set<InjectedError> actual = new HashSet<>(result.errors());
		System.out.printf("%d files, %d bytes, %d stages, %d injected, %d errors, %d warnings, %d ms%n",
				workload.files().size(), workload.bytes(), workload.stages(), expected.size(), actual.size(),
				result.warnings(), ms);
		Set<InjectedError> missing = new HashSet<>(expected);
		missing.removeAll(actual);
		Set<InjectedError> extra = new HashSet<>(actual);
		extra.removeAll(expected);
		missing.stream().sorted(Comparator.comparing(InjectedError::toString)).limit(10).forEach(e -> System.out.println("missing " + e));
		extra.stream().sorted(Comparator.comparing(InjectedError::toString)).limit(10).forEach(e -> System.out.println("extra " + e));
		System.out.println("root " + root);
	}
}

package org.funnel.dsl.installtests;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The update site built a second time, from a copy of the same sources, with a newer qualifier: the next
 * build a user updates to. The copy keeps the generated sources' times, so Xtext's generator is skipped;
 * the build is offline, as the first one fetched all it needs.
 */
final class SecondBuild {

	// Every module the update site's bundles come from, and the test support their tests compile against: the first
	// build only verifies, so none of them is in the local repository.
	private static final List<String> MODULES = List.of("releng", "org.funnel.dsl.testing", "org.funnel.dsl",
			"org.funnel.dsl.diagram", "org.funnel.dsl.history", "org.funnel.dsl.ide", "org.funnel.dsl.ui",
			"org.funnel.dsl.feature",
			"org.funnel.dsl.updatesite");
	private static final Set<String> LEFT_OUT = Set.of(".git", "target", "node_modules", "vscode", ".tools");

	private SecondBuild() {
	}

	/** @return the second build's update site, whose Funnel bundles and feature carry {@code qualifier} */
	static Path updateSite(String qualifier) throws IOException, InterruptedException {
		Path sources = Locations.path("funnel.work").resolve("second-build");
		Trees.delete(sources);
		Trees.copy(Locations.existing("funnel.root"), sources, name -> !LEFT_OUT.contains(name));
		List<String> command = List.of(sources.resolve("mvnw").toString(), "-B", "-o", "-q",
				"-Dmaven.repo.local=" + System.getProperty("maven.repo.local"), "package", "-DskipTests",
				"-DforceContextQualifier=" + qualifier, "-pl", String.join(",", MODULES));
		Path log = sources.resolve("build.log");
		int exit = Processes.run(command, sources, log, Duration.ofMinutes(20));
		if (exit != 0) {
			throw new AssertionError("the second build failed (exit " + exit + "):\n" + Processes.tail(log));
		}
		return sources.resolve("org.funnel.dsl.updatesite/target/repository");
	}
}

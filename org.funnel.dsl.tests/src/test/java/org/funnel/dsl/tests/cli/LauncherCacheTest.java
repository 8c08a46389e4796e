package org.funnel.dsl.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./funnel} on Java 25+ starts from an AOT cache made by a training run once per build of
 * the jar: it is made when missing or older than the jar, and neither making nor using it shows
 * anything to the user.
 */
class LauncherCacheTest {

	private static Path cache() throws Exception {
		try (Stream<Path> files = Files.list(Path.of("org.funnel.dsl.cli", "target"))) {
			return files.filter(f -> f.getFileName().toString().matches("funnel-.*\\.aot")).findFirst().orElse(null);
		}
	}

	@Test
	void theCacheIsMadeOnceAndUsedSilently(@TempDir Path dir) throws Exception {
		LauncherScriptTest.Run first = LauncherScriptTest.funnel(Path.of("").toAbsolutePath(), "validate", "examples/");
		assertThat(first.code()).as(first.err()).isZero();
		Path cache = cache();
		assumeTrue(cache != null, "no AOT cache: the JDK is older than 25");
		assertThat(first.out()).isEmpty();
		assertThat(first.err()).contains(" 0 errors").doesNotContain("[warning]", "[error", "aot", "AOT");

		// Older than the jar: made again, and the run's output is as always.
		Files.setLastModifiedTime(cache, FileTime.fromMillis(0));
		Path out = dir.resolve("out");
		LauncherScriptTest.Run again = LauncherScriptTest.funnel(Path.of("").toAbsolutePath(), "generate", "--target",
				"mermaid", "--out", out.toString(), "examples/aida.funnel");
		assertThat(again.code()).as(again.err()).isZero();
		assertThat(again.err()).isEmpty();
		assertThat(again.out()).startsWith("Generated 1 files from 1 funnel").doesNotContain("aot", "AOT");
		assertThat(Files.getLastModifiedTime(cache).toMillis()).isGreaterThan(0);
	}
}

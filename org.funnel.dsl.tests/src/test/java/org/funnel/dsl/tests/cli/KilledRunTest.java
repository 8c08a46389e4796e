package org.funnel.dsl.tests.cli;

import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.funnel.dsl.generator.targets.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.funnel.dsl.generator.OutputDirectory;

/**
 * A generate run killed at any moment (SIGKILL, no chance to clean up) leaves every target
 * directory of --out either exactly as before or exactly as the run would have written it.
 */
class KilledRunTest {

	static final List<String> TARGETS = Target.expand(List.of(Target.all)).stream().map(Target::directory)
			.toList();

	@Test
	void killedAtAnyMomentLeavesOldOrNewNeverAMix(@TempDir Path dir) throws Exception {
		Path before = Files.createDirectories(dir.resolve("before"));
		Path after = Files.createDirectories(dir.resolve("after"));
		writeVersions(before, after);
		Path expectedOld = dir.resolve("expected-old");
		Path expectedNew = dir.resolve("expected-new");
		assertThat(Cli.run("generate", "-t", "all", "-o", expectedOld.toString(), before.toString()).code()).isZero();
		assertThat(Cli.run("generate", "-t", "all", "-o", expectedNew.toString(), after.toString()).code()).isZero();
		Map<String, Map<String, String>> old = perTarget(expectedOld);
		Map<String, Map<String, String>> neu = perTarget(expectedNew);
		assertThat(old).isNotEqualTo(neu);

		Path out = dir.resolve("out");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = List.of(java, "-jar",
				Path.of("org.funnel.dsl.cli/target/funnel.jar").toAbsolutePath().toString(),
				"generate", "-t", "all", "-o", out.toString(), after.toString());
		// How long a whole run takes here; the kills are spread over that time and a bit beyond.
		OutputCopy.replace(expectedOld, out);
		long start = System.nanoTime();
		Process whole = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		assertThat(whole.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(whole.exitValue()).isZero();
		long duration = (System.nanoTime() - start) / 1_000_000;
		assertThat(perTarget(out)).isEqualTo(neu);
		int sawOld = 0;
		int sawNew = 0;
		for (double fraction : new double[] { 0.3, 0.6, 0.8, 0.9, 0.95, 1.0, 1.2 }) {
			long delay = (long) (duration * fraction);
			OutputCopy.replace(expectedOld, out);
			Path log = dir.resolve("log.txt");
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			if (process.waitFor(delay, TimeUnit.MILLISECONDS)) {
				assertThat(process.exitValue()).as(Files.readString(log)).isZero();
			} else {
				process.destroyForcibly();
				process.waitFor();
			}
			int[] seen = oldOrNew(perTarget(out), old, neu, delay);
			sawOld += seen[0];
			sawNew += seen[1];
			// Leftovers of a killed run are hidden and removed by the next run.
			try (var entries = Files.list(out)) {
				assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".funnel-tmp-")))
						.containsExactlyInAnyOrderElementsOf(TARGETS);
			}
		}
		assertThat(Cli.run("generate", "-t", "all", "-o", out.toString(), after.toString()).code()).isZero();
		assertThat(perTarget(out)).isEqualTo(neu);
		try (var entries = Files.list(out)) {
			assertThat(entries.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
		}
		System.out.println("runs of " + duration + " ms killed: " + sawOld + " target directories old, " + sawNew + " new");
	}

	/** Each target directory is old or new, never a mix: how many are old and how many new. */
	private static int[] oldOrNew(Map<String, Map<String, String>> now, Map<String, Map<String, String>> old,
			Map<String, Map<String, String>> neu, long delay) {
		int sawOld = 0;
		int sawNew = 0;
		for (String target : TARGETS) {
			Map<String, String> files = now.getOrDefault(target, Map.of());
			boolean isOld = files.equals(old.get(target));
			boolean isNew = files.equals(neu.get(target));
			assertThat(isOld || isNew).as(target + " after " + delay + " ms is a mix or incomplete").isTrue();
			sawOld += isOld ? 1 : 0;
			sawNew += isNew ? 1 : 0;
		}
		return new int[] { sawOld, sawNew };
	}

	/** 60 copies of the win-back funnel before, and after a label changed in each. */
	private static void writeVersions(Path before, Path after) throws IOException {
		for (Path side : List.of(before, after)) {
			Files.createDirectories(side.resolve("shared"));
			Files.copy(Path.of("examples/shared/channels.funnel"), side.resolve("shared/channels.funnel"));
		}
		for (int i = 0; i < 60; i++) {
			String text = Files.readString(Path.of("examples/win-back.funnel"))
					.replace("funnel WinBack \"Win-back\"", "funnel WinBack" + i + " \"Win-back " + i + "\"");
			Files.writeString(before.resolve("f" + i + ".funnel"), text);
			Files.writeString(after.resolve("f" + i + ".funnel"),
					text.replace("stage Cancelled \"Cancelled\"", "stage Cancelled \"Cancelled recently\""));
		}
	}

	static Map<String, Map<String, String>> perTarget(Path out) {
		Map<String, Map<String, String>> result = new TreeMap<>();
		if (!Files.isDirectory(out)) {
			return result;
		}
		FileTrees.text(FileTrees.tree(out)).forEach((path, text) -> {
			int slash = path.indexOf('/');
			String top = path.substring(0, slash);
			if (!top.startsWith(".")) {
				result.computeIfAbsent(top, k -> new TreeMap<>()).put(path.substring(slash + 1), text);
			}
		});
		return result;
	}

	/** Copies a directory tree over a fresh target. */
	static final class OutputCopy {
		static void replace(Path from, Path to) throws Exception {
			OutputDirectory.deleteRecursively(to);
			FileTrees.copyTree(from, to);
		}
	}
}

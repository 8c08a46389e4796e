package org.funnel.dsl.tests.robustness;

import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.funnel.dsl.generator.targets.Target;
import org.funnel.dsl.tests.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.LinkOption;
import java.util.Collections;

/**
 * {@code funnel generate} when the file system is against it: the output directory read-only or
 * full, a file where a directory should be, symbolic links leading out of {@code --out}, names that
 * try to climb out of it, two runs into the same directory at once. Each time: a clear one-line
 * message, a non-zero exit, no stack trace, and the output directory as it was (or, for two runs,
 * each target directory complete from one of them). A run killed by SIGKILL is covered by
 * {@code cli.KilledRunTest}.
 */
class CommandLineFaultsTest {

	private static final List<String> TARGETS = Target.expand(List.of(Target.all)).stream().map(Target::directory)
			.toList();

	/**
	 * Runs the real command line (the jar) in its own process, as CI does, from the same working
	 * directory as the runs in this JVM (generated files name their source relative to it).
	 */
	private static Cli.Result funnelProcess(String... args) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-jar",
				Path.of("org.funnel.dsl.cli/target/funnel.jar").toAbsolutePath().toString()));
		command.addAll(List.of(args));
		Path out = Files.createTempFile("funnel-out", ".txt");
		Path err = Files.createTempFile("funnel-err", ".txt");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
				.redirectError(err.toFile()).start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		return new Cli.Result(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	private static void assertCleanFailure(Cli.Result run) {
		assertThat(run.code()).as(run.toString()).isNotZero();
		assertThat(run.err()).as(run.toString()).startsWith("funnel: ");
		assertThat(run.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
	}

	private static Path example(Path dir) throws IOException {
		Files2.copyShared(dir);
		return Files.copy(Path.of("examples/b2b.funnel"), dir.resolve("b2b.funnel"));
	}

	// ---- tmpfs mounts (the tests run as root on the build machines; elsewhere these two are skipped) ----

	private static boolean mount(Path dir, String options) throws Exception {
		Files.createDirectories(dir);
		Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
				.redirectErrorStream(true).start();
		return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
	}

	private static void remountReadOnly(Path dir) throws Exception {
		Process p = new ProcessBuilder("mount", "-o", "remount,ro", dir.toString()).redirectErrorStream(true).start();
		assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("remount read-only").isTrue();
	}

	private static void unmount(Path dir) throws Exception {
		new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
	}

	@Test
	void aReadOnlyOutputDirectoryIsAClearErrorAndStaysAsItWas(@TempDir Path dir) throws Exception {
		Path input = example(dir);
		Path out = dir.resolve("out");
		assumeTrue(mount(out, "size=8m"), "mounting a tmpfs needs root");
		try {
			assertThat(Cli.run("generate", "-t", "all", "-o", out.toString(), input.toString()).code()).isZero();
			Map<String, byte[]> before = FileTrees.tree(out);
			remountReadOnly(out);
			Cli.Result run = Cli.run("generate", "-t", "all", "-o", out.toString(), input.toString());
			assertCleanFailure(run);
			assertThat(run.err()).contains("Read-only file system");
			assertThat(FileTrees.text(FileTrees.tree(out))).isEqualTo(FileTrees.text(before));
		} finally {
			unmount(out);
		}
	}

	@Test
	void aFullDiskIsAClearErrorAndLeavesTheOldOutputWhole(@TempDir Path dir) throws Exception {
		Path small = example(dir);
		// Enough funnels to need more than the disk has: the examples, 40 times under different names.
		Path many = Files.createDirectories(dir.resolve("many"));
		Files2.copyShared(many);
		for (int i = 0; i < 40; i++) {
			Files.writeString(many.resolve("f" + i + ".funnel"), Files.readString(Path.of("examples/win-back.funnel"))
					.replace("funnel WinBack \"Win-back\"", "funnel WinBack" + i + " \"Win-back " + i + "\""));
		}
		Path out = dir.resolve("out");
		assumeTrue(mount(out, "size=256k"), "mounting a tmpfs needs root");
		try {
			assertThat(Cli.run("generate", "-t", "all", "-o", out.toString(), small.toString()).code()).isZero();
			Map<String, String> before = FileTrees.text(FileTrees.tree(out));
			Cli.Result run = funnelProcess("generate", "-t", "all", "-o", out.toString(), many.toString());
			assertCleanFailure(run);
			assertThat(run.err()).contains("No space left on device");
			assertThat(FileTrees.text(FileTrees.tree(out))).isEqualTo(before);
			try (var entries = Files.list(out)) {
				assertThat(entries.map(p -> p.getFileName().toString())).as("no temporary directory left")
						.containsExactlyInAnyOrderElementsOf(TARGETS);
			}
		} finally {
			unmount(out);
		}
	}

	@Test
	void aFileWhereADirectoryShouldBeIsAClearError(@TempDir Path dir) throws Exception {
		Path input = example(dir);
		Path file = Files.writeString(dir.resolve("not-a-directory"), "mine");
		Cli.Result asOut = Cli.run("generate", "-t", "all", "-o", file.toString(), input.toString());
		assertCleanFailure(asOut);
		assertThat(asOut.err()).contains("not-a-directory").contains("not a directory");
		Cli.Result below = Cli.run("generate", "-t", "all", "-o", file.resolve("sub").toString(), input.toString());
		assertCleanFailure(below);
		assertThat(Files.readString(file)).isEqualTo("mine");
		Path out = Files.createDirectories(dir.resolve("out"));
		Files.writeString(out.resolve("java"), "a file named like a target directory");
		Cli.Result inside = Cli.run("generate", "-t", "all", "-o", out.toString(), input.toString());
		assertCleanFailure(inside);
		assertThat(inside.err()).contains("java").contains("not a directory");
		assertThat(Files.readString(out.resolve("java"))).isEqualTo("a file named like a target directory");
		try (var entries = Files.list(out)) {
			assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("java");
		}
	}

	@Test
	void symbolicLinksNeverLeadWritesOrDeletesOutOfTheOutputDirectory(@TempDir Path dir) throws Exception {
		Path input = example(dir);
		Path outside = Files.createDirectories(dir.resolve("outside"));
		Files.writeString(outside.resolve("precious.txt"), "keep me");
		Path out = Files.createDirectories(dir.resolve("out"));
		// A target directory that is a link to somewhere else: refused, the other place untouched.
		Files.createSymbolicLink(out.resolve("report"), outside);
		Cli.Result linked = Cli.run("generate", "-t", "all", "-o", out.toString(), input.toString());
		assertCleanFailure(linked);
		assertThat(linked.err()).contains("symbolic link");
		assertThat(FileTrees.text(FileTrees.tree(outside))).isEqualTo(Map.of("precious.txt", "keep me"));
		Files.delete(out.resolve("report"));
		// A link inside an old target directory: replacing the directory removes the link, not what it points to.
		Files.createDirectories(out.resolve("java"));
		Files.createSymbolicLink(out.resolve("java").resolve("escape"), outside);
		Files.createSymbolicLink(out.resolve("java").resolve("precious.txt"), outside.resolve("precious.txt"));
		Cli.Result run = Cli.run("generate", "-t", "all", "-o", out.toString(), input.toString());
		assertThat(run.code()).as(run.toString()).isZero();
		assertThat(Files.exists(out.resolve("java").resolve("escape"), LinkOption.NOFOLLOW_LINKS)).isFalse();
		assertThat(FileTrees.text(FileTrees.tree(outside))).isEqualTo(Map.of("precious.txt", "keep me"));
	}

	@Test
	void namesThatClimbOutOfTheOutputDirectoryAreRefused(@TempDir Path dir) throws Exception {
		Files2.copyShared(dir);
		Path input = Files2.write(dir.resolve("climb.funnel"), """
				funnel Climb "Climb" {
				    salesforce process "../../../../outside/evil"
				    stage Lead {
				        probability 10%
				        moves to Won 10%
				    }
				    won stage Won
				}
				""");
		Path out = dir.resolve("a/b/out");
		Cli.Result run = Cli.run("generate", "-t", "all", "-o", dir.resolve("a/../a/b/./out").toString(), input.toString());
		// A process name is any text Salesforce allows (#23): encoded as retrieves encode it ('.' and '/' too), it names
		// a file inside the output directory.
		assertThat(run.code()).as(run.toString()).isZero();
		assertThat(out.resolve("salesforce/force-app/main/default/objects/Opportunity/businessProcesses/"
				+ "%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Foutside%2Fevil.businessProcess-meta.xml")).isRegularFile();
		assertThat(dir.resolve("outside")).doesNotExist();
	}

	@Test
	void twoRunsAtOnceLeaveEachTargetCompleteFromOneOfThem(@TempDir Path dir) throws Exception {
		Path a = Files.createDirectories(dir.resolve("a"));
		Path b = Files.createDirectories(dir.resolve("b"));
		for (Path side : List.of(a, b)) {
			Files2.copyShared(side);
			for (int i = 0; i < 15; i++) {
				String text = Files.readString(Path.of("examples/win-back.funnel"))
						.replace("funnel WinBack \"Win-back\"", "funnel WinBack" + i + " \"Win-back " + i + "\"");
				Files.writeString(side.resolve("f" + i + ".funnel"), side == b
						? text.replace("stage Cancelled \"Cancelled\"", "stage Cancelled \"Cancelled recently\"") : text);
			}
		}
		Map<String, Map<String, String>> fromA = perTarget(generateAlone(dir, a, "expected-a"));
		Map<String, Map<String, String>> fromB = perTarget(generateAlone(dir, b, "expected-b"));
		assertThat(fromA).isNotEqualTo(fromB);
		Path out = dir.resolve("out");
		for (int round = 0; round < 3; round++) {
			List<Thread> threads = new ArrayList<>();
			List<Cli.Result> runs = Collections.synchronizedList(new ArrayList<>());
			for (Path side : List.of(a, b)) {
				Thread thread = new Thread(() -> {
					try {
						runs.add(funnelProcess("generate", "-t", "all", "-o", out.toString(), side.toString()));
					} catch (Exception e) {
						throw new IllegalStateException(e);
					}
				});
				thread.start();
				threads.add(thread);
			}
			for (Thread thread : threads) {
				thread.join(TimeUnit.MINUTES.toMillis(5));
			}
			assertThat(runs).hasSize(2);
			for (Cli.Result run : runs) {
				// A run may lose the race for a directory; then it says so, in one line.
				if (run.code() != 0) {
					assertCleanFailure(run);
				}
			}
			assertThat(runs).anySatisfy(run -> assertThat(run.code()).isZero());
			Map<String, Map<String, String>> now = perTarget(out);
			for (String target : TARGETS) {
				Map<String, String> files = now.getOrDefault(target, Map.of());
				assertThat(files.equals(fromA.get(target)) || files.equals(fromB.get(target)))
						.as("round " + round + ": " + target + " is complete from one run").isTrue();
			}
		}
	}

	private static Path generateAlone(Path dir, Path input, String name) throws Exception {
		Path out = dir.resolve(name);
		Cli.Result run = Cli.run("generate", "-t", "all", "-o", out.toString(), input.toString());
		assertThat(run.code()).as(run.toString()).isZero();
		return out;
	}

	private static Map<String, Map<String, String>> perTarget(Path out) {
		Map<String, Map<String, String>> result = new TreeMap<>();
		FileTrees.text(FileTrees.tree(out)).forEach((path, text) -> {
			int slash = path.indexOf('/');
			result.computeIfAbsent(path.substring(0, slash), k -> new TreeMap<>()).put(path.substring(slash + 1), text);
		});
		return result;
	}
}

package org.funnel.dsl.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.funnel.dsl.benchmarks.WorkloadGenerator.Expected;
import org.funnel.dsl.benchmarks.WorkloadGenerator.Workload;

/**
 * The command line as users run it: {@code ./funnel} started as a new process each time (a cold
 * JVM), timed by the wall clock from start to exit. Every run is checked: the exit code, the number
 * of funnels and files reported and written, the same output bytes on every run, and for
 * {@code validate} exactly the injected diagnostics.
 */
final class CliBenchmark {

	private static final Pattern GENERATED = Pattern.compile("Generated (\\d+) files from (\\d+) funnels?");
	private static final Pattern DIAGNOSTIC = Pattern.compile("^(.+?):(\\d+):(\\d+): (error|warning|info): .*\\[([^\\]]+)\\]$");

	private final Path repository;
	private final Path scratch;
	private final boolean quick;

	CliBenchmark(Path repository, Path scratch, boolean quick) {
		this.repository = repository;
		this.scratch = scratch;
		this.quick = quick;
	}

	List<Result> run() throws IOException, InterruptedException {
		List<Result> results = new ArrayList<>();
		int runs = quick ? 3 : 10;
		Path examples = repository.resolve("examples");
		long exampleFunnels = countFunnels(examples);
		results.add(generate("funnel generate --target all, all examples (cold JVM)", repository, List.of("examples"),
				exampleFunnels, runs, 2000));

		int count = quick ? 100 : 1000;
		Workload clean = new WorkloadGenerator(BuildBenchmarks.SEED + 1, 0).write(scratch.resolve("cli-clean"), count,
				10_000);
		String name = "funnel generate --target all, " + String.format(Locale.ROOT, "%,d", count) + " files, "
				+ String.format(Locale.ROOT, "%.1f", clean.bytes() / 1e6) + " MB (cold JVM)";
		results.add(generate(name, clean.root(), List.of("funnels", "shared"), countFunnels(clean.root()),
				quick ? 2 : 5, 15000));

		Workload broken = new WorkloadGenerator(BuildBenchmarks.SEED + 2, BuildBenchmarks.ERROR_RATE)
				.write(scratch.resolve("cli-broken"), count, 10_000);
		results.add(validate("funnel validate, " + String.format(Locale.ROOT, "%,d", count)
				+ " files with injected errors (cold JVM)", broken, quick ? 2 : 5));
		return results;
	}

	private Result generate(String name, Path workingDirectory, List<String> inputs, long funnels, int runs,
			double targetMillis) throws IOException, InterruptedException {
		List<Double> millis = new ArrayList<>();
		String firstDigest = null;
		for (int run = -1; run < runs; run++) {
			Path out = Files.createTempDirectory(scratch, "out");
			List<String> command = new ArrayList<>(List.of("generate", "--target", "all", "--out", out.toString()));
			command.addAll(inputs);
			Run result = funnel(workingDirectory, command);
			String failure = null;
			Matcher matcher = GENERATED.matcher(result.stdout);
			if (result.exit != 0) {
				failure = "exit code " + result.exit + ": " + tail(result.stderr);
			} else if (!matcher.find()) {
				failure = "no 'Generated ...' line: " + tail(result.stdout);
			} else if (Long.parseLong(matcher.group(2)) != funnels) {
				failure = matcher.group(2) + " funnels generated, " + funnels + " expected";
			} else if (Long.parseLong(matcher.group(1)) != countFiles(out)) {
				failure = matcher.group(1) + " files reported, " + countFiles(out) + " written";
			} else {
				String digest = digest(out);
				if (firstDigest == null) {
					firstDigest = digest;
				} else if (!firstDigest.equals(digest)) {
					failure = "output differs from the first run's";
				}
			}
			Suite.deleteTree(out);
			if (failure != null) {
				return Result.failed(name, "ms", "median", targetMillis, false, failure);
			}
			if (run >= 0) { // the first run may build the jar or a class-data archive: not counted
				millis.add(result.millis);
			}
		}
		return Result.of(name, "ms", millis, "median", targetMillis, false,
				funnels + " funnels; exit code, file count and output bytes checked on every run");
	}

	private Result validate(String name, Workload workload, int runs) throws IOException, InterruptedException {
		List<Double> millis = new ArrayList<>();
		for (int run = -1; run < runs; run++) {
			Run result = funnel(workload.root(), List.of("validate", "funnels", "shared"));
			List<Expected> actual = new ArrayList<>();
			for (String line : result.stdout.split("\n")) {
				Matcher matcher = DIAGNOSTIC.matcher(line.strip());
				if (matcher.matches()) {
					String path = matcher.group(1).replace('\\', '/');
					actual.add(new Expected(path.startsWith("./") ? path.substring(2) : path,
							Integer.parseInt(matcher.group(2)), matcher.group(4).toUpperCase(Locale.ROOT), matcher.group(5)));
				}
			}
			String difference = WorkloadCheck.difference(workload.expected(), actual);
			if (result.exit != 1) {
				difference = "exit code " + result.exit + " (1 expected: there are errors): " + tail(result.stderr);
			}
			if (difference != null) {
				return Result.failed(name, "ms", "median", Double.NaN, false, "wrong diagnostics: " + difference);
			}
			if (run >= 0) {
				millis.add(result.millis);
			}
		}
		return Result.of(name, "ms", millis, "median", Double.NaN, false, workload.errors() + " errors + "
				+ workload.warnings() + " warnings injected; exactly these reported on every run");
	}

	record Run(int exit, double millis, String stdout, String stderr) {
	}

	private Run funnel(Path workingDirectory, List<String> arguments) throws IOException, InterruptedException {
		return run(repository.resolve("funnel"), workingDirectory, arguments);
	}

	/** One cold run of a command line launcher (./funnel, or an unpacked archive's bin/funnel), timed to its exit. */
	Run run(Path launcher, Path workingDirectory, List<String> arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(launcher.toString());
		command.addAll(arguments);
		Path stdout = Files.createTempFile(scratch, "stdout", ".txt");
		Path stderr = Files.createTempFile(scratch, "stderr", ".txt");
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
		builder.environment().put("FUNNEL_JAVA_HOME", System.getProperty("java.home"));
		long start = System.nanoTime();
		Process process = builder.start();
		if (!process.waitFor(10, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IOException(launcher + " " + arguments + " did not finish within 10 minutes");
		}
		double millis = (System.nanoTime() - start) / 1e6;
		Run run = new Run(process.exitValue(), millis, Files.readString(stdout, StandardCharsets.UTF_8),
				Files.readString(stderr, StandardCharsets.UTF_8));
		Files.delete(stdout);
		Files.delete(stderr);
		return run;
	}

	private static long countFunnels(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			long count = 0;
			for (Path file : files.filter(f -> f.toString().endsWith(".funnel")).toList()) {
				for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
					if (line.startsWith("funnel ")) {
						count++;
					}
				}
			}
			return count;
		}
	}

	private static long countFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).count();
		}
	}

	private static String digest(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				digest.update(directory.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
				digest.update(Files.readAllBytes(file));
			}
			return HexFormat.of().formatHex(digest.digest());
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static String tail(String text) {
		String stripped = text.strip();
		return stripped.length() <= 400 ? stripped : "..." + stripped.substring(stripped.length() - 400);
	}
}

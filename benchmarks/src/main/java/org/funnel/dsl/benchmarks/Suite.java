package org.funnel.dsl.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.funnel.dsl.tests.XtextDefaultsModule;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark and prints one table (median, min, max; p95 for latencies) with the
 * targets, the machine it ran on, and what each figure means. Started by {@code benchmarks/run}.
 * <p>
 * Each group runs in processes of its own: the full builds in a JVM per group, the language server
 * as a separate process with a client, the command line as a new process per run, the analysis and
 * the Monte Carlo simulation under JMH (which forks).
 * <p>
 * {@code Suite [--repo DIR] [--quick] [--only GROUP,...] [--results FILE] [--quiet-load L] [--max-wait S]}
 * with groups {@value #GROUPS}, and on request {@value #EXTRA_GROUPS}.
 */
public final class Suite {

	static final String GROUPS = "build,single,growth,start,lsp,cli,archive,analysis,montecarlo,diagram,history";
	/** Groups run only when asked for with --only. */
	static final String EXTRA_GROUPS = "overrides";

	/** The runtime of the linux-x64 extension and the server's AOT cache, made by scripts/server-runtime.sh. */
	static final String SERVER_BUNDLE = "org.funnel.dsl.ide/target/server-linux-x64";

	/**
	 * JVM options of the full-build processes: a large stack for deeply nested input (as the
	 * command line has); the parallel collector (throughput, no concurrent GC threads competing with
	 * the build threads on two cores) with a young generation that holds what one build allocates
	 * (about 80 times the input), so that a build after the untimed collection before it runs without
	 * a collection; EMF's reference-clearing thread off (it hands every URI fragment to a second
	 * thread).
	 */
	static final List<String> BUILD_JVM = List.of("-Xss4m", "-Xms4g", "-Xmx4g", "-Xmn2600m", "-XX:+UseParallelGC",
			"-Dorg.eclipse.emf.common.util.ReferenceClearingQueue=false");

	private final Path repository;
	private final boolean quick;
	private final Set<String> groups;
	private final double quietLoad;
	private final long maxWaitSeconds;
	private final List<Result> results = new ArrayList<>();
	private final List<String> loads = new ArrayList<>();

	private Suite(Path repository, boolean quick, Set<String> groups, double quietLoad, long maxWaitSeconds) {
		this.repository = repository;
		this.quick = quick;
		this.groups = groups;
		this.quietLoad = quietLoad;
		this.maxWaitSeconds = maxWaitSeconds;
	}

	public static void main(String[] args) throws Exception {
		Path repository = Path.of("").toAbsolutePath();
		boolean quick = false;
		Set<String> groups = new LinkedHashSet<>(Arrays.asList(GROUPS.split(",")));
		Path resultsFile = null;
		double quietLoad = Double.NaN;
		long maxWait = 900;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
			case "--repo" -> repository = Path.of(args[++i]).toAbsolutePath();
			case "--quick" -> quick = true;
			case "--only" -> groups = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
			case "--results" -> resultsFile = Path.of(args[++i]);
			case "--quiet-load" -> quietLoad = Double.parseDouble(args[++i]);
			case "--max-wait" -> maxWait = Long.parseLong(args[++i]);
			default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: Suite [--repo DIR] "
					+ "[--quick] [--only " + GROUPS + "," + EXTRA_GROUPS + "] [--results FILE] [--quiet-load L] [--max-wait S]");
			}
		}
		Suite suite = new Suite(repository, quick, groups, quietLoad, maxWait);
		String machine = Machine.describe();
		System.out.println(machine);
		suite.runAll();
		String table = suite.table(machine);
		System.out.println();
		System.out.println(table);
		if (resultsFile != null) {
			Files.createDirectories(resultsFile.toAbsolutePath().getParent());
			Files.writeString(resultsFile, table, StandardCharsets.UTF_8);
			System.out.println("Written to " + resultsFile);
		}
		boolean failed = suite.results.stream().anyMatch(r -> r.failure() != null);
		System.exit(failed ? 1 : 0);
	}

	private void runAll() throws Exception {
		Path scratch = Files.createTempDirectory("funnel-bench");
		try {
			String quickFlag = quick ? "--quick" : "";
			if (groups.contains("build")) {
				group("build", () -> child(BUILD_JVM, BuildBenchmarks.class, "workspace", quickFlag));
			}
			if (groups.contains("single")) {
				group("single", () -> child(BUILD_JVM, BuildBenchmarks.class, "single", quickFlag));
			}
			if (groups.contains("overrides")) {
				group("overrides", this::overrides);
			}
			if (groups.contains("growth")) {
				group("growth", () -> child(BUILD_JVM, BuildBenchmarks.class, "growth", quickFlag));
			}
			Path jar = repository.resolve("org.funnel.dsl.ide/target/funnel-language-server.jar");
			Path bundle = repository.resolve(SERVER_BUNDLE);
			if (groups.contains("start")) {
				group("start", () -> child(List.of("-Xss4m", "-Xmx1g"), ServerStartBenchmark.class, jar.toString(),
						bundle.toString(), repository.resolve("examples").toString(), quickFlag));
			}
			if (groups.contains("lsp")) {
				// On the bundled runtime, as the linux-x64 extension runs it; FUNNEL_BENCH_JDK_SERVER=1: with java -jar on
				// this JDK, as the universal extension does (e.g. for a flight recording, which the runtime cannot make).
				String bundleOption = System.getenv("FUNNEL_BENCH_JDK_SERVER") != null ? "" : "--bundle";
				String bundleDir = bundleOption.isEmpty() ? "" : bundle.toString();
				group("lsp", () -> child(List.of("-Xss4m", "-Xmx1g"), LspBenchmark.class, jar.toString(), quickFlag,
						bundleOption, bundleDir));
			}
			if (groups.contains("cli")) {
				group("cli", () -> new CliBenchmark(repository, scratch, quick).run());
			}
			if (groups.contains("archive")) {
				group("archive", () -> new ArchiveBenchmark(repository, scratch, quick).run());
			}
			if (groups.contains("analysis")) {
				group("analysis", this::analysis);
			}
			if (groups.contains("montecarlo")) {
				group("montecarlo", this::monteCarlo);
			}
			if (groups.contains("diagram")) {
				group("diagram", this::diagram);
			}
			if (groups.contains("history")) {
				group("history", () -> child(List.of("-Xss4m", "-Xmx1g"), HistoryBenchmark.class, scratch.toString(),
						quickFlag));
			}
		} finally {
			deleteTree(scratch);
		}
	}

	private interface Group {
		Collection<Result> run() throws Exception;
	}

	private void group(String name, Group group) throws Exception {
		double load = awaitQuiet();
		loads.add(String.format(Locale.ROOT, "%s %.2f", name, load));
		System.out.printf(Locale.ROOT, "== %s (load average %.2f)%n", name, load);
		long start = System.nanoTime();
		Collection<Result> groupResults = group.run();
		for (Result result : groupResults) {
			System.out.printf(Locale.ROOT, "   %-70s %s %s %s%n", result.name(), Result.format(result.judgedValue()),
					result.unit(), result.failure() != null ? "FAILED: " + result.failure() : result.verdict());
		}
		System.out.printf(Locale.ROOT, "   (%d s)%n", (System.nanoTime() - start) / 1_000_000_000);
		results.addAll(groupResults);
	}

	/** Waits (up to the limit) for the one-minute load average to fall below the quiet level; returns it. */
	private double awaitQuiet() throws InterruptedException {
		double load = Machine.loadAverage();
		if (Double.isNaN(quietLoad)) {
			return load;
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxWaitSeconds);
		boolean said = false;
		while (load >= quietLoad && System.nanoTime() < deadline) {
			if (!said) {
				System.out.printf(Locale.ROOT, "   waiting for a load average under %.2f (now %.2f)...%n", quietLoad, load);
				said = true;
			}
			Thread.sleep(10_000);
			load = Machine.loadAverage();
		}
		return load;
	}

	/** Runs a benchmark class's main in a JVM of its own and reads back its result lines. */
	/**
	 * What each of the language's faster replacements of Xtext services gains: the 2 MiB single-file
	 * build with all of them, with each one turned back to Xtext's own, and with none (a JVM each).
	 */
	private List<Result> overrides() throws IOException, InterruptedException {
		List<String> variants = new ArrayList<>(List.of("none"));
		for (XtextDefaultsModule.Override override : XtextDefaultsModule.Override.values()) {
			variants.add(override.name());
		}
		variants.add("all");
		List<Result> all = new ArrayList<>();
		for (String variant : variants) {
			all.addAll(child(BUILD_JVM, BuildBenchmarks.class, "single", "--xtext-defaults", variant, quick ? "--quick" : ""));
		}
		return all;
	}

	private List<Result> child(List<String> jvmOptions, Class<?> main, String... args) throws IOException,
			InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		// More options for the benchmark JVMs, e.g. to profile: FUNNEL_BENCH_JVM_OPTS=-XX:StartFlightRecording=filename=build.jfr
		String extra = System.getenv("FUNNEL_BENCH_JVM_OPTS");
		if (extra != null && !extra.isBlank()) {
			command.addAll(List.of(extra.trim().split("\\s+")));
		}
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(main.getName());
		for (String arg : args) {
			if (!arg.isEmpty()) {
				command.add(arg);
			}
		}
		Process process = new ProcessBuilder(command).directory(repository.toFile())
				.redirectError(ProcessBuilder.Redirect.INHERIT).start();
		List<Result> childResults = new ArrayList<>();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				Result result = Result.parse(line);
				if (result != null) {
					childResults.add(result);
				} else if (!line.isBlank()) {
					System.out.println("   | " + line);
				}
			}
		}
		int exit = process.waitFor();
		if (exit != 0 && childResults.isEmpty()) {
			childResults.add(Result.failed(main.getSimpleName() + " " + String.join(" ", args), "", "median", Double.NaN,
					false, "exit code " + exit));
		}
		return childResults;
	}

	private List<Result> analysis() throws RunnerException {
		Collection<RunResult> runs = jmh(AnalysisBenchmark.class);
		List<Result> list = new ArrayList<>();
		for (RunResult run : runs) {
			String method = run.getParams().getBenchmark();
			method = method.substring(method.lastIndexOf('.') + 1);
			List<Double> millis = iterationScores(run, null);
			String what = method.equals("fromGraph") ? "from its graph" : "from the model, graph built too";
			list.add(Result.of("implied win probabilities, 5,000-stage funnel, " + what, "ms", millis, "median", 200,
					false, "JMH, ms per analysis (win, loss, steps, flows), answer checked"));
		}
		return list;
	}

	private List<Result> monteCarlo() throws RunnerException {
		Collection<RunResult> runs = jmh(MonteCarloBenchmark.class);
		List<Result> list = new ArrayList<>();
		for (RunResult run : runs) {
			List<Double> perSecond = iterationScores(run, "transitions").stream().map(v -> v / 1e6).toList();
			list.add(Result.of("generated Java, Monte Carlo simulation, " + run.getParams().getParam("stages")
					+ "-stage funnel, one core", "M transitions/s", perSecond, "median", 10, true,
					"JMH, one thread; the class generated, compiled and loaded; win rate checked"));
		}
		return list;
	}

	private List<Result> diagram() throws RunnerException {
		Collection<RunResult> runs = jmh(DiagramBenchmark.class);
		List<Result> list = new ArrayList<>();
		for (RunResult run : runs) {
			String stages = run.getParams().getParam("stages");
			// 200 stages: well under a second (issue 12); 1,000: drawn off the editors' request threads, no target.
			list.add(Result.of("funnel diagram (model, ELK layout, SVG), " + stages + "-stage funnel", "ms",
					iterationScores(run, null), "median", stages.equals("200") ? 500 : Double.NaN, false,
					"JMH, ms per picture, every stage drawn"));
		}
		for (int stages : new int[] { 200, 1000 }) {
			list.add(Result.of("funnel diagram, " + stages + "-stage funnel: CPU time of the drawing thread", "ms",
					DiagramBenchmark.cpuMillis(stages, quick ? 3 : 10, quick ? 5 : 10), "median", Double.NaN, false,
					"thread CPU time per picture after warm-up, in the suite's JVM (GC threads not counted); other load does not change it"));
		}
		return list;
	}

	private Collection<RunResult> jmh(Class<?> benchmark) throws RunnerException {
		ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark.getName() + "\\.")
				.jvm(Path.of(System.getProperty("java.home"), "bin", "java").toString()).shouldFailOnError(true);
		if (quick) {
			options.warmupIterations(2).measurementIterations(3);
		}
		return new Runner(options.build()).run();
	}

	/** Per measured iteration: the primary score, or the named secondary one. */
	private static List<Double> iterationScores(RunResult run, String secondary) {
		List<Double> scores = new ArrayList<>();
		for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
			for (IterationResult iteration : benchmark.getIterationResults()) {
				scores.add(secondary == null ? iteration.getPrimaryResult().getScore()
						: iteration.getSecondaryResults().get(secondary).getScore());
			}
		}
		return scores;
	}

	private String table(String machine) {
		StringBuilder out = new StringBuilder();
		out.append(machine).append('\n');
		out.append("Load average (1 min) when each group started: ").append(String.join(", ", loads)).append("\n\n");
		out.append("| # | benchmark | target | median | min | max | p95 | unit | n | |\n");
		out.append("| ---: | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | --- |\n");
		int row = 0;
		for (Result result : results) {
			Stats stats = result.stats();
			boolean latency = result.judged().equals("p95");
			out.append("| ").append(++row).append(" | ").append(result.name()).append(" | ").append(result.targetText())
					.append(" | ").append(Result.format(stats.median())).append(" | ").append(Result.format(stats.min()))
					.append(" | ").append(Result.format(stats.max())).append(" | ")
					.append(latency ? Result.format(stats.p95()) : "").append(" | ").append(result.unit()).append(" | ")
					.append(stats.count()).append(" | ").append(result.verdict()).append(" |\n");
		}
		out.append('\n');
		row = 0;
		for (Result result : results) {
			row++;
			String text = result.failure() != null ? "FAILED: " + result.failure() : result.note();
			if (!text.isEmpty()) {
				out.append(row).append(". ").append(text).append('\n');
			}
		}
		return out.toString();
	}

	static void deleteTree(Path root) {
		if (root == null || !Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The machine the figures come from. */
	static final class Machine {

		private Machine() {
		}

		static String describe() {
			String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
			String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal");
			String ram = memory == null ? "?"
					: String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(memory.replaceAll("[^0-9]", "")) / 1024.0 / 1024);
			return String.format(Locale.ROOT, "Machine: %d cores (nproc), CPU %s, RAM %s, %s %s (%s), %s %s; %s",
					Runtime.getRuntime().availableProcessors(), cpu == null ? "?" : cpu, ram,
					System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
					System.getProperty("java.vm.vendor"), System.getProperty("os.name"), System.getProperty("os.version"),
					ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		}

		static double loadAverage() {
			try {
				return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
			} catch (IOException | RuntimeException e) {
				return Double.NaN;
			}
		}

		private static String firstValue(Path file, String key) {
			try {
				for (String line : Files.readAllLines(file)) {
					if (line.startsWith(key)) {
						return line.substring(line.indexOf(':') + 1).strip();
					}
				}
			} catch (IOException e) {
				// not Linux: unknown
			}
			return null;
		}
	}
}

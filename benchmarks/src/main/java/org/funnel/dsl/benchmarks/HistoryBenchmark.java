package org.funnel.dsl.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.funnel.dsl.FunnelStandaloneSetup;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.History;
import org.funnel.dsl.history.HistoryOptions;
import org.funnel.dsl.history.fit.FitOptions;
import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.history.fit.FunnelFitter;
import org.funnel.dsl.history.read.EventLogReader;
import org.funnel.dsl.history.read.Timestamps;
import org.funnel.dsl.history.simulate.HistorySimulator;
import org.funnel.dsl.model.EffectiveFunnel;

/**
 * Fitting a funnel to a large deal history as a cold {@code funnel} command would: a new JVM with the
 * command's options ({@code -XX:+UseSerialGC -XX:TieredStopAtLevel=1}, no AOT cache) and a 500 MB heap
 * parses the .funnel file, reads a seeded event log of 100,000 deals (605,519 stage changes, made by
 * {@link HistorySimulator}) and fits it with 4,000 posterior draws. Prints the time of the whole process,
 * of reading + fitting inside it, and the peak heap; each run checks the answer (every deal read, the
 * shares close to the true ones).
 * <p>
 * {@code HistoryBenchmark SCRATCH_DIR [--quick]}; a run: {@code HistoryBenchmark --run FUNNEL CSV}
 */
public final class HistoryBenchmark {

	static final int DEALS = 100_000;

	static final String FUNNEL = """
			funnel Benchmark "Deal history benchmark" {
			    stage Lead { moves to Mql 88%  moves to Lost 12% }
			    stage Mql { moves to Sql 80%  moves to Lead 5%  moves to Lost 15% }
			    stage Sql { moves to Demo 80%  moves to Mql 10%  moves to Lost 10% }
			    stage Demo { moves to Proposal 70%  moves to Sql 5%  moves to Won 5%  moves to Lost 20% }
			    stage Proposal { moves to Negotiation 70%  moves to Demo 20%  moves to Lost 10% }
			    stage Negotiation { moves to Won 55%  moves to Proposal 20%  moves to Lost 25% }
			    won stage Won
			    lost stage Lost
			}
			""";

	static final double[] MEDIAN_DAYS = { 3, 5, 7, 10, 14, 10, 0, 0 };

	/** The command's JVM options (the ./funnel script's), with the heap the target allows. */
	static final List<String> COLD_JVM = List.of("-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx500m");

	public static void main(String[] args) throws Exception {
		if (args[0].equals("--run")) {
			run(Path.of(args[1]), Path.of(args[2]));
			return;
		}
		Path scratch = Files.createTempDirectory(Path.of(args[0]), "history");
		boolean quick = args.length > 1 && args[1].equals("--quick");
		Path funnel = scratch.resolve("benchmark.funnel");
		Files.writeString(funnel, FUNNEL);
		Path csv = scratch.resolve("history.csv");
		long rows;
		try (Writer out = Files.newBufferedWriter(csv)) {
			rows = new HistorySimulator(shape(FUNNEL), MEDIAN_DAYS, new HistorySimulator.Settings(DEALS,
					Timestamps.parse("2024-01-01"), Timestamps.parse("2026-01-01"), 0.1, 0.02, 21)).writeCsv(out);
		}
		String what = String.format(Locale.ROOT, "%,d deals, %,d stage changes (%.0f MB CSV)", DEALS, rows,
				Files.size(csv) / 1e6);
		List<Double> process = new ArrayList<>();
		List<Double> readFit = new ArrayList<>();
		List<Double> heap = new ArrayList<>();
		List<Double> cpu = new ArrayList<>();
		String failure = null;
		for (int i = 0; i < (quick ? 2 : 5) && failure == null; i++) {
			long started = System.nanoTime();
			String[] figures = child(funnel, csv);
			process.add((System.nanoTime() - started) / 1e6);
			if (figures[0].equals("FAILED")) {
				failure = figures[1];
			} else {
				readFit.add(Double.parseDouble(figures[1]) + Double.parseDouble(figures[2]));
				heap.add(Double.parseDouble(figures[3]));
				cpu.add(Double.parseDouble(figures[4]));
			}
		}
		String commandRow = commandRow(funnel, csv, quick);
		Suite.deleteTree(scratch);
		String name = "deal history, " + what + ": parse + read + fit, cold JVM";
		if (failure != null) {
			System.out.println(Result.failed(name, "ms", "median", 3000, false, failure).toLine());
			return;
		}
		System.out.println(Result.of(name, "ms", process, "median", 3000, false,
				"whole process as a cold funnel command would run it (-XX:TieredStopAtLevel=1, -Xmx500m); answer checked")
				.toLine());
		System.out.println(commandRow);
		System.out.println(Result.of("the same: read + fit inside the process", "ms", readFit, "median", Double.NaN, false,
				"the event log read and the funnel fitted (4,000 posterior draws), without JVM start and parse").toLine());
		System.out.println(Result.of("the same: peak heap", "MB", heap, "median", 500, false,
				"peak of the heap pools' used memory during the run").toLine());
		System.out.println(Result.of("the same: processor time of the whole process", "ms", cpu, "median", Double.NaN,
				false, "all its threads (compiler and collector too): what other load on the machine does not change")
				.toLine());
	}

	/** The row of the {@code funnel fit} command as users run it: five runs (two with --quick). */
	private static String commandRow(Path funnel, Path csv, boolean quick) throws IOException, InterruptedException {
		List<Double> millis = new ArrayList<>();
		String failure = null;
		for (int i = 0; i < (quick ? 2 : 5) && failure == null; i++) {
			failure = command(funnel, csv, millis);
		}
		String name = "the same: the funnel fit command (./funnel, JSON report)";
		return (failure != null ? Result.failed(name, "ms", "median", 3000, false, failure)
				: Result.of(name, "ms", millis, "median", 3000, false,
						"as users run it: the script, its JVM options and AOT cache; exit 0, every deal in the report"))
				.toLine();
	}

	/** One run of {@code ./funnel fit FUNNEL --history CSV --format json}: its time added, or why it failed. */
	private static String command(Path funnel, Path csv, List<Double> millis) throws IOException, InterruptedException {
		Path report = Files.createTempFile(csv.getParent(), "fit", ".json");
		ProcessBuilder builder = new ProcessBuilder(Path.of("funnel").toAbsolutePath().toString(), "fit", funnel.toString(),
				"--history", csv.toString(), "--format", "json").redirectOutput(report.toFile())
				.redirectError(ProcessBuilder.Redirect.INHERIT);
		builder.environment().put("FUNNEL_JAVA_HOME", System.getProperty("java.home"));
		long started = System.nanoTime();
		int exit = builder.start().waitFor();
		double elapsed = (System.nanoTime() - started) / 1e6;
		if (exit != 0) {
			return "./funnel fit: exit code " + exit;
		}
		String json = Files.readString(report, StandardCharsets.UTF_8);
		if (!json.contains("\"dealsRead\": " + DEALS + ",")) {
			return "./funnel fit: the report does not count " + DEALS + " deals read";
		}
		millis.add(elapsed);
		return null;
	}

	/** One cold run in a JVM of its own: its figures (parse, read, fit ms, peak heap MB, CPU ms) or FAILED and why. */
	private static String[] child(Path funnel, Path csv) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(COLD_JVM);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), HistoryBenchmark.class.getName(), "--run",
				funnel.toString(), csv.toString()));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String last = null;
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				last = line;
			}
		}
		int exit = process.waitFor();
		if (exit != 0 || last == null) {
			return new String[] { "FAILED", "exit code " + exit };
		}
		return last.split(" ", 2)[0].equals("FAILED") ? last.split(" ", 2) : last.split(" ");
	}

	private static void run(Path funnelFile, Path csv) throws Exception {
		long t0 = System.nanoTime();
		FunnelShape shape = shape(Files.readString(funnelFile));
		long t1 = System.nanoTime();
		History history = EventLogReader.read(csv, shape, HistoryOptions.defaults());
		long t2 = System.nanoTime();
		FunnelFit fit = FunnelFitter.fit(history, FitOptions.defaults());
		long t3 = System.nanoTime();
		String problem = check(history, fit);
		if (problem != null) {
			System.out.println("FAILED " + problem);
			return;
		}
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
		System.out.printf(Locale.ROOT, "%.1f %.1f %.1f %.1f %.1f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
				peak / 1e6, cpu / 1e6);
	}

	/** A wrong answer is no result: every deal read, and the big shares within two points of the truth. */
	private static String check(History history, FunnelFit fit) {
		if (history.deals().size() != DEALS) {
			return history.deals().size() + " deals read, " + DEALS + " written";
		}
		double leadToMql = fit.stage(0).transitions().get(0).share();
		double demoToProposal = fit.stage(3).transitions().get(0).share();
		if (Math.abs(leadToMql - 0.88) > 0.02 || Math.abs(demoToProposal - 0.70) > 0.02) {
			return String.format(Locale.ROOT, "shares %.3f and %.3f, not 0.88 and 0.70", leadToMql, demoToProposal);
		}
		return null;
	}

	static FunnelShape shape(String text) throws IOException {
		XtextResourceSet set = new FunnelStandaloneSetup().createInjectorAndDoEMFRegistration()
				.getInstance(XtextResourceSet.class);
		Resource resource = set.createResource(URI.createURI("benchmark.funnel"));
		resource.load(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		Funnel funnel = (Funnel) ((FunnelFile) resource.getContents().get(0)).getElements().get(0);
		return FunnelShape.of(EffectiveFunnel.of(funnel));
	}
}

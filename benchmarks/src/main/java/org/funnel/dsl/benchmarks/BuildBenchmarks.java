package org.funnel.dsl.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.resource.XtextResource;
import org.funnel.dsl.FunnelStandaloneSetup;
import org.funnel.dsl.benchmarks.WorkloadGenerator.Text;
import org.funnel.dsl.benchmarks.WorkloadGenerator.Workload;
import org.funnel.dsl.tests.XtextDefaultsModule;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * The full-build benchmarks, in one JVM of their own (started by {@link Suite}): parse, link and
 * validate a generated workspace or a single large file, after warm-up, checking after every run
 * that exactly the injected diagnostics came out. Prints {@link Result} lines.
 * <p>
 * {@code BuildBenchmarks workspace|single|growth [--quick] [--threads N] [--xtext-defaults none|all|NAME,...]}:
 * with {@code --xtext-defaults}, the language with those of its faster replacements of Xtext services turned
 * back to Xtext's own ({@link XtextDefaultsModule}).
 */
public final class BuildBenchmarks {

	static final long SEED = 20261123L;
	static final double ERROR_RATE = 0.01;
	static final long MIB = 1L << 20;
	/** Files of the workspace benchmarks: 100 of them make 10.5 MB, over 10 MiB. */
	static final long BYTES_PER_FILE = 105_000;

	private final Injector injector;
	private final int threads;
	private final boolean quick;
	private final Path scratch;
	/** What the rows say of the injector: "" for the language as shipped, else which Xtext services it uses. */
	private final String variant;

	private BuildBenchmarks(int threads, boolean quick, Set<XtextDefaultsModule.Override> xtexts) throws IOException {
		this.threads = threads;
		this.quick = quick;
		this.scratch = Files.createTempDirectory("funnel-bench-build");
		if (xtexts == null) {
			this.injector = new FunnelStandaloneSetup().createInjectorAndDoEMFRegistration();
			this.variant = "";
		} else {
			this.injector = new FunnelStandaloneSetup() {
				@Override
				public Injector createInjector() {
					return Guice.createInjector(new XtextDefaultsModule(xtexts));
				}
			}.createInjectorAndDoEMFRegistration();
			this.variant = xtexts.isEmpty() ? " (every override)"
					: xtexts.size() == XtextDefaultsModule.Override.values().length ? " (no override: Xtext's own)"
							: " (Xtext's own " + xtexts.stream().map(o -> o.name().toLowerCase(Locale.ROOT).replace('_', ' '))
									.collect(Collectors.joining(", ")) + ")";
		}
	}

	public static void main(String[] args) throws Exception {
		String mode = args.length > 0 ? args[0] : "workspace";
		boolean quick = false;
		int threads = Runtime.getRuntime().availableProcessors();
		Set<XtextDefaultsModule.Override> xtexts = null;
		for (int i = 1; i < args.length; i++) {
			if (args[i].equals("--quick")) {
				quick = true;
			} else if (args[i].equals("--threads")) {
				threads = Integer.parseInt(args[++i]);
			} else if (args[i].equals("--xtext-defaults")) {
				// none, all, or names of XtextDefaultsModule.Override: which replacements go back to Xtext's own.
				xtexts = xtextDefaults(args[++i]);
			}
		}
		BuildBenchmarks benchmarks = new BuildBenchmarks(threads, quick, xtexts);
		try {
			switch (mode) {
			case "workspace" -> benchmarks.workspace();
			case "single" -> benchmarks.single();
			case "growth" -> benchmarks.growth();
			default -> throw new IllegalArgumentException("unknown mode " + mode);
			}
		} finally {
			Suite.deleteTree(benchmarks.scratch);
		}
		System.exit(0);
	}

	static Set<XtextDefaultsModule.Override> xtextDefaults(String names) {
		return switch (names) {
		case "none" -> EnumSet.noneOf(XtextDefaultsModule.Override.class);
		case "all" -> EnumSet.allOf(XtextDefaultsModule.Override.class);
		default -> Arrays.stream(names.split(",")).map(n -> XtextDefaultsModule.Override.valueOf(n.toUpperCase(Locale.ROOT)))
				.collect(Collectors.toCollection(() -> EnumSet.noneOf(XtextDefaultsModule.Override.class)));
		};
	}

	/** 100 files of about 105 KB (over 10 MiB in all), ~1% injected problems. */
	private void workspace() {
		int files = quick ? 10 : 100;
		Workload workload = new WorkloadGenerator(SEED, ERROR_RATE).write(scratch.resolve("workspace"), files, BYTES_PER_FILE);
		String name = "full build, " + files + " files, " + String.format(Locale.ROOT, "%.1f", workload.bytes() / 1e6)
				+ " MB" + variant;
		Measured measured = measure(workload, quick ? 2 : 5, quick ? 3 : 10, true);
		String note = workload.files().size() + " files, " + workload.stages() + " stages, " + workload.errors()
				+ " errors + " + workload.warnings() + " warnings injected and found, " + threads + " threads";
		if (measured.failure != null) {
			emit(Result.failed(name + ": throughput", "MB/s", "median", 10, true, measured.failure));
			return;
		}
		List<Double> throughput = measured.millis.stream().map(ms -> workload.bytes() / 1e6 / (ms / 1000)).toList();
		emit(Result.of(name + ": throughput", "MB/s", throughput, "median", 10, true, note));
		emit(Result.of(name + ": time", "ms", measured.millis, "median", Double.NaN, false, ""));
		emit(Result.of(name + ": heap after build", "MB", measured.heapMb, "max", 500, false,
				"used heap after GC with every model of the build held"));
	}

	/** One file of 2 MiB. */
	private void single() throws IOException {
		long bytes = quick ? MIB / 4 : 2 * MIB;
		Workload workload = singleFile(bytes, "single");
		String name = "full build, one " + mib(bytes) + " file" + variant;
		Measured measured = measure(workload, quick ? 2 : 5, quick ? 3 : 10, false);
		if (measured.failure != null) {
			emit(Result.failed(name, "ms", "median", 1000, false, measured.failure));
			return;
		}
		emit(Result.of(name, "ms", measured.millis, "median", 1000, false, workload.stages() + " stages, "
				+ workload.errors() + " errors + " + workload.warnings() + " warnings injected and found"));
		if (!variant.isEmpty()) {
			// Comparing variants on a shared machine: CPU time moves far less with the load than wall-clock time.
			emit(Result.of(name + ": CPU time", "ms", measured.cpuMillis, "median", Double.NaN, false,
					"of the building thread (a one-file build runs in it)"));
			afterEdit(workload, name);
		}
	}

	/**
	 * What a language server does with a built file on every edit besides building it again: name every
	 * object (the index entry and the references name their targets) and unload it (every object a
	 * proxy named the same way). CPU time of each, on freshly built copies of the file.
	 */
	private void afterEdit(Workload workload, String name) {
		ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
		List<Double> naming = new ArrayList<>();
		List<Double> unloading = new ArrayList<>();
		int warmUps = quick ? 1 : 3;
		int runs = quick ? 3 : 7;
		for (int run = 0; run < warmUps + runs; run++) {
			FullBuild.Result result = new FullBuild(injector, 1).run(workload.root(), workload.files());
			XtextResource resource = result.build().files().get(0).resource();
			collectGarbage();
			long start = cpu.getCurrentThreadCpuTime();
			int named = 0;
			for (TreeIterator<EObject> all = resource.getAllContents(); all.hasNext();) {
				named += resource.getURIFragment(all.next()).length() > 0 ? 1 : 0;
			}
			long namedAt = cpu.getCurrentThreadCpuTime();
			resource.unload();
			long unloadedAt = cpu.getCurrentThreadCpuTime();
			if (run >= warmUps && named > 0) {
				naming.add((namedAt - start) / 1e6);
				unloading.add((unloadedAt - namedAt) / 1e6);
			}
		}
		emit(Result.of(name + ": naming every object, CPU time", "ms", naming, "median", Double.NaN, false, ""));
		emit(Result.of(name + ": unloading, CPU time", "ms", unloading, "median", Double.NaN, false, ""));
	}

	/** Time against input size: single files of 0.5 to 4 MiB, workspaces of 25 to 200 files. */
	private void growth() throws IOException {
		List<Long> sizes = quick ? List.of(MIB / 8, MIB / 4) : List.of(MIB / 2, MIB, 2 * MIB, 4 * MIB);
		List<Double> fileMedians = new ArrayList<>();
		for (long size : sizes) {
			Workload workload = singleFile(size, "growth-" + size);
			Measured measured = measure(workload, quick ? 1 : 3, quick ? 3 : 7, false);
			if (measured.failure != null) {
				emit(Result.failed("growth, one file: time ratio per doubling", "x", "max", 2.2, false, measured.failure));
				return;
			}
			fileMedians.add(Stats.of(measured.millis).median());
		}
		emit(ratios("growth, one file " + mib(sizes.get(0)) + " to " + mib(sizes.get(sizes.size() - 1)), sizes,
				fileMedians));
		List<Integer> counts = quick ? List.of(5, 10) : List.of(25, 50, 100, 200);
		List<Double> workspaceMedians = new ArrayList<>();
		List<Long> workspaceBytes = new ArrayList<>();
		for (int count : counts) {
			Workload workload = new WorkloadGenerator(SEED, ERROR_RATE).write(scratch.resolve("growth-" + count), count,
					BYTES_PER_FILE);
			Measured measured = measure(workload, quick ? 1 : 3, quick ? 3 : 7, false);
			if (measured.failure != null) {
				emit(Result.failed("growth, workspace: time ratio per doubling", "x", "max", 2.2, false, measured.failure));
				return;
			}
			workspaceMedians.add(Stats.of(measured.millis).median());
			workspaceBytes.add(workload.bytes());
		}
		emit(ratios("growth, workspace " + counts.get(0) + " to " + counts.get(counts.size() - 1) + " files",
				workspaceBytes, workspaceMedians));
	}

	private static Result ratios(String name, List<Long> sizes, List<Double> medians) {
		List<Double> ratios = new ArrayList<>();
		StringBuilder note = new StringBuilder("median ms:");
		for (int i = 0; i < medians.size(); i++) {
			note.append(' ').append(String.format(Locale.ROOT, "%.1f MB %.0f", sizes.get(i) / 1e6, medians.get(i)));
			if (i > 0) {
				// Normalised to an exact doubling of the bytes.
				double bytesRatio = (double) sizes.get(i) / sizes.get(i - 1);
				double timeRatio = medians.get(i) / medians.get(i - 1);
				ratios.add(Math.pow(timeRatio, Math.log(2) / Math.log(bytesRatio)));
			}
		}
		return Result.of(name + ": time ratio per doubling", "x", ratios, "max", 2.2, false, note.toString());
	}

	private Workload singleFile(long bytes, String directory) throws IOException {
		Text text = new WorkloadGenerator(SEED, ERROR_RATE).singleFile("big.funnel", bytes);
		Path root = scratch.resolve(directory);
		Files.createDirectories(root);
		Path file = root.resolve(text.name());
		Files.writeString(file, text.content(), StandardCharsets.UTF_8);
		return new Workload(root, List.of(file), Files.size(file), text.stages(), text.expected());
	}

	/** Wall-clock and CPU time (of the calling thread: all of a one-file build's work) per measured run. */
	private record Measured(List<Double> millis, List<Double> cpuMillis, List<Double> heapMb, String failure) {
	}

	/** Warm-up runs, then measured runs; every run's diagnostics are checked. */
	private Measured measure(Workload workload, int warmUps, int runs, boolean heap) {
		List<Double> millis = new ArrayList<>();
		List<Double> cpuMillis = new ArrayList<>();
		List<Double> heapMb = new ArrayList<>();
		ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
		for (int run = 0; run < warmUps + runs; run++) {
			// Untimed: every build starts with an empty young generation (see Suite.BUILD_JVM).
			collectGarbage();
			long cpuStart = cpu.getCurrentThreadCpuTime();
			long start = System.nanoTime();
			FullBuild.Result result = new FullBuild(injector, threads).run(workload.root(), workload.files());
			long nanos = System.nanoTime() - start;
			long cpuNanos = cpu.getCurrentThreadCpuTime() - cpuStart;
			String difference = WorkloadCheck.difference(workload.expected(), result.issues());
			if (difference != null) {
				return new Measured(millis, cpuMillis, heapMb, "wrong diagnostics: " + difference);
			}
			if (run >= warmUps) {
				millis.add(nanos / 1e6);
				cpuMillis.add(cpuNanos / 1e6);
				if (heap) {
					collectGarbage();
					heapMb.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6);
				}
			}
			Reference.reachabilityFence(result);
		}
		return new Measured(millis, cpuMillis, heapMb, null);
	}

	private static void collectGarbage() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
	}

	private static String mib(long bytes) {
		return bytes % MIB == 0 ? bytes / MIB + " MiB" : String.format(Locale.ROOT, "%.2f MiB", bytes / (double) MIB);
	}

	static void emit(Result result) {
		System.out.println(result.toLine());
		System.out.flush();
	}
}

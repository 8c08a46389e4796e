package org.funnel.dsl.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the VS Code extension starts the language server (vscode/src/extension.ts), for the benchmarks
 * to start it the same way: on a JDK found on the machine (the universal extension) or on the runtime
 * bundled with the linux-x64 extension, with its AOT cache ({@code scripts/server-runtime.sh}); and
 * how much memory a running server holds.
 */
final class ServerCommand {

	private ServerCommand() {
	}

	/** {@code java -jar} on this JDK, with the universal extension's options. */
	static List<String> plain(Path jar, String maxMemory) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxMemory, "-Xss4m",
				System.getenv().getOrDefault("FUNNEL_BENCH_SERVER_GC", "-XX:+UseParallelGC"),
				// the optimizing compiler later, as the universal extension starts the server
				"-XX:Tier4InvocationThreshold=50000", "-XX:Tier4MinInvocationThreshold=20000",
				"-XX:Tier4CompileThreshold=60000", "-XX:Tier4BackEdgeThreshold=400000"));
		if (Runtime.version().feature() >= 23) {
			command.add("--sun-misc-unsafe-memory-access=allow");
		}
		return finish(command, jar);
	}

	/**
	 * The bundled runtime of {@code bundle} (its JVM options are built in) with its AOT cache and its copy
	 * of the jar, as the linux-x64 extension starts it.
	 */
	static List<String> bundled(Path bundle, String maxMemory) {
		List<String> command = new ArrayList<>(List.of(bundle.resolve("runtime/bin/java").toString(),
				"-Xmx" + maxMemory, "-XX:AOTCache=" + bundle.resolve("funnel-language-server.aot")));
		return finish(command, bundle.resolve("funnel-language-server.jar"));
	}

	private static List<String> finish(List<String> command, Path jar) {
		// More server JVM options, e.g. to profile: FUNNEL_BENCH_SERVER_OPTS=-XX:StartFlightRecording=filename=lsp.jfr
		String extra = System.getenv("FUNNEL_BENCH_SERVER_OPTS");
		if (extra != null && !extra.isBlank()) {
			command.addAll(List.of(extra.trim().split("\\s+")));
		}
		command.addAll(List.of("-jar", jar.toString(), "--stdio"));
		return command;
	}

	/** What a running server holds: its heap after a full collection, and its resident set. */
	record Memory(double heapMb, double residentMb) {

		String describe() {
			return String.format(Locale.ROOT, "heap after a full GC %.0f MB, resident set %.0f MB", heapMb, residentMb);
		}
	}

	private static final Pattern USED = Pattern.compile("used (\\d+)K");

	/**
	 * Asks the JVM of {@code process} (through {@code jcmd}) for a full collection, then sums what its heap's
	 * generations use; reads its resident set from /proc.
	 */
	static Memory memory(Process process) throws IOException, InterruptedException {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		String pid = Long.toString(process.pid());
		run(jcmd, pid, "GC.run");
		String info = run(jcmd, pid, "GC.heap_info");
		long usedKb = 0;
		for (String line : info.lines().toList()) {
			// One line per generation ("DefNew total 116160K, used 24812K [...", "Tenured ..."), its spaces
			// indented below it; Metaspace is no heap.
			Matcher used = USED.matcher(line);
			if (!line.startsWith(" ") && line.contains(" total ") && !line.contains("Metaspace") && used.find()) {
				usedKb += Long.parseLong(used.group(1));
			}
		}
		if (usedKb == 0) {
			throw new IllegalStateException("no heap figures in jcmd's answer:\n" + info);
		}
		long residentKb = 0;
		for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
			if (line.startsWith("VmRSS:")) {
				residentKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		return new Memory(usedKb / 1024.0, residentKb / 1024.0);
	}

	/** The processor time the process used so far, all its threads (user and system; /proc/PID/stat). */
	static double cpuMillis(Process process) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
		// After the command name in parentheses: state is field 3, utime 14, stime 15, in clock ticks (100 a second).
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(jcmd.getInputStream().readAllBytes());
		if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
		}
		return out;
	}
}

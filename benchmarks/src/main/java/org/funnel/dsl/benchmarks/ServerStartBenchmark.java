package org.funnel.dsl.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.services.LanguageServer;
import org.funnel.dsl.testing.FileTrees;
import org.funnel.dsl.testing.lsp.LanguageServerConnection;
import org.funnel.dsl.benchmarks.WorkloadGenerator.Expected;

/**
 * How soon the language server is ready, as a user opening a folder of funnels in VS Code waits for it:
 * from spawning the server process to the answer to {@code initialize}, and to the first diagnostics of a
 * file opened right after (a copy of {@code examples/} with one misspelt stage added, whose one error must
 * come out). Two ways to start it, runs taking turns so that both see the same machine: the runtime
 * bundled with the linux-x64 extension with its AOT cache, and {@code java -jar} on this JDK as the
 * universal extension does. Then the memory the server holds for the examples.
 * <p>
 * {@code ServerStartBenchmark SERVER_JAR BUNDLE_DIR EXAMPLES_DIR [--quick]}
 */
public final class ServerStartBenchmark {

	private static final long TIMEOUT_SECONDS = 120;

	/** A misspelt stage on line 7, the funnel's one problem. */
	private static final String BROKEN = """
			/** A trial funnel with a misspelt stage name. */
			funnel Trial "Free trial" {
			    stage SignUp "Sign-up" {
			        probability 20%
			        entering 1000 per month
			        moves to Activated 40%
			        moves to Activatd 10%
			        moves to Churned 50%
			    }
			    stage Activated "Activated" {
			        probability 50%
			        moves to Paid 50%
			        moves to Churned 50%
			    }
			    won stage Paid "Paid"
			    lost stage Churned "Churned"
			}
			""";

	private static final List<Expected> EXPECTED = List.of(new Expected("broken.funnel", 7, Expected.ERROR,
			"unresolved-reference"));

	/**
	 * One start: the times from spawning, the processor time the server used until its first diagnostics (all its
	 * threads; on a busy machine the figure that does not depend on how much of the processors it got), and
	 * the memory it held then, when asked for.
	 */
	private record Start(double initializeMillis, double diagnosticsMillis, double cpuMillis,
			ServerCommand.Memory memory) {
	}

	/** The extension's default of funnel.server.maxMemory (vscode/package.json). */
	static final String MAX_MEMORY = "512m";

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args[0]);
		Path bundle = Path.of(args[1]);
		Path examples = Path.of(args[2]);
		boolean quick = args.length > 3 && args[3].equals("--quick");
		String bundledName = "language server start, bundled runtime + AOT cache";
		String plainName = "language server start, java -jar";
		try {
			Path workspace = Files.createTempDirectory("funnel-bench-start");
			try {
				run(jar, bundle, examples, workspace, quick ? 3 : 10, bundledName, plainName);
			} finally {
				Suite.deleteTree(workspace);
			}
		} catch (Exception | AssertionError e) {
			String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
			BuildBenchmarks.emit(Result.failed(bundledName + ": spawn until first diagnostics", "ms", "median", 500,
					false, failure));
		}
		System.exit(0);
	}

	private static void run(Path jar, Path bundle, Path examples, Path workspace, int runs, String bundledName,
			String plainName) throws Exception {
		FileTrees.copyTree(examples, workspace);
		Path broken = workspace.resolve("broken.funnel");
		Files.writeString(broken, BROKEN, StandardCharsets.UTF_8);
		List<String> bundled = ServerCommand.bundled(bundle, MAX_MEMORY);
		List<String> plain = ServerCommand.plain(jar, MAX_MEMORY);
		// One untimed start of each first: the files into the page cache, this JVM's client warmed up.
		start(bundled, workspace, broken, false);
		start(plain, workspace, broken, false);
		List<Start> bundledStarts = new ArrayList<>();
		List<Start> plainStarts = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			bundledStarts.add(start(bundled, workspace, broken, false));
			plainStarts.add(start(plain, workspace, broken, false));
		}
		String runsNote = runs + " starts each, taking turns with the other way";
		BuildBenchmarks.emit(Result.of(bundledName + ": spawn until initialize answered", "ms",
				bundledStarts.stream().map(Start::initializeMillis).toList(), "median", Double.NaN, false,
				runsNote + "; workspace: examples/ and one broken file"));
		BuildBenchmarks.emit(Result.of(bundledName + ": spawn until first diagnostics", "ms",
				bundledStarts.stream().map(Start::diagnosticsMillis).toList(), "median", 500, false,
				"the opened file's one error, checked"));
		BuildBenchmarks.emit(Result.of(plainName + ": spawn until initialize answered", "ms",
				plainStarts.stream().map(Start::initializeMillis).toList(), "median", Double.NaN, false,
				"this JDK, the universal extension's options"));
		BuildBenchmarks.emit(Result.of(plainName + ": spawn until first diagnostics", "ms",
				plainStarts.stream().map(Start::diagnosticsMillis).toList(), "median", Double.NaN, false,
				"the opened file's one error, checked"));
		BuildBenchmarks.emit(Result.of(bundledName + ": processor time until first diagnostics", "ms",
				bundledStarts.stream().map(Start::cpuMillis).toList(), "median", Double.NaN, false,
				"all the server's threads (JIT compilers and collector too), from /proc"));
		BuildBenchmarks.emit(Result.of(plainName + ": processor time until first diagnostics", "ms",
				plainStarts.stream().map(Start::cpuMillis).toList(), "median", Double.NaN, false,
				"all the server's threads (JIT compilers and collector too), from /proc"));
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			ratios.add(plainStarts.get(i).diagnosticsMillis() / bundledStarts.get(i).diagnosticsMillis());
		}
		BuildBenchmarks.emit(Result.of("language server start: java -jar ÷ bundled runtime + AOT cache, first diagnostics",
				"×", ratios, "median", Double.NaN, true, "per pair of consecutive starts"));
		ServerCommand.Memory memory = start(bundled, workspace, broken, true).memory();
		BuildBenchmarks.emit(Result.of("language server memory, examples: heap after a full GC", "MB",
				List.of(memory.heapMb()), "median", Double.NaN, false,
				"bundled runtime, after the broken file's diagnostics; " + memory.describe()));
	}

	/** Spawns the server, initializes on the workspace, opens the broken file; stops the server again. */
	private static Start start(List<String> command, Path workspace, Path broken, boolean measureMemory)
			throws Exception {
		Path log = Files.createTempFile("funnel-bench-start", ".log");
		String uri = broken.toUri().toString();
		String text = Files.readString(broken, StandardCharsets.UTF_8);
		long spawned = System.nanoTime();
		LanguageServerConnection<LanguageServer> connection = LanguageServerConnection.start(LanguageServer.class, command,
				log);
		Process process = connection.process();
		try {
			connection.initialize(workspace);
			long initialized = System.nanoTime();
			connection.open(uri, text);
			long diagnostics = LspBenchmark.await(connection, uri, initialized, EXPECTED, "broken.funnel");
			double cpuMillis = ServerCommand.cpuMillis(process);
			ServerCommand.Memory memory = measureMemory ? ServerCommand.memory(process) : null;
			connection.server().shutdown().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			connection.server().exit();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				throw new AssertionError("the server did not exit");
			}
			String serverLog = Files.readString(log);
			if (!serverLog.isBlank()) {
				// A start that says something (a refused AOT cache, an exception) is no clean start.
				throw new AssertionError("the server said on standard error:\n" + serverLog);
			}
			return new Start((initialized - spawned) / 1e6, (diagnostics - spawned) / 1e6, cpuMillis, memory);
		} finally {
			process.destroyForcibly();
			Files.deleteIfExists(log);
		}
	}
}

package org.funnel.dsl.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageServer;
import org.funnel.dsl.benchmarks.WorkloadGenerator.Expected;
import org.funnel.dsl.testing.lsp.LanguageServerConnection;
import java.time.Duration;
import org.funnel.dsl.benchmarks.WorkloadGenerator.Text;

/**
 * The language server as an editor uses it: the real server jar, started with the flags the VS Code
 * extension uses, spoken to over its standard input and output by the tests' client ({@link LanguageServerConnection}). Opens a
 * generated file with one funnel of 5,000 stages and measures
 * <ul>
 * <li>completion on the settled document, at three kinds of places: a stage name after
 * {@code moves to S1}, a channel after {@code channels }, and the start of a setting in a stage;</li>
 * <li>diagnostics after an edit: from sending a change (a channel name gets a typo, or loses it
 * again) to receiving the diagnostics of the changed text.</li>
 * </ul>
 * The first diagnostics must be exactly the injected ones, every edit's diagnostics those of the
 * edited text, and every completion list must hold what belongs there.
 * <p>
 * Then the memory the server holds for the file.
 * <p>
 * {@code LspBenchmark SERVER_JAR [--quick] [--bundle DIR]}: with {@code --bundle}, the server runs on the
 * runtime bundled with the linux-x64 extension ({@code scripts/server-runtime.sh}), as there; without, with
 * {@code java -jar} on this JDK, as the universal extension starts it.
 */
public final class LspBenchmark {

	private static final long TIMEOUT_SECONDS = 120;

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args[0]);
		List<String> options = List.of(args);
		boolean quick = options.contains("--quick");
		int bundleAt = options.indexOf("--bundle");
		Path bundle = bundleAt >= 0 ? Path.of(args[bundleAt + 1]) : null;
		int stages = quick ? 500 : 5000;
		String name = "language server, " + String.format(Locale.ROOT, "%,d", stages) + "-stage file";
		try {
			run(jar, bundle, stages, quick, name);
		} catch (Exception | AssertionError e) {
			String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
			BuildBenchmarks.emit(Result.failed(name + ": completion", "ms", "p95", 50, false, failure));
			BuildBenchmarks.emit(Result.failed(name + ": diagnostics after an edit", "ms", "p95", 300, false, failure));
		}
		System.exit(0);
	}

	private static void run(Path jar, Path bundle, int stageCount, boolean quick, String name) throws Exception {
		Text text = new WorkloadGenerator(BuildBenchmarks.SEED, BuildBenchmarks.ERROR_RATE).singleFunnel("large.funnel",
				"Large", stageCount);
		Path workspace = Files.createTempDirectory("funnel-bench-lsp");
		Path file = workspace.resolve(text.name());
		Files.writeString(file, text.content(), StandardCharsets.UTF_8);
		String uri = file.toUri().toString();
		Path log = workspace.resolve("server.log");
		// The way the VS Code extension starts the server (vscode/src/extension.ts).
		List<String> command = bundle == null ? ServerCommand.plain(jar, ServerStartBenchmark.MAX_MEMORY)
				: ServerCommand.bundled(bundle, ServerStartBenchmark.MAX_MEMORY);
		LanguageServerConnection<LanguageServer> connection = LanguageServerConnection.start(LanguageServer.class, command,
				log);
		try {
			long startInit = System.nanoTime();
			connection.initialize(workspace);
			List<Expected> original = text.expected();
			long openSent = System.nanoTime();
			connection.open(uri, text.content());
			long opened = await(connection, uri, openSent, original, text.name());
			BuildBenchmarks.emit(Result.of(name + ": open until first diagnostics", "ms", List.of((opened - openSent) / 1e6),
					"median", Double.NaN, false, "initialize " + Math.round((openSent - startInit) / 1e6) + " ms before; "
							+ original.size() + " diagnostics, exactly the injected ones"));
			edits(connection, text, uri, quick, name);
			completions(connection, text, uri, quick, name);
			ServerCommand.Memory memory = ServerCommand.memory(connection.process());
			BuildBenchmarks.emit(Result.of(name + ": heap after a full GC", "MB", List.of(memory.heapMb()), "median",
					Double.NaN, false, "after the edits and completions; " + memory.describe()));
		} finally {
			connection.close();
			Suite.deleteTree(workspace);
		}
	}

	/** Edits: a typo in a channel name of a stage, then the fix, each edit at another stage, each one's diagnostics checked. */
	private static void edits(LanguageServerConnection<LanguageServer> connection, Text text, String uri, boolean quick,
			String name) throws Exception {
		List<String> lines = text.content().lines().toList();
		List<Integer> channelLines = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith("        channels ") && !lines.get(i).contains("Chanel")) {
				channelLines.add(i);
			}
		}
		int edits = quick ? 10 : 60;
		int warmUpEdits = quick ? 4 : 10;
		List<Double> editMillis = new ArrayList<>();
		for (int e = 0; e < warmUpEdits + edits; e++) {
			int line = channelLines.get((int) ((long) (e / 2) * 7919 % channelLines.size()));
			int end = lines.get(line).length(); // after the last channel name
			boolean addTypo = e % 2 == 0;
			TextDocumentContentChangeEvent change = addTypo
					? new TextDocumentContentChangeEvent(new Range(new Position(line, end), new Position(line, end)), "zz")
					: new TextDocumentContentChangeEvent(new Range(new Position(line, end), new Position(line, end + 2)), "");
			List<Expected> expected = new ArrayList<>(text.expected());
			if (addTypo) {
				expected.add(new Expected(text.name(), line + 1, Expected.ERROR, "unresolved-reference"));
			}
			long sent = System.nanoTime();
			connection.change(uri, e + 2, change);
			long received = await(connection, uri, sent, expected, text.name());
			if (e >= warmUpEdits) {
				editMillis.add((received - sent) / 1e6);
			}
		}
		BuildBenchmarks.emit(Result.of(name + ": diagnostics after an edit", "ms", editMillis, "p95", 300, false,
				edits + " edits (a channel name gets a typo, then loses it), each checked"));
	}

	/** Completion on the settled document (the edits leave it as opened), each list checked. */
	private static void completions(LanguageServerConnection<LanguageServer> connection, Text text, String uri, boolean quick,
			String name) throws Exception {
		List<CompletionCase> cases = completionCases(text.content().lines().toList());
		int requests = quick ? 30 : 150;
		int warmUpRequests = quick ? 10 : 30;
		List<Double> completionMillis = new ArrayList<>();
		Map<String, List<Double>> millisByKind = new TreeMap<>();
		for (int r = 0; r < warmUpRequests + requests; r++) {
			CompletionCase c = cases.get(r % cases.size());
			CompletionParams params = new CompletionParams(new TextDocumentIdentifier(uri), c.position);
			long sent = System.nanoTime();
			Either<List<CompletionItem>, CompletionList> answer = connection.server().getTextDocumentService()
					.completion(params).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			long received = System.nanoTime();
			List<CompletionItem> items = answer.isLeft() ? answer.getLeft() : answer.getRight().getItems();
			if (items.stream().noneMatch(item -> item.getLabel().equals(c.mustContain))) {
				throw new AssertionError("completion at " + c.position + " (" + c.kind + ") lacks '" + c.mustContain + "' among "
						+ items.size() + " items");
			}
			if (r >= warmUpRequests) {
				completionMillis.add((received - sent) / 1e6);
				millisByKind.computeIfAbsent(c.kind, k -> new ArrayList<>()).add((received - sent) / 1e6);
			}
		}
		BuildBenchmarks.emit(Result.of(name + ": completion", "ms", completionMillis, "p95", 50, false,
				requests + " requests: stage names after 'moves to S1', channels, settings; each checked; p95 by kind: "
						+ p95ByKind(millisByKind)));
	}

	/**
	 * Waits for diagnostics of {@code uri}, published after {@code since}, that are exactly {@code expected}; returns
	 * when they arrived. Fails after a timeout, naming the last difference.
	 */
	static long await(LanguageServerConnection<?> connection, String uri, long since, List<Expected> expected, String file)
			throws InterruptedException {
		return connection.client().awaitPublished(uri, since,
				diagnostics -> WorkloadCheck.difference(expected, diagnostics.stream().map(d -> toExpected(file, d)).toList()),
				Duration.ofSeconds(TIMEOUT_SECONDS)).nanos();
	}

	private static Expected toExpected(String file, Diagnostic diagnostic) {
		String code = diagnostic.getCode() == null ? "null"
				: diagnostic.getCode().isLeft() ? diagnostic.getCode().getLeft()
						: String.valueOf(diagnostic.getCode().getRight());
		String severity = diagnostic.getSeverity() == DiagnosticSeverity.Error ? Expected.ERROR
				: diagnostic.getSeverity() == DiagnosticSeverity.Warning ? Expected.WARNING
						: diagnostic.getSeverity().name().toUpperCase(Locale.ROOT);
		return new Expected(file, diagnostic.getRange().getStart().getLine() + 1, severity, code);
	}

	private static String p95ByKind(Map<String, List<Double>> millisByKind) {
		StringBuilder out = new StringBuilder();
		millisByKind.forEach((kind, millis) -> {
			List<Double> sorted = millis.stream().sorted().toList();
			out.append(out.isEmpty() ? "" : ", ").append(kind).append(' ')
					.append(Math.round(sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1))).append(" ms");
		});
		return out.toString();
	}

	private record CompletionCase(String kind, Position position, String mustContain) {
	}

	/** Places spread over the file: after "moves to S1", after "channels ", at the start of a setting. */
	private static List<CompletionCase> completionCases(List<String> lines) {
		List<CompletionCase> transitions = new ArrayList<>();
		List<CompletionCase> channels = new ArrayList<>();
		List<CompletionCase> settings = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("        moves to S1")) {
				transitions.add(new CompletionCase("stage", new Position(i, "        moves to S1".length()), "S1"));
			} else if (line.startsWith("        channels ") && !line.contains("Chanel")) {
				channels.add(new CompletionCase("channel", new Position(i, "        channels ".length()), "Webinar"));
			} else if (line.startsWith("        probability ")) {
				settings.add(new CompletionCase("setting", new Position(i, "        ".length()), "probability"));
			}
		}
		List<CompletionCase> cases = new ArrayList<>();
		int per = 20;
		for (int k = 0; k < per; k++) {
			cases.add(transitions.get(k * transitions.size() / per));
			cases.add(channels.get(k * channels.size() / per));
			cases.add(settings.get(k * settings.size() / per));
		}
		return cases;
	}
}

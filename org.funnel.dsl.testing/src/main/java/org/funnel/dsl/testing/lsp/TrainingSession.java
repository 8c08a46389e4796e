package org.funnel.dsl.testing.lsp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The editing session that trains the language server's AOT cache at build time
 * ({@code scripts/server-runtime.sh}): it starts the server with the command given (which asks the JVM to
 * write the cache when it exits) and, over the server's standard input and output, does what an editor
 * session does: initialize on a workspace, open every file and wait for its diagnostics, ask for the
 * outline, folding, colouring, code lenses, hover on every stage, completion where stages, channels and
 * settings go, quick fixes and formatting, and edit a file. The cache then holds the classes all this
 * needs, already loaded and linked, and their profiles.
 * <p>
 * Every answer is checked, so a runtime that cannot run the server fails the build instead of shipping.
 * <p>
 * {@code java -cp org.funnel.dsl.testing.jar:funnel-language-server.jar org.funnel.dsl.testing.lsp.TrainingSession WORKSPACE -- SERVER COMMAND...}
 * (the server jar brings lsp4j). It is part of the build's tools, not of the server.
 */
public final class TrainingSession {

	private static final long TIMEOUT_SECONDS = 120;
	private static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);

	private final Path workspace;
	private final LanguageServerConnection<LanguageServer> connection;
	private final LanguageServer server;
	private final TextDocumentService documents;

	private TrainingSession(Path workspace, LanguageServerConnection<LanguageServer> connection) {
		this.workspace = workspace;
		this.connection = connection;
		this.server = connection.server();
		this.documents = server.getTextDocumentService();
	}

	public static void main(String[] args) throws Exception {
		int separator = Arrays.asList(args).indexOf("--");
		if (separator != 1 || args.length < 3) {
			System.err.println("Usage: TrainingSession WORKSPACE -- SERVER COMMAND...");
			System.exit(2);
		}
		Path workspace = Path.of(args[0]).toAbsolutePath().normalize();
		List<String> command = List.of(args).subList(2, args.length);
		LanguageServerConnection<LanguageServer> connection = LanguageServerConnection.start(LanguageServer.class, command,
				null);
		Process process = connection.process();
		int files;
		try {
			files = new TrainingSession(workspace, connection).run();
		} catch (Exception | AssertionError e) {
			process.destroyForcibly();
			System.err.println("training session: " + e.getMessage());
			System.exit(1);
			return;
		}
		// Writing the cache happens as the server exits, in a second JVM: give it time.
		if (!process.waitFor(10, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			System.err.println("training session: the server did not exit");
			System.exit(1);
		}
		if (process.exitValue() != 0) {
			System.err.println("training session: the server exited with " + process.exitValue());
			System.exit(1);
		}
		System.err.println("training session: " + files + " files opened, every answer as expected");
		System.exit(0);
	}

	/** Runs the session; returns how many files it opened. */
	private int run() throws Exception {
		connection.initialize(workspace);

		List<Path> files;
		try (Stream<Path> walk = Files.walk(workspace)) {
			files = walk.filter(f -> f.toString().endsWith(".funnel")).sorted().toList();
		}
		if (files.isEmpty()) {
			throw new AssertionError("no .funnel files in " + workspace);
		}
		for (Path file : files) {
			exercise(file);
		}
		edit(files.get(0));
		server.shutdown().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		server.exit();
		return files.size();
	}

	/** What an editor asks for when the file is opened and the user looks around in it. */
	private void exercise(Path file) throws Exception {
		String uri = file.toUri().toString();
		String text = Files.readString(file, StandardCharsets.UTF_8);
		long opened = System.nanoTime();
		connection.open(uri, text);
		List<Diagnostic> diagnostics = next(uri, opened);
		TextDocumentIdentifier document = new TextDocumentIdentifier(uri);
		get(documents.documentSymbol(new DocumentSymbolParams(document)));
		get(documents.foldingRange(new FoldingRangeRequestParams(document)));
		get(documents.semanticTokensFull(new SemanticTokensParams(document)));
		get(documents.codeLens(new CodeLensParams(document)));
		get(documents.formatting(new DocumentFormattingParams(document, new FormattingOptions(4, true))));
		if (!diagnostics.isEmpty()) {
			Range range = diagnostics.get(0).getRange();
			get(documents.codeAction(new CodeActionParams(document, range, new CodeActionContext(diagnostics))));
		}
		List<String> lines = text.lines().toList();
		for (int line = 0; line < lines.size(); line++) {
			String content = lines.get(line);
			int stage = content.indexOf("stage ");
			if (stage >= 0 && content.trim().matches("((won|lost) )?stage \\w+.*")) {
				Hover hover = get(documents.hover(new HoverParams(document, new Position(line, stage + "stage ".length()))));
				if (hover == null || hover.getContents() == null) {
					throw new AssertionError("no hover on the stage at " + file + ":" + (line + 1));
				}
			}
			completeAfter(file, document, lines, line, "moves to ");
			completeAfter(file, document, lines, line, "channels ");
		}
	}

	/** Completion right after {@code prefix} on a line that starts with it: something must be offered. */
	private void completeAfter(Path file, TextDocumentIdentifier document, List<String> lines, int line, String prefix)
			throws Exception {
		String content = lines.get(line);
		int at = content.indexOf(prefix);
		if (at < 0 || !content.trim().startsWith(prefix)) {
			return;
		}
		Either<List<CompletionItem>, CompletionList> answer = get(documents
				.completion(new CompletionParams(document, new Position(line, at + prefix.length()))));
		List<CompletionItem> items = answer.isLeft() ? answer.getLeft() : answer.getRight().getItems();
		if (items.isEmpty()) {
			throw new AssertionError("no completion after '" + prefix + "' at " + file + ":" + (line + 1));
		}
	}

	/** A typo in a stage's name and its fix, each checked as the user types it. */
	private void edit(Path file) throws Exception {
		String uri = file.toUri().toString();
		List<String> lines = Files.readString(file, StandardCharsets.UTF_8).lines().toList();
		int line = 0;
		while (line < lines.size() && !lines.get(line).trim().startsWith("funnel ")) {
			line++;
		}
		if (line == lines.size()) {
			throw new AssertionError("no funnel to edit in " + file);
		}
		int end = lines.get(line).indexOf('{');
		Position at = new Position(line, end);
		VersionedTextDocumentIdentifier version = new VersionedTextDocumentIdentifier(uri, 2);
		long sent = System.nanoTime();
		// An unknown funnel to extend: one error more.
		documents.didChange(new DidChangeTextDocumentParams(version, List.of(
				new TextDocumentContentChangeEvent(new Range(at, at), "extends NoSuchFunnel "))));
		if (next(uri, sent).isEmpty()) {
			throw new AssertionError("no error for an unknown funnel in " + file);
		}
		sent = System.nanoTime();
		Position after = new Position(line, end + "extends NoSuchFunnel ".length());
		documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 3),
				List.of(new TextDocumentContentChangeEvent(new Range(at, after), ""))));
		next(uri, sent);
	}

	private static <T> T get(CompletableFuture<T> answer) throws Exception {
		return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	/** The first diagnostics of the document published after {@code since}. */
	private List<Diagnostic> next(String uri, long since) throws InterruptedException {
		return connection.client().awaitPublished(uri, since, diagnostics -> null, TIMEOUT).diagnostics();
	}
}

package org.funnel.dsl.tests.lsp;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionKindCapabilities;
import org.eclipse.lsp4j.CodeActionLiteralSupportCapabilities;
import org.eclipse.lsp4j.CompletionCapabilities;
import org.eclipse.lsp4j.CompletionItemCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.FoldingRangeCapabilities;
import org.eclipse.lsp4j.HoverCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.RenameCapabilities;
import org.eclipse.lsp4j.SemanticTokensCapabilities;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.funnel.dsl.ide.server.FunnelLanguageServer;
import java.io.Closeable;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.funnel.dsl.ide.diagram.FunnelDiagramEndpoint;

/**
 * A language server spoken to over the protocol: either the real jar, started as an editor starts it
 * ({@code java -jar funnel-language-server.jar --stdio}, its standard error in {@code target/lsp-logs/}),
 * or the same server in the test's own JVM over a pair of pipes ({@link #startInProcess()}: the same
 * protocol messages, without starting a JVM for every test class).
 */
public final class LanguageServerProcess implements AutoCloseable {

	private static final AtomicInteger COUNT = new AtomicInteger();

	/** The server's process, or null for a server in this JVM. */
	private final Process process;
	private final Server server;
	private final RecordingClient client;
	private final Future<Void> listening;
	private final Path log;
	/** For a server in this JVM: its side of the connection, closed to end it. */
	private final List<Closeable> pipes;
	private InitializeResult initializeResult;

	/** The server as the client sees it: the protocol and the Funnel requests. */
	public interface Server extends LanguageServer, FunnelDiagramEndpoint {
	}

	private LanguageServerProcess(Process process, Server server, RecordingClient client,
			Future<Void> listening, Path log, List<Closeable> pipes) {
		this.process = process;
		this.server = server;
		this.client = client;
		this.listening = listening;
		this.log = log;
		this.pipes = pipes;
	}

	/** The server jar the build made; the tests run from the repository root. */
	public static Path serverJar() {
		String configured = System.getProperty("funnel.languageServerJar");
		Path jar = Path.of(configured != null ? configured : "org.funnel.dsl.ide/target/funnel-language-server.jar");
		if (!Files.isRegularFile(jar)) {
			throw new AssertionError("The language server jar " + jar.toAbsolutePath()
					+ " is missing: build it first (./mvnw -pl org.funnel.dsl,org.funnel.dsl.ide install -DskipTests).");
		}
		return jar;
	}

	public static LanguageServerProcess start() throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path logs = Path.of("org.funnel.dsl.tests", "target", "lsp-logs");
		Files.createDirectories(logs);
		Path log = logs.resolve("server-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet() + ".log");
		List<String> command = new ArrayList<>(List.of(java, "-Xss4m"));
		if (Runtime.version().feature() >= 23) {
			command.add("--sun-misc-unsafe-memory-access=allow"); // Guava's use of Unsafe, said once per start
		}
		command.addAll(List.of("-jar", serverJar().toString(), "--stdio"));
		Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
		RecordingClient client = new RecordingClient();
		Launcher<Server> launcher = new LSPLauncher.Builder<Server>().setLocalService(client).setRemoteInterface(Server.class)
				.setInput(process.getInputStream()).setOutput(process.getOutputStream()).create();
		Future<Void> listening = launcher.startListening();
		return new LanguageServerProcess(process, launcher.getRemoteProxy(), client, listening, log, List.of());
	}

	/** The server of the jar, run in this JVM ({@code FunnelLanguageServer.serve}) and spoken to over pipes. */
	public static LanguageServerProcess startInProcess() throws IOException {
		PipedInputStream serverIn = new PipedInputStream(1 << 16);
		PipedOutputStream clientOut = new PipedOutputStream(serverIn);
		PipedInputStream clientIn = new PipedInputStream(1 << 16);
		PipedOutputStream serverOut = new PipedOutputStream(clientIn);
		Future<Void> serving = FunnelLanguageServer.serve(serverIn, serverOut, false);
		RecordingClient client = new RecordingClient();
		Launcher<Server> launcher = new LSPLauncher.Builder<Server>().setLocalService(client).setRemoteInterface(Server.class)
				.setInput(clientIn).setOutput(clientOut).create();
		Future<Void> listening = launcher.startListening();
		return new LanguageServerProcess(null, launcher.getRemoteProxy(), client, listening, null,
				List.of(clientOut, serverOut, () -> serving.cancel(true)));
	}

	/** What VS Code announces for the features under test. */
	public static ClientCapabilities capabilities() {
		TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
		CompletionCapabilities completion = new CompletionCapabilities(new CompletionItemCapabilities(true));
		text.setCompletion(completion);
		text.setHover(new HoverCapabilities(List.of(MarkupKind.MARKDOWN, MarkupKind.PLAINTEXT), false));
		DocumentSymbolCapabilities symbols = new DocumentSymbolCapabilities();
		symbols.setHierarchicalDocumentSymbolSupport(true);
		text.setDocumentSymbol(symbols);
		text.setFoldingRange(new FoldingRangeCapabilities());
		RenameCapabilities rename = new RenameCapabilities();
		rename.setPrepareSupport(true);
		text.setRename(rename);
		text.setCodeAction(new CodeActionCapabilities(
				new CodeActionLiteralSupportCapabilities(new CodeActionKindCapabilities(List.of(CodeActionKind.QuickFix))),
				false));
		text.setSemanticTokens(new SemanticTokensCapabilities(false));
		WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
		workspace.setWorkspaceFolders(true);
		workspace.setConfiguration(true);
		return new ClientCapabilities(workspace, text, null);
	}

	/** Initializes for a workspace folder, or for loose files when {@code root} is null. */
	public InitializeResult initialize(Path root) throws Exception {
		return initialize(root, null);
	}

	public InitializeResult initialize(Path root, Object initializationOptions) throws Exception {
		InitializeParams params = new InitializeParams();
		params.setInitializationOptions(initializationOptions);
		params.setProcessId((int) ProcessHandle.current().pid());
		params.setCapabilities(capabilities());
		if (root != null) {
			String uri = uri(root);
			params.setRootUri(uri);
			params.setWorkspaceFolders(List.of(new WorkspaceFolder(uri, root.getFileName().toString())));
		}
		long start = System.nanoTime();
		InitializeResult result = server.initialize(params).get(60, TimeUnit.SECONDS);
		Latencies.record("initialize" + (root == null ? " (no workspace)" : ""), (System.nanoTime() - start) / 1_000_000);
		server.initialized(new InitializedParams());
		initializeResult = result;
		return result;
	}

	public static String uri(Path path) {
		String uri = path.toAbsolutePath().normalize().toUri().toString();
		return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
	}

	public Server server() {
		return server;
	}

	public InitializeResult initializeResult() {
		return initializeResult;
	}

	public RecordingClient client() {
		return client;
	}

	public void open(String uri, String text) {
		server.getTextDocumentService()
				.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "funnel", 1, text)));
	}

	/** Replaces the whole text, as an editor does after a paste or an undo of everything. */
	public void change(String uri, int version, String text) {
		server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
				new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
	}

	public void change(String uri, int version, TextDocumentContentChangeEvent change) {
		server.getTextDocumentService().didChange(
				new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), List.of(change)));
	}

	public void close(String uri) {
		server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
	}

	public Path log() {
		return log;
	}

	@Override
	public void close() throws Exception {
		if (process == null) {
			// A server in this JVM: 'exit' would end the JVM (Xtext's exit handler); closing the pipes ends it.
			try {
				server.shutdown().get(10, TimeUnit.SECONDS);
			} catch (Exception e) {
				// Closed below whatever happened.
			}
			for (Closeable pipe : pipes) {
				pipe.close();
			}
			listening.cancel(true);
			return;
		}
		try {
			CompletableFuture<Object> shutdown = server.shutdown();
			shutdown.get(10, TimeUnit.SECONDS);
			server.exit();
		} catch (Exception e) {
			// The process is stopped below whatever happened.
		}
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
		listening.cancel(true);
		File file = log.toFile();
		if (file.length() > 0) {
			String text = Files.readString(log);
			if (text.contains("ERROR") || text.contains("Exception")) {
				System.err.println("--- language server log " + log + " ---\n" + text);
			}
		}
	}
}

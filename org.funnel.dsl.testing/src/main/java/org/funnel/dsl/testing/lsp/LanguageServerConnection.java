package org.funnel.dsl.testing.lsp;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionKindCapabilities;
import org.eclipse.lsp4j.CodeActionLiteralSupportCapabilities;
import org.eclipse.lsp4j.CodeLensWorkspaceCapabilities;
import org.eclipse.lsp4j.CompletionCapabilities;
import org.eclipse.lsp4j.CompletionItemCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
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
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The one client the tests, the benchmarks and the AOT cache's training session speak to the language server with,
 * over its standard input and output: the real jar started as an editor starts it
 * ({@code java -jar funnel-language-server.jar --stdio}), any other command (the bundled runtime), or a server in this
 * JVM over a pair of streams.
 * <p>
 * lsp4j speaks the protocol ({@link #server()}, {@link #client()}); {@link #raw()} also sends and reads the messages
 * as bytes and JSON, including what no well-behaved client sends (broken JSON, wrong headers), on the same
 * connection. For that, the server's messages pass through this class on their way to lsp4j: each is kept as text,
 * and the answers to raw requests (their ids are numbers; lsp4j's are strings) go to {@link RawMessages} only.
 */
public final class LanguageServerConnection<S extends LanguageServer> implements AutoCloseable {

	private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length:\\s*(\\d+)");

	/** The server's process, or null for a server in this JVM. */
	private final Process process;
	private final S server;
	private final RecordingClient client;
	private final Future<Void> listening;
	private final Path log;
	/** For a server in this JVM: what to close to end it. */
	private final List<Closeable> resources;
	private final FramedOutput toServer;
	/** The server's messages as received, in order (for {@link RawMessages}). */
	private final List<String> received = new ArrayList<>();
	/** Ids of the raw requests, whose answers lsp4j would not know. */
	final Set<Integer> rawIds = ConcurrentHashMap.newKeySet();
	private BiConsumer<String, Long> timings = (what, millis) -> {
	};
	private InitializeResult initializeResult;

	private LanguageServerConnection(Class<S> remote, Process process, InputStream fromServer, OutputStream toServer,
			Path log, List<Closeable> resources) {
		this.process = process;
		this.log = log;
		this.resources = resources;
		this.toServer = new FramedOutput(toServer);
		this.client = new RecordingClient();
		QueueInputStream forLsp4j = new QueueInputStream();
		Thread reader = new Thread(() -> relay(fromServer, forLsp4j), "lsp-relay");
		reader.setDaemon(true);
		reader.start();
		Launcher<S> launcher = new LSPLauncher.Builder<S>().setLocalService(client).setRemoteInterface(remote)
				.setInput(forLsp4j).setOutput(this.toServer).create();
		this.listening = launcher.startListening();
		this.server = launcher.getRemoteProxy();
	}

	/** The server jar the build made: {@code -Dfunnel.languageServerJar}, else the ide module's (tests run from the repository). */
	public static Path serverJar() {
		String configured = System.getProperty("funnel.languageServerJar");
		Path jar = Path.of(configured != null ? configured : "org.funnel.dsl.ide/target/funnel-language-server.jar");
		if (!Files.isRegularFile(jar)) {
			throw new AssertionError("The language server jar " + jar.toAbsolutePath()
					+ " is missing: build it first (./mvnw -pl org.funnel.dsl.ide -am package -DskipTests).");
		}
		return jar;
	}

	/** The jar started as an editor starts it, on this JVM, with these options before {@code -jar}. */
	public static List<String> javaCommand(Path jar, String... jvmOptions) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xss4m"));
		command.addAll(List.of(jvmOptions));
		if (Runtime.version().feature() >= 23) {
			command.add("--sun-misc-unsafe-memory-access=allow"); // Guava's use of Unsafe, said once per start
		}
		command.addAll(List.of("-jar", jar.toString(), "--stdio"));
		return command;
	}

	/** Starts the server with the command; its standard error goes to {@code log}, or to this process's when null. */
	public static <S extends LanguageServer> LanguageServerConnection<S> start(Class<S> remote, List<String> command, Path log)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command);
		if (log == null) {
			builder.redirectError(ProcessBuilder.Redirect.INHERIT);
		} else {
			Files.createDirectories(log.toAbsolutePath().getParent());
			builder.redirectError(log.toFile());
		}
		Process process = builder.start();
		return new LanguageServerConnection<>(remote, process, process.getInputStream(), process.getOutputStream(), log,
				List.of());
	}

	/** A server in this JVM, spoken to over the streams; closing the connection closes the resources, which ends it. */
	public static <S extends LanguageServer> LanguageServerConnection<S> connect(Class<S> remote, InputStream fromServer,
			OutputStream toServer, List<Closeable> resources) {
		return new LanguageServerConnection<>(remote, null, fromServer, toServer, null, resources);
	}

	/** Tells {@code timings} how long requests took that it measures (initialize), in milliseconds. */
	public LanguageServerConnection<S> timed(BiConsumer<String, Long> timings) {
		this.timings = timings;
		return this;
	}

	/** What VS Code announces for the features under test. */
	public static ClientCapabilities capabilities() {
		TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
		text.setCompletion(new CompletionCapabilities(new CompletionItemCapabilities(true)));
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
		workspace.setCodeLens(new CodeLensWorkspaceCapabilities(true));
		DidChangeWatchedFilesCapabilities watchedFiles = new DidChangeWatchedFilesCapabilities(true);
		watchedFiles.setRelativePatternSupport(true);
		workspace.setDidChangeWatchedFiles(watchedFiles);
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
		timings.accept("initialize" + (root == null ? " (no workspace)" : ""), (System.nanoTime() - start) / 1_000_000);
		server.initialized(new InitializedParams());
		initializeResult = result;
		return result;
	}

	/** A file's URI as editors send it (no trailing slash for a directory). */
	public static String uri(Path path) {
		String uri = path.toAbsolutePath().normalize().toUri().toString();
		return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
	}

	public S server() {
		return server;
	}

	public RecordingClient client() {
		return client;
	}

	public InitializeResult initializeResult() {
		return initializeResult;
	}

	/** The same connection, message by message as JSON and bytes. */
	public RawMessages raw() {
		return new RawMessages(this);
	}

	public void open(String uri, String text) {
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "funnel", 1, text)));
	}

	/** Replaces the whole text, as an editor does after a paste or an undo of everything. */
	public void change(String uri, int version, String text) {
		change(uri, version, new TextDocumentContentChangeEvent(text));
	}

	public void change(String uri, int version, TextDocumentContentChangeEvent change) {
		server.getTextDocumentService()
				.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), List.of(change)));
	}

	public void close(String uri) {
		server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
	}

	/** The server's process (null for a server in this JVM). */
	public Process process() {
		return process;
	}

	/** Where the server's standard error goes (null when it is not kept). */
	public Path log() {
		return log;
	}

	/** Waits for the process to end; its exit code, or null if it is still running. */
	public Integer waitForExit(Duration timeout) throws InterruptedException {
		return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
	}

	/** Heap in use after a full collection, in MB, as the JDK's jcmd reports it for the process. */
	public long heapAfterGcMb() throws Exception {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		run(jcmd, Long.toString(process.pid()), "GC.run");
		String info = run(jcmd, Long.toString(process.pid()), "GC.heap_info");
		// e.g. " garbage-first heap   total reserved 524288K, committed 65536K, used 23456K [0x..."
		Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
		if (!used.find()) {
			throw new AssertionError("jcmd GC.heap_info said: " + info);
		}
		return Long.parseLong(used.group(1)) / 1024;
	}

	private static String run(String... command) throws Exception {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
			throw new AssertionError(String.join(" ", command) + " failed: " + out);
		}
		return out;
	}

	// ---- the messages on their way

	/** Sends bytes as they are, between whole messages of lsp4j. */
	void send(byte[] bytes) throws IOException {
		toServer.sendWhole(bytes);
	}

	/** The server's messages received so far, as text. */
	List<String> received() {
		synchronized (received) {
			return List.copyOf(received);
		}
	}

	/** Waits until more than {@code count} messages were received, or the time is up. */
	void awaitMore(int count, long deadline) throws InterruptedException {
		synchronized (received) {
			long left = deadline - System.nanoTime();
			if (received.size() <= count && left > 0) {
				received.wait(Math.max(1, left / 1_000_000));
			}
		}
	}

	/** Reads the server's messages, keeps each, and hands lsp4j those that are its own. */
	private void relay(InputStream fromServer, QueueInputStream forLsp4j) {
		try (fromServer) {
			while (true) {
				byte[] body = readMessage(fromServer);
				if (body == null) {
					return;
				}
				String text = new String(body, StandardCharsets.UTF_8);
				synchronized (received) {
					received.add(text);
					received.notifyAll();
				}
				if (!answersRawRequest(text)) {
					forLsp4j.add(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
					forLsp4j.add(body);
				}
			}
		} catch (IOException e) {
			// The server ended the connection.
		} finally {
			forLsp4j.end();
			synchronized (received) {
				received.notifyAll();
			}
		}
	}

	/** One message's body (after its headers), or null at the end of the stream. */
	private static byte[] readMessage(InputStream in) throws IOException {
		int length = -1;
		StringBuilder line = new StringBuilder();
		while (true) {
			int c = in.read();
			if (c < 0) {
				return null;
			}
			if (c != '\n') {
				line.append((char) c);
				continue;
			}
			String header = line.toString().strip();
			line.setLength(0);
			if (header.isEmpty()) {
				break;
			}
			Matcher matcher = CONTENT_LENGTH.matcher(header.toLowerCase(Locale.ROOT));
			if (matcher.matches()) {
				length = Integer.parseInt(matcher.group(1));
			}
		}
		return in.readNBytes(Math.max(0, length));
	}

	/** An answer (no method) whose id is a number (a raw request's) or null (to a message the server could not read). */
	private boolean answersRawRequest(String text) {
		try {
			JsonElement message = JsonParser.parseString(text);
			if (!message.isJsonObject() || message.getAsJsonObject().has("method")) {
				return false;
			}
			JsonObject object = message.getAsJsonObject();
			JsonElement id = object.get("id");
			return id == null || id.isJsonNull() || id.isJsonPrimitive() && id.getAsJsonPrimitive().isNumber();
		} catch (RuntimeException e) {
			return false;
		}
	}

	/** What lsp4j writes, sent a whole message at a time, so raw messages never land inside one. */
	private static final class FramedOutput extends OutputStream {
		private final OutputStream out;
		private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

		FramedOutput(OutputStream out) {
			this.out = out;
		}

		@Override
		public synchronized void write(int b) {
			pending.write(b);
		}

		@Override
		public synchronized void write(byte[] bytes, int offset, int length) {
			pending.write(bytes, offset, length);
		}

		@Override
		public synchronized void flush() throws IOException {
			out.write(pending.toByteArray());
			pending.reset();
			out.flush();
		}

		synchronized void sendWhole(byte[] bytes) throws IOException {
			out.write(bytes);
			out.flush();
		}

		@Override
		public synchronized void close() throws IOException {
			flush();
			out.close();
		}
	}

	/** The server's messages for lsp4j, handed over by {@link #relay}. */
	private static final class QueueInputStream extends InputStream {
		private static final byte[] END = new byte[0];
		private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
		private byte[] current = new byte[0];
		private int position;

		void add(byte[] chunk) {
			chunks.add(chunk);
		}

		void end() {
			chunks.add(END);
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			while (position == current.length) {
				if (current == END) {
					return -1;
				}
				try {
					current = chunks.take();
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted", e);
				}
				position = 0;
			}
			int n = Math.min(length, current.length - position);
			System.arraycopy(current, position, bytes, offset, n);
			position += n;
			return n;
		}
	}

	@Override
	public void close() throws Exception {
		if (process == null) {
			// A server in this JVM: 'exit' would end the JVM (Xtext's exit handler); closing the streams ends it.
			try {
				server.shutdown().get(10, TimeUnit.SECONDS);
			} catch (Exception e) {
				// Closed below whatever happened.
			}
			for (Closeable resource : resources) {
				resource.close();
			}
			listening.cancel(true);
			return;
		}
		try {
			if (process.isAlive()) {
				server.shutdown().get(10, TimeUnit.SECONDS);
				server.exit();
			}
		} catch (Exception e) {
			// The process is stopped below whatever happened.
		}
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
		listening.cancel(true);
		if (log != null && Files.size(log) > 0) {
			String text = Files.readString(log);
			if (text.contains("ERROR") || text.contains("Exception")) {
				System.err.println("--- language server log " + log + " ---\n" + text);
			}
		}
	}
}

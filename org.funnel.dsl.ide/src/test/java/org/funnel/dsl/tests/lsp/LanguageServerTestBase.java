package org.funnel.dsl.tests.lsp;

import org.funnel.dsl.tests.lsp.LanguageServers.Server;
import org.funnel.dsl.testing.lsp.LanguageServerConnection;
import org.funnel.dsl.testing.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import java.util.Comparator;

/**
 * One language server per test class, for a workspace folder holding a copy of the examples (so
 * imports and cross-file references are real); each test opens documents of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LanguageServerTestBase {

	/** How long a test waits for diagnostics before it fails. */
	protected static final Duration TIMEOUT = Duration.ofSeconds(30);

	protected Path workspace;
	protected LanguageServerConnection<Server> server;

	@BeforeAll
	void startServer() throws Exception {
		workspace = Files.createTempDirectory("funnel-lsp-");
		FileTrees.copyTree(Path.of("examples"), workspace);
		server = realJar() ? LanguageServers.jar() : LanguageServers.inProcess();
		server.initialize(workspace);
	}

	/**
	 * Whether this class talks to the real jar in its own process (as an editor starts it) rather than
	 * to the same server in the test's JVM: a few classes do, the rest need not pay for a JVM each.
	 */
	protected boolean realJar() {
		return false;
	}

	@AfterAll
	void stopServer() throws Exception {
		if (server != null) {
			server.close();
		}
		if (workspace != null) {
			try (Stream<Path> files = Files.walk(workspace)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	protected TextDocumentService documents() {
		return server.server().getTextDocumentService();
	}

	protected WorkspaceService workspaceService() {
		return server.server().getWorkspaceService();
	}

	/** The URI of a file in the test workspace (it need not exist on disk). */
	protected String uri(String relativePath) {
		return LanguageServerConnection.uri(workspace.resolve(relativePath));
	}

	protected static TextDocumentIdentifier document(String uri) {
		return new TextDocumentIdentifier(uri);
	}

	/** Opens the document and waits for its first diagnostics. */
	protected List<Diagnostic> open(String uri, String text) throws InterruptedException {
		server.open(uri, text);
		return server.client().awaitDiagnostics(uri, d -> true, TIMEOUT);
	}

	protected static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	protected static String messages(List<Diagnostic> diagnostics) {
		return String.join("\n", diagnostics.stream().map(d -> d.getCode().getLeft() + ": " + message(d)).toList());
	}

	/** The text of a problem (LSP 3.18 also allows Markdown; this server sends plain text). */
	protected static String message(Diagnostic diagnostic) {
		return diagnostic.getMessage().isLeft() ? diagnostic.getMessage().getLeft()
				: diagnostic.getMessage().getRight().getValue();
	}
}

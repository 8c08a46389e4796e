package org.funnel.dsl.tests.lsp;

import java.io.Closeable;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.lsp4j.services.LanguageServer;
import org.funnel.dsl.ide.diagram.FunnelDiagramEndpoint;
import org.funnel.dsl.ide.server.FunnelLanguageServer;
import org.funnel.dsl.testing.lsp.LanguageServerConnection;

/**
 * The language server under test, spoken to over the protocol: the real jar, started as an editor starts it (its
 * standard error in {@code target/lsp-logs/}), or the same server in the test's own JVM over a pair of pipes (the same
 * protocol messages, without starting a JVM for every test class).
 */
final class LanguageServers {

	/** The server as the client sees it: the protocol and the Funnel requests. */
	interface Server extends LanguageServer, FunnelDiagramEndpoint {
	}

	private static final AtomicInteger COUNT = new AtomicInteger();

	private LanguageServers() {
	}

	/** The jar the build made, in a process of its own. */
	static LanguageServerConnection<Server> jar() throws IOException {
		Path log = Path.of(System.getProperty("funnel.buildDirectory", "target"), "lsp-logs",
				"server-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet() + ".log");
		return LanguageServerConnection
				.start(Server.class, LanguageServerConnection.javaCommand(LanguageServerConnection.serverJar()), log)
				.timed(Latencies::record);
	}

	/** The server of the jar, run in this JVM ({@code FunnelLanguageServer.serve}) and spoken to over pipes. */
	static LanguageServerConnection<Server> inProcess() throws IOException {
		PipedInputStream serverIn = new PipedInputStream(1 << 16);
		PipedOutputStream clientOut = new PipedOutputStream(serverIn);
		PipedInputStream clientIn = new PipedInputStream(1 << 16);
		PipedOutputStream serverOut = new PipedOutputStream(clientIn);
		Future<Void> serving = FunnelLanguageServer.serve(serverIn, serverOut, false);
		List<Closeable> resources = List.of(clientOut, serverOut, () -> serving.cancel(true));
		return LanguageServerConnection.connect(Server.class, clientIn, clientOut, resources).timed(Latencies::record);
	}
}

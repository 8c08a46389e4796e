package org.funnel.dsl.ide.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.apache.log4j.ConsoleAppender;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.PatternLayout;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;
import org.eclipse.xtext.util.Modules2;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintWriter;

/**
 * The Funnel language server, spoken over standard input and output (the only transport; {@code --stdio}
 * is accepted because VS Code's client adds it). Logs go to standard error, which editors show in
 * their output panel.
 */
public final class FunnelLanguageServer {

	private FunnelLanguageServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		boolean trace = false;
		for (String arg : args) {
			switch (arg) {
			case "--stdio" -> {
				// the default and only transport
			}
			case "--trace" -> trace = true;
			case "--help", "-h" -> {
				System.out.println("""
						Usage: java -jar funnel-language-server.jar [--stdio] [--trace]
						  The Funnel DSL language server; speaks the Language Server Protocol on stdin/stdout.
						  --stdio   use standard input and output (the default)
						  --trace   log every protocol message to standard error""");
				return;
			}
			default -> {
				// Clients add their own flags (e.g. --clientProcessId=123): ignore them, but say so.
				if (!arg.startsWith("--clientProcessId")) {
					System.err.println("funnel-language-server: ignoring unknown argument " + arg);
				}
			}
			}
		}
		// log4j would first configure itself from the log4j.properties in Xtext's jar (through java.beans, which
		// the bundled runtime leaves out, and with a console appender on stdout), only to be replaced below.
		System.setProperty("log4j.defaultInitOverride", "true");
		// Guice would generate a class for every class it constructs (about 200 before the first diagnostics),
		// which costs start-up time and cannot go into an AOT cache; reflection serves as well here.
		System.setProperty("guice_bytecode_gen_option", "DISABLED");
		InputStream in = System.in;
		PrintStream out = System.out;
		// Nothing but protocol messages may reach stdout: whatever a library prints goes to stderr.
		System.setOut(System.err);
		configureLogging();
		// Only now: nothing the set-up prints may reach the protocol's stdout.
		LanguageSetup.start();

		Future<Void> listening = serve(in, out, trace);
		try {
			listening.get();
		} catch (ExecutionException e) {
			Logger.getLogger(FunnelLanguageServer.class).error("The connection to the client failed", e.getCause());
		}
		// The client closed the connection without 'exit' (e.g. it crashed): do not linger.
		System.exit(0);
	}

	/**
	 * The server, speaking the protocol on {@code in} and {@code out} until the connection ends: what
	 * {@link #main} runs on standard input and output, and what tests run in their own JVM over pipes.
	 */
	public static Future<Void> serve(InputStream in, OutputStream out, boolean trace) {
		Injector injector = Guice.createInjector(Modules2.mixin(new ServerModule(), new FunnelServerModule()));
		LanguageServerImpl server = injector.getInstance(LanguageServerImpl.class);
		ExecutorService executor = injector.getInstance(ExecutorService.class);
		Launcher<LanguageClient> launcher = new Launcher.Builder<LanguageClient>()
				.setLocalService(server)
				.setRemoteInterface(LanguageClient.class)
				.setInput(in)
				.setOutput(out)
				.setExecutorService(executor)
				.traceMessages(trace ? new PrintWriter(System.err, true) : null)
				.create();
		server.connect(launcher.getRemoteProxy());
		return launcher.startListening();
	}

	private static void configureLogging() {
		Logger root = Logger.getRootLogger();
		root.removeAllAppenders();
		ConsoleAppender appender = new ConsoleAppender(new PatternLayout("%d{HH:mm:ss.SSS} %-5p %c{1} - %m%n"),
				ConsoleAppender.SYSTEM_ERR);
		root.addAppender(appender);
		root.setLevel(Level.WARN);
		Logger.getLogger("org.funnel").setLevel(Level.INFO);
	}
}

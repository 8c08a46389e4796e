package org.funnel.dsl.ide.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.RelativePattern;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Asks the editor to watch the history files and folders funnels name (client/registerCapability for
 * workspace/didChangeWatchedFiles), so that the server hears when one changes on disk and checks the funnels naming it
 * again. Only for a client that takes such registrations (LSP's dynamic registration); each path is registered once,
 * after the client said it is initialized, as the protocol asks.
 */
final class HistoryWatchers {

	private static final String METHOD = "workspace/didChangeWatchedFiles";

	private final boolean dynamic;
	private final boolean relativePatterns;
	private final Supplier<LanguageClient> client;
	private final CompletableFuture<Void> initialized = new CompletableFuture<>();
	private final Set<Path> watched = ConcurrentHashMap.newKeySet();

	HistoryWatchers(ClientCapabilities capabilities, Supplier<LanguageClient> client) {
		DidChangeWatchedFilesCapabilities files = capabilities == null || capabilities.getWorkspace() == null ? null
				: capabilities.getWorkspace().getDidChangeWatchedFiles();
		this.dynamic = files != null && Boolean.TRUE.equals(files.getDynamicRegistration());
		this.relativePatterns = files != null && Boolean.TRUE.equals(files.getRelativePatternSupport());
		this.client = client;
	}

	/** The client said it is initialized: registrations may be sent from now on. */
	void initialized() {
		initialized.complete(null);
	}

	/** Asks the client to watch a history: the file, or every file of a folder of saved answers. */
	void watch(Path history) {
		if (!dynamic || !watched.add(history)) {
			return;
		}
		Registration registration = new Registration("funnel-history:" + history, METHOD,
				new DidChangeWatchedFilesRegistrationOptions(List.of(watcher(history))));
		initialized.thenRun(() -> {
			LanguageClient editor = client.get();
			if (editor != null) {
				editor.registerCapability(new RegistrationParams(List.of(registration)));
			}
		});
	}

	private FileSystemWatcher watcher(Path history) {
		boolean folder = Files.isDirectory(history);
		Path base = folder ? history : history.getParent();
		String pattern = folder ? "*" : history.getFileName().toString();
		if (relativePatterns) {
			String uri = base.toUri().toString();
			return new FileSystemWatcher(Either.forRight(
					new RelativePattern(Either.forRight(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri), pattern)));
		}
		// LSP 3.16 and older: a glob matched against the whole path.
		return new FileSystemWatcher(Either.forLeft(base.toString().replace('\\', '/') + "/" + pattern));
	}
}

package org.funnel.dsl.ide.server;

import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.xtext.ide.server.BuildManager.Buildable;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.util.CancelIndicator;
import org.funnel.dsl.ide.history.HistoryFits;
import org.funnel.dsl.scoping.BuiltinChannels;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Xtext's language server, with the built-in channel library kept out of sight of clients that cannot
 * open it: its channels live in {@value #BUILTIN_SCHEME}: URIs, not in a file. A client that shows such
 * documents itself (the VS Code extension does) says so with the initialization option
 * {@code "builtinChannelLocations": true} and then gets them too. It also follows the histories funnels name
 * ({@link #followHistories}).
 */
public class FunnelLanguageServerImpl extends LanguageServerImpl {

	static final String BUILTIN_SCHEME = "funnel";

	/** Initialization option: the client can show locations in the built-in channel library. */
	public static final String BUILTIN_LOCATIONS_OPTION = "builtinChannelLocations";

	private volatile boolean clientShowsBuiltins;
	private volatile boolean refreshesCodeLenses;
	private HistoryFits histories;
	private HistoryWatchers historyWatchers;

	@Override
	public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
		clientShowsBuiltins = option(params.getInitializationOptions(), BUILTIN_LOCATIONS_OPTION);
		followHistories(params);
		return super.initialize(params);
	}

	@Override
	public void initialized(InitializedParams params) {
		super.initialized(params);
		if (historyWatchers != null) {
			historyWatchers.initialized();
		}
	}

	/**
	 * The funnels' histories: a fit is made while the editor goes on, and when one is done the documents that asked
	 * for it are checked again. The editor is asked to watch each history file a funnel names (if it takes such
	 * registrations), and when one changes on disk the funnels naming it are checked again too, with no edit.
	 */
	private void followHistories(InitializeParams params) {
		WorkspaceClientCapabilities workspace = params.getCapabilities() == null ? null
				: params.getCapabilities().getWorkspace();
		refreshesCodeLenses = workspace != null && workspace.getCodeLens() != null
				&& Boolean.TRUE.equals(workspace.getCodeLens().getRefreshSupport());
		IResourceServiceProvider language = getLanguagesRegistry().getResourceServiceProvider(URI.createURI("file.funnel"));
		if (language == null) {
			return;
		}
		histories = language.get(HistoryFits.class);
		historyWatchers = new HistoryWatchers(params.getCapabilities(), this::getLanguageClient);
		histories.onFitted(documents -> checkAgain(() -> getWorkspaceManager().didChangeFiles(List.copyOf(documents),
				List.of())));
		histories.onNamed(historyWatchers::watch);
	}

	/**
	 * A changed history file (or a file in a folder of saved answers) has the funnels naming it checked again: their
	 * next check sees the file's new time and size and starts a new fit. Other files go to Xtext as before.
	 */
	@Override
	public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
		Set<URI> users = new LinkedHashSet<>();
		List<FileEvent> others = new ArrayList<>();
		for (FileEvent change : params.getChanges()) {
			Path file = filePath(change.getUri());
			Set<URI> naming = histories == null || file == null ? Set.of() : histories.usersOf(file);
			if (naming.isEmpty()) {
				others.add(change);
			}
			users.addAll(naming);
		}
		if (users.isEmpty()) {
			super.didChangeWatchedFiles(params);
			return;
		}
		checkAgain(() -> {
			Buildable files = toBuildable(new DidChangeWatchedFilesParams(others));
			Buildable funnels = getWorkspaceManager().didChangeFiles(List.copyOf(users), List.of());
			return cancel -> {
				List<IResourceDescription.Delta> deltas = new ArrayList<>(files.build(cancel));
				deltas.addAll(funnels.build(cancel));
				return deltas;
			};
		});
	}

	/**
	 * Builds (which validates the documents and publishes their diagnostics), then asks the client to fetch code lenses
	 * again (if it can be asked, LSP 3.16), which then show what the documents' histories say now.
	 */
	private void checkAgain(Supplier<Buildable> build) {
		getRequestManager().runWrite(build::get, (cancel, buildable) -> buildable.build(cancel)).thenRun(() -> {
			if (refreshesCodeLenses && getLanguageClient() != null) {
				getLanguageClient().refreshCodeLenses();
			}
		});
	}

	/** The path of a file: URI; null for a URI of another scheme. */
	private static Path filePath(String uri) {
		try {
			return Path.of(java.net.URI.create(uri));
		} catch (IllegalArgumentException | FileSystemNotFoundException e) {
			return null;
		}
	}

	@Override
	protected List<? extends Location> definition(CancelIndicator cancelIndicator, DefinitionParams params) {
		return visible(super.definition(cancelIndicator, params));
	}

	@Override
	protected List<? extends Location> references(ReferenceParams params, CancelIndicator cancelIndicator) {
		return visible(super.references(params, cancelIndicator));
	}

	private List<? extends Location> visible(List<? extends Location> locations) {
		if (clientShowsBuiltins || locations == null) {
			return locations;
		}
		return locations.stream().filter(location -> !isBuiltin(location.getUri())).toList();
	}

	/**
	 * A request no service knows is "method not found" (-32601), as JSON-RPC says; Xtext throws, and
	 * the client got an internal error (-32603) with a stack trace.
	 */
	@Override
	public CompletableFuture<?> request(String method, Object parameter) {
		try {
			return super.request(method, parameter);
		} catch (UnsupportedOperationException e) {
			return CompletableFuture.failedFuture(new ResponseErrorException(
					new ResponseError(
							ResponseErrorCode.MethodNotFound, "Unknown method: " + method,
							null)));
		}
	}

	static boolean isBuiltin(String uri) {
		return uri != null && (uri.startsWith(BUILTIN_SCHEME + ":") || uri.equals(BuiltinChannels.LIBRARY_URI.toString()));
	}

	private static boolean option(Object options, String name) {
		if (options instanceof JsonObject json) {
			JsonElement value = json.get(name);
			return value != null && value.isJsonPrimitive() && value.getAsBoolean();
		}
		if (options instanceof Map<?, ?> map) {
			return Boolean.TRUE.equals(map.get(name));
		}
		return false;
	}
}

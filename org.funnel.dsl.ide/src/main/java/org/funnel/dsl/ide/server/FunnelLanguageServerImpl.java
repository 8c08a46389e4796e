package org.funnel.dsl.ide.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.funnel.dsl.ide.history.HistoryFits;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.util.CancelIndicator;
import org.funnel.dsl.scoping.BuiltinChannels;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Xtext's language server, with the built-in channel library kept out of sight of clients that cannot
 * open it: its channels live in {@value #BUILTIN_SCHEME}: URIs, not in a file. A client that shows such
 * documents itself (the VS Code extension does) says so with the initialization option
 * {@code "builtinChannelLocations": true} and then gets them too.
 */
public class FunnelLanguageServerImpl extends LanguageServerImpl {

	static final String BUILTIN_SCHEME = "funnel";

	/** Initialization option: the client can show locations in the built-in channel library. */
	public static final String BUILTIN_LOCATIONS_OPTION = "builtinChannelLocations";

	private volatile boolean clientShowsBuiltins;

	@Override
	public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
		clientShowsBuiltins = option(params.getInitializationOptions(), BUILTIN_LOCATIONS_OPTION);
		refreshWhenFitted(params);
		return super.initialize(params);
	}

	/**
	 * A fit of a funnel's history is made while the editor goes on: when one is done, the documents that asked for it
	 * are validated again (their warnings of shares outside the history are published) and the client is asked to
	 * fetch code lenses again (if it can be asked, LSP 3.16), which then show the observed shares.
	 */
	private void refreshWhenFitted(InitializeParams params) {
		WorkspaceClientCapabilities workspace = params.getCapabilities() == null ? null
				: params.getCapabilities().getWorkspace();
		boolean refreshes = workspace != null && workspace.getCodeLens() != null
				&& Boolean.TRUE.equals(workspace.getCodeLens().getRefreshSupport());
		IResourceServiceProvider language = getLanguagesRegistry().getResourceServiceProvider(URI.createURI("file.funnel"));
		if (language == null) {
			return;
		}
		language.get(HistoryFits.class).onFitted(documents -> {
			getRequestManager().runWrite(() -> getWorkspaceManager().didChangeFiles(List.copyOf(documents), List.of()),
					(cancel, build) -> build.build(cancel)).thenRun(() -> {
						if (refreshes && getLanguageClient() != null) {
							getLanguageClient().refreshCodeLenses();
						}
					});
		});
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

package org.funnel.dsl.ui.quickfix;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.funnel.dsl.ui.model.FunnelResources;
import org.funnel.dsl.ui.model.FunnelSnapshot;

/**
 * What Xtext's quick fixes expect of a language server, answered from one editor snapshot: they
 * re-read the file to compute their edits, and must see the text the user sees, not the saved one.
 */
final class SnapshotServerAccess implements ILanguageServerAccess {

	private final FunnelSnapshot snapshot;

	SnapshotServerAccess(FunnelSnapshot snapshot) {
		this.snapshot = snapshot;
	}

	@Override
	public ResourceSet newLiveScopeResourceSet(URI uri) {
		XtextResourceSet resourceSet = FunnelResources.newResourceSet();
		if (uri.equals(snapshot.uri())) {
			FunnelResources.parse(resourceSet, uri, snapshot.text());
		}
		return resourceSet;
	}

	@Override
	public <T> T doSyncRead(String uri, Function<Context, T> function) {
		if (!snapshot.uri().toString().equals(uri)) {
			throw new IllegalArgumentException("Only " + snapshot.uri() + " is open here, not " + uri);
		}
		return snapshot.read(resource -> function.apply(new Context(resource, snapshot.document(), true,
				CancelIndicator.NullImpl)));
	}

	@Override
	public <T> CompletableFuture<T> doRead(String uri, Function<Context, T> function) {
		return CompletableFuture.completedFuture(doSyncRead(uri, function));
	}

	@Override
	public <T> CompletableFuture<T> doReadIndex(Function<? super IndexContext, ? extends T> function) {
		return CompletableFuture.failedFuture(new UnsupportedOperationException("no workspace index in the editor"));
	}

	@Override
	public void addBuildListener(IBuildListener listener) {
		// The editor has no language-server builds to report.
	}

	@Override
	public LanguageClient getLanguageClient() {
		return null;
	}

	@Override
	public InitializeParams getInitializeParams() {
		// No client capabilities: edits come back as plain per-file changes.
		return new InitializeParams();
	}

	@Override
	public InitializeResult getInitializeResult() {
		return new InitializeResult();
	}
}

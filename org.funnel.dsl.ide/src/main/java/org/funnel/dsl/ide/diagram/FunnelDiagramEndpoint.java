package org.funnel.dsl.ide.diagram;

import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/**
 * The language server's requests beyond the protocol, for clients written with lsp4j: add this
 * interface to the remote interface of the client's launcher (see docs/diagram.md for others).
 */
public interface FunnelDiagramEndpoint {

	/** The picture of the funnel at a position of a document. */
	@JsonRequest(FunnelDiagramService.METHOD)
	CompletableFuture<FunnelDiagramResult> diagram(FunnelDiagramParams params);
}

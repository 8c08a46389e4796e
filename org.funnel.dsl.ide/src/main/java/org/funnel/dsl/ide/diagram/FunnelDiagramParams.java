package org.funnel.dsl.ide.diagram;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;

/**
 * Parameters of the {@code funnel/diagram} request: the document and a position in it (the funnel
 * around it is drawn; the first funnel when the position is in none), and how to draw it.
 */
public class FunnelDiagramParams {

	/** The document. */
	public TextDocumentIdentifier textDocument;

	/** Where the caret is; null for the document's first funnel. */
	public Position position;

	/** "light", "dark" or "auto" (the default: the viewer's preference); the SVG's {@code data-theme}. */
	public String theme;

	/** List each stage's channels and each transition's. */
	public boolean channels;

	public FunnelDiagramParams() {
	}

	public FunnelDiagramParams(TextDocumentIdentifier textDocument, Position position) {
		this.textDocument = textDocument;
		this.position = position;
	}
}

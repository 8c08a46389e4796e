package org.funnel.dsl.ui.quickfix;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.jface.text.IDocument;
import org.eclipse.lsp4j.TextEdit;
import org.funnel.dsl.ui.model.FunnelSnapshot;
import org.funnel.dsl.ui.model.TextEdits;

/** One way to fix a problem, as the language offers it: a label and the edits it makes. */
public final class FunnelQuickFix {

	private final String label;
	private final FunnelSnapshot snapshot;
	private final Supplier<List<TextEdit>> edits;

	FunnelQuickFix(String label, FunnelSnapshot snapshot, Supplier<List<TextEdit>> edits) {
		this.label = label;
		this.snapshot = snapshot;
		this.edits = edits;
	}

	public String label() {
		return label;
	}

	/**
	 * Changes the document the way the fix says.
	 *
	 * @return false when the document changed since the problem was found
	 */
	public boolean applyTo(IDocument document) {
		return TextEdits.apply(document, snapshot, edits.get());
	}
}

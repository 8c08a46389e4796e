package org.funnel.dsl.ui.model;

import java.util.List;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.text.edits.MalformedTreeException;
import org.eclipse.text.edits.MultiTextEdit;
import org.eclipse.text.edits.ReplaceEdit;

/** Applies the LSP text edits the Xtext services answer with to an Eclipse document. */
public final class TextEdits {

	private TextEdits() {
	}

	/**
	 * Applies edits computed against the snapshot's text, all or nothing.
	 *
	 * @return false when the document no longer holds that text
	 */
	public static boolean apply(IDocument document, FunnelSnapshot snapshot, List<? extends TextEdit> edits) {
		if (edits == null || edits.isEmpty()) {
			return true;
		}
		if (!snapshot.text().equals(document.get())) {
			return false;
		}
		MultiTextEdit all = new MultiTextEdit();
		for (TextEdit edit : edits) {
			int start = snapshot.document().getOffSet(edit.getRange().getStart());
			int end = snapshot.document().getOffSet(edit.getRange().getEnd());
			all.addChild(new ReplaceEdit(start, end - start, edit.getNewText()));
		}
		try {
			all.apply(document);
			return true;
		} catch (MalformedTreeException | BadLocationException e) {
			throw new IllegalStateException("Edits do not fit the text they were made for", e);
		}
	}
}

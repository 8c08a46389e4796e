package org.funnel.dsl.ui.editor;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposalExtension2;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.xtext.ide.server.Document;
import org.funnel.dsl.ui.FunnelImages;

/**
 * One completion proposal of the language: replaces the prefix typed so far, and keeps matching
 * while the user types on (the proposal list narrows without asking the language again).
 */
public class FunnelCompletionProposal implements ICompletionProposal, ICompletionProposalExtension2 {

	private final CompletionItem item;
	private final int replaceOffset;
	private final int replaceEnd;
	private final String newText;
	private int cursor;

	private FunnelCompletionProposal(CompletionItem item, int replaceOffset, int replaceEnd, String newText) {
		this.item = item;
		this.replaceOffset = replaceOffset;
		this.replaceEnd = replaceEnd;
		this.newText = newText;
		this.cursor = replaceOffset + newText.length();
	}

	static FunnelCompletionProposal of(CompletionItem item, Document document, int offset) {
		if (item.getTextEdit() != null && item.getTextEdit().isLeft()) {
			TextEdit edit = item.getTextEdit().getLeft();
			int start = document.getOffSet(edit.getRange().getStart());
			int end = document.getOffSet(edit.getRange().getEnd());
			return new FunnelCompletionProposal(item, start, Math.max(end, offset), edit.getNewText());
		}
		String text = item.getInsertText() != null ? item.getInsertText() : item.getLabel();
		return new FunnelCompletionProposal(item, offset, offset, text);
	}

	/** The text this proposal inserts. */
	public String replacement() {
		return newText;
	}

	@Override
	public void apply(IDocument document) {
		apply(document, replaceEnd);
	}

	private void apply(IDocument document, int end) {
		try {
			document.replace(replaceOffset, end - replaceOffset, newText);
			cursor = replaceOffset + newText.length();
		} catch (BadLocationException e) {
			// The text moved on since the proposal was made; nothing sensible to insert.
		}
	}

	@Override
	public void apply(ITextViewer viewer, char trigger, int stateMask, int offset) {
		apply(viewer.getDocument(), Math.max(offset, replaceEnd));
	}

	@Override
	public Point getSelection(IDocument document) {
		return new Point(cursor, 0);
	}

	@Override
	public String getAdditionalProposalInfo() {
		StringBuilder info = new StringBuilder();
		if (item.getDetail() != null && !item.getDetail().isBlank()) {
			info.append(item.getDetail());
		}
		if (item.getDocumentation() != null) {
			String documentation = item.getDocumentation().isLeft() ? item.getDocumentation().getLeft()
					: markupText(item.getDocumentation().getRight());
			if (documentation != null && !documentation.isBlank()) {
				info.append(info.isEmpty() ? "" : "\n\n").append(documentation);
			}
		}
		return info.isEmpty() ? null : info.toString();
	}

	private static String markupText(MarkupContent content) {
		return content == null ? null : FunnelTextHover.plainText(content.getValue());
	}

	@Override
	public String getDisplayString() {
		String detail = item.getDetail();
		return detail == null || detail.isBlank() || detail.equals(item.getLabel()) ? item.getLabel()
				: item.getLabel() + " - " + detail;
	}

	@Override
	public Image getImage() {
		CompletionItemKind kind = item.getKind();
		return kind == CompletionItemKind.Keyword ? FunnelImages.get(FunnelImages.KEYWORD)
				: kind == null ? null : FunnelImages.get(FunnelImages.REFERENCE);
	}

	@Override
	public IContextInformation getContextInformation() {
		return null;
	}

	@Override
	public void selected(ITextViewer viewer, boolean smartToggle) {
	}

	@Override
	public void unselected(ITextViewer viewer) {
	}

	@Override
	public boolean validate(IDocument document, int offset, DocumentEvent event) {
		if (offset < replaceOffset) {
			return false;
		}
		try {
			String typed = document.get(replaceOffset, offset - replaceOffset);
			String filter = item.getFilterText() != null ? item.getFilterText() : newText;
			return filter.regionMatches(true, 0, typed, 0, typed.length());
		} catch (BadLocationException e) {
			return false;
		}
	}
}

package org.funnel.dsl.ui.editor;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.link.LinkedModeModel;
import org.eclipse.jface.text.link.LinkedModeUI;
import org.eclipse.jface.text.link.LinkedPosition;
import org.eclipse.jface.text.link.LinkedPositionGroup;
import org.eclipse.jface.text.link.ProposalPosition;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposalExtension2;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
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
	private final String indentUnit;
	private Point selection;

	private FunnelCompletionProposal(CompletionItem item, int replaceOffset, int replaceEnd, String newText,
			String indentUnit) {
		this.item = item;
		this.replaceOffset = replaceOffset;
		this.replaceEnd = replaceEnd;
		this.newText = newText;
		this.indentUnit = indentUnit;
		this.selection = new Point(replaceOffset + newText.length(), 0);
	}

	static FunnelCompletionProposal of(CompletionItem item, Document document, int offset, String indentUnit) {
		if (item.getTextEdit() != null && item.getTextEdit().isLeft()) {
			TextEdit edit = item.getTextEdit().getLeft();
			int start = document.getOffSet(edit.getRange().getStart());
			int end = document.getOffSet(edit.getRange().getEnd());
			return new FunnelCompletionProposal(item, start, Math.max(end, offset), edit.getNewText(), indentUnit);
		}
		String text = item.getInsertText() != null ? item.getInsertText() : item.getLabel();
		return new FunnelCompletionProposal(item, offset, offset, text, indentUnit);
	}

	private boolean isSnippet() {
		return item.getInsertTextFormat() == InsertTextFormat.Snippet;
	}

	@Override
	public void apply(IDocument document) {
		apply(document, replaceEnd);
	}

	/** What inserting this proposal writes, placeholders filled with their defaults. */
	public String insertedText() {
		return isSnippet() ? Snippet.parse(newText, "", indentUnit).text() : newText;
	}

	private Snippet apply(IDocument document, int end) {
		try {
			if (!isSnippet()) {
				document.replace(replaceOffset, end - replaceOffset, newText);
				selection = new Point(replaceOffset + newText.length(), 0);
				return null;
			}
			IRegion line = document.getLineInformationOfOffset(replaceOffset);
			String lineText = document.get(line.getOffset(), line.getLength());
			String lineIndent = lineText.substring(0, lineText.length() - lineText.stripLeading().length());
			Snippet snippet = Snippet.parse(newText, lineIndent, indentUnit);
			document.replace(replaceOffset, end - replaceOffset, snippet.text());
			selection = new Point(replaceOffset + snippet.text().length(), 0);
			return snippet;
		} catch (BadLocationException e) {
			// The text moved on since the proposal was made; nothing sensible to insert.
			return null;
		}
	}

	@Override
	public void apply(ITextViewer viewer, char trigger, int stateMask, int offset) {
		Snippet snippet = apply(viewer.getDocument(), Math.max(offset, replaceEnd));
		if (snippet != null && !snippet.stops().isEmpty()) {
			enterLinkedMode(viewer, snippet);
		}
	}

	/** Tab through the snippet's placeholders, as in a template; choices pop up as proposals. */
	private void enterLinkedMode(ITextViewer viewer, Snippet snippet) {
		IDocument document = viewer.getDocument();
		try {
			LinkedModeModel model = new LinkedModeModel();
			Map<Integer, LinkedPositionGroup> groups = new LinkedHashMap<>();
			int exit = replaceOffset + snippet.text().length();
			int sequence = 0;
			for (Snippet.Stop stop : snippet.stops()) {
				int offset = replaceOffset + stop.offset();
				if (stop.index() == 0) {
					exit = offset;
					continue;
				}
				LinkedPositionGroup group = groups.computeIfAbsent(stop.index(), i -> new LinkedPositionGroup());
				LinkedPosition position;
				if (stop.choices().size() > 1) {
					ChoiceProposal[] choices = stop.choices().stream().map(ChoiceProposal::new).toArray(ChoiceProposal[]::new);
					position = new ProposalPosition(document, offset, stop.length(), sequence++, choices);
					for (ChoiceProposal choice : choices) {
						choice.position = position;
					}
				} else {
					position = new LinkedPosition(document, offset, stop.length(), sequence++);
				}
				group.addPosition(position);
			}
			if (groups.isEmpty()) {
				selection = new Point(exit, 0);
				return;
			}
			for (LinkedPositionGroup group : groups.values()) {
				model.addGroup(group);
			}
			model.forceInstall();
			LinkedModeUI ui = new LinkedModeUI(model, viewer);
			ui.setExitPosition(viewer, exit, 0, Integer.MAX_VALUE);
			ui.enter();
			IRegion first = ui.getSelectedRegion();
			selection = new Point(first.getOffset(), first.getLength());
		} catch (BadLocationException e) {
			// Leave the text inserted, without tab stops.
		}
	}

	/** One value of a choice placeholder, replacing whatever the placeholder holds now. */
	private static final class ChoiceProposal implements ICompletionProposal {
		private final String value;
		private Position position;

		ChoiceProposal(String value) {
			this.value = value;
		}

		@Override
		public void apply(IDocument document) {
			try {
				document.replace(position.getOffset(), position.getLength(), value);
			} catch (BadLocationException e) {
				// The placeholder is gone.
			}
		}

		@Override
		public Point getSelection(IDocument document) {
			return new Point(position.getOffset() + value.length(), 0);
		}

		@Override
		public String getAdditionalProposalInfo() {
			return null;
		}

		@Override
		public String getDisplayString() {
			return value;
		}

		@Override
		public Image getImage() {
			return FunnelImages.get(FunnelImages.REFERENCE);
		}

		@Override
		public IContextInformation getContextInformation() {
			return null;
		}
	}

	@Override
	public Point getSelection(IDocument document) {
		return selection;
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
		if (kind == CompletionItemKind.Snippet) {
			return FunnelImages.get(FunnelImages.TEMPLATE);
		}
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

package org.funnel.dsl.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.BadPositionCategoryException;
import org.eclipse.jface.text.DefaultPositionUpdater;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IPositionUpdater;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextPresentationListener;
import org.eclipse.jface.text.ITextViewerExtension4;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.custom.StyleRange;

/**
 * Lays the semantic highlights of the last parse over the lexical colouring. The highlights are
 * kept as document positions, so they move with the text while the next parse is pending.
 */
public class SemanticColouring implements ITextPresentationListener {

	private static final String CATEGORY = "org.funnel.dsl.ui.semanticHighlights";

	private static final class StyledPosition extends Position {
		final String style;

		StyledPosition(int offset, int length, String style) {
			super(offset, length);
			this.style = style;
		}
	}

	private final ISourceViewer viewer;
	private final IPositionUpdater updater = new DefaultPositionUpdater(CATEGORY);
	private IDocument document;

	public SemanticColouring(ISourceViewer viewer) {
		this.viewer = viewer;
	}

	public void install() {
		((ITextViewerExtension4) viewer).addTextPresentationListener(this);
	}

	public void uninstall() {
		((ITextViewerExtension4) viewer).removeTextPresentationListener(this);
		forget();
	}

	/** Replaces the highlights; call in the UI thread, with highlights computed for the current text. */
	public void update(IDocument current, List<SemanticHighlights.Highlight> highlights) {
		if (viewer.getTextWidget() == null || viewer.getTextWidget().isDisposed()) {
			return;
		}
		if (document != current) {
			forget();
			document = current;
			document.addPositionCategory(CATEGORY);
			document.addPositionUpdater(updater);
		}
		try {
			for (Position old : document.getPositions(CATEGORY)) {
				document.removePosition(CATEGORY, old);
			}
			for (SemanticHighlights.Highlight highlight : highlights) {
				if (highlight.offset() + highlight.length() <= document.getLength()) {
					document.addPosition(CATEGORY,
							new StyledPosition(highlight.offset(), highlight.length(), highlight.style()));
				}
			}
		} catch (BadLocationException | BadPositionCategoryException e) {
			// The text changed under us; the next reconcile brings fresh highlights.
		}
		viewer.invalidateTextPresentation();
	}

	private void forget() {
		if (document != null) {
			try {
				document.removePositionUpdater(updater);
				document.removePositionCategory(CATEGORY);
			} catch (BadPositionCategoryException e) {
				// Already gone.
			}
			document = null;
		}
	}

	@Override
	public void applyTextPresentation(TextPresentation presentation) {
		if (document == null) {
			return;
		}
		IRegion extent = presentation.getExtent();
		int from = extent.getOffset();
		int to = from + extent.getLength();
		List<StyleRange> ranges = new ArrayList<>();
		try {
			for (Position position : document.getPositions(CATEGORY)) {
				if (position.isDeleted() || position.getLength() == 0 || !(position instanceof StyledPosition styled)) {
					continue;
				}
				int start = Math.max(from, position.getOffset());
				int end = Math.min(to, position.getOffset() + position.getLength());
				TextAttribute attribute = FunnelColours.of(styled.style);
				if (end > start && attribute != null) {
					StyleRange range = new StyleRange(start, end - start, attribute.getForeground(), attribute.getBackground(),
							attribute.getStyle());
					ranges.add(range);
				}
			}
		} catch (BadPositionCategoryException e) {
			return;
		}
		if (!ranges.isEmpty()) {
			// Merging keeps what a range does not set (a declaration only adds bold).
			presentation.mergeStyleRanges(ranges.toArray(StyleRange[]::new));
		}
	}
}

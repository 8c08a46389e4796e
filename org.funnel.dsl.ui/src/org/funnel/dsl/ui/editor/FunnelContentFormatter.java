package org.funnel.dsl.ui.editor;

import java.util.List;

import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.formatter.IContentFormatter;
import org.eclipse.jface.text.formatter.IFormattingStrategy;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.ui.texteditor.AbstractDecoratedTextEditorPreferenceConstants;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.funnel.dsl.ui.FunnelLanguage;
import org.funnel.dsl.ui.FunnelUiPlugin;
import org.funnel.dsl.ui.model.FunnelSnapshot;
import org.funnel.dsl.ui.model.TextEdits;

/**
 * Format (Ctrl+Shift+F) with the language's formatter through Xtext's {@link FormattingService},
 * indenting as the editor's tab preferences say.
 */
public class FunnelContentFormatter implements IContentFormatter {

	private final FunnelEditor editor;
	private final IPreferenceStore preferences;

	public FunnelContentFormatter(FunnelEditor editor, IPreferenceStore preferences) {
		this.editor = editor;
		this.preferences = preferences;
	}

	@Override
	public void format(IDocument document, IRegion region) {
		try {
			FunnelSnapshot snapshot = editor.snapshotOf(document);
			FormattingService service = FunnelLanguage.get(FormattingService.class);
			FormattingOptions options = new FormattingOptions(
					preferences.getInt(AbstractDecoratedTextEditorPreferenceConstants.EDITOR_TAB_WIDTH),
					preferences.getBoolean(AbstractDecoratedTextEditorPreferenceConstants.EDITOR_SPACES_FOR_TABS));
			List<TextEdit> edits = snapshot.read(resource -> service.format(resource, snapshot.document(),
					region.getOffset(), region.getLength(), options));
			TextEdits.apply(document, snapshot, edits);
		} catch (RuntimeException e) {
			FunnelUiPlugin.log("Funnel formatting failed", e);
		}
	}

	@Override
	public IFormattingStrategy getFormattingStrategy(String contentType) {
		return null;
	}
}

package org.funnel.dsl.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.ui.texteditor.AbstractDecoratedTextEditorPreferenceConstants;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.contentassist.ContentAssistService;
import org.eclipse.xtext.util.CancelIndicator;
import org.funnel.dsl.ui.FunnelLanguage;
import org.funnel.dsl.ui.FunnelUiPlugin;
import org.funnel.dsl.ui.model.FunnelSnapshot;

/**
 * Completion from the language's own content assist (Xtext's {@link ContentAssistService} and the
 * proposal provider bound in the ide module): the same proposals the language server offers.
 */
public class FunnelContentAssistProcessor implements IContentAssistProcessor {

	private final FunnelEditor editor;
	private String errorMessage;

	public FunnelContentAssistProcessor(FunnelEditor editor) {
		this.editor = editor;
	}

	@Override
	public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
		errorMessage = null;
		try {
			FunnelSnapshot snapshot = editor.snapshotOf(viewer.getDocument());
			Document document = snapshot.document();
			CompletionParams params = new CompletionParams(new TextDocumentIdentifier(snapshot.uri().toString()),
					document.getPosition(offset));
			ContentAssistService service = FunnelLanguage.get(ContentAssistService.class);
			CompletionList list = snapshot.read(resource -> service.createCompletionList(document, resource, params,
					CancelIndicator.NullImpl));
			List<ICompletionProposal> proposals = new ArrayList<>();
			for (CompletionItem item : list.getItems()) {
				FunnelCompletionProposal proposal = FunnelCompletionProposal.of(item, document, offset, indentUnit());
				if (proposal != null) {
					proposals.add(proposal);
				}
			}
			return proposals.toArray(ICompletionProposal[]::new);
		} catch (RuntimeException e) {
			errorMessage = "Content assist failed: " + e.getMessage();
			FunnelUiPlugin.log(errorMessage, e);
			return new ICompletionProposal[0];
		}
	}

	/** One indentation step as the editor's preferences say (four spaces by default). */
	private String indentUnit() {
		IPreferenceStore preferences = editor.preferences();
		if (!preferences.getBoolean(AbstractDecoratedTextEditorPreferenceConstants.EDITOR_SPACES_FOR_TABS)) {
			return "\t";
		}
		return " ".repeat(Math.max(1, preferences.getInt(AbstractDecoratedTextEditorPreferenceConstants.EDITOR_TAB_WIDTH)));
	}

	@Override
	public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
		return null;
	}

	@Override
	public char[] getCompletionProposalAutoActivationCharacters() {
		return null;
	}

	@Override
	public char[] getContextInformationAutoActivationCharacters() {
		return null;
	}

	@Override
	public String getErrorMessage() {
		return errorMessage;
	}

	@Override
	public IContextInformationValidator getContextInformationValidator() {
		return null;
	}
}

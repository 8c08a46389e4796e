package org.funnel.dsl.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.codemining.AbstractCodeMiningProvider;
import org.eclipse.jface.text.codemining.ICodeMining;
import org.eclipse.jface.text.codemining.ICodeMiningProvider;
import org.eclipse.jface.text.codemining.LineHeaderCodeMining;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.xtext.ide.server.codelens.ICodeLensService;
import org.funnel.dsl.ui.FunnelLanguage;
import org.funnel.dsl.ui.FunnelUiPlugin;
import org.funnel.dsl.ui.model.FunnelSnapshot;

/**
 * The language's code lenses (the {@link ICodeLensService} of the ide module, what VS Code shows above a line) as
 * Eclipse code minings: a stage's figures, and once its history is fitted, the shares and times seen in it.
 * Asked again after each background check of the text ({@link FunnelEditor#reconciled}).
 */
public class FunnelCodeMinings extends AbstractCodeMiningProvider {

	private final FunnelEditor editor;

	public FunnelCodeMinings(FunnelEditor editor) {
		this.editor = editor;
	}

	@Override
	public CompletableFuture<List<? extends ICodeMining>> provideCodeMinings(ITextViewer viewer,
			IProgressMonitor monitor) {
		return CompletableFuture.supplyAsync(() -> minings(viewer.getDocument(), monitor));
	}

	/** The minings of the editor's last checked text, none while the document has moved on since. */
	private List<ICodeMining> minings(IDocument document, IProgressMonitor monitor) {
		List<ICodeMining> minings = new ArrayList<>();
		ICodeLensService service = FunnelLanguage.optional(ICodeLensService.class);
		FunnelSnapshot snapshot = document == null ? null : editor.snapshot();
		if (service == null || snapshot == null || !snapshot.text().equals(document.get())) {
			return minings;
		}
		try {
			CodeLensParams params = new CodeLensParams(new TextDocumentIdentifier(snapshot.uri().toString()));
			List<? extends CodeLens> lenses = snapshot.read(
					resource -> service.computeCodeLenses(snapshot.document(), resource, params,
							() -> monitor != null && monitor.isCanceled()));
			for (CodeLens lens : lenses) {
				if (lens.getCommand() != null && !lens.getCommand().getTitle().isBlank()) {
					minings.add(new Header(lens.getRange().getStart().getLine(), document, this,
							lens.getCommand().getTitle()));
				}
			}
		} catch (BadLocationException e) {
			// The text changed under the minings: the next check asks again.
		} catch (RuntimeException e) {
			FunnelUiPlugin.log("Funnel code minings failed", e);
		}
		return minings;
	}

	/** One lens, shown above its line; several on one line are shown side by side. */
	private static final class Header extends LineHeaderCodeMining {

		Header(int line, IDocument document, ICodeMiningProvider provider, String label) throws BadLocationException {
			super(line, document, provider);
			setLabel(label);
		}
	}
}

package org.funnel.dsl.ui.editor;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.reconciler.DirtyRegion;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.reconciler.IReconcilingStrategyExtension;
import org.eclipse.swt.widgets.Display;
import org.eclipse.xtext.service.OperationCanceledError;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.ui.FunnelUiPlugin;
import org.funnel.dsl.ui.model.FunnelSnapshot;
import org.funnel.dsl.ui.outline.OutlineNode;
import org.funnel.dsl.ui.outline.OutlineTree;

/**
 * After each pause in typing: parse, validate, colour and outline the text, in the background.
 * Results for a text that has changed since are dropped; the next run brings fresh ones.
 */
public class FunnelReconcilingStrategy implements IReconcilingStrategy, IReconcilingStrategyExtension {

	private final FunnelEditor editor;
	private IDocument document;
	private IProgressMonitor monitor = new NullProgressMonitor();

	public FunnelReconcilingStrategy(FunnelEditor editor) {
		this.editor = editor;
	}

	@Override
	public void setDocument(IDocument document) {
		this.document = document;
	}

	@Override
	public void setProgressMonitor(IProgressMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public void initialReconcile() {
		reconcile();
	}

	@Override
	public void reconcile(DirtyRegion dirtyRegion, IRegion subRegion) {
		reconcile();
	}

	@Override
	public void reconcile(IRegion partition) {
		reconcile();
	}

	private void reconcile() {
		IDocument current = document;
		if (current == null) {
			return;
		}
		try {
			FunnelSnapshot snapshot = editor.snapshotOf(current);
			CancelIndicator cancel = () -> monitor.isCanceled();
			List<Issue> issues = snapshot.issues(cancel);
			List<SemanticHighlights.Highlight> highlights = snapshot.read(resource -> SemanticHighlights.of(resource, cancel));
			OutlineNode outline = snapshot.read(OutlineTree::of);
			if (monitor.isCanceled() || !snapshot.text().equals(current.get())) {
				return;
			}
			editor.problems().show(issues, snapshot.text().length());
			Display display = Display.getDefault();
			display.asyncExec(() -> {
				if (!snapshot.text().equals(current.get())) {
					return;
				}
				editor.reconciled(current, snapshot, highlights, outline);
			});
		} catch (OperationCanceledError | OperationCanceledException e) {
			// The user typed on; the reconciler starts over with the new text.
		} catch (RuntimeException e) {
			FunnelUiPlugin.log("Funnel editor: could not check " + editor.getTitle(), e);
		}
	}
}

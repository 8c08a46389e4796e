package org.funnel.dsl.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.quickassist.IQuickAssistInvocationContext;
import org.eclipse.jface.text.quickassist.IQuickAssistProcessor;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.funnel.dsl.ui.FunnelUiPlugin;
import org.funnel.dsl.ui.model.FunnelSnapshot;
import org.funnel.dsl.ui.quickfix.FunnelQuickFix;
import org.funnel.dsl.ui.quickfix.FunnelQuickFixes;

/** Ctrl+1 in the editor: the language's fixes for the problems on the caret's line. */
public class FunnelQuickAssistProcessor implements IQuickAssistProcessor {

	private final FunnelEditor editor;

	public FunnelQuickAssistProcessor(FunnelEditor editor) {
		this.editor = editor;
	}

	@Override
	public ICompletionProposal[] computeQuickAssistProposals(IQuickAssistInvocationContext context) {
		List<ICompletionProposal> proposals = new ArrayList<>();
		IDocument document = context.getSourceViewer().getDocument();
		for (FunnelQuickFix fix : fixesAt(context.getOffset())) {
			proposals.add(new Proposal(fix, document));
		}
		return proposals.toArray(ICompletionProposal[]::new);
	}

	/** The fixes for the problems at an offset (or, as in Xtext editors, anywhere on its line). */
	public List<FunnelQuickFix> fixesAt(int offset) {
		List<FunnelQuickFix> fixes = new ArrayList<>();
		try {
			FunnelSnapshot snapshot = editor.snapshot();
			IDocument document = editor.document();
			int line = document.getLineOfOffset(offset);
			IAnnotationModel model = editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput());
			List<FunnelProblemAnnotation> problems = new ArrayList<>();
			model.getAnnotationIterator().forEachRemaining(annotation -> {
				if (annotation instanceof FunnelProblemAnnotation problem) {
					problems.add(problem);
				}
			});
			// Problems under the caret first, then the rest of the line.
			problems.sort((a, b) -> Boolean.compare(!covers(model, a, offset), !covers(model, b, offset)));
			for (FunnelProblemAnnotation problem : problems) {
				Position position = model.getPosition(problem);
				if (position != null
						&& (covers(model, problem, offset) || document.getLineOfOffset(position.getOffset()) == line)) {
					fixes.addAll(FunnelQuickFixes.of(snapshot, problem.issue()));
				}
			}
		} catch (Exception e) {
			FunnelUiPlugin.log("Funnel quick fixes failed", e);
		}
		return fixes;
	}

	private static boolean covers(IAnnotationModel model, Annotation annotation, int offset) {
		Position position = model.getPosition(annotation);
		return position != null && position.getOffset() <= offset && offset <= position.getOffset() + position.getLength();
	}

	@Override
	public String getErrorMessage() {
		return null;
	}

	@Override
	public boolean canFix(Annotation annotation) {
		return annotation instanceof FunnelProblemAnnotation problem && FunnelQuickFixes.mayFix(problem.issue().getCode());
	}

	@Override
	public boolean canAssist(IQuickAssistInvocationContext invocationContext) {
		return false;
	}

	private static final class Proposal implements ICompletionProposal {
		private final FunnelQuickFix fix;
		private final IDocument document;

		Proposal(FunnelQuickFix fix, IDocument document) {
			this.fix = fix;
			this.document = document;
		}

		@Override
		public void apply(IDocument target) {
			fix.applyTo(target);
		}

		@Override
		public Point getSelection(IDocument target) {
			return null;
		}

		@Override
		public String getAdditionalProposalInfo() {
			return null;
		}

		@Override
		public String getDisplayString() {
			return fix.label();
		}

		@Override
		public Image getImage() {
			return PlatformUI.getWorkbench().getSharedImages().getImage(ISharedImages.IMG_OBJ_ELEMENT);
		}

		@Override
		public IContextInformation getContextInformation() {
			return null;
		}

		@Override
		public String toString() {
			return fix.label() + " in " + document;
		}
	}
}

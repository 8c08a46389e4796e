package org.funnel.dsl.ui.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.quickassist.IQuickAssistProcessor;
import org.eclipse.jface.text.source.TextInvocationContext;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.ide.IDE;
import org.funnel.dsl.ui.editor.FunnelEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The language's quick fixes, from the editor (Ctrl+1) and from the Problems view. */
class QuickFixTest {

	/** A typo in a stage name: the language offers the stage that was meant. */
	private static final String TYPO = "moves to ClosedLots 50%";

	@AfterEach
	void close(TestInfo test) {
		Workbench.screenshot("quickfix-" + test.getTestMethod().orElseThrow().getName());
		Workbench.page().closeAllEditors(false);
	}

	@Test
	void ctrl1FixesTheProblemInTheEditor() throws Exception {
		FunnelEditor editor = openWithTypo("quickfix-editor-test");
		IDocument document = editor.document();
		int offset = document.get().indexOf(TYPO) + "moves to ".length() + 2;

		IQuickAssistProcessor processor = editor.configuration().getQuickAssistAssistant(editor.viewer())
				.getQuickAssistProcessor();
		ICompletionProposal[] fixes = processor
				.computeQuickAssistProposals(new TextInvocationContext(editor.viewer(), offset, 0));
		assertTrue(fixes.length > 0, "no quick fix offered for " + ProblemsTest.describe(editor, ProblemsTest.errors(editor)));

		// The real popup, as Ctrl+1 opens it.
		editor.selectAndReveal(offset, 0);
		editor.getAdapter(ITextOperationTarget.class).doOperation(ISourceViewer.QUICK_ASSIST);
		String label = fixes[0].getDisplayString();
		Workbench.waitUntil("the quick fix popup lists '" + label + "'", () -> Workbench.popupItems().contains(label));
		Workbench.screenshot("quickfix-ctrl1-popup");

		String before = document.get();
		fixes[0].apply(document);
		assertNotEquals(before, document.get(), "the quick fix '" + fixes[0].getDisplayString() + "' changed nothing");
		assertFalse(document.get().contains(TYPO), "the typo is still there after '" + fixes[0].getDisplayString() + "'");
		Workbench.awaitCheck(editor);
		assertTrue(ProblemsTest.errors(editor).isEmpty(), ProblemsTest.describe(editor, ProblemsTest.errors(editor)));
	}

	@Test
	void problemsViewQuickFixChangesTheFile() throws Exception {
		FunnelEditor editor = openWithTypo("quickfix-marker-test");
		IFile file = editor.file();
		editor.doSave(null);
		Workbench.waitUntil("the typo is marked", () -> !ProblemsTest.errorMarkers(file).isEmpty());
		IMarker marker = ProblemsTest.errorMarkers(file).get(0);
		assertTrue(IDE.getMarkerHelpRegistry().hasResolutions(marker),
				"the marker offers no quick fix: " + marker.getAttributes());
		IMarkerResolution[] resolutions = IDE.getMarkerHelpRegistry().getResolutions(marker);
		assertTrue(resolutions.length > 0, "no resolutions for " + marker.getAttribute(IMarker.MESSAGE, ""));

		resolutions[0].run(marker);
		assertFalse(editor.document().get().contains(TYPO), "the open editor shows the fix");
		editor.doSave(null);
		Workbench.waitUntil("the marker is gone", () -> ProblemsTest.errorMarkers(file).isEmpty());
	}

	private static FunnelEditor openWithTypo(String projectName) throws Exception {
		IProject project = Workbench.project(projectName);
		String text = Workbench.example("hubspot-default.funnel").replaceFirst("moves to ClosedLost 50%", TYPO);
		IFile file = Workbench.file(project, "hubspot-default.funnel", text);
		FunnelEditor editor = Workbench.open(file);
		Workbench.awaitCheck(editor);
		List<?> errors = ProblemsTest.errors(editor);
		assertFalse(errors.isEmpty(), "the typo is not reported");
		return editor;
	}
}

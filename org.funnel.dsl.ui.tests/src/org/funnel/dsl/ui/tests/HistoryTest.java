package org.funnel.dsl.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.quickassist.IQuickAssistProcessor;
import org.eclipse.jface.text.source.TextInvocationContext;
import org.funnel.dsl.ui.builder.FunnelMarkers;
import org.funnel.dsl.ui.editor.FunnelEditor;
import org.funnel.dsl.ui.editor.FunnelProblemAnnotation;
import org.funnel.dsl.ui.editor.FunnelTextHover;
import org.funnel.dsl.validation.FunnelIssueCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A funnel that names its deal history, in the workbench: the history is fitted in the background, and then the editor
 * and the Problems view warn at a declared share outside what the history shows, the hover tells the observed share,
 * the quick fix writes it, and a changed history file is seen without an edit of the funnel.
 */
class HistoryTest {

	/** Lead → Demo is declared 50%; the history below has 30 of 40 deals going there (Wilson 95%: 60–86%). */
	private static final String FUNNEL = """
			funnel Sales {
			    history "history/deals.csv"

			    stage Lead {
			        moves to Demo 50%
			        moves to Lost 25%
			    }

			    stage Demo {
			        moves to Won 60%
			        moves to Lost 40%
			    }

			    won stage Won

			    lost stage Lost
			}
			""";

	private static final String DECLARED = "moves to Demo 50%";

	@AfterEach
	void close(TestInfo test) {
		Workbench.screenshot("history-" + test.getTestMethod().orElseThrow().getName());
		Workbench.page().closeAllEditors(false);
	}

	@Test
	void theEditorWarnsHoversAndFixesAShareOutsideTheHistory() throws Exception {
		IProject project = Workbench.project("history-editor-test");
		Workbench.file(project, "history/deals.csv", history(10));
		FunnelEditor editor = Workbench.open(Workbench.file(project, "sales.funnel", FUNNEL));
		IDocument document = editor.document();
		int share = document.get().indexOf(DECLARED) + "moves to Demo ".length();

		// No edit: the fit ends in the background and the editor checks the text again by itself.
		Workbench.waitUntil("the editor warns at the declared share", () -> outsideHistory(editor).stream()
				.anyMatch(a -> offsetOf(editor, a) == share));
		FunnelProblemAnnotation warning = outsideHistory(editor).stream().filter(a -> offsetOf(editor, a) == share)
				.findFirst().orElseThrow();
		assertTrue(warning.getText().startsWith("Declared 50% is outside the share of Lead → Demo in the history: 75% ("),
				warning.getText());
		assertTrue(warning.getText().contains("n 40)"), warning.getText());

		FunnelTextHover hover = (FunnelTextHover) editor.configuration().getTextHover(editor.viewer(),
				IDocument.DEFAULT_CONTENT_TYPE);
		String text = hover.hoverText(editor.viewer(), share + 1);
		assertNotNull(text, "no hover on the share");
		assertTrue(text.contains("In the history: 75% ("), text);
		assertTrue(text.contains("n 40)"), text);
		Workbench.screenshot("history-warning");

		IQuickAssistProcessor processor = editor.configuration().getQuickAssistAssistant(editor.viewer())
				.getQuickAssistProcessor();
		ICompletionProposal fix = Arrays
				.stream(processor.computeQuickAssistProposals(new TextInvocationContext(editor.viewer(), share + 1, 0)))
				.filter(p -> p.getDisplayString().contains("75%")).findFirst()
				.orElseThrow(() -> new AssertionError("no quick fix writing the observed 75%"));
		fix.apply(document);
		assertTrue(document.get().contains("moves to Demo 75%"), document.get());
		Workbench.awaitCheck(editor);
		assertEquals(List.of(), outsideHistory(editor), "the observed share is inside its own interval");
	}

	@Test
	void theProblemsViewFollowsTheHistoryFile() throws Exception {
		IProject project = Workbench.project("history-markers-test");
		IFile history = Workbench.file(project, "history/deals.csv", history(10));
		IFile funnel = Workbench.file(project, "sales.funnel", FUNNEL);
		// Opening an editor gives the project the Funnel nature, so its builder keeps the Problems view.
		Workbench.open(funnel);
		Workbench.waitUntil("the Problems view warns at the declared share", () -> outsideHistoryMarkers(funnel).stream()
				.anyMatch(m -> m.getAttribute(IMarker.LINE_NUMBER, -1) == 5));

		// Half of the deals now go to Demo: the declared 50% is inside, the declared 25% to Lost is not. Only the
		// history file changes; the markers follow the new fit (not merely a check made while it was running).
		Workbench.file(project, "history/deals.csv", history(20));
		Workbench.waitUntil("the warning moves from Demo to Lost with the new history",
				() -> outsideHistoryMarkers(funnel).stream().map(m -> m.getAttribute(IMarker.LINE_NUMBER, -1)).toList()
						.equals(List.of(6)));
		assertTrue(outsideHistoryMarkers(funnel).get(0).getAttribute(IMarker.MESSAGE, "")
				.startsWith("Declared 25% is outside the share of Lead → Lost in the history: 50% ("));
		assertTrue(history.exists());
	}

	/**
	 * An event log of 40 deals: {@code toLost} go from Lead to Lost, the others to Demo, of which 8 win, 16 are lost and
	 * the rest are still open.
	 */
	private static String history(int toLost) {
		List<String> rows = new ArrayList<>(List.of("deal,stage,time"));
		for (int deal = 0; deal < 40; deal++) {
			String day = "2025-01-%02d".formatted(1 + deal % 28);
			rows.add("D-" + deal + ",Lead," + day + "T09:00:00Z");
			int demo = deal - toLost;
			if (demo < 0) {
				rows.add("D-" + deal + ",Lost," + day + "T12:00:00Z");
				continue;
			}
			rows.add("D-" + deal + ",Demo," + day + "T12:00:00Z");
			if (demo < 24) {
				rows.add("D-" + deal + "," + (demo < 8 ? "Won" : "Lost") + ",2025-03-%02dT09:00:00Z".formatted(1 + demo));
			}
		}
		return String.join("\n", rows) + "\n";
	}

	private static List<FunnelProblemAnnotation> outsideHistory(FunnelEditor editor) {
		return editor.problemAnnotations().stream()
				.filter(a -> FunnelIssueCodes.SHARE_OUTSIDE_HISTORY.equals(a.issue().getCode())).toList();
	}

	private static int offsetOf(FunnelEditor editor, FunnelProblemAnnotation annotation) {
		var position = editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput()).getPosition(annotation);
		return position == null ? -1 : position.getOffset();
	}

	private static List<IMarker> outsideHistoryMarkers(IFile file) {
		try {
			return Arrays.stream(file.findMarkers(FunnelMarkers.TYPE, true, IResource.DEPTH_ZERO))
					.filter(m -> FunnelIssueCodes.SHARE_OUTSIDE_HISTORY.equals(m.getAttribute(FunnelMarkers.CODE, null)))
					.toList();
		} catch (CoreException e) {
			throw new AssertionError(e);
		}
	}
}

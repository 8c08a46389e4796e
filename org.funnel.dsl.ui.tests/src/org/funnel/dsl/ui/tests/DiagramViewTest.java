package org.funnel.dsl.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.funnel.dsl.ui.diagram.FunnelDiagramView;
import org.funnel.dsl.ui.editor.FunnelEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The "Funnel Diagram" view in the workbench: it shows the picture of the active editor's funnel,
 * follows an edit, keeps the last picture with a notice while the text has errors, and a click on a
 * stage selects its name in the editor.
 */
class DiagramViewTest {

	@AfterEach
	void close() {
		Workbench.page().closeAllEditors(false);
	}

	/** The words on the arrow between two stages in the SVG. */
	private static String words(String svg, String from, String to) {
		Matcher arrow = Pattern.compile("data-from=\"" + from + "\" data-to=\"" + to
				+ "\">.*?<text class=\"fd-share\"[^>]*>([^<]*)</text>").matcher(svg);
		return arrow.find() ? arrow.group(1) : null;
	}

	@Test
	void theViewShowsTheActiveEditorsFunnelAndFollowsAnEdit() throws Exception {
		FunnelEditor editor = Workbench.open(Workbench.b2bExample("diagram-test"));
		Workbench.awaitCheck(editor);
		FunnelDiagramView view = (FunnelDiagramView) Workbench.page().showView(FunnelDiagramView.ID);
		Workbench.page().activate(editor);
		Workbench.waitUntil("the view shows the funnel B2BSales",
				() -> view.svg() != null && view.svg().contains("data-funnel=\"B2BSales\""));
		for (String stage : List.of("Lead", "Qualified", "Demo", "Proposal", "Negotiation", "ClosedWon", "ClosedLost")) {
			assertTrue(view.svg().contains("data-stage=\"" + stage + "\""), stage + " is not in the picture");
		}
		assertTrue(view.svg().contains("<g class=\"fd-stage fd-open fd-bottleneck\" data-stage=\"Lead\">"),
				"the bottleneck Lead is not marked");
		assertEquals("40%", words(view.svg(), "Lead", "Qualified"));

		// An edit: the picture follows once the editor has checked the text.
		IDocument document = editor.document();
		int share = document.get().indexOf("moves to Qualified 40%") + "moves to Qualified ".length();
		document.replace(share, 2, "20");
		Workbench.waitUntil("the view shows the new share", () -> "20%".equals(words(view.svg(), "Lead", "Qualified")));
		Workbench.screenshot("diagram-view");
		// The whole picture, for a person to look at: the view maximised for a moment.
		Workbench.page().toggleZoom(Workbench.page().findViewReference(FunnelDiagramView.ID));
		Workbench.screenshot("diagram-view-maximised");
		Workbench.page().toggleZoom(Workbench.page().findViewReference(FunnelDiagramView.ID));
		Workbench.page().activate(editor);

		// Errors: the last picture stays, with a notice.
		String drawn = view.svg();
		int end = document.get().indexOf("moves to ClosedLost 35%");
		document.replace(end, 0, "moves to ");
		Workbench.waitUntil("the view says the text has errors", () -> view.notice().startsWith("The text has errors"));
		assertEquals(drawn, view.svg());
		Workbench.screenshot("diagram-view-errors");
		document.replace(end, "moves to ".length(), "");
		Workbench.waitUntil("the notice is gone", () -> view.notice().isEmpty());

		// A click on a stage selects its name in the editor.
		int[] centre = view.boxCentre("Negotiation");
		Event click = new Event();
		click.x = centre[0];
		click.y = centre[1];
		click.button = 1;
		view.canvas().notifyListeners(SWT.MouseUp, click);
		ITextSelection selection = (ITextSelection) editor.getSelectionProvider().getSelection();
		assertEquals(document.get().indexOf("stage Negotiation") + "stage ".length(), selection.getOffset());
		assertEquals("Negotiation".length(), selection.getLength());
	}
}

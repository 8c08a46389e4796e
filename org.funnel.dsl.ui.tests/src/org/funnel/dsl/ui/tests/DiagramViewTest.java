package org.funnel.dsl.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.funnel.dsl.ui.diagram.FunnelDiagramView;
import org.funnel.dsl.ui.editor.FunnelEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The "Funnel Diagram" view in the workbench: it shows the picture of the active editor's funnel,
 * follows an edit, keeps the last picture with a notice while the text has errors, and a click on a
 * stage selects its name in the editor; it opens with the whole funnel fitted, zooms and pans, and
 * brings the stage at the caret into view.
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

	private static final List<String> B2B_STAGES = List.of("Lead", "Qualified", "Demo", "Proposal", "Negotiation",
			"ClosedWon", "ClosedLost");

	private static boolean inside(Rectangle area, Rectangle box) {
		return box.x >= area.x && box.y >= area.y && box.x + box.width <= area.x + area.width
				&& box.y + box.height <= area.y + area.height;
	}

	@Test
	void theViewFitsTheWholeFunnelZoomsAndBringsTheCaretsStageIntoView() throws Exception {
		FunnelEditor editor = Workbench.open(Workbench.b2bExample("diagram-fit-test"));
		Workbench.awaitCheck(editor);
		FunnelDiagramView view = (FunnelDiagramView) Workbench.page().showView(FunnelDiagramView.ID);
		Workbench.page().activate(editor);
		Workbench.waitUntil("the view shows the funnel B2BSales",
				() -> view.svg() != null && view.svg().contains("data-funnel=\"B2BSales\""));
		Rectangle area = view.canvas().getClientArea();
		Rectangle picture = view.pictureSize();
		assertTrue(picture.width > area.width || picture.height > area.height,
				"the test needs a picture larger than the view: " + picture + " in " + area);
		// Fitted: the whole picture, won and lost stages too, inside the view.
		assertTrue(picture.width * view.scale() <= area.width + 1 && picture.height * view.scale() <= area.height + 1,
				"the picture at " + view.scale() + " does not fit " + area);
		assertWholeFunnelInView(view, area);
		Workbench.screenshot("diagram-view-fitted");
		double fitted = view.scale();

		// The wheel zooms in around the pointer: the point under it stays, ClosedLost leaves the view.
		Rectangle lead = view.boxOnCanvas("Lead");
		for (int i = 0; i < 8; i++) {
			Event wheel = new Event();
			wheel.x = lead.x;
			wheel.y = lead.y;
			wheel.count = 3;
			view.canvas().notifyListeners(SWT.MouseVerticalWheel, wheel);
		}
		assertTrue(view.scale() > 2 * fitted, "zoomed to " + view.scale() + " from " + fitted);
		Rectangle zoomedLead = view.boxOnCanvas("Lead");
		assertTrue(Math.abs(zoomedLead.x - lead.x) <= 1 && Math.abs(zoomedLead.y - lead.y) <= 1,
				"Lead moved from " + lead + " to " + zoomedLead);
		assertTrue(!inside(area, view.boxOnCanvas("ClosedLost")), "ClosedLost is still in view");

		assertADragPans(view, editor);

		// The caret moves into Negotiation's text (the last stage of the file), out of view at this zoom:
		// Negotiation is outlined and panned into view, at the zoom chosen.
		assertTrue(!inside(area, view.boxOnCanvas("Negotiation")), "Negotiation is in view before the caret moves");
		double zoomed = view.scale();
		IDocument document = editor.document();
		Workbench.page().activate(editor);
		editor.selectAndReveal(document.get().lastIndexOf("moves to ClosedLost 30%"), 0);
		Workbench.waitUntil("Negotiation, at the caret, is in view", () -> "Negotiation".equals(view.caretStage())
				&& inside(view.canvas().getClientArea(), view.boxOnCanvas("Negotiation")));
		assertEquals(zoomed, view.scale(), 1e-9);
		Workbench.screenshot("diagram-view-caret");

		// 0 fits the whole funnel again.
		Event zero = new Event();
		zero.character = '0';
		view.canvas().notifyListeners(SWT.KeyDown, zero);
		assertEquals(fitted, view.scale(), 1e-9);
		assertWholeFunnelInView(view, area);
	}

	private static void assertWholeFunnelInView(FunnelDiagramView view, Rectangle area) {
		for (String stage : B2B_STAGES) {
			assertTrue(inside(area, view.boxOnCanvas(stage)), stage + " at " + view.boxOnCanvas(stage) + " is outside " + area);
		}
	}

	/** A drag pans by as much as the mouse moved; it is not a click (the editor's selection stays). */
	private static void assertADragPans(FunnelDiagramView view, FunnelEditor editor) {
		ITextSelection selected = (ITextSelection) editor.getSelectionProvider().getSelection();
		Rectangle before = view.boxOnCanvas("Qualified");
		mouse(view, SWT.MouseDown, before.x + 5, before.y + 5);
		mouse(view, SWT.MouseMove, before.x - 35, before.y - 15);
		mouse(view, SWT.MouseUp, before.x - 35, before.y - 15);
		Rectangle after = view.boxOnCanvas("Qualified");
		assertEquals(before.x - 40, after.x, 1);
		assertEquals(before.y - 20, after.y, 1);
		assertEquals(selected.getOffset(), ((ITextSelection) editor.getSelectionProvider().getSelection()).getOffset());
	}

	private static void mouse(FunnelDiagramView view, int type, int x, int y) {
		Event event = new Event();
		event.x = x;
		event.y = y;
		event.button = 1;
		view.canvas().notifyListeners(type, event);
	}
}

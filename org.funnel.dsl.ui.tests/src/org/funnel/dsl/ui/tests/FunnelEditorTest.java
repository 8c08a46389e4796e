package org.funnel.dsl.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposalExtension2;
import org.eclipse.jface.text.link.LinkedModeModel;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.jface.text.hyperlink.IHyperlinkDetector;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.part.PageBookView;
import org.funnel.dsl.ui.editor.FunnelEditor;
import org.funnel.dsl.ui.editor.FunnelTextHover;
import org.funnel.dsl.ui.outline.FunnelOutlinePage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The Funnel editor on the HubSpot example, in a real workbench. */
class FunnelEditorTest {

	private static final String EXAMPLE = "hubspot-default.funnel";

	private IProject project;
	private IFile file;
	private FunnelEditor editor;

	@BeforeEach
	void openExample() throws Exception {
		project = Workbench.project("editor-test");
		file = Workbench.file(project, EXAMPLE, Workbench.example(EXAMPLE));
		editor = Workbench.open(file);
		Workbench.awaitCheck(editor);
	}

	@AfterEach
	void close(TestInfo test) {
		Workbench.screenshot("editor-" + test.getTestMethod().orElseThrow().getName());
		Workbench.page().closeAllEditors(false);
	}

	@Test
	void coloursKeywordsCommentsAndStagesByKind() {
		StyledText text = editor.viewer().getTextWidget();
		StyleRange keyword = text.getStyleRangeAtOffset(offsetOf("won stage ClosedWon"));
		assertNotNull(keyword, "'won' has no style");
		assertEquals(new RGB(127, 0, 85), keyword.foreground.getRGB(), "keyword colour");
		assertTrue((keyword.fontStyle & SWT.BOLD) != 0, "keywords are bold");

		StyleRange comment = text.getStyleRangeAtOffset(offsetOf("// HubSpot's default") + 3);
		assertEquals(new RGB(63, 127, 95), comment.foreground.getRGB(), "comment colour");

		// Semantic: a reference to a won stage is green, to a lost stage red, declarations bold.
		StyleRange wonReference = text.getStyleRangeAtOffset(offsetOf("moves to ClosedWon") + "moves to ".length());
		assertEquals(new RGB(0, 128, 0), wonReference.foreground.getRGB(), "reference to the won stage");
		StyleRange lostReference = text.getStyleRangeAtOffset(offsetOf("moves to ClosedLost") + "moves to ".length());
		assertEquals(new RGB(176, 32, 32), lostReference.foreground.getRGB(), "reference to the lost stage");
		StyleRange declaration = text.getStyleRangeAtOffset(offsetOf("stage QualifiedToBuy") + "stage ".length());
		assertEquals(new RGB(0, 102, 153), declaration.foreground.getRGB(), "stage declaration colour");
		assertTrue((declaration.fontStyle & SWT.BOLD) != 0, "declarations are bold");
	}

	@Test
	void outlineListsTheFunnelAndItsStages() throws Exception {
		PageBookView outlineView = (PageBookView) Workbench.page().showView(IPageLayout.ID_OUTLINE);
		Workbench.page().activate(editor);
		Workbench.waitUntil("the outline shows the funnel page", () -> outlineView.getCurrentPage() instanceof FunnelOutlinePage);
		FunnelOutlinePage page = (FunnelOutlinePage) outlineView.getCurrentPage();
		Workbench.waitUntil("the outline has entries", () -> page.viewer().getTree().getItemCount() > 0);

		TreeItem[] top = page.viewer().getTree().getItems();
		assertEquals(List.of("DealPipeline \u2013 Sales Pipeline"), labels(top));
		assertEquals(List.of("AppointmentScheduled \u2013 Appointment scheduled (20%)",
				"QualifiedToBuy \u2013 Qualified to buy (40%)",
				"PresentationScheduled \u2013 Presentation scheduled (60%)",
				"DecisionMakerBoughtIn \u2013 Decision maker bought-in (80%)",
				"ContractSent \u2013 Contract sent (90%)",
				"ClosedWon \u2013 Closed won (100%)",
				"ClosedLost \u2013 Closed lost (0%)"), labels(top[0].getItems()));

		// The outline follows the text.
		replace("stage ContractSent \"Contract sent\"", "stage ContractOut \"Contract sent\"");
		Workbench.awaitCheck(editor);
		Workbench.waitUntil("the outline shows the renamed stage",
				() -> labels(page.viewer().getTree().getItems()[0].getItems())
						.contains("ContractOut \u2013 Contract sent (90%)"));
	}

	@Test
	void contentAssistProposesStagesAfterMovesTo() throws Exception {
		int lineEnd = offsetOf("hubspot id \"qualifiedtobuy\"") + "hubspot id \"qualifiedtobuy\"".length();
		editor.document().replace(lineEnd, 0, "\n        moves to ");
		int caret = lineEnd + "\n        moves to ".length();

		List<String> proposals = proposalsAt(caret);
		assertTrue(proposals.containsAll(List.of("ClosedWon", "ClosedLost", "PresentationScheduled")),
				"stage names proposed after 'moves to': " + proposals);
		assertFalse(proposals.contains("probability"), "no keywords where a stage name must go: " + proposals);

		// With a prefix typed, only matching stages remain.
		editor.document().replace(caret, 0, "Clo");
		List<String> narrowed = proposalsAt(caret + 3);
		assertEquals(List.of("ClosedLost", "ClosedWon"), narrowed.stream().sorted().toList());

		// The real popup, as Ctrl+Space opens it.
		editor.selectAndReveal(caret + 3, 0);
		editor.getAdapter(ITextOperationTarget.class).doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
		Workbench.waitUntil("the completion popup lists ClosedWon", () -> Workbench.popupItems().contains("ClosedWon"));
	}

	@Test
	void contentAssistProposesStageKeywordsInAStage() throws Exception {
		int lineEnd = offsetOf("hubspot id \"qualifiedtobuy\"") + "hubspot id \"qualifiedtobuy\"".length();
		editor.document().replace(lineEnd, 0, "\n        ");
		List<String> proposals = proposalsAt(lineEnd + "\n        ".length());
		assertTrue(proposals.containsAll(List.of("moves", "guidance", "duration", "channels")),
				"stage settings proposed inside a stage: " + proposals);
	}

	@Test
	void stageSnippetInsertsAStageAndTabsThroughItsPlaceholders() throws Exception {
		int lineEnd = offsetOf("hubspot pipeline \"default\" for deals") + "hubspot pipeline \"default\" for deals".length();
		editor.document().replace(lineEnd, 0, "\n    ");
		int caret = lineEnd + "\n    ".length();
		ICompletionProposal snippet = Arrays.stream(completionsAt(caret))
				.filter(p -> p.getDisplayString().startsWith("stage \u2026")).findFirst()
				.orElseThrow(() -> new AssertionError("no stage snippet: " + proposalsAt(caret)));

		((ICompletionProposalExtension2) snippet).apply(editor.viewer(), (char) 0, 0, caret);
		String inserted = editor.document().get(caret, 200);
		assertTrue(inserted.startsWith("stage Name \"Label\" {\n        probability 50%\n        moves to Next 50%\n    }"),
				"indented like the line it went into: " + inserted);
		assertTrue(LinkedModeModel.hasInstalledModel(editor.document()), "tab stops are active");
		Point selected = snippet.getSelection(editor.document());
		assertEquals("Name", editor.document().get(selected.x, selected.y), "the first placeholder is selected");
	}

	@Test
	void hoverShowsTheStageDocumentation() {
		FunnelTextHover hover = (FunnelTextHover) editor.configuration().getTextHover(editor.viewer(),
				IDocument.DEFAULT_CONTENT_TYPE);
		String text = hover.hoverText(editor.viewer(), offsetOf("stage AppointmentScheduled") + "stage ".length() + 2);
		assertNotNull(text, "no hover on a stage name");
		assertTrue(text.contains("A first meeting with the buyer is booked."), text);
	}

	@Test
	void goToDefinitionJumpsToTheStage() {
		int reference = offsetOf("moves to ClosedLost 50%") + "moves to ".length() + 1;
		IHyperlink link = hyperlinkAt(reference);
		assertEquals("ClosedLost", editor.document().get().substring(link.getHyperlinkRegion().getOffset(),
				link.getHyperlinkRegion().getOffset() + link.getHyperlinkRegion().getLength()));
		link.open();
		ITextSelection selection = (ITextSelection) editor.getSelectionProvider().getSelection();
		assertEquals(offsetOf("lost stage ClosedLost") + "lost stage ".length(), selection.getOffset());
		assertEquals("ClosedLost", selection.getText());
	}

	@Test
	void formatTidiesSpacingAndIndentation() throws Exception {
		replace("        probability 40%\n", "probability     40%\n");
		replace("moves to PresentationScheduled 66.6667%", "moves    to PresentationScheduled   66.6667%");
		editor.getAction("Format").run();
		String formatted = editor.document().get();
		assertTrue(formatted.contains("\n        probability 40%\n"), formatted);
		assertTrue(formatted.contains("\n        moves to PresentationScheduled 66.6667%\n"), formatted);
	}

	private List<String> proposalsAt(int offset) {
		return Arrays.stream(completionsAt(offset)).map(p -> p.getDisplayString().split(" - ")[0]).toList();
	}

	private ICompletionProposal[] completionsAt(int offset) {
		return editor.configuration().getContentAssistant(editor.viewer())
				.getContentAssistProcessor(IDocument.DEFAULT_CONTENT_TYPE)
				.computeCompletionProposals(editor.viewer(), offset);
	}

	private IHyperlink hyperlinkAt(int offset) {
		for (IHyperlinkDetector detector : editor.configuration().getHyperlinkDetectors(editor.viewer())) {
			IHyperlink[] links = detector.detectHyperlinks(editor.viewer(), new Region(offset, 0), false);
			if (links != null && links.length > 0) {
				return links[0];
			}
		}
		throw new AssertionError("no hyperlink at " + offset);
	}

	private static List<String> labels(TreeItem[] items) {
		return Arrays.stream(items).map(TreeItem::getText).toList();
	}

	private int offsetOf(String text) {
		int offset = editor.document().get().indexOf(text);
		assertTrue(offset >= 0, "not in the text: " + text);
		return offset;
	}

	private void replace(String before, String after) throws BadLocationException {
		editor.document().replace(offsetOf(before), before.length(), after);
	}
}

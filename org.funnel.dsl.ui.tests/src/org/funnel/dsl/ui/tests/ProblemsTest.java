package org.funnel.dsl.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IPageLayout;
import org.funnel.dsl.ui.builder.FunnelBuilder;
import org.funnel.dsl.ui.builder.FunnelMarkers;
import org.funnel.dsl.ui.builder.FunnelNature;
import org.funnel.dsl.ui.editor.FunnelEditor;
import org.funnel.dsl.ui.editor.FunnelProblemAnnotation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Problems while typing (editor annotations) and after saving (markers in the Problems view). */
class ProblemsTest {

	private static final String BROKEN_LINE = "        moves to Nowhere 10%";

	@AfterEach
	void close(TestInfo test) {
		Workbench.screenshot("problems-" + test.getTestMethod().orElseThrow().getName());
		Workbench.page().closeAllEditors(false);
	}

	@Test
	void aBrokenLineIsMarkedAsYouTypeAndInTheProblemsView() throws Exception {
		IProject project = Workbench.project("problems-test");
		IFile file = Workbench.file(project, "hubspot-default.funnel", Workbench.example("hubspot-default.funnel"));
		FunnelEditor editor = Workbench.open(file);
		Workbench.awaitCheck(editor);
		assertEquals(List.of(), errors(editor), "the example has no errors");
		Workbench.waitUntil("the editor gave the project the Funnel nature", () -> hasNature(project));

		IDocument document = editor.document();
		int lineEnd = document.get().indexOf("hubspot id \"qualifiedtobuy\"") + "hubspot id \"qualifiedtobuy\"".length();
		document.replace(lineEnd, 0, "\n" + BROKEN_LINE);
		int brokenLine = document.getLineOfOffset(lineEnd + 1);
		Workbench.awaitCheck(editor);

		// As you type: an error on the broken line, naming what is missing.
		List<FunnelProblemAnnotation> errors = errors(editor);
		FunnelProblemAnnotation error = errors.stream().filter(a -> lineOf(editor, a) == brokenLine).findFirst()
				.orElseThrow(() -> new AssertionError("no error on line " + (brokenLine + 1) + ": " + describe(editor, errors)));
		assertTrue(error.getText().contains("Nowhere"), error.getText());
		int errorOffset = editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput()).getPosition(error).getOffset();
		assertEquals("Nowhere", document.get(errorOffset, "Nowhere".length()));

		// After saving: a marker in the Problems view, on the same line.
		editor.doSave(null);
		Workbench.page().showView(IPageLayout.ID_PROBLEM_VIEW);
		Workbench.waitUntil("the builder marked the broken line", () -> errorMarkers(file).stream()
				.anyMatch(m -> m.getAttribute(IMarker.LINE_NUMBER, -1) == brokenLine + 1));
		IMarker marker = errorMarkers(file).stream().filter(m -> m.getAttribute(IMarker.LINE_NUMBER, -1) == brokenLine + 1)
				.findFirst().orElseThrow();
		assertTrue(marker.getAttribute(IMarker.MESSAGE, "").contains("Nowhere"));
		// The Problems view groups by severity: its "Errors (n items)" row appears.
		Workbench.waitUntil("the Problems view lists errors", () -> Workbench.treeItems().stream()
				.anyMatch(item -> item.startsWith("Errors (")));
		Workbench.page().activate(editor);
		Workbench.screenshot("problems-broken-line");

		// Fixing the line clears both.
		document.replace(lineEnd, BROKEN_LINE.length() + 1, "");
		Workbench.awaitCheck(editor);
		assertEquals(List.of(), errors(editor));
		editor.doSave(null);
		Workbench.waitUntil("the builder cleared the marker", () -> errorMarkers(file).isEmpty());
	}

	@Test
	void theBuilderChecksImportsAcrossFiles() throws Exception {
		IFile b2b = Workbench.b2bExample("imports-test");
		IProject project = b2b.getProject();
		// Listening before the editor installs the builder, so that no build can pass unseen.
		AtomicBoolean built = new AtomicBoolean();
		IResourceChangeListener buildEnded = event -> built.compareAndSet(false, hasBuilder(project));
		ResourcesPlugin.getWorkspace().addResourceChangeListener(buildEnded, IResourceChangeEvent.POST_BUILD);
		try {
			FunnelEditor editor = Workbench.open(b2b);
			Workbench.awaitCheck(editor);
			assertEquals(List.of(), errors(editor), "the imports resolve in the editor");
			Workbench.waitUntil("a build ran with the Funnel builder on the project", built::get);
		} finally {
			ResourcesPlugin.getWorkspace().removeResourceChangeListener(buildEnded);
		}
		assertEquals(List.of(), errorMarkers(b2b), "the imports resolve in the build");

		// Taking a channel out of the imported catalogue breaks the importing funnel.
		IFile channels = project.getFile("shared/channels.funnel");
		String catalogue = Workbench.example("shared/channels.funnel");
		Workbench.file(project, "shared/channels.funnel", catalogue.replace("channel Referral \"Referral\"", ""));
		Workbench.waitUntil("the importing file is marked", () -> errorMarkers(b2b).stream()
				.anyMatch(m -> m.getAttribute(IMarker.MESSAGE, "").contains("Referral")));
		assertEquals(List.of(), errorMarkers(channels));

		Workbench.file(project, "shared/channels.funnel", catalogue);
		Workbench.waitUntil("the marker goes once the channel is back", () -> errorMarkers(b2b).isEmpty());
	}

	/** The Funnel builder is in the project's build spec (the Funnel nature puts it there). */
	private static boolean hasBuilder(IProject project) {
		try {
			return project.isOpen() && Arrays.stream(project.getDescription().getBuildSpec())
					.anyMatch(c -> c.getBuilderName().equals(FunnelBuilder.ID));
		} catch (CoreException e) {
			return false;
		}
	}

	static boolean hasNature(IProject project) {
		try {
			return project.hasNature(FunnelNature.ID);
		} catch (CoreException e) {
			return false;
		}
	}

	static List<IMarker> errorMarkers(IFile file) {
		try {
			return Arrays.stream(file.findMarkers(FunnelMarkers.TYPE, true, IResource.DEPTH_ZERO))
					.filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR).toList();
		} catch (CoreException e) {
			throw new AssertionError(e);
		}
	}

	static List<FunnelProblemAnnotation> errors(FunnelEditor editor) {
		return editor.problemAnnotations().stream().filter(FunnelProblemAnnotation::isError).toList();
	}

	static int lineOf(FunnelEditor editor, FunnelProblemAnnotation annotation) {
		try {
			return editor.document().getLineOfOffset(
					editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput()).getPosition(annotation).getOffset());
		} catch (BadLocationException e) {
			return -1;
		}
	}

	static String describe(FunnelEditor editor, List<FunnelProblemAnnotation> annotations) {
		return annotations.stream().map(a -> (lineOf(editor, a) + 1) + ": " + a.getText()).toList().toString();
	}
}

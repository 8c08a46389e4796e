package org.funnel.dsl.installcheck;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.eclipse.jface.text.BadLocationException;

/**
 * Opens an example funnel the way a user does (the editor Eclipse picks for {@code .funnel}) and records
 * what shows: which editor and from which bundle, the colours of a keyword and a stage reference, the
 * stages completion proposes after {@code moves to}, the outline, and the problem a broken line gets.
 */
final class EditorCheck {

	private static final String EXAMPLE = "hubspot-default.funnel";
	/** A funnel whose third line names a stage that does not exist. */
	static final String BROKEN = """
			funnel Broken {
			    stage Lead {
			        moves to Nowhere 50%
			    }
			    won stage Won
			}
			""";

	private final Results results;
	private final Path out;

	EditorCheck(Results results, Path out) {
		this.results = results;
		this.out = out;
	}

	void run() throws CoreException, IOException {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("installcheck");
		if (!project.exists()) {
			project.create(null);
		}
		project.open(null);
		Path examples = Path.of(System.getProperty("funnel.installcheck.examples"));
		IFile example = write(project, EXAMPLE, Files.readString(examples.resolve(EXAMPLE), StandardCharsets.UTF_8));
		IFile broken = write(project, "broken.funnel", BROKEN);

		IWorkbenchPage page = Ui.window().getActivePage();
		page.getWorkbenchWindow().getShell().setBounds(0, 0, 1280, 800);
		IEditorPart editor = IDE.openEditor(page, example);
		results.put("editor.id", editor.getSite().getId());
		Bundle bundle = FrameworkUtil.getBundle(editor.getClass());
		results.put("editor.bundle", bundle == null ? "none" : bundle.getSymbolicName() + " " + bundle.getVersion());
		if (!(editor instanceof ITextEditor textEditor)) {
			throw new IllegalStateException("not a text editor: " + editor.getClass().getName());
		}
		StyledText text = ((ITextViewer) textEditor.getAdapter(ITextOperationTarget.class)).getTextWidget();
		IDocument document = textEditor.getDocumentProvider().getDocument(textEditor.getEditorInput());
		int keyword = document.get().indexOf("won stage ClosedWon");
		int reference = document.get().indexOf("moves to ClosedWon") + "moves to ".length();
		Ui.waitUntil("the stage reference is coloured", () -> foreground(text, reference) != null);
		results.put("colour.keyword", String.valueOf(foreground(text, keyword)));
		results.put("colour.default", String.valueOf(text.getForeground().getRGB()));
		results.put("colour.wonStageReference", String.valueOf(foreground(text, reference)));
		page.showView(IPageLayout.ID_OUTLINE);
		page.activate(editor);
		Ui.waitUntil("the outline lists the stages", () -> Ui.treeItems().stream().anyMatch(i -> i.contains("ClosedWon")));
		results.put("outline", String.join(" | ", Ui.treeItems()));
		Ui.screenshot(out, "editor-and-outline");

		textEditor.selectAndReveal(reference, 0);
		textEditor.getAdapter(ITextOperationTarget.class).doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
		Ui.waitUntil("the completion popup lists ClosedWon", () -> Ui.popupItems().contains("ClosedWon"));
		results.put("completion", String.join(" | ", Ui.popupItems()));
		Ui.screenshot(out, "completion");
		text.setFocus();

		ITextEditor brokenEditor = (ITextEditor) IDE.openEditor(page, broken);
		Ui.waitUntil("the broken line has a problem marker", () -> !errors(broken).isEmpty());
		results.put("marker", String.join(" | ", errors(broken)));
		Ui.waitUntil("the editor shows the problem", () -> !annotations(brokenEditor).isEmpty());
		results.put("annotation", String.join(" | ", annotations(brokenEditor)));
		Ui.screenshot(out, "problem");
	}

	private static IFile write(IProject project, String name, String content) throws CoreException {
		IFile file = project.getFile(name);
		ByteArrayInputStream bytes = new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
		if (file.exists()) {
			file.setContents(bytes, IResource.FORCE, null);
		} else {
			file.create(bytes, true, null);
		}
		return file;
	}

	private static RGB foreground(StyledText text, int offset) {
		StyleRange style = text.getStyleRangeAtOffset(offset);
		return style == null || style.foreground == null ? null : style.foreground.getRGB();
	}

	/** Error markers as "line N: message", from the builder (what the Problems view lists). */
	private static List<String> errors(IFile file) {
		List<String> errors = new ArrayList<>();
		try {
			for (IMarker marker : file.findMarkers(IMarker.PROBLEM, true, IResource.DEPTH_ZERO)) {
				if (marker.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR) {
					errors.add("line " + marker.getAttribute(IMarker.LINE_NUMBER, -1) + ": "
							+ marker.getAttribute(IMarker.MESSAGE, "") + " (" + marker.getType() + ")");
				}
			}
		} catch (CoreException e) {
			throw new IllegalStateException(e);
		}
		return errors;
	}

	/** Error annotations of the editor (squiggles and ruler icons) as "line N: text". */
	private static List<String> annotations(ITextEditor editor) {
		IAnnotationModel model = editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput());
		IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
		List<String> found = new ArrayList<>();
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
			Annotation annotation = it.next();
			Position position = model.getPosition(annotation);
			if (annotation.getType().endsWith(".error") && position != null) {
				try {
					found.add("line " + (document.getLineOfOffset(position.getOffset()) + 1) + ": " + annotation.getText());
				} catch (BadLocationException e) {
					throw new IllegalStateException(e);
				}
			}
		}
		return found;
	}
}

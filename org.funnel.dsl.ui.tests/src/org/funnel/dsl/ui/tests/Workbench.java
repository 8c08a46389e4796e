package org.funnel.dsl.ui.tests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.IDE;
import org.funnel.dsl.installcheck.Ui;
import org.funnel.dsl.ui.editor.FunnelEditor;

/** Drives the running workbench for the tests: projects, editors; waiting and screenshots as the install tests do ({@link Ui}). */
final class Workbench {

	private Workbench() {
	}

	static Path examples() {
		return Path.of(System.getProperty("funnel.examples", "../examples"));
	}

	static String example(String name) {
		try {
			return Files.readString(examples().resolve(name), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new AssertionError("example missing: " + name, e);
		}
	}

	static IProject project(String name) throws CoreException {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
		if (project.exists()) {
			project.delete(true, true, null);
		}
		project.create(null);
		project.open(null);
		return project;
	}

	static IFile file(IProject project, String path, String content) throws CoreException {
		IFile file = project.getFile(path);
		if (file.getParent() instanceof IFolder folder && !folder.exists()) {
			folder.create(true, true, null);
		}
		ByteArrayInputStream bytes = new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
		if (file.exists()) {
			file.setContents(bytes, IResource.FORCE, null);
		} else {
			file.create(bytes, true, null);
		}
		file.setCharset("UTF-8", null);
		return file;
	}

	/** A new project holding the B2B example and the shared files it imports; the example's file. */
	static IFile b2bExample(String projectName) throws CoreException {
		IProject project = project(projectName);
		file(project, "shared/channels.funnel", example("shared/channels.funnel"));
		file(project, "shared/outcomes.funnel", example("shared/outcomes.funnel"));
		return file(project, "b2b.funnel", example("b2b.funnel"));
	}

	static IWorkbenchPage page() {
		return Ui.window().getActivePage();
	}

	static FunnelEditor open(IFile file) throws PartInitException {
		FunnelEditor editor = (FunnelEditor) IDE.openEditor(page(), file, FunnelEditor.ID);
		shell().setSize(1280, 800);
		return editor;
	}

	static Shell shell() {
		return Ui.window().getShell();
	}

	/** Runs the UI event loop until the condition holds; fails after {@link Ui#TIMEOUT}. */
	static void waitUntil(String what, BooleanSupplier condition) {
		Ui.waitUntil(what, condition);
	}

	/** Waits for the editor's next background check of its current text to reach the UI. */
	static void awaitCheck(FunnelEditor editor) {
		int[] runs = { 0 };
		Runnable listener = () -> runs[0]++;
		editor.addReconcileListener(listener);
		try {
			String text = editor.document().get();
			waitUntil("the editor checked its text", () -> runs[0] > 0 && editor.snapshot() != null
					&& editor.snapshot().text().equals(text) && editor.outline() != null);
		} finally {
			editor.removeReconcileListener(listener);
		}
	}

	/** Saves a picture of the workbench window, so a person can see what the test saw. */
	static void screenshot(String name) {
		Ui.screenshot(Path.of(System.getProperty("funnel.screenshots", "target/screenshots")), name);
	}

	/** The entries of the open popups (completion, quick fix), without their details. */
	static List<String> popupItems() {
		return Ui.popupItems();
	}

	/** The texts of the shown entries of every tree in the workbench window (Problems view, outline, ...). */
	static List<String> treeItems() {
		return Ui.treeItems();
	}
}

package org.funnel.dsl.ui.tests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.funnel.dsl.ui.editor.FunnelEditor;

/** Drives the running workbench for the tests: projects, editors, waiting, screenshots. */
final class Workbench {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

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
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	}

	static FunnelEditor open(IFile file) throws PartInitException {
		FunnelEditor editor = (FunnelEditor) IDE.openEditor(page(), file, FunnelEditor.ID);
		shell().setSize(1280, 800);
		return editor;
	}

	static Shell shell() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
	}

	/** Runs the UI event loop until the condition holds; fails after {@link #TIMEOUT}. */
	static void waitUntil(String what, BooleanSupplier condition) {
		Display display = Display.getCurrent();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting until " + what);
			}
			if (!display.readAndDispatch()) {
				try {
					Thread.sleep(10);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new AssertionError(e);
				}
			}
		}
	}

	/** Lets pending UI work run (painting, asyncExecs) for a moment. */
	static void settle(long millis) {
		Display display = Display.getCurrent();
		long deadline = System.currentTimeMillis() + millis;
		while (System.currentTimeMillis() < deadline) {
			if (!display.readAndDispatch()) {
				try {
					Thread.sleep(10);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
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
		Display display = Display.getCurrent();
		settle(200);
		Shell shell = shell();
		Rectangle bounds = shell.getBounds();
		Image image = new Image(display, bounds.width, bounds.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, bounds.x, bounds.y);
			ImageLoader loader = new ImageLoader();
			loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
			Path dir = Path.of(System.getProperty("funnel.screenshots", "target/screenshots"));
			Files.createDirectories(dir);
			loader.save(dir.resolve(name + ".png").toString(), SWT.IMAGE_PNG);
		} catch (IOException e) {
			throw new AssertionError(e);
		} finally {
			gc.dispose();
			image.dispose();
		}
	}

	/** The entries of the open popups (completion, quick fix), without their details. */
	static List<String> popupItems() {
		List<String> items = new ArrayList<>();
		for (Shell shell : Display.getCurrent().getShells()) {
			collectTableItems(shell, items);
		}
		return items;
	}

	private static void collectTableItems(Control control, List<String> items) {
		if (control instanceof Table table && table.isVisible()) {
			for (TableItem item : table.getItems()) {
				items.add(item.getText().split(" - ")[0]);
			}
		}
		if (control instanceof org.eclipse.swt.widgets.Composite composite) {
			for (Control child : composite.getChildren()) {
				collectTableItems(child, items);
			}
		}
		if (control instanceof Shell shell) {
			for (Shell child : shell.getShells()) {
				collectTableItems(child, items);
			}
		}
	}


	/** The texts of the shown entries of every tree in the workbench window (Problems view, outline, ...). */
	static List<String> treeItems() {
		List<String> items = new ArrayList<>();
		collectTreeItems(shell(), items);
		return items;
	}

	private static void collectTreeItems(Control control, List<String> items) {
		if (control instanceof Tree tree && tree.isVisible()) {
			collectTreeItems(tree.getItems(), items);
		}
		if (control instanceof org.eclipse.swt.widgets.Composite composite) {
			for (Control child : composite.getChildren()) {
				collectTreeItems(child, items);
			}
		}
	}

	private static void collectTreeItems(TreeItem[] treeItems, List<String> items) {
		for (TreeItem item : treeItems) {
			items.add(item.getText());
			if (item.getExpanded()) {
				collectTreeItems(item.getItems(), items);
			}
		}
	}
}

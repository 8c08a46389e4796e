package org.funnel.dsl.installcheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/** Waiting on the UI thread, reading what the workbench shows, and pictures of it. */
public final class Ui {

	/** How long a step waits for the state it needs: about readiness on a busy machine, not speed. */
	public static final Duration TIMEOUT = Duration.ofMinutes(2);

	private Ui() {
	}

	/** The active workbench window, once there is one: at startup it may still be opening. */
	public static IWorkbenchWindow window() {
		waitUntil("a workbench window is active", () -> PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null);
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow();
	}

	/** Runs the UI event loop until the condition holds; fails after {@link #TIMEOUT}. */
	public static void waitUntil(String what, BooleanSupplier condition) {
		Display display = Display.getCurrent();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting until " + what);
			}
			if (!display.readAndDispatch()) {
				pause();
			}
		}
	}

	/** Runs what the UI has queued (asyncExecs, layouts) and paints what that changed, so that a picture shows it. */
	private static void flush(Shell shell) {
		Display display = Display.getCurrent();
		for (int events = 0; events < 10_000 && display.readAndDispatch(); events++) {
			// until nothing is queued (bounded, should something post events without end)
		}
		shell.update();
	}

	private static void pause() {
		try {
			Thread.sleep(10);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}

	/** Saves a picture of the workbench window as {@code dir/name.png}, so a person can see what was checked. */
	public static void screenshot(Path dir, String name) {
		screenshot(dir, name, window().getShell());
	}

	/** Saves a picture of one window (the workbench's, a dialog) as {@code dir/name.png}. */
	public static void screenshot(Path dir, String name, Shell shell) {
		Display display = Display.getCurrent();
		flush(shell);
		Rectangle bounds = shell.getBounds();
		Image image = new Image(display, bounds.width, bounds.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, bounds.x, bounds.y);
			ImageLoader loader = new ImageLoader();
			loader.data = new ImageData[] { image.getImageData() };
			Files.createDirectories(dir);
			loader.save(dir.resolve(name + ".png").toString(), SWT.IMAGE_PNG);
		} catch (IOException e) {
			throw new AssertionError(e);
		} finally {
			gc.dispose();
			image.dispose();
		}
	}

	/** The entries of the open popups (completion, quick fix), without their details (every shell, popups too). */
	public static List<String> popupItems() {
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
		if (control instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				collectTableItems(child, items);
			}
		}
	}

	/** The texts of the shown entries of every tree in the workbench window (Problems view, outline, ...). */
	public static List<String> treeItems() {
		List<String> items = new ArrayList<>();
		collectTreeItems(window().getShell(), items);
		return items;
	}

	private static void collectTreeItems(Control control, List<String> items) {
		if (control instanceof Tree tree && tree.isVisible()) {
			collectTreeItems(tree.getItems(), items);
		}
		if (control instanceof Composite composite) {
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

package org.funnel.dsl.installcheck;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;

/**
 * Installs the Funnel feature the way docs/eclipse.md tells a user to: Help > Install New Software,
 * page by page, with a picture of each. Runs on a background thread and touches the UI only through
 * the display, so that the wizard's own dialogs and jobs run as they do for a user.
 */
final class InstallWizardCheck {

	private final Results results;
	private final Path out;
	private final Display display = PlatformUI.getWorkbench().getDisplay();
	private final List<String> seen = new ArrayList<>();

	InstallWizardCheck(Results results, Path out) {
		this.results = results;
		this.out = out;
	}

	/** @return whether the feature was installed and Restart Now pressed in the dialog that asks for it */
	boolean run(URI site) {
		ui(() -> {
			try {
				PlatformUI.getWorkbench().getService(IHandlerService.class)
						.executeCommand("org.eclipse.equinox.p2.ui.sdk.install", null);
			} catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}, true);
		Shell wizard = window("the Install wizard", shell -> shell.getText().equals("Install"));
		addSite(wizard, site);
		selectFeature(wizard);
		press(wizard, "Next >");
		waitFor("the install details", () -> ui(() -> button(wizard, "< Back") != null && button(wizard, "Next >") != null));
		picture(wizard, "3-install-details");
		press(wizard, "Next >");
		acceptLicence(wizard);
		press(wizard, "Finish");
		// Then Eclipse asks to trust the unsigned bundles, and to restart.
		trustUnsigned();
		Shell restart = window("the question whether to restart", shell -> button(shell, "Restart Now") != null);
		picture(restart, "7-restart");
		results.save();
		press(restart, "Restart Now");
		return true;
	}

	private void addSite(Shell wizard, URI site) {
		press(wizard, "Add...");
		Shell add = window("the Add Repository dialog", shell -> shell.getText().equals("Add Repository"));
		ui(() -> {
			List<Text> texts = find(add, Text.class);
			texts.get(0).setText("Funnel DSL");
			texts.get(1).setText(site.toString());
		}, false);
		picture(add, "1-add-site");
		press(add, "Add");
	}

	private void selectFeature(Shell wizard) {
		waitFor("the Funnel DSL category", () -> ui(() -> item(wizard, "Funnel DSL") != null));
		ui(() -> {
			TreeItem category = item(wizard, "Funnel DSL");
			category.setChecked(true);
			Event event = new Event();
			event.item = category;
			event.detail = SWT.CHECK;
			category.getParent().notifyListeners(SWT.Selection, event);
			category.setExpanded(true);
			category.getParent().notifyListeners(SWT.Expand, expandEvent(category));
		}, false);
		waitFor("the feature under its category", () -> ui(() -> item(wizard, "Funnel DSL Editor") != null));
		picture(wizard, "2-select-feature");
	}

	private void acceptLicence(Shell wizard) {
		String accept = "I accept the terms of the license agreement";
		waitFor("the licence page", () -> ui(() -> button(wizard, accept) != null && button(wizard, accept).isVisible()));
		ui(() -> {
			button(wizard, "I do not accept the terms of the license agreement").setSelection(false);
			Button radio = button(wizard, accept);
			radio.setSelection(true);
			radio.notifyListeners(SWT.Selection, new Event());
		}, false);
		picture(wizard, "4-licence");
	}

	/** Ticks the unsigned content in the list of what to trust, then Trust Selected. */
	private void trustUnsigned() {
		Shell trust = window("the question whether to trust", shell -> shell.getText().contains("Trust"));
		picture(trust, "5-trust");
		waitFor("the list of what to trust", () -> ui(() -> {
			List<Table> tables = find(trust, Table.class);
			return !tables.isEmpty() && tables.get(0).getItemCount() > 0;
		}));
		ui(() -> {
			Table signers = find(trust, Table.class).get(0);
			TableItem unsigned = signers.getItem(0);
			unsigned.setChecked(true);
			Event event = new Event();
			event.item = unsigned;
			event.detail = SWT.CHECK;
			signers.notifyListeners(SWT.Selection, event);
		}, false);
		picture(trust, "6-trust-unsigned");
		press(trust, "Trust Selected");
	}

	private static Event expandEvent(TreeItem item) {
		Event event = new Event();
		event.item = item;
		return event;
	}

	/** Waits for the first visible window that {@code which} accepts, noting the title of every window seen. */
	private Shell window(String what, Predicate<Shell> which) {
		AtomicReference<Shell> found = new AtomicReference<>();
		waitFor(what, () -> ui(() -> {
			for (Shell shell : display.getShells()) {
				if (shell.isVisible() && !seen.contains(shell.getText())) {
					seen.add(shell.getText());
					results.put("wizard.windows", String.join(" | ", seen));
				}
				if (shell.isVisible() && which.test(shell)) {
					found.set(shell);
					return true;
				}
			}
			return false;
		}));
		return found.get();
	}

	private void picture(Shell shell, String name) {
		ui(() -> Ui.screenshot(out, name, shell), false);
	}

	/** Presses a button once the window shows it enabled; later, as it may open a modal window (see {@link #ui}). */
	private void press(Shell shell, String label) {
		waitFor("'" + label + "' enabled in the window '" + ui(shell::getText) + "'",
				() -> ui(() -> button(shell, label) != null));
		ui(() -> click(shell, label), true);
	}

	private static void click(Composite parent, String label) {
		Button button = button(parent, label);
		if (button == null) {
			throw new IllegalStateException("no button '" + label + "' in " + parent);
		}
		button.notifyListeners(SWT.Selection, new Event());
	}

	private static Button button(Composite parent, String label) {
		return find(parent, Button.class).stream().filter(b -> b.getText().replace("&", "").equals(label) && b.isEnabled())
				.findFirst().orElse(null);
	}

	private static TreeItem item(Composite parent, String text) {
		for (Tree tree : find(parent, Tree.class)) {
			for (TreeItem item : tree.getItems()) {
				if (item.getText().equals(text)) {
					return item;
				}
				for (TreeItem child : item.getItems()) {
					if (child.getText().equals(text)) {
						return child;
					}
				}
			}
		}
		return null;
	}

	private static <T extends Control> List<T> find(Control control, Class<T> type) {
		List<T> found = new ArrayList<>();
		if (type.isInstance(control) && control.isVisible()) {
			found.add(type.cast(control));
		}
		if (control instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				found.addAll(find(child, type));
			}
		}
		return found;
	}

	private void waitFor(String what, Supplier<Boolean> condition) {
		long deadline = System.nanoTime() + Ui.TIMEOUT.toNanos();
		while (!condition.get()) {
			if (System.nanoTime() > deadline) {
				ui(() -> {
					Shell active = display.getActiveShell();
					if (active != null) {
						Ui.screenshot(out, "timed-out", active);
					}
				}, false);
				throw new AssertionError("timed out waiting for " + what + "; windows seen: " + seen);
			}
			try {
				Thread.sleep(200);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}
	}

	private <T> T ui(Supplier<T> action) {
		AtomicReference<T> value = new AtomicReference<>();
		display.syncExec(() -> value.set(action.get()));
		return value.get();
	}

	/** Runs on the UI thread; {@code later} for actions that open a modal window (they return when it closes). */
	private void ui(Runnable action, boolean later) {
		if (later) {
			display.asyncExec(action);
		} else {
			display.syncExec(action);
		}
	}
}

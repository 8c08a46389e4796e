package org.funnel.dsl.installcheck;

import java.net.URI;
import java.nio.file.Path;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/**
 * Runs the install tests' checks inside an installed Eclipse, through what a user sees and the bundles
 * installed there: it links against no Funnel bundle, so what it finds comes from the installed ones.
 * Inert unless Eclipse was started with {@code -Dfunnel.installcheck.steps=...}. The steps run once the
 * workbench is up, write their findings to {@code results.properties} (and pictures) in
 * {@code -Dfunnel.installcheck.out}, and Eclipse then closes, or restarts after an update as the p2 UI does.
 */
public final class InstallCheck implements IStartup {

	@Override
	public void earlyStartup() {
		String steps = System.getProperty("funnel.installcheck.steps");
		if (steps == null || steps.isBlank()) {
			return;
		}
		Path out = Path.of(System.getProperty("funnel.installcheck.out", "installcheck"));
		Results results = new Results(out);
		boolean restart = false;
		try {
			for (String step : steps.split(",")) {
				switch (step.trim()) {
				case "bundles" -> InstalledBundles.record(results);
				case "product" -> onUi(() -> ProductInfo.record(results));
				case "editor" -> onUi(() -> new EditorCheck(results, out).run());
				case "wizard" -> restart = new InstallWizardCheck(results, out)
						.run(URI.create(System.getProperty("funnel.installcheck.update.site")));
				case "update" -> restart = new UpdateCheck(results)
						.run(URI.create(System.getProperty("funnel.installcheck.update.site")));
				default -> throw new IllegalArgumentException("unknown install check step: " + step);
				}
			}
			results.put("done", "true");
		} catch (Throwable t) {
			results.failure(t);
		} finally {
			results.save();
			finish(restart);
		}
	}

	/** A check that runs on the UI thread. */
	private interface UiCheck {
		void run() throws Exception;
	}

	private static void onUi(UiCheck check) {
		Throwable[] failure = { null };
		Display.getDefault().syncExec(() -> {
			try {
				check.run();
			} catch (Throwable t) {
				failure[0] = t;
			}
		});
		if (failure[0] != null) {
			throw new IllegalStateException(failure[0].toString(), failure[0]);
		}
	}

	private static void finish(boolean restart) {
		IWorkbench workbench = PlatformUI.getWorkbench();
		if (workbench.isClosing()) {
			return; // restarting already, as the p2 UI was told to
		}
		workbench.getDisplay().asyncExec(() -> {
			if (workbench.isClosing()) {
				return;
			}
			IWorkbenchWindow window = workbench.getActiveWorkbenchWindow();
			if (window != null && window.getActivePage() != null) {
				window.getActivePage().closeAllEditors(false);
			}
			if (restart) {
				workbench.restart();
			} else {
				workbench.close();
			}
		});
	}
}

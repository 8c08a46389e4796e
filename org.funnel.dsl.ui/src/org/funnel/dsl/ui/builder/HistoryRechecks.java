package org.funnel.dsl.ui.builder;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.emf.common.util.URI;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.funnel.dsl.ide.history.HistoryFits;
import org.funnel.dsl.ui.editor.FunnelEditor;
import org.funnel.dsl.ui.model.FunnelResources;

import com.google.inject.Injector;

/**
 * A funnel's deal history is fitted on a thread of its own ({@link HistoryFits}): the checks that ran meanwhile saw no
 * fit, so when it is ready (or the history file changes) the funnels naming it are checked again, in their open
 * editors and in the Problems view, without waiting for an edit.
 */
public final class HistoryRechecks {

	private HistoryRechecks() {
	}

	/** Called once, when the language's injector is made. */
	public static void install(Injector language) {
		language.getInstance(HistoryFits.class).onFitted(HistoryRechecks::checkAgain);
	}

	/** Checks these funnel files again (URIs as the language names them: platform:/resource for workspace files). */
	public static void checkAgain(Set<URI> documents) {
		if (documents.isEmpty()) {
			return;
		}
		List<IFile> files = documents.stream().map(FunnelResources::fileOf).filter(Objects::nonNull)
				.filter(IFile::exists).sorted((a, b) -> a.getFullPath().toString().compareTo(b.getFullPath().toString()))
				.toList();
		if (!files.isEmpty()) {
			WorkspaceJob markers = new WorkspaceJob("Checking funnels against their deal history") {
				@Override
				public IStatus runInWorkspace(IProgressMonitor monitor) {
					try {
						FunnelBuilder.check(files, monitor);
					} catch (CoreException e) {
						return e.getStatus();
					}
					return Status.OK_STATUS;
				}
			};
			// After a build that is running, never beside it: both replace the same markers.
			markers.setRule(ResourcesPlugin.getWorkspace().getRuleFactory().buildRule());
			markers.setSystem(true);
			markers.schedule();
		}
		if (PlatformUI.isWorkbenchRunning()) {
			Display.getDefault().asyncExec(() -> openEditors(documents));
		}
	}

	private static void openEditors(Set<URI> documents) {
		for (IWorkbenchWindow window : PlatformUI.getWorkbench().getWorkbenchWindows()) {
			for (IWorkbenchPage page : window.getPages()) {
				for (IEditorReference reference : page.getEditorReferences()) {
					if (reference.getEditor(false) instanceof FunnelEditor editor && documents.contains(editor.uri())) {
						editor.checkAgain();
					}
				}
			}
		}
	}
}

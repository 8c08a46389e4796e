package org.funnel.dsl.ui.builder;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.emf.common.util.URI;
import org.funnel.dsl.ide.history.HistoryFits;
import org.funnel.dsl.ui.FunnelLanguage;
import org.funnel.dsl.ui.model.FunnelResources;

/**
 * A funnel's deal history is fitted on a thread of its own ({@link HistoryFits}): a build that ran meanwhile saw no
 * fit, so when it is ready (or the history file changes) the markers of the funnels naming it are made again. (An open
 * editor hears the fit itself: {@code FunnelEditor}.)
 */
public final class HistoryRechecks {

	private static final AtomicBoolean INSTALLED = new AtomicBoolean();

	private HistoryRechecks() {
	}

	/** Hears the fits from the first build on: markers exist only once a build has made them. */
	static void installOnce() {
		if (INSTALLED.compareAndSet(false, true)) {
			FunnelLanguage.get(HistoryFits.class).onFitted(HistoryRechecks::checkAgain);
		}
	}

	/** Checks these funnel files again (URIs as the language names them: platform:/resource for workspace files). */
	static void checkAgain(Set<URI> documents) {
		List<IFile> files = documents.stream().map(FunnelResources::fileOf).filter(Objects::nonNull)
				.filter(IFile::exists).sorted(Comparator.comparing(file -> file.getFullPath().toString())).toList();
		if (files.isEmpty()) {
			return;
		}
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
}

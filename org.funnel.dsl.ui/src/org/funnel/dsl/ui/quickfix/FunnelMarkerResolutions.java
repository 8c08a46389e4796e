package org.funnel.dsl.ui.quickfix;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.ITextFileBufferManager;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IMarkerResolutionGenerator2;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.ui.FunnelUiPlugin;
import org.funnel.dsl.ui.builder.FunnelMarkers;
import org.funnel.dsl.ui.model.FunnelResources;
import org.funnel.dsl.ui.model.FunnelSnapshot;

/**
 * Quick Fix in the Problems view: the same language fixes, applied to the file through its
 * file buffer (so an open editor shows the change, and a closed file is saved).
 */
public class FunnelMarkerResolutions implements IMarkerResolutionGenerator2 {

	@Override
	public boolean hasResolutions(IMarker marker) {
		return FunnelQuickFixes.mayFix(marker.getAttribute(FunnelMarkers.CODE, null));
	}

	@Override
	public IMarkerResolution[] getResolutions(IMarker marker) {
		if (!(marker.getResource() instanceof IFile file)) {
			return new IMarkerResolution[0];
		}
		List<IMarkerResolution> resolutions = new ArrayList<>();
		withDocument(file, buffer -> {
			FunnelSnapshot snapshot = FunnelSnapshot.parse(FunnelResources.uriOf(file), buffer.getDocument().get());
			Issue issue = FunnelMarkers.toIssue(marker);
			for (FunnelQuickFix fix : FunnelQuickFixes.of(snapshot, issue)) {
				resolutions.add(new IMarkerResolution() {
					@Override
					public String getLabel() {
						return fix.label();
					}

					@Override
					public void run(IMarker ignored) {
						withDocument(file, target -> {
							boolean wasDirty = target.isDirty();
							if (fix.applyTo(target.getDocument()) && !wasDirty) {
								target.commit(new NullProgressMonitor(), true);
							}
						});
					}
				});
			}
		});
		return resolutions.toArray(IMarkerResolution[]::new);
	}

	private interface BufferWork {
		void run(ITextFileBuffer buffer) throws CoreException;
	}

	private static void withDocument(IFile file, BufferWork work) {
		ITextFileBufferManager manager = FileBuffers.getTextFileBufferManager();
		IPath path = file.getFullPath();
		try {
			manager.connect(path, LocationKind.IFILE, new NullProgressMonitor());
			try {
				work.run(manager.getTextFileBuffer(path, LocationKind.IFILE));
			} finally {
				manager.disconnect(path, LocationKind.IFILE, new NullProgressMonitor());
			}
		} catch (CoreException e) {
			FunnelUiPlugin.log("Could not fix " + file.getFullPath(), e);
		}
	}
}

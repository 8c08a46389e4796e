package org.funnel.dsl.ui.builder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.service.OperationCanceledError;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.ide.history.HistoryFits;
import org.funnel.dsl.ui.FunnelLanguage;
import org.funnel.dsl.ui.FunnelUiPlugin;
import org.funnel.dsl.ui.model.FunnelResources;

/**
 * Checks every .funnel file of a project and puts its problems in the Problems view.
 *
 * <p>Any change to a funnel file re-checks all of them: a file may import another, so a change
 * in one can break or heal the others, and funnel projects are small enough that this is cheap.
 */
public class FunnelBuilder extends IncrementalProjectBuilder {

	public static final String ID = "org.funnel.dsl.ui.builder";

	@Override
	protected IProject[] build(int kind, Map<String, String> args, IProgressMonitor monitor) throws CoreException {
		if (kind != FULL_BUILD && kind != CLEAN_BUILD) {
			IResourceDelta delta = getDelta(getProject());
			if (delta != null && !touchesFunnelFiles(delta)) {
				HistoryRechecks.checkAgain(historyUsers(delta));
				return null;
			}
		}
		checkAll(getProject(), monitor);
		return null;
	}

	@Override
	protected void clean(IProgressMonitor monitor) throws CoreException {
		getProject().deleteMarkers(FunnelMarkers.TYPE, true, IResource.DEPTH_INFINITE);
	}

	private static boolean touchesFunnelFiles(IResourceDelta delta) throws CoreException {
		boolean[] found = { false };
		delta.accept(child -> {
			if (FunnelResources.isFunnelFile(child.getResource())) {
				found[0] = true;
			}
			return !found[0];
		});
		return found[0];
	}

	/** The funnels (as the language names them) whose deal history is a file of the change, or in a folder of it. */
	private static Set<URI> historyUsers(IResourceDelta delta) throws CoreException {
		HistoryFits histories = FunnelLanguage.get(HistoryFits.class);
		Set<URI> users = new HashSet<>();
		delta.accept(child -> {
			if (child.getResource() instanceof IFile file && file.getLocation() != null) {
				users.addAll(histories.usersOf(file.getLocation().toPath()));
			}
			return true;
		});
		return users;
	}

	static void checkAll(IProject project, IProgressMonitor monitor) throws CoreException {
		List<IFile> files = new ArrayList<>();
		project.accept(resource -> {
			if (resource.isDerived() || resource.isTeamPrivateMember()) {
				return false;
			}
			if (FunnelResources.isFunnelFile(resource)) {
				files.add((IFile) resource);
			}
			return true;
		});
		check(files, monitor);
	}

	/** Checks these funnel files and replaces their markers. */
	static void check(List<IFile> files, IProgressMonitor monitor) throws CoreException {
		HistoryRechecks.installOnce();
		SubMonitor progress = SubMonitor.convert(monitor, "Checking funnel files", files.size());
		// One resource set for the project: an imported file is parsed once, however many import it.
		XtextResourceSet resourceSet = FunnelResources.newResourceSet();
		IResourceValidator validator = FunnelLanguage.get(IResourceValidator.class);
		for (IFile file : files) {
			if (progress.isCanceled()) {
				return;
			}
			progress.subTask(file.getName());
			List<Issue> issues;
			try {
				Resource resource = resourceSet.getResource(FunnelResources.uriOf(file), true);
				issues = validator.validate(resource, CheckMode.ALL, progress::isCanceled);
			} catch (OperationCanceledError e) {
				throw new OperationCanceledException();
			} catch (RuntimeException e) {
				FunnelUiPlugin.log("Could not check " + file.getFullPath(), e);
				continue;
			}
			FunnelMarkers.replace(file, issues);
			progress.worked(1);
		}
	}
}

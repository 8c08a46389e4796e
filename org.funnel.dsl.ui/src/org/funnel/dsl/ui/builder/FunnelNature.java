package org.funnel.dsl.ui.builder;

import java.util.Arrays;

import org.eclipse.core.resources.ICommand;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IProjectNature;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/**
 * Marks a project as holding funnels and installs the {@link FunnelBuilder}. Opening a .funnel
 * file in the editor adds it, as Xtext editors do, so Problems fill without setup.
 */
public class FunnelNature implements IProjectNature {

	public static final String ID = "org.funnel.dsl.ui.nature";

	private IProject project;

	/** Adds the nature in the background, if the project does not have it yet. */
	public static void ensureOn(IProject project) {
		try {
			if (project == null || !project.isOpen() || project.hasNature(ID)) {
				return;
			}
		} catch (CoreException e) {
			return;
		}
		WorkspaceJob job = new WorkspaceJob("Adding the Funnel nature to " + project.getName()) {
			@Override
			public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
				if (project.isOpen() && !project.hasNature(ID)) {
					IProjectDescription description = project.getDescription();
					String[] natures = Arrays.copyOf(description.getNatureIds(), description.getNatureIds().length + 1);
					natures[natures.length - 1] = ID;
					description.setNatureIds(natures);
					project.setDescription(description, monitor);
				}
				return Status.OK_STATUS;
			}
		};
		// Changing natures may touch the whole workspace (builders, markers): take the root.
		job.setRule(project.getWorkspace().getRoot());
		job.setSystem(true);
		job.schedule();
	}

	@Override
	public void configure() throws CoreException {
		IProjectDescription description = project.getDescription();
		ICommand[] commands = description.getBuildSpec();
		for (ICommand command : commands) {
			if (FunnelBuilder.ID.equals(command.getBuilderName())) {
				return;
			}
		}
		ICommand command = description.newCommand();
		command.setBuilderName(FunnelBuilder.ID);
		ICommand[] extended = Arrays.copyOf(commands, commands.length + 1);
		extended[commands.length] = command;
		description.setBuildSpec(extended);
		project.setDescription(description, null);
	}

	@Override
	public void deconfigure() throws CoreException {
		IProjectDescription description = project.getDescription();
		description.setBuildSpec(Arrays.stream(description.getBuildSpec())
				.filter(command -> !FunnelBuilder.ID.equals(command.getBuilderName())).toArray(ICommand[]::new));
		project.setDescription(description, null);
		project.deleteMarkers(FunnelMarkers.TYPE, true, IResource.DEPTH_INFINITE);
	}

	@Override
	public IProject getProject() {
		return project;
	}

	@Override
	public void setProject(IProject project) {
		this.project = project;
	}
}

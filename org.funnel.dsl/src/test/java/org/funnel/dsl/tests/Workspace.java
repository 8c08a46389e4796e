package org.funnel.dsl.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.model.AnalysisCache;

import com.google.inject.Injector;

/**
 * Funnel files on disk, loaded together into one resource set the way the command line and the
 * editors load a project, so imports between them resolve.
 */
public final class Workspace {

	private final Injector injector;
	private final XtextResourceSet resourceSet;
	/** The files {@link #load} was given, or found in the directories it was given. */
	private final List<XtextResource> named = new ArrayList<>();

	public Workspace(Injector injector) {
		this.injector = injector;
		this.resourceSet = injector.getInstance(XtextResourceSet.class);
	}

	public static Workspace create() {
		return new Workspace(new FunnelInjectorProvider().getInjector());
	}

	/**
	 * Files, and directories searched for .funnel files, loaded into a new workspace and checked as the command line
	 * checks them (with the files they import); fails on an error.
	 */
	public static Workspace load(String... paths) {
		Workspace workspace = create();
		for (String path : paths) {
			Path given = Path.of(path);
			workspace.named.addAll(Files.isDirectory(given) ? workspace.loadAll(given) : List.of(workspace.load(given)));
		}
		List<String> errors = new ArrayList<>();
		Set<Resource> validated = new HashSet<>();
		for (boolean more = true; more;) {
			more = false;
			for (Resource resource : new ArrayList<>(workspace.resourceSet.getResources())) {
				if (resource.getURI().isFile() && validated.add(resource)) {
					more = true;
					EcoreUtil2.resolveLazyCrossReferences(resource, CancelIndicator.NullImpl);
					workspace.validate(resource).stream().filter(i -> i.getSeverity() == Severity.ERROR)
							.forEach(i -> errors
									.add(resource.getURI().lastSegment() + ":" + i.getLineNumber() + ": " + i.getMessage()));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new AssertionError("errors: " + String.join("\n", errors));
		}
		return workspace;
	}

	/** The funnels of the files {@link #load} named (not templates), in the order of the files and of the declarations. */
	public List<Funnel> funnels() {
		List<Funnel> funnels = new ArrayList<>();
		for (XtextResource resource : named) {
			root(resource).getElements().stream().filter(Funnel.class::isInstance).map(Funnel.class::cast)
					.filter(f -> !f.isTemplate() && f.getName() != null).forEach(funnels::add);
		}
		return funnels;
	}

	/** The funnel of that name among {@link #funnels}. */
	public Funnel funnel(String name) {
		return funnels().stream().filter(f -> name.equals(f.getName())).findFirst()
				.orElseThrow(() -> new AssertionError("no funnel " + name));
	}

	/** The analyses of the funnels, as the tools share them. */
	public AnalysisCache analyses() {
		return injector.getInstance(AnalysisCache.class);
	}

	public XtextResource load(Path file) {
		URI uri = URI.createFileURI(file.toAbsolutePath().normalize().toString());
		return (XtextResource) resourceSet.getResource(uri, true);
	}

	/** Loads every .funnel file under the directory. */
	public List<XtextResource> loadAll(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			List<XtextResource> resources = new ArrayList<>();
			files.filter(p -> p.toString().endsWith(".funnel")).sorted().forEach(p -> resources.add(load(p)));
			return resources;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public List<Issue> validate(Resource resource) {
		return injector.getInstance(IResourceValidator.class).validate(resource, CheckMode.ALL,
				CancelIndicator.NullImpl);
	}

	public static FunnelFile root(Resource resource) {
		return (FunnelFile) resource.getContents().get(0);
	}

	/** The first funnel of that name in the resource. */
	public static Funnel funnel(Resource resource, String name) {
		return root(resource).getElements().stream().filter(Funnel.class::isInstance).map(Funnel.class::cast)
				.filter(f -> name.equals(f.getName())).findFirst()
				.orElseThrow(() -> new AssertionError("no funnel " + name + " in " + resource.getURI()));
	}
}

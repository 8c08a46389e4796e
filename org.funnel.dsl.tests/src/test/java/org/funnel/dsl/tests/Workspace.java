package org.funnel.dsl.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;

import com.google.inject.Injector;

/**
 * Funnel files on disk, loaded together into one resource set the way the command line and the
 * editors load a project, so imports between them resolve.
 */
public final class Workspace {

	private final Injector injector;
	private final XtextResourceSet resourceSet;

	public Workspace(Injector injector) {
		this.injector = injector;
		this.resourceSet = injector.getInstance(XtextResourceSet.class);
	}

	public static Workspace create() {
		return new Workspace(new FunnelInjectorProvider().getInjector());
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

package org.funnel.dsl.generator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.FunnelStandaloneSetup;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.funnel.Element;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.validation.FunnelIssueCodes;

import com.google.inject.Injector;
import java.util.Locale;

/**
 * Funnel files loaded together into one resource set, the way an editor loads a project, so files
 * importing each other are linked once. Validates everything that got loaded (the named files and
 * the files they import) and hands out the funnels of the named files for generation. Many files
 * are built on all cores instead, a resource set per thread (see {@link #PARALLEL_FROM_FILES}); the
 * diagnostics and funnels are the same.
 */
public final class FunnelWorkspace {

	private static volatile Injector sharedInjector;

	private final Injector injector;
	private final XtextResourceSet resourceSet;
	private final Map<URI, String> displayPaths = new HashMap<>();
	private final List<Loaded> loaded = new ArrayList<>();
	private final List<Diagnostic> loadProblems = new ArrayList<>();
	private final Progress progress;
	/** After a parallel load: the named files' issues (already validated) and the threads' resource sets. */
	private ParallelBuild.Result parallel;

	/**
	 * From this many files on, {@link #load} builds on all cores ({@link ParallelBuild}: parse, link
	 * and validate at once, a resource set per thread); fewer are loaded into one resource set.
	 */
	static final int PARALLEL_FROM_FILES = 16;

	/** A named file and its resource (null when it could not be read). */
	public record Loaded(SourceFile file, XtextResource resource) {
	}

	/**
	 * A funnel to generate from: {@code path} names its file as the user did (for messages),
	 * {@code source} names it in generated files: relative to the working directory, or just the file
	 * name when it lies elsewhere, so no absolute path ends up in the output.
	 */
	public record Unit(String path, String source, Funnel funnel) {
	}

	public FunnelWorkspace(Progress progress) {
		this.injector = injector();
		this.resourceSet = injector.getInstance(XtextResourceSet.class);
		this.resourceSet.getLoadOptions().put(XtextResource.OPTION_ENCODING, "UTF-8");
		this.progress = progress == null ? Progress.NONE : progress;
	}

	/** The language's injector, created once per process (it is the slow part of starting up). */
	public static Injector injector() {
		Injector result = sharedInjector;
		if (result == null) {
			synchronized (FunnelWorkspace.class) {
				result = sharedInjector;
				if (result == null) {
					result = new FunnelStandaloneSetup().createInjectorAndDoEMFRegistration();
					sharedInjector = result;
				}
			}
		}
		return result;
	}

	public <T> T get(Class<T> type) {
		return injector.getInstance(type);
	}

	public AnalysisCache analyses() {
		return injector.getInstance(AnalysisCache.class);
	}

	public XtextResourceSet resourceSet() {
		return resourceSet;
	}

	/**
	 * Loads the files: parsing only, linking happens in {@link #validate()}; or, for many files on a
	 * machine with several cores, the whole build on all of them (see {@link #PARALLEL_FROM_FILES}).
	 */
	public FunnelWorkspace load(List<SourceFile> files) {
		int threads = Runtime.getRuntime().availableProcessors();
		if (files.size() >= PARALLEL_FROM_FILES && threads > 1 && loaded.isEmpty()) {
			return loadInParallel(files, threads);
		}
		int done = 0;
		for (SourceFile file : files) {
			URI uri = uri(file.absolute());
			displayPaths.put(uri, file.path());
			XtextResource resource = null;
			try {
				resource = ParallelBuild.load(resourceSet, uri);
			} catch (RuntimeException e) {
				loadProblems.add(Diagnostic.ofFile(file.path(), "Cannot read the file: " + rootMessage(e), "io-error"));
			}
			loaded.add(new Loaded(file, resource));
			progress.step("parsed", ++done, files.size());
		}
		return this;
	}

	/**
	 * Loads a text that is in no file (an import's result, before it is written), as if it were the
	 * file {@code path} of the working directory; {@link #validate()} checks it like the others.
	 */
	public FunnelWorkspace loadText(String path, String text) {
		Path absolute = Path.of(path).toAbsolutePath().normalize();
		URI uri = uri(absolute);
		displayPaths.put(uri, path);
		XtextResource resource = (XtextResource) resourceSet.createResource(uri);
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
					resourceSet.getLoadOptions());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		loaded.add(new Loaded(new SourceFile(path, absolute), resource));
		return this;
	}

	private FunnelWorkspace loadInParallel(List<SourceFile> files, int threads) {
		List<URI> uris = new ArrayList<>(files.size());
		for (SourceFile file : files) {
			URI uri = uri(file.absolute());
			displayPaths.put(uri, file.path());
			uris.add(uri);
		}
		parallel = injector.getInstance(ParallelBuild.class).build(uris, threads,
				set -> set.getLoadOptions().put(XtextResource.OPTION_ENCODING, "UTF-8"), CancelIndicator.NullImpl,
				done -> {
					synchronized (progress) {
						progress.step("checked", done, files.size());
					}
				});
		for (int i = 0; i < files.size(); i++) {
			ParallelBuild.FileResult result = parallel.files().get(i);
			if (result.failure() != null) {
				loadProblems.add(Diagnostic.ofFile(files.get(i).path(), "Cannot read the file: " + rootMessage(result.failure()),
						"io-error"));
			}
			loaded.add(new Loaded(files.get(i), result.resource()));
		}
		return this;
	}

	/** After a parallel load: the named files' issues, and the files they import, each checked once. */
	private List<Diagnostic> validateParallel() {
		List<Diagnostic> diagnostics = new ArrayList<>(loadProblems);
		Set<URI> validated = new HashSet<>();
		for (ParallelBuild.FileResult result : parallel.files()) {
			validated.add(result.uri());
			if (result.resource() != null) {
				String path = displayPath(result.uri());
				for (Issue issue : result.issues()) {
					diagnostics.add(toDiagnostic(path, issue));
				}
			}
		}
		// Imported files that were not named: every thread loaded its own copy; check one.
		IResourceValidator validator = injector.getInstance(IResourceValidator.class);
		for (XtextResourceSet set : parallel.resourceSets()) {
			for (Resource resource : new ArrayList<>(set.getResources())) {
				if (resource.getURI().isFile() && validated.add(resource.getURI())) {
					EcoreUtil2.resolveLazyCrossReferences(resource, CancelIndicator.NullImpl);
					String path = displayPath(resource.getURI());
					for (Issue issue : validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
						diagnostics.add(toDiagnostic(path, issue));
					}
				}
			}
		}
		Collections.sort(diagnostics);
		return diagnostics;
	}

	public List<Loaded> loaded() {
		return Collections.unmodifiableList(loaded);
	}

	public static URI uri(Path absolute) {
		return URI.createFileURI(absolute.toAbsolutePath().normalize().toString());
	}

	/**
	 * Links and validates every file in the resource set (named or imported): diagnostics sorted by
	 * path, line and column.
	 */
	public List<Diagnostic> validate() {
		if (parallel != null) {
			return validateParallel();
		}
		List<Diagnostic> diagnostics = new ArrayList<>(loadProblems);
		IResourceValidator validator = injector.getInstance(IResourceValidator.class);
		Set<Resource> validated = new HashSet<>();
		int done = 0;
		// Validating a file may load the files it imports: go on until nothing new was loaded.
		boolean more = true;
		while (more) {
			more = false;
			for (Resource resource : new ArrayList<>(resourceSet.getResources())) {
				if (!resource.getURI().isFile() || !validated.add(resource)) {
					continue;
				}
				more = true;
				EcoreUtil2.resolveLazyCrossReferences(resource, CancelIndicator.NullImpl);
				List<Issue> issues = validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
				String path = displayPath(resource.getURI());
				for (Issue issue : issues) {
					diagnostics.add(toDiagnostic(path, issue));
				}
				progress.step("validated", ++done, Math.max(done, loaded.size()));
			}
		}
		Collections.sort(diagnostics);
		return diagnostics;
	}

	/** Non-template funnels of the named files, in the order of the files and of the declarations. */
	public List<Unit> funnels() {
		List<Unit> units = new ArrayList<>();
		for (Loaded each : loaded) {
			if (each.resource() == null || each.resource().getContents().isEmpty()) {
				continue;
			}
			if (each.resource().getContents().get(0) instanceof FunnelFile file) {
				for (Element element : file.getElements()) {
					if (element instanceof Funnel funnel && !funnel.isTemplate() && funnel.getName() != null) {
						units.add(new Unit(each.file().path(), sourceName(each.file()), funnel));
					}
				}
			}
		}
		return units;
	}

	private static String sourceName(SourceFile file) {
		Path cwd = Path.of("").toAbsolutePath().normalize();
		if (file.absolute().startsWith(cwd)) {
			return SourceFile.display(cwd.relativize(file.absolute()));
		}
		return file.absolute().getFileName().toString();
	}

	public String displayPath(URI uri) {
		String path = displayPaths.get(uri);
		if (path == null) {
			path = uri.isFile() ? SourceFile.displayUnnamed(Path.of(uri.toFileString())) : uri.toString();
			displayPaths.put(uri, path);
		}
		return path;
	}

	private static Diagnostic toDiagnostic(String path, Issue issue) {
		int line = value(issue.getLineNumber(), 1);
		int column = value(issue.getColumn(), 1);
		int endLine = value(issue.getLineNumberEnd(), line);
		int endColumn = value(issue.getColumnEnd(), column);
		Diagnostic.Severity severity = switch (issue.getSeverity()) {
		case ERROR -> Diagnostic.Severity.ERROR;
		case WARNING -> Diagnostic.Severity.WARNING;
		default -> Diagnostic.Severity.INFO;
		};
		String code = issue.getCode();
		if (issue.isSyntaxError()) {
			code = "syntax-error";
		} else if (code != null && code.endsWith("Diagnostic.Linking")) {
			code = FunnelIssueCodes.UNRESOLVED_REFERENCE;
		} else if (code != null && code.startsWith("org.eclipse.")) {
			// Other codes of Xtext and EMF are class-qualified names: keep the last part, in the style of ours.
			code = code.substring(code.lastIndexOf('.') + 1).replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
		}
		return new Diagnostic(path, line, column, endLine, endColumn, severity, Diagnostic.oneLine(issue.getMessage()),
				code);
	}

	private static int value(Integer value, int otherwise) {
		return value == null || value < 1 ? otherwise : value;
	}

	private static String rootMessage(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return message == null ? root.getClass().getSimpleName() : message;
	}
}

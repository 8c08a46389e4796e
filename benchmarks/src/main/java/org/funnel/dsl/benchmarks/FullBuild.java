package org.funnel.dsl.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.benchmarks.WorkloadGenerator.Expected;
import org.funnel.dsl.generator.ParallelBuild;

import com.google.inject.Injector;

/**
 * Parse, link and validate every file of a workspace, as a command-line or editor build does,
 * with the language's {@link ParallelBuild} on the given number of threads.
 */
public final class FullBuild {

	/** The diagnostics found, in the form of the expected ones, and the build (holding the models). */
	public record Result(List<Expected> issues, ParallelBuild.Result build) {
	}

	private final Injector injector;
	private final int threads;

	public FullBuild(Injector injector, int threads) {
		this.injector = injector;
		this.threads = threads;
	}

	public Result run(Path root, List<Path> files) {
		List<URI> uris = new ArrayList<>(files.size());
		for (Path file : files) {
			uris.add(URI.createFileURI(file.toAbsolutePath().normalize().toString()));
		}
		ParallelBuild build = injector.getInstance(ParallelBuild.class);
		ParallelBuild.Result result = build.build(uris, threads,
				resourceSet -> resourceSet.getLoadOptions().put(XtextResource.OPTION_ENCODING, "UTF-8"), null);
		List<Expected> issues = new ArrayList<>();
		Path base = root.toAbsolutePath().normalize();
		for (ParallelBuild.FileResult file : result.files()) {
			String name = relative(base, Path.of(file.uri().toFileString()));
			if (file.failure() != null) {
				issues.add(new Expected(name, 0, Expected.ERROR, "io-error"));
			}
			for (Issue issue : file.issues()) {
				issues.add(toExpected(name, issue));
			}
		}
		return new Result(issues, result);
	}

	static Expected toExpected(String file, Issue issue) {
		String code = issue.isSyntaxError() ? "syntax-error" : String.valueOf(issue.getCode());
		int line = issue.getLineNumber() == null ? 0 : issue.getLineNumber();
		return new Expected(file, line, issue.getSeverity().name().toUpperCase(Locale.ROOT), code);
	}

	static String relative(Path base, Path file) {
		Path path = file.toAbsolutePath().normalize();
		return (path.startsWith(base) ? base.relativize(path) : path).toString().replace('\\', '/');
	}
}

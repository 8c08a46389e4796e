package org.funnel.dsl.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.benchmarks.WorkloadGenerator.InjectedError;

import com.google.inject.Injector;

/** Parse, link and validate every file of a workspace, as a command-line or editor build does. */
public final class FullBuild {

	/** The errors found, in the same form as the injected ones, and how many warnings. */
	public record Result(List<InjectedError> errors, int warnings) {
	}

	private final Injector injector;

	public FullBuild(Injector injector) {
		this.injector = injector;
	}

	public Result run(Path root, List<Path> files) {
		XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
		List<Resource> resources = new ArrayList<>();
		for (Path file : files) {
			resources.add(resourceSet.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true));
		}
		for (Resource resource : resources) {
			EcoreUtil.resolveAll(resource);
		}
		IResourceValidator validator = injector.getInstance(IResourceValidator.class);
		List<InjectedError> errors = new ArrayList<>();
		int warnings = 0;
		for (int i = 0; i < resources.size(); i++) {
			String name = root.toAbsolutePath().relativize(files.get(i).toAbsolutePath()).toString();
			for (Issue issue : validator.validate(resources.get(i), CheckMode.ALL, CancelIndicator.NullImpl)) {
				if (issue.getSeverity() == Severity.ERROR) {
					errors.add(new InjectedError(name, issue.getLineNumber(), issue.getCode()));
				} else {
					warnings++;
				}
			}
		}
		return new Result(errors, warnings);
	}
}

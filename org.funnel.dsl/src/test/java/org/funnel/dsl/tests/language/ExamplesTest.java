package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.xtext.resource.XtextResource;
import org.funnel.dsl.tests.Workspace;
import org.junit.jupiter.api.Test;

/** The examples are what new users copy from: they must be free of errors and warnings. */
class ExamplesTest {

	@Test
	void everyExampleIsFreeOfErrorsAndWarnings() {
		Workspace workspace = Workspace.create();
		List<XtextResource> examples = workspace.loadAll(Path.of("examples"));
		assertThat(examples).hasSizeGreaterThanOrEqualTo(11);
		List<String> problems = examples.stream()
				.flatMap(example -> workspace.validate(example).stream()
						.map(issue -> example.getURI().lastSegment() + ":" + issue.getLineNumber() + ": "
								+ issue.getSeverity() + ": " + issue.getMessage() + " [" + issue.getCode() + "]"))
				.collect(Collectors.toList());
		assertThat(problems).isEmpty();
	}
}

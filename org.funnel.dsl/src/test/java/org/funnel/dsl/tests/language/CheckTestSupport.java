package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.tests.FunnelInjectorProvider;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Parses a short text and finds the diagnostic of a given code, so each check's test can assert
 * the exact message and position.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(FunnelInjectorProvider.class)
abstract class CheckTestSupport {

	@Inject
	protected ParseHelper<FunnelFile> parseHelper;

	@Inject
	protected ValidationTestHelper validation;

	@Inject
	protected Provider<XtextResourceSet> resourceSets;

	protected String text;

	protected FunnelFile parse(String source) {
		this.text = source;
		try {
			FunnelFile file = parseHelper.parse(source, URI.createURI("memory:/test.funnel"), resourceSets.get());
			assertThat(file.eResource().getErrors()).as("syntax errors").isEmpty();
			return file;
		} catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	protected List<Issue> issues(FunnelFile file) {
		return validation.validate(file);
	}

	/** The only issue of that code; fails if there is none or several. */
	protected Issue single(FunnelFile file, String code) {
		List<Issue> matching = issues(file).stream().filter(i -> code.equals(i.getCode())).toList();
		assertThat(matching).as("issues with code " + code + " among " + describe(issues(file))).hasSize(1);
		return matching.get(0);
	}

	protected void assertNone(FunnelFile file, String code) {
		assertThat(issues(file).stream().filter(i -> code.equals(i.getCode())).toList())
				.as("issues with code " + code).isEmpty();
	}

	protected void assertNoIssues(FunnelFile file) {
		assertThat(describe(issues(file))).isEmpty();
	}

	/** Asserts the issue covers exactly the n-th occurrence of the snippet in the text. */
	protected void assertAt(Issue issue, String snippet, int occurrence) {
		int offset = -1;
		for (int i = 0; i <= occurrence; i++) {
			offset = text.indexOf(snippet, offset + 1);
			assertThat(offset).as("occurrence " + occurrence + " of " + snippet).isGreaterThanOrEqualTo(0);
		}
		assertThat(issue.getOffset()).as("offset of " + issue).isEqualTo(offset);
		assertThat(issue.getLength()).as("length of " + issue).isEqualTo(snippet.length());
		int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
		int column = offset - text.lastIndexOf('\n', offset - 1);
		assertThat(issue.getLineNumber()).as("line").isEqualTo(line);
		assertThat(issue.getColumn()).as("column").isEqualTo(column);
	}

	protected void assertAt(Issue issue, String snippet) {
		assertAt(issue, snippet, 0);
	}

	private static String describe(List<Issue> issues) {
		return issues.stream().map(i -> i.getSeverity() + " " + i.getCode() + ": " + i.getMessage())
				.collect(Collectors.joining("\n"));
	}
}

package org.funnel.dsl.tests.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.funnel.dsl.formatting2.CanonicalFormat;
import org.funnel.dsl.tests.FunnelInjectorProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Inputs on which the canonical formatter failed when fuzzed (see {@link FunnelFuzzTest}): each
 * formats without an exception, and formatting the result again changes nothing.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(FunnelInjectorProvider.class)
class FormatterEdgeCasesTest {

	@Inject
	private CanonicalFormat canonical;

	@Inject
	private Provider<XtextResourceSet> resourceSets;

	private int counter;

	private String format(String text) {
		XtextResource resource = (XtextResource) resourceSets.get()
				.createResource(URI.createURI("memory:/f" + counter++ + ".funnel"));
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		} catch (IOException e) {
			throw new AssertionError(e);
		}
		return canonical.format(resource);
	}

	private String formatTwice(String text) {
		String once = format(text);
		assertThat(format(once)).as("formatting again").isEqualTo(once);
		return once;
	}

	@Test
	void emptyAndBlankFilesBecomeEmpty() {
		assertThat(formatTwice("")).isEqualTo("");
		assertThat(formatTwice(" \n\t\r\n")).isEqualTo("");
	}

	@Test
	void aFileOfCommentsOnlyStaysAsItIs() {
		assertThat(formatTwice("// only a comment\n")).isEqualTo("// only a comment\n");
	}

	@Test
	void aSettingGivenTwiceLeavesTheFileAsItIs() {
		// The parser drops the first value's object (the duplicate-setting check reports it); Xtext's
		// formatter threw a NullPointerException on the orphaned node.
		String text = "funnel F {\n  stage Lead {\n deal value 1 EUR\n deal value 2 EUR\n }\n won stage Won\n}\n";
		assertThat(formatTwice(text)).isEqualTo(text);
	}

	@Test
	void aLineCommentBeforeACommaStaysOnItsOwnLine() {
		String text = """
				funnel F {
				    stage Lead {
				        channels TV
				        // note
				        , Radio
				    }
				}
				""";
		String formatted = formatTwice(text);
		assertThat(formatted).contains("// note").contains("Radio");
		assertThat(formatted).doesNotContain("TV// note");
	}

	@Test
	void lineEndsOfEveryKindInCommentsGiveOneLayout() {
		// A lone CR (old Mac line end) inside a doc comment: the first run kept the line unindented, the
		// second indented it (found by fuzzing).
		String text = "/** First line\r   second line\r\n   third line\n */\r\nfunnel F {\r  stage Lead // note\r\n}\r";
		String formatted = formatTwice(text);
		assertThat(formatted).doesNotContain("\r");
		assertThat(formatted).startsWith("/** First line\n");
	}

	@Test
	void aLineCommentBeforeAPercentSignKeepsItsLine() {
		String text = """
				funnel F {
				    stage Lead {
				        moves to Won 40 // forty
				        %
				    }
				    won stage Won
				}
				""";
		String formatted = formatTwice(text);
		assertThat(formatted).doesNotContain("40// forty");
	}
}

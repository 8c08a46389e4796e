package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.formatting2.CanonicalFormat;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.tests.FunnelInjectorProvider;
import org.funnel.dsl.tests.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.inject.Inject;
import com.google.inject.Provider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

@ExtendWith(InjectionExtension.class)
@InjectWith(FunnelInjectorProvider.class)
class FormatterTest {

	@Inject
	private CanonicalFormat canonical;

	@Inject
	private Provider<XtextResourceSet> resourceSets;

	@Inject
	private AnalysisCache analyses;

	private int counter;

	private XtextResource parse(String text) {
		XtextResourceSet set = resourceSets.get();
		XtextResource resource = (XtextResource) set.createResource(URI.createURI("memory:/f" + counter++ + ".funnel"));
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
					null);
		} catch (IOException e) {
			throw new AssertionError(e);
		}
		return resource;
	}

	private String format(String text) {
		return canonical.format(parse(text));
	}

	static Stream<Path> examples() throws IOException {
		return Files.walk(Path.of("examples")).filter(p -> p.toString().endsWith(".funnel")).sorted();
	}

	@ParameterizedTest
	@MethodSource("examples")
	void examplesAreCanonical(Path example) throws IOException {
		String text = Files.readString(example);
		assertThat(format(text)).isEqualTo(text);
	}

	@Test
	void messyInputGetsTheCanonicalLayout() {
		String messy = """
				import   "shared/channels.funnel"
				import "other.funnel"
				channel   Webinar    "Webinar"
				channel Fair
				funnel Sales "Sales"{crm hubspot ,salesforce
				hubspot   pipeline "sales" for deals
				stage Lead{probability 10 %   channels Webinar ,TV
				    entering 100 per   month moves to Won 30% via Webinar moves to Lost 70 %}
				  won stage Won
				      lost stage Lost {probability 0%}}
				""";
		String expected = """
				import "shared/channels.funnel"
				import "other.funnel"

				channel Webinar "Webinar"
				channel Fair

				funnel Sales "Sales" {
				    crm hubspot, salesforce
				    hubspot pipeline "sales" for deals

				    stage Lead {
				        probability 10%
				        channels Webinar, TV
				        entering 100 per month
				        moves to Won 30% via Webinar
				        moves to Lost 70%
				    }

				    won stage Won

				    lost stage Lost {
				        probability 0%
				    }
				}
				""";
		assertThat(format(messy)).isEqualTo(expected);
		assertThat(format(expected)).isEqualTo(expected);
	}

	@Test
	void commentsStayAndKeepOneBlankLineAtMost() {
		String text = """
				// Header comment
				// second line



				/** Channel docs. */
				channel A // trailing comment


				/* block */
				channel B
				funnel F {
				    // before the stage
				    stage S { moves to W 100% } // after the stage
				    /** The outcome. */
				    won stage W
				}
				""";
		String expected = """
				// Header comment
				// second line

				/** Channel docs. */
				channel A // trailing comment

				/* block */
				channel B

				funnel F {
				    // before the stage
				    stage S {
				        moves to W 100%
				    } // after the stage

				    /** The outcome. */
				    won stage W
				}
				""";
		String formatted = format(text);
		assertThat(formatted).isEqualTo(expected);
		assertThat(comments(formatted)).containsExactlyElementsOf(comments(text));
		assertThat(format(formatted)).isEqualTo(formatted);
	}

	/**
	 * A block comment over several lines gets a line of its own, and with it the indentation and the blank line asked
	 * for there, on the first formatting (a second one moved them: found with comments inserted at random).
	 */
	@Test
	void aBlockCommentOverSeveralLinesIsLaidOutOnTheFirstFormatting() {
		String text = """
				funnel F {
				    stage S {/* multi
				   line */
				        moves to W 100%
				    } /* after
				   the stage */
				    /** The outcome. */
				    won stage W
				}
				""";
		String expected = """
				funnel F {
				    stage S {
				        /* multi
				         line */
				        moves to W 100%
				    }

				    /* after
				     the stage */
				    /** The outcome. */
				    won stage W
				}
				""";
		String formatted = format(text);
		assertThat(formatted).isEqualTo(expected);
		assertThat(format(formatted)).isEqualTo(formatted);
	}

	@Test
	void windowsLineEndingsAndTabsBecomeCanonical() {
		String text = "funnel F {\r\n\tstage S {\r\n\t\tmoves to W 100%\r\n\t}\r\n\r\n\twon stage W\r\n}\r\n";
		assertThat(format(text)).isEqualTo("funnel F {\n    stage S {\n        moves to W 100%\n    }\n\n    won stage W\n}\n");
	}

	@Test
	void fileWithSyntaxErrorsIsLeftAlone() {
		String broken = "funnel F {\n  stage S { moves to }\n";
		assertThat(format(broken)).isEqualTo(broken);
	}

	@Test
	void formattingKeepsTheMeaning() throws IOException {
		// Same analysis before and after: formatting only moves whitespace.
		for (Path example : examples().toList()) {
			Workspace workspace = Workspace.create();
			XtextResource original = workspace.load(example);
			String messed = Files.readString(example).replace("\n    ", "\n").replace(" {", "{").replace("%", " %");
			XtextResource reformatted = parse(format(messed));
			List<Funnel> before = funnels(original);
			List<Funnel> after = funnels(reformatted);
			assertThat(after).hasSameSizeAs(before);
			for (int i = 0; i < before.size(); i++) {
				if (before.get(i).getBase() != null || before.get(i).isTemplate()) {
					continue; // imports resolve relative to the file; the in-memory copy has none
				}
				FunnelAnalysis a = analyses.analysis(before.get(i));
				FunnelAnalysis b = analyses.analysis(after.get(i));
				for (int s = 0; s < a.graph().stageCount(); s++) {
					assertThat(b.winProbability(s)).isEqualTo(a.winProbability(s));
					assertThat(b.expectedFlow(s)).isEqualTo(a.expectedFlow(s));
				}
			}
		}
	}

	private static List<Funnel> funnels(XtextResource resource) {
		return Workspace.root(resource).getElements().stream().filter(Funnel.class::isInstance).map(Funnel.class::cast)
				.toList();
	}

	private static List<String> comments(String text) {
		Matcher m = Pattern.compile("//[^\n]*|/\\*.*?\\*/", Pattern.DOTALL).matcher(text);
		List<String> found = new ArrayList<>();
		while (m.find()) {
			found.add(m.group());
		}
		return found;
	}
}

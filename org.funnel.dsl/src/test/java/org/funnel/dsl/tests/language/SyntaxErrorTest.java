package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.AbstractDiagnostic;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.validation.FunnelIssueCodes;
import org.junit.jupiter.api.Test;

/** Parser errors say what was found and what was expected, in words, with the code syntax-error. */
class SyntaxErrorTest extends CheckTestSupport {

	private List<Resource.Diagnostic> errors(String text) throws Exception {
		FunnelFile file = parseHelper.parse(text, URI.createURI("memory:/broken.funnel"), resourceSets.get());
		return file.eResource().getErrors();
	}

	@Test
	void missingTargetOfATransition() throws Exception {
		List<Resource.Diagnostic> errors = errors("""
				funnel F {
				    stage A {
				        moves to 50%
				    }
				}
				""");
		assertThat(errors).isNotEmpty();
		Resource.Diagnostic first = errors.get(0);
		assertThat(first.getMessage()).isEqualTo("Missing a name before '50'.");
		assertThat(first.getLine()).isEqualTo(3);
		assertThat(first.getColumn()).isEqualTo(18);
		assertThat(((AbstractDiagnostic) first).getCode()).isEqualTo(FunnelIssueCodes.SYNTAX_ERROR);
	}

	@Test
	void missingProbability() throws Exception {
		List<Resource.Diagnostic> errors = errors("""
				funnel F {
				    stage A {
				        moves to B
				    }
				    won stage B
				}
				""");
		assertThat(errors.get(0).getMessage()).isEqualTo("Missing a number before '}'.");
		assertThat(errors.get(0).getLine()).isEqualTo(4);
	}

	@Test
	void unclosedFunnel() throws Exception {
		List<Resource.Diagnostic> errors = errors("funnel F {\n    won stage W\n");
		assertThat(errors.get(0).getMessage()).isEqualTo("Unexpected end of file: expected '}' here.");
	}
}

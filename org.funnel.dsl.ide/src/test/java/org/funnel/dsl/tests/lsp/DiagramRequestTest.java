package org.funnel.dsl.tests.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.funnel.dsl.ide.diagram.FunnelDiagramParams;
import org.funnel.dsl.ide.diagram.FunnelDiagramResult;
import org.funnel.dsl.testing.SvgPicture;
import org.junit.jupiter.api.Test;

/**
 * The language server's {@code funnel/diagram} request, over stdio from a real LSP client: the picture
 * of the funnel at the caret, where its stages are declared, a new picture after an edit, no picture
 * while the text has errors.
 */
class DiagramRequestTest extends LanguageServerTestBase {

	private FunnelDiagramResult diagram(String uri, Position position) throws Exception {
		return server.server().diagram(new FunnelDiagramParams(document(uri), position)).get(TIMEOUT.toSeconds(),
				TimeUnit.SECONDS);
	}

	/** Line and column (0-based) of the first occurrence of a text, plus an offset into it. */
	private static Position at(String text, String what, int into) {
		int offset = text.indexOf(what);
		assertThat(offset).as(what).isNotNegative();
		offset += into;
		int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
		return new Position(line, offset - text.lastIndexOf('\n', offset - 1) - 1);
	}

	@Test
	void thePictureOfTheFunnelAtTheCaretWithWhereItsStagesAre() throws Exception {
		String uri = uri("b2b.funnel");
		String text = read(workspace.resolve("b2b.funnel"));
		assertThat(open(uri, text)).isEmpty();
		FunnelDiagramResult answer = diagram(uri, at(text, "stage Demo", 0));
		assertThat(answer.funnel).isEqualTo("B2BSales");
		assertThat(answer.label).isEqualTo("B2B new business");
		assertThat(answer.errors).isFalse();
		SvgPicture picture = new SvgPicture(answer.svg);
		assertThat(picture.stages().stream().map(SvgPicture.StageGroup::name)).containsExactlyInAnyOrder("Lead", "Qualified",
				"Demo", "Proposal", "Negotiation", "ClosedWon", "ClosedLost");
		// Click-to-reveal: every stage of the picture has the range of its name, inherited ones in their own file.
		assertThat(answer.stages.keySet()).containsExactlyInAnyOrder("Lead", "Qualified", "Demo", "Proposal", "Negotiation",
				"ClosedWon", "ClosedLost");
		Location lead = answer.stages.get("Lead");
		assertThat(lead.getUri()).isEqualTo(uri);
		Position name = at(text, "stage Lead", "stage ".length());
		assertThat(lead.getRange())
				.isEqualTo(new Range(name, new Position(name.getLine(), name.getCharacter() + "Lead".length())));
		Location won = answer.stages.get("ClosedWon");
		assertThat(won.getUri()).isEqualTo(uri("shared/outcomes.funnel"));
		String outcomes = read(workspace.resolve("shared/outcomes.funnel"));
		assertThat(won.getRange().getStart()).isEqualTo(at(outcomes, "stage ClosedWon", "stage ".length()));

		// The stage at the caret, which a client brings into view: anywhere in its text, none between stages.
		assertThat(answer.caretStage).isEqualTo("Demo");
		int proposal = text.indexOf("stage Proposal");
		int proposalEnd = text.indexOf("stage Negotiation");
		assertThat(diagram(uri, at(text, "stage Proposal", (proposalEnd - proposal) / 2)).caretStage).isEqualTo("Proposal");
		assertThat(diagram(uri, new Position(0, 0)).caretStage).isNull();
	}

	@Test
	void anEditGivesANewPictureAndErrorsNone() throws Exception {
		String uri = uri("edited.funnel");
		String text = """
				funnel First {
				    crm salesforce
				    stage A { entering 100 per month moves to B 40% }
				    won stage B
				}

				funnel Second "The second" {
				    crm salesforce
				    stage X { moves to Y 50% moves to Z 20% }
				    won stage Y
				    lost stage Z
				}
				""";
		open(uri, text);
		// The caret picks the funnel: in the second, the second; before any, the first.
		assertThat(diagram(uri, at(text, "stage X", 3)).funnel).isEqualTo("Second");
		assertThat(diagram(uri, new Position(0, 0)).funnel).isEqualTo("First");
		FunnelDiagramResult before = diagram(uri, at(text, "stage A", 0));
		assertThat(words(before, "A", "B")).isEqualTo("40%");

		String changed = text.replace("moves to B 40%", "moves to B 75%");
		server.change(uri, 2, changed);
		server.client().awaitDiagnostics(uri, d -> true, TIMEOUT);
		FunnelDiagramResult after = diagram(uri, at(changed, "stage A", 0));
		assertThat(words(after, "A", "B")).isEqualTo("75%");
		assertThat(after.svg).isNotEqualTo(before.svg);

		String broken = changed.replace("moves to B 75%", "moves to B 75% moves to");
		server.change(uri, 3, broken);
		server.client().awaitDiagnostics(uri, d -> !d.isEmpty(), TIMEOUT);
		FunnelDiagramResult errors = diagram(uri, at(broken, "stage A", 0));
		assertThat(errors.errors).isTrue();
		assertThat(errors.svg).isNull();
		assertThat(errors.message).isEqualTo("The document has errors; no picture until they are fixed.");
		assertThat(errors.funnel).isEqualTo("First");
	}

	@Test
	void aDocumentWithoutFunnelsSaysSo() throws Exception {
		String uri = uri("channels-only.funnel");
		open(uri, "channel Radio2 \"Radio two\"\n");
		FunnelDiagramResult answer = diagram(uri, new Position(0, 3));
		assertThat(answer.svg).isNull();
		assertThat(answer.message).isEqualTo("This document holds no funnel.");
	}

	/** The words on the arrow from one stage to another. */
	private static String words(FunnelDiagramResult answer, String from, String to) {
		List<SvgPicture.TransitionGroup> transitions = new SvgPicture(answer.svg).transitions();
		return transitions.stream().filter(t -> t.from().equals(from) && t.to().equals(to)).findFirst().orElseThrow().words();
	}
}

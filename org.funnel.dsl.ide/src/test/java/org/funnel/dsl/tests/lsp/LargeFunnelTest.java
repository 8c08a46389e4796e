package org.funnel.dsl.tests.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/**
 * Typing in a big funnel stays quick: a change is checked, and completion and hover answer, well
 * within what a user notices. The times are reported in target/lsp-latency.txt; the limits here
 * only catch a slowdown by an order of magnitude.
 */
class LargeFunnelTest extends LanguageServerTestBase {

	static final int STAGES = 500;

	/** A linear funnel of open stages, each moving on and some losing, ending in won and lost. */
	static String bigFunnel() {
		StringBuilder text = new StringBuilder("funnel Big \"Big pipeline\" {\n    crm salesforce\n");
		for (int i = 0; i < STAGES; i++) {
			String next = i + 1 < STAGES ? "S" + (i + 1) : "Won";
			text.append("    /** Stage ").append(i).append(". */\n")
					.append("    stage S").append(i).append(" \"Stage ").append(i).append("\" {\n")
					.append(i == 0 ? "        entering 1000 per month\n" : "")
					.append("        channels Digital, Print\n")
					.append("        moves to ").append(next).append(" 99%\n")
					.append("        moves to Lost 1%\n")
					.append("    }\n");
		}
		text.append("    won stage Won \"Won\"\n    lost stage Lost \"Lost\"\n}\n");
		return text.toString();
	}

	@Test
	void editingABigFunnelIsQuick() throws Exception {
		String uri = uri("big.funnel");
		String text = bigFunnel();
		long opened = System.nanoTime();
		List<Diagnostic> initial = open(uri, text);
		Latencies.record("diagnostics, " + STAGES + "-stage file opened", (System.nanoTime() - opened) / 1_000_000);
		assertThat(initial).as(messages(initial)).isEmpty();

		// Misspell a target in the middle of the file: the error comes back quickly.
		Position at = Texts.at(text, "moves to S251", 9);
		long typed = System.nanoTime();
		server.change(uri, 2, new TextDocumentContentChangeEvent(new Range(at, Texts.at(text, "moves to S251", 13)), "Sx251"));
		List<Diagnostic> broken = server.client().awaitDiagnostics(uri, d -> !d.isEmpty(), TIMEOUT);
		long diagnosticsMillis = (System.nanoTime() - typed) / 1_000_000;
		Latencies.record("diagnostics after an edit, " + STAGES + " stages", diagnosticsMillis);
		assertThat(broken).extracting(LanguageServerTestBase::message).anyMatch(m -> m.startsWith("No stage named 'Sx251'"));

		// Typing on, once the server has warmed up: fix the name again, then misspell it again.
		server.change(uri, 3, text);
		server.client().awaitDiagnostics(uri, List::isEmpty, TIMEOUT);
		long again = System.nanoTime();
		server.change(uri, 4, text.replace("moves to S251", "moves to Sy251"));
		server.client().awaitDiagnostics(uri, d -> !d.isEmpty(), TIMEOUT);
		long warmMillis = (System.nanoTime() - again) / 1_000_000;
		Latencies.record("diagnostics after an edit, " + STAGES + " stages, warm", warmMillis);
		server.change(uri, 5, text);
		server.client().awaitDiagnostics(uri, List::isEmpty, TIMEOUT);

		long asked = System.nanoTime();
		CompletionList list = documents().completion(new CompletionParams(document(uri), Texts.after(text, "moves to ")))
				.get(30, TimeUnit.SECONDS).getRight();
		long completionMillis = (System.nanoTime() - asked) / 1_000_000;
		Latencies.record("completion, " + STAGES + " stages", completionMillis);
		// Xtext sends the first 100 and says the list is incomplete: the editor asks again as the user types.
		assertThat(list.isIncomplete() || list.getItems().size() > STAGES).isTrue();
		assertThat(list.getItems()).extracting(CompletionItem::getLabel).contains("S0", "S1");

		long hovered = System.nanoTime();
		var hover = documents().hover(new HoverParams(document(uri), Texts.at(text, "stage S400", 7))).get(30, TimeUnit.SECONDS);
		Latencies.record("hover, " + STAGES + " stages", (System.nanoTime() - hovered) / 1_000_000);
		assertThat(hover.getContents().getRight().getValue()).contains("Implied win probability");

		assertThat(warmMillis).as("diagnostics after an edit (ms)").isLessThan(5000);
		assertThat(completionMillis).as("completion (ms)").isLessThan(5000);
	}
}

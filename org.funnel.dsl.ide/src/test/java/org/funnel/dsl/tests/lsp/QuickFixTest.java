package org.funnel.dsl.tests.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

/**
 * Every quick fix, as a code action: the problem is reported, the fix offered for it, and its edit
 * applied to the text removes the problem.
 */
class QuickFixTest extends LanguageServerTestBase {

	private final AtomicInteger files = new AtomicInteger();

	/** The code actions offered for the first problem with the code. */
	private List<CodeAction> actions(String uri, List<Diagnostic> diagnostics, String code) throws Exception {
		return actions(uri, diagnostics, code, -1);
	}

	/** The code actions for the first problem with the code (on this line, unless it is -1). */
	private List<CodeAction> actions(String uri, List<Diagnostic> diagnostics, String code, int line) throws Exception {
		Diagnostic diagnostic = diagnostics.stream().filter(d -> code.equals(d.getCode().getLeft()))
				.filter(d -> line < 0 || d.getRange().getStart().getLine() == line).findFirst()
				.orElseThrow(() -> new AssertionError("no " + code + " in:\n" + messages(diagnostics)));
		CodeActionParams params = new CodeActionParams(document(uri), diagnostic.getRange(),
				new CodeActionContext(List.of(diagnostic)));
		long start = System.nanoTime();
		List<Either<Command, CodeAction>> result = documents().codeAction(params).get(30, TimeUnit.SECONDS);
		Latencies.record("code action", (System.nanoTime() - start) / 1_000_000);
		return result.stream().map(Either::getRight).toList();
	}

	/** Applies the fix with this title to the first problem with the code; checks the problem is gone. */
	private String fix(String text, String code, String title) throws Exception {
		return fix(text, -1, code, title);
	}

	/** The same for the problem on this line (unless it is -1): that one must be gone, others may stay. */
	private String fix(String text, int line, String code, String title) throws Exception {
		String uri = uri("fix-" + files.incrementAndGet() + ".funnel");
		List<Diagnostic> diagnostics = open(uri, text);
		List<CodeAction> actions = actions(uri, diagnostics, code, line);
		CodeAction action = actions.stream().filter(a -> a.getTitle().equals(title)).findFirst()
				.orElseThrow(() -> new AssertionError("no fix '" + title + "' among "
						+ actions.stream().map(CodeAction::getTitle).toList()));
		assertThat(action.getKind()).isEqualTo("quickfix");
		String fixed = Texts.apply(text, Texts.edits(action.getEdit(), uri));
		server.change(uri, 2, fixed);
		Predicate<Diagnostic> fixedProblem = each -> code.equals(each.getCode().getLeft())
				&& (line < 0 || each.getRange().getStart().getLine() == line);
		List<Diagnostic> after = server.client().awaitDiagnostics(uri, d -> d.stream().noneMatch(fixedProblem), TIMEOUT);
		assertThat(after).noneMatch(fixedProblem);
		return fixed;
	}

	@Test
	void anUnknownNameIsReplacedByASuggestedOne() throws Exception {
		String text = DiagnosticsTest.TRIAL;
		String uri = uri("suggest.funnel");
		List<CodeAction> actions = actions(uri, open(uri, text), "unresolved-reference");
		assertThat(actions).extracting(CodeAction::getTitle).first().isEqualTo("Change to 'Activated'");
		assertThat(actions.get(0).getIsPreferred()).isTrue();
		assertThat(fix(text, "unresolved-reference", "Change to 'Activated'"))
				.isEqualTo(text.replace("Activatd", "Activated"));
	}

	@Test
	void aPlainNumberOver1BecomesAPercentage() throws Exception {
		String text = funnel("    stage A {\n        probability 40\n        moves to W 40%\n    }\n");
		assertThat(fix(text, "probability-out-of-range", "Write it as a percentage (add %)"))
				.isEqualTo(text.replace("probability 40\n", "probability 40%\n"));
	}

	@Test
	void transitionsOver100AreScaledDown() throws Exception {
		String text = funnel(
				"    stage A {\n        moves to B 60%\n        moves to W 0.6\n    }\n    stage B {\n        moves to W 10%\n    }\n");
		assertThat(fix(text, "outgoing-over-100", "Scale the transitions down to add up to 100%"))
				.isEqualTo(text.replace("moves to B 60%", "moves to B 50%").replace("moves to W 0.6", "moves to W 0.5"));
	}

	@Test
	void aFunnelWithoutWonStageGetsOne() throws Exception {
		String text = """
				funnel Leads {
				    stage A {
				        moves to Lost 10%
				    }
				    lost stage Lost
				}
				""";
		assertThat(fix(text, "no-won-stage", "Add a won stage")).isEqualTo("""
				funnel Leads {
				    stage A {
				        moves to Lost 10%
				    }
				    lost stage Lost
				    won stage ClosedWon "Closed Won"
				}
				""");
	}

	@Test
	void aTransitionOutOfAWonStageIsRemovedOrTheStageOpened() throws Exception {
		String text = """
				funnel Leads {
				    stage A {
				        moves to W 10%
				    }
				    won stage W {
				        moves to A 10%
				    }
				}
				""";
		assertThat(fix(text, "transition-from-terminal", "Remove the transition"))
				.isEqualTo(text.replace("        moves to A 10%\n", ""));
		assertThat(fix(text, "transition-from-terminal", "Make the stage open"))
				.isEqualTo(text.replace("won stage W", "stage W"));
	}

	@Test
	void wonAndLostStagesGetTheirProbabilities() throws Exception {
		String text = funnel(
				"    won stage Won {\n        probability 90%\n    }\n    lost stage Lost {\n        probability 0.1\n    }\n");
		assertThat(fix(text, "won-not-100", "Set the probability to 100%")).contains("probability 100%\n");
		assertThat(fix(text, "lost-not-0", "Set the probability to 0%")).contains("probability 0%\n");
	}

	@Test
	void aDeclaredProbabilityTakesTheImpliedOne() throws Exception {
		String text = funnel("    stage A {\n        probability 80%\n        moves to W 45%\n    }\n")
				.replace("crm hubspot", "crm salesforce");
		assertThat(fix(text, "implied-probability-mismatch", "Change to 45%, the win probability the transitions imply"))
				.isEqualTo(text.replace("probability 80%", "probability 45%"));
	}

	@Test
	void inAHubSpotPipelineADeclaredProbabilityTakesTheClosestStepToTheImpliedOne() throws Exception {
		String text = funnel("    stage A {\n        probability 80%\n        moves to W 43%\n    }\n");
		assertThat(fix(text, "implied-probability-mismatch",
				"Change to 40%, the closest HubSpot takes to the win probability the transitions imply"))
				.isEqualTo(text.replace("probability 80%", "probability 40%"));
	}

	@Test
	void aHubSpotProbabilityIsRoundedToTheGridAndAnOpenStageKeptOpen() throws Exception {
		String text = funnel("    stage A {\n        probability 43%\n        moves to W 43%\n    }\n");
		assertThat(fix(text, "hubspot-probability-grid", "Round to 40%, a probability HubSpot takes"))
				.isEqualTo(text.replace("probability 43%", "probability 40%"));
		String fraction = funnel("    stage A {\n        probability 0.43\n        moves to W 43%\n    }\n");
		assertThat(fix(fraction, "hubspot-probability-grid", "Round to 40%, a probability HubSpot takes"))
				.isEqualTo(fraction.replace("probability 0.43", "probability 0.4"));
		String closed = funnel("    stage A {\n        probability 100%\n        moves to W 95%\n    }\n");
		assertThat(fix(closed, "hubspot-open-stage-closed", "Change to 90%, a probability HubSpot takes"))
				.isEqualTo(closed.replace("probability 100%", "probability 90%"));
	}

	@Test
	void aFallingProbabilityIsRaisedToThePreviousStages() throws Exception {
		String text = funnel("    stage A {\n        probability 40%\n        moves to B 80%\n    }\n"
				+ "    stage B {\n        probability 36%\n        moves to W 45%\n    }\n");
		assertThat(fix(text, "probability-falls", "Raise to 40%, the probability of 'A'"))
				.isEqualTo(text.replace("probability 36%", "probability 40%"));
	}

	@Test
	void whatDropsOffIsSentToTheLostStage() throws Exception {
		String body = "funnel F {\n    stage A {\n        probability 40%\n        moves to W 40%\n        moves to B 30%\n    }\n"
				+ "    stage B {\n        probability 10%\n        moves to C 25%\n    }\n    stage C\n"
				+ "    won stage W\n    lost stage ^Lost\n}\n";
		// B's transitions name 25%, so 75% drops off; C has no body and drops off everything.
		String fixedB = fix(body, 6, "no-path-to-outcome", "Send what drops off to 'Lost' (75%)");
		assertThat(fixedB)
				.isEqualTo(body.replace("        moves to C 25%\n", "        moves to C 25%\n        moves to ^Lost 75%\n"));
		String fixedC = fix(body, 10, "no-path-to-outcome", "Send what drops off to 'Lost' (100%)");
		assertThat(fixedC).isEqualTo(body.replace("    stage C\n", "    stage C {\n        moves to ^Lost 100%\n    }\n"));
	}

	@Test
	void salesforceGetsAWholePercent() throws Exception {
		String text = "funnel F {\n    crm salesforce\n    stage A {\n        probability 12.5%\n        moves to W 12.5%\n    }\n    won stage W\n}\n";
		assertThat(fix(text, "salesforce-whole-percent", "Round to a whole percent")).contains("probability 13%\n");
	}

	@Test
	void aRepeatedSettingIsRemoved() throws Exception {
		String text = funnel(
				"    stage A {\n        probability 10%\n        deal value 100 EUR\n        deal value 200 EUR\n        moves to W 10%\n    }\n");
		assertThat(fix(text, "duplicate-setting", "Remove the repeated setting"))
				.isEqualTo(text.replace("        deal value 200 EUR\n", ""));
	}

	@Test
	void longLabelsAreShortened() throws Exception {
		String stageLabel = "Negotiation with the legal department of the buyer";
		String text = "funnel F {\n    crm salesforce\n    stage A \"" + stageLabel
				+ "\" {\n        moves to W 10%\n    }\n    won stage W\n}\n";
		assertThat(fix(text, "salesforce-label-too-long", "Shorten the label to 'Negotiation with the legal department of'"))
				.contains("stage A \"Negotiation with the legal department of\" {");

		String pipeline = "funnel MidMarketNewBusinessPipelineForEurope {\n    crm hubspot\n    stage A {\n        probability 10%\n        moves to W 10%\n    }\n    won stage W\n}\n";
		assertThat(fix(pipeline, "hubspot-label-too-long", "Shorten the label to 'MidMarketNewBusinessPipelineForEurop'"))
				.contains("funnel MidMarketNewBusinessPipelineForEurope \"MidMarketNewBusinessPipelineForEurop\" {");
	}

	@Test
	void aWonStageGetsTheClosedForecastCategory() throws Exception {
		String text = "funnel F {\n    crm salesforce\n    stage A {\n        moves to Won 10%\n    }\n    won stage Won {\n        salesforce forecast Pipeline\n    }\n}\n";
		assertThat(fix(text, "salesforce-forecast-category", "Change the forecast category to Closed"))
				.contains("salesforce forecast Closed\n");
	}

	@Test
	void anOpenStageLeavesTheClosedForecastCategory() throws Exception {
		String text = "funnel F {\n    crm salesforce\n    stage A {\n        salesforce forecast Closed\n        moves to Won 10%\n    }\n    won stage Won\n}\n";
		assertThat(fix(text, "salesforce-forecast-category", "Change the forecast category to Pipeline"))
				.isEqualTo(text.replace("salesforce forecast Closed", "salesforce forecast Pipeline"));
	}

	@Test
	void aStandardStageGetsSalesforcesSpelling() throws Exception {
		String text = "funnel F {\n    crm salesforce\n    stage A {\n        moves to Won 10%\n    }\n    won stage Won \"Closed won\"\n}\n";
		assertThat(fix(text, "salesforce-standard-stage", "Write 'Closed Won', as Salesforce spells its standard stage"))
				.isEqualTo(text.replace("\"Closed won\"", "\"Closed Won\""));
		// A stage whose name is its label gets a label.
		String named = "funnel F {\n    crm salesforce\n    stage PROSPECTING {\n        moves to Won 10%\n    }\n    won stage Won\n}\n";
		assertThat(fix(named, "salesforce-standard-stage", "Write 'Prospecting', as Salesforce spells its standard stage"))
				.contains("stage PROSPECTING \"Prospecting\" {");
	}

	@Test
	void anApiNameIsMadeValid() throws Exception {
		String text = "funnel F {\n    crm salesforce\n    salesforce record type \"2nd Sales__Team_\"\n    stage A {\n        moves to W 10%\n    }\n    won stage W\n}\n";
		assertThat(fix(text, "salesforce-api-name", "Change to 'Funnel_2nd_Sales_Team'"))
				.contains("salesforce record type \"Funnel_2nd_Sales_Team\"\n");
	}

	@Test
	void namesAndImportsThatCannotWorkAreRemoved() throws Exception {
		String shadow = "channel TV \"Television\"\n" + funnel("");
		assertThat(fix(shadow, "shadows-builtin-channel", "Remove this channel and use the built-in one"))
				.isEqualTo(funnel(""));

		String missing = "import \"missing.funnel\"\n" + funnel("");
		assertThat(fix(missing, "import-not-found", "Remove the import")).isEqualTo(funnel(""));

		String empty = funnel("    stage A \"\" {\n        moves to W 10%\n    }\n");
		assertThat(fix(empty, "empty-label", "Remove the empty label (the name is shown)"))
				.isEqualTo(empty.replace("stage A \"\" {", "stage A {"));

		String cycle = "template funnel One extends Two {\n}\ntemplate funnel Two extends One {\n}\n";
		assertThat(fix(cycle, "cyclic-extends", "Remove the extends clause")).startsWith("template funnel One {\n");

		// "B2B/New: Europe" is a name Salesforce takes (#23); spaces around a name are not.
		String process = "funnel F {\n    salesforce process \" B2B/New: Europe \"\n    stage A {\n        moves to W 10%\n    }\n    won stage W\n}\n";
		assertThat(fix(process, "salesforce-process-name", "Change to 'B2B/New: Europe', a name Salesforce takes"))
				.contains("salesforce process \"B2B/New: Europe\"");
	}

	/** A funnel with a won stage W and the given stages. */
	private static String funnel(String stages) {
		return "funnel F {\n    crm hubspot\n" + stages + "    won stage W\n}\n";
	}
}

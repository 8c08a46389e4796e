package org.funnel.dsl.tests.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.funnel.dsl.testing.lsp.LanguageServerConnection;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

/**
 * A funnel that names its history, over the protocol with the real server jar: the fit is made off the request thread,
 * the server asks the client to fetch code lenses again when it is done, and hover and code lens show the observed
 * shares with their 95% intervals (Wilson, worked out by hand below) and n.
 */
class HistoryEditorTest extends LanguageServerTestBase {

	private static final String FUNNEL = """
			funnel Sales {
			    history "%s"

			    stage Lead {
			        moves to Demo 50%%
			        moves to Lost 50%%
			    }

			    stage Demo {
			        moves to Won 60%%
			        moves to Lost 40%%
			    }

			    won stage Won

			    lost stage Lost
			}
			""";

	@Override
	protected boolean realJar() {
		return true;
	}

	/**
	 * An event log of 40 deals: {@code toLost} go from Lead to Lost, the others to Demo, of which 8 win, 16 are lost and
	 * the rest are still open.
	 */
	private static void writeHistory(Path file, int toLost) throws IOException {
		List<String> rows = new ArrayList<>(List.of("deal,stage,time"));
		for (int deal = 0; deal < 40; deal++) {
			String day = "2025-01-%02d".formatted(1 + deal % 28);
			rows.add("D-" + deal + ",Lead," + day + "T09:00:00Z");
			int demo = deal - toLost;
			if (demo < 0) {
				rows.add("D-" + deal + ",Lost," + day + "T12:00:00Z");
				continue;
			}
			rows.add("D-" + deal + ",Demo," + day + "T12:00:00Z");
			if (demo < 24) {
				rows.add("D-" + deal + "," + (demo < 8 ? "Won" : "Lost") + ",2025-03-" + "%02d".formatted(1 + demo)
						+ "T09:00:00Z");
			}
		}
		Files.createDirectories(file.getParent());
		Files.write(file, rows);
	}

	/** The range of the n-th occurrence of a snippet. */
	private static Range occurrence(String text, String snippet, int n) {
		int offset = -1;
		for (int i = 0; i <= n; i++) {
			offset = text.indexOf(snippet, offset + 1);
		}
		return new Range(Texts.position(text, offset), Texts.position(text, offset + snippet.length()));
	}

	private List<String> lenses(String uri) throws Exception {
		List<? extends CodeLens> lenses = documents().codeLens(new CodeLensParams(document(uri))).get(30, TimeUnit.SECONDS);
		return lenses.stream().map(lens -> lens.getCommand().getTitle()).filter(t -> t.startsWith("seen")).toList();
	}

	/** Asks for code lenses until the fit is ready: the first answer starts it, the server says when it is done. */
	private List<String> fittedLenses(String uri) throws Exception {
		for (int attempt = 0; attempt < 5; attempt++) {
			int refreshes = server.client().codeLensRefreshes();
			List<String> seen = lenses(uri);
			if (!seen.isEmpty()) {
				return seen;
			}
			server.client().awaitCodeLensRefresh(refreshes, TIMEOUT);
		}
		throw new AssertionError("no observed shares after five refreshes");
	}

	@Test
	void codeLensAndHoverShowTheObservedShares() throws Exception {
		writeHistory(workspace.resolve("fit/history/deals.csv"), 10);
		String uri = uri("fit/sales.funnel");
		String text = FUNNEL.formatted("history/deals.csv");
		assertThat(open(uri, text)).isEmpty();

		// Lead: 30 of 40 to Demo, Wilson 59.8–85.8%; 10 of 40 to Lost, 14.2–40.2%. Demo: 8 and 16 of 24, 18.0–53.3%
		// and 46.7–82.0%. Bounds rounded outwards.
		assertThat(fittedLenses(uri)).containsExactly("seen 75% (59–86%, n 40)", "seen 25% (14–41%, n 40)",
				"seen 33% (17–54%, n 24)", "seen 67% (46–83%, n 24)");

		String lead = documents().hover(new HoverParams(document(uri), Texts.at(text, "moves to Demo 50%", 15)))
				.get(30, TimeUnit.SECONDS).getContents().getRight().getValue();
		assertThat(lead).contains("**transition** `Lead` → `Demo`",
				"Declared: **50%**  \nIn the history: **75% (59–86%, n 40)**: 30 moved here, 0 still open"
						+ "  \nThe declared share is outside the interval.");
		String demo = documents().hover(new HoverParams(document(uri), Texts.at(text, "moves to Won 60%", 14)))
				.get(30, TimeUnit.SECONDS).getContents().getRight().getValue();
		assertThat(demo).contains("Declared: **60%**  \nIn the history: **33% (17–54%, n 24)**: 8 moved here,"
				+ " 6 still open  \nThe declared share is outside the interval (fewer deals than 30, not judged).");
	}

	@Test
	void aShareOutsideTheHistoryIsAWarningWithAQuickFix() throws Exception {
		writeHistory(workspace.resolve("warn/deals.csv"), 10);
		String uri = uri("warn/sales.funnel");
		String text = FUNNEL.formatted("deals.csv");
		open(uri, text);
		// Validated again once the fit is done: Lead's two shares (40 deals) are outside; Demo's are too, but only 24
		// deals left Demo, fewer than the 30 fit --check judges by, so they are not marked.
		List<Diagnostic> warnings = server.client().awaitDiagnostics(uri, d -> d.size() == 2, TIMEOUT);
		assertThat(warnings).allSatisfy(d -> {
			assertThat(d.getCode().getLeft()).isEqualTo("share-outside-history");
			assertThat(d.getSeverity()).isEqualTo(DiagnosticSeverity.Warning);
		});
		assertThat(message(warnings.get(0)))
				.isEqualTo("Declared 50% is outside the share of Lead → Demo in the history: 75% (59–86%, n 40).");
		assertThat(warnings.get(0).getRange()).isEqualTo(occurrence(text, "50%", 0));
		assertThat(message(warnings.get(1)))
				.isEqualTo("Declared 50% is outside the share of Lead → Lost in the history: 25% (14–41%, n 40).");
		assertThat(warnings.get(1).getRange()).isEqualTo(occurrence(text, "50%", 1));

		// Demo's 75% beside Lost's 50% would make 125%: no fix there (fit --write keeps a stage at or under 100%).
		assertThat(actions(uri, warnings.get(0))).isEmpty();
		List<CodeAction> actions = actions(uri, warnings.get(1));
		assertThat(actions).extracting(CodeAction::getTitle).containsExactly("Change to 25%, the share seen in the history");
		String fixed = Texts.apply(text, Texts.edits(actions.get(0).getEdit(), uri));
		assertThat(fixed).isEqualTo(text.replace("moves to Lost 50%", "moves to Lost 25%"));
	}

	private List<CodeAction> actions(String uri, Diagnostic warning) throws Exception {
		CodeActionParams params = new CodeActionParams(document(uri), warning.getRange(),
				new CodeActionContext(List.of(warning)));
		return documents().codeAction(params).get(30, TimeUnit.SECONDS).stream().map(Either::getRight).toList();
	}

	/**
	 * The quick fix keeps the rule of {@code fit --write}: the shares leaving a stage add up to at most 100% once it is
	 * applied. Lead declares Demo 50% and Lost 30%; the history shows Demo 75% (59–86%), which beside Lost's 30% would
	 * make 105%: the fix writes the 70% that is left, and says so.
	 */
	@Test
	void theQuickFixKeepsTheStagesSharesAtOrUnderAHundred() throws Exception {
		writeHistory(workspace.resolve("over/deals.csv"), 10);
		String uri = uri("over/sales.funnel");
		String text = FUNNEL.formatted("deals.csv").replace("moves to Lost 50%", "moves to Lost 30%");
		open(uri, text);
		List<Diagnostic> warnings = server.client().awaitDiagnostics(uri,
				d -> d.stream().anyMatch(w -> "share-outside-history".equals(w.getCode().getLeft())), TIMEOUT).stream()
				.filter(w -> "share-outside-history".equals(w.getCode().getLeft())).toList();
		assertThat(warnings).as("Lost's 30% lies in 14–41%").hasSize(1);
		assertThat(warnings.get(0).getRange()).isEqualTo(occurrence(text, "50%", 0));
		List<CodeAction> actions = actions(uri, warnings.get(0));
		assertThat(actions).extracting(CodeAction::getTitle)
				.containsExactly("Change to 70% (seen 75%; the other shares of the stage leave 70%)");
		String fixed = Texts.apply(text, Texts.edits(actions.get(0).getEdit(), uri));
		assertThat(fixed).isEqualTo(text.replace("moves to Demo 50%", "moves to Demo 70%")).contains("moves to Lost 30%");
	}

	/**
	 * 40 deals in Lead for 1 + d % 7 days (six for each of 1 to 5 days, five for 6 and 7 days), then every fourth lost,
	 * the others to Demo and won a day later. Lead: win probability 30/40 × 30/30 = 75%; time in stage by Kaplan–Meier,
	 * with no deal open: S(3) = 22/40 = 0.55, S(4) = 16/40 = 0.4, so the median is 4 days; its interval (log-log Greenwood
	 * bounds, Brookmeyer–Crowley) from 3 days, where the lower bound of S first reaches 0.5 (0.38; at 2 days 0.53), to 5
	 * days, where the upper one does (0.39; at 4 days 0.55).
	 */
	private static void writeTimedHistory(Path file) throws IOException {
		List<String> rows = new ArrayList<>(List.of("deal,stage,time"));
		for (int deal = 0; deal < 40; deal++) {
			int stay = 1 + deal % 7;
			rows.add("D-" + deal + ",Lead,2025-01-01T00:00:00Z");
			if (deal % 4 == 0) {
				rows.add("D-" + deal + ",Lost,2025-01-%02dT00:00:00Z".formatted(1 + stay));
			} else {
				rows.add("D-" + deal + ",Demo,2025-01-%02dT00:00:00Z".formatted(1 + stay));
				rows.add("D-" + deal + ",Won,2025-01-%02dT00:00:00Z".formatted(2 + stay));
			}
		}
		Files.createDirectories(file.getParent());
		Files.write(file, rows);
	}

	/**
	 * Hover and code lens on a stage: the win probability its deals had and the median time they stayed, beside the
	 * declared ones, marked where those are outside the interval with at least 30 deals (as fit --check judges).
	 */
	@Test
	void aStageShowsItsObservedWinProbabilityAndTimeInStage() throws Exception {
		writeTimedHistory(workspace.resolve("stage/deals.csv"));
		String uri = uri("stage/sales.funnel");
		String text = FUNNEL.formatted("deals.csv").replace("    stage Lead {\n",
				"    stage Lead {\n        probability 20%\n        duration 2 days\n");
		open(uri, text);
		fittedLenses(uri);
		List<String> stages = documents().codeLens(new CodeLensParams(document(uri))).get(30, TimeUnit.SECONDS).stream()
				.map(lens -> lens.getCommand().getTitle()).filter(title -> title.contains("history: win")).toList();
		assertThat(stages).hasSize(2);
		java.util.regex.Matcher lead = java.util.regex.Pattern
				.compile("⚠ history: win 75% \\((\\d+)–(\\d+)%, n 40\\) · median 4 d \\(3–5\\)").matcher(stages.get(0));
		assertThat(lead.matches()).as(stages.get(0)).isTrue();
		assertThat(Integer.parseInt(lead.group(1))).as("the interval holds 75% and not the declared 20%").isBetween(21, 74);
		assertThat(Integer.parseInt(lead.group(2))).isBetween(76, 100);
		assertThat(stages.get(1)).as("Demo declares no probability: nothing to mark").startsWith("history: win 100% (")
				.contains(", n 30) · median 1 d");

		String hover = documents().hover(new HoverParams(document(uri), Texts.at(text, "stage Lead", 7)))
				.get(30, TimeUnit.SECONDS).getContents().getRight().getValue();
		assertThat(hover).contains("**stage** `Lead`", "Declared win probability: **20%**",
				"In the history: win probability **75% (" + lead.group(1) + "–" + lead.group(2) + "%, n 40)**, 0 still open"
						+ "  \nThe declared win probability is outside the interval."
						+ "  \nTime in stage: **median 4 d (3–5)**, n 40, 0 still open; declared 2 days"
						+ "  \nThe declared duration is outside the interval.");
	}

	/**
	 * A declared duration outside the interval with fewer than 30 ended stays behind it is said, not marked. Demo in
	 * {@link #writeHistory}: 30 deals enter it on a January day at 12:00; 18 leave on March 1 + k at 9:00 (k = 0..17, 48.875
	 * days each), 6 on March 19..24 (76.875 days), 6 are open at the export (the last change, March 24 9:00: 70.875 to
	 * 75.875 days). Kaplan–Meier: S(48.875) = 12/30 = 0.4, the median 48.9 days; the lower bound first reaches 0.5 there,
	 * the upper one (0.57 there) only at 76.875 days, where S is 0.
	 */
	@Test
	void aDeclaredDurationWithTooFewStaysIsShownButNotJudged() throws Exception {
		writeHistory(workspace.resolve("few/deals.csv"), 10);
		String uri = uri("few/sales.funnel");
		String text = FUNNEL.formatted("deals.csv").replace("    stage Demo {\n", "    stage Demo {\n        duration 2 days\n");
		open(uri, text);
		fittedLenses(uri);
		List<String> stages = documents().codeLens(new CodeLensParams(document(uri))).get(30, TimeUnit.SECONDS).stream()
				.map(lens -> lens.getCommand().getTitle()).filter(title -> title.contains("history: win")).toList();
		java.util.regex.Matcher demo = java.util.regex.Pattern
				.compile("history: win 33% \\((\\d+)–(\\d+)%, n 24\\) · median 48.9 d \\(48.9–76.9\\)").matcher(stages.get(1));
		assertThat(demo.matches()).as("8 of 24 won; no ⚠ with 24 ended stays: %s", stages.get(1)).isTrue();
		String hover = documents().hover(new HoverParams(document(uri), Texts.at(text, "stage Demo", 7)))
				.get(30, TimeUnit.SECONDS).getContents().getRight().getValue();
		assertThat(hover).contains("In the history: win probability **33% (" + demo.group(1) + "–" + demo.group(2)
				+ "%, n 24)**, 6 still open  \nTime in stage: **median 48.9 d (48.9–76.9)**, n 30, 6 still open; declared 2 days"
				+ "  \nThe declared duration is outside the interval (fewer deals than 30, not judged).");
	}

	@Test
	void aChangedHistoryGivesNewNumbers() throws Exception {
		Path history = workspace.resolve("change/deals.csv");
		writeHistory(history, 10);
		String uri = uri("change/sales.funnel");
		open(uri, FUNNEL.formatted("deals.csv"));
		assertThat(fittedLenses(uri)).startsWith("seen 75% (59–86%, n 40)");

		// Half of the deals lost at Lead now: 20 of 40, Wilson 35.2–64.8%.
		writeHistory(history, 20);
		Files.setLastModifiedTime(history, FileTime.from(Instant.now().plusSeconds(60)));
		assertThat(fittedLenses(uri)).startsWith("seen 50% (35–65%, n 40)", "seen 50% (35–65%, n 40)");
	}

	@Test
	void aHistoryChangedOnDiskIsCheckedAgainWithoutAnEditOfTheFunnel() throws Exception {
		Path history = workspace.resolve("watched/deals.csv");
		writeHistory(history, 20);
		String uri = uri("watched/sales.funnel");
		String text = FUNNEL.formatted("deals.csv");
		open(uri, text);
		// The server asks the editor to watch the history, in the funnel's folder.
		Registration registration = server.client().awaitRegistration(r -> watches(r, history.getParent(), "deals.csv"),
				TIMEOUT);
		assertThat(registration.getMethod()).isEqualTo("workspace/didChangeWatchedFiles");
		// 20 of 40 lost at Lead: the declared 50% are inside (35–65%), no warning.
		assertThat(fittedLenses(uri)).startsWith("seen 50% (35–65%, n 40)");
		assertThat(server.client().diagnostics(uri)).isEmpty();

		// 10 of 40 lost at Lead now. The editor says the file changed; the funnel is not edited.
		writeHistory(history, 10);
		Files.setLastModifiedTime(history, FileTime.from(Instant.now().plusSeconds(60)));
		int refreshes = server.client().codeLensRefreshes();
		changed(history, FileChangeType.Changed);
		List<Diagnostic> warnings = server.client().awaitDiagnostics(uri, d -> d.size() == 2, TIMEOUT);
		assertThat(messages(warnings)).isEqualTo("""
				share-outside-history: Declared 50% is outside the share of Lead → Demo in the history: 75% (59–86%, n 40).
				share-outside-history: Declared 50% is outside the share of Lead → Lost in the history: 25% (14–41%, n 40).""");
		server.client().awaitCodeLensRefresh(refreshes, TIMEOUT);
		assertThat(lenses(uri)).startsWith("seen 75% (59–86%, n 40)", "seen 25% (14–41%, n 40)");

		// Deleted: the language's check says it is not there, and the lenses go.
		Files.delete(history);
		changed(history, FileChangeType.Deleted);
		List<Diagnostic> missing = server.client().awaitDiagnostics(uri,
				d -> d.size() == 1 && d.get(0).getCode().getLeft().equals("history-not-found"), TIMEOUT);
		assertThat(Texts.substring(text, missing.get(0).getRange())).isEqualTo("\"deals.csv\"");
		assertThat(lenses(uri)).isEmpty();
	}

	@Test
	void aFileOfAFolderOfSavedAnswersChangedOnDiskGivesNewNumbers() throws Exception {
		// The HubSpot example with its saved answers (a copy in the test's workspace).
		Path answers = workspace.resolve("history/hubspot");
		String uri = uri("hubspot-default.funnel");
		String text = read(workspace.resolve("hubspot-default.funnel")).replace("    crm hubspot\n",
				"    crm hubspot\n    history \"history/hubspot\"\n");
		open(uri, text);
		server.client().awaitRegistration(r -> watches(r, answers, "*"), TIMEOUT);
		int before = deals(fittedLenses(uri).get(0));

		// One batch of 50 deals fewer.
		Path batch = answers.resolve("batch-read-012.json");
		Files.delete(batch);
		int refreshes = server.client().codeLensRefreshes();
		changed(batch, FileChangeType.Deleted);
		server.client().awaitCodeLensRefresh(refreshes, TIMEOUT);
		int after = deals(fittedLenses(uri).get(0));
		assertThat(after).isLessThan(before).isGreaterThanOrEqualTo(before - 50);
	}

	/** The n of a lens "seen 27% (22–33%, n 310)". */
	private static int deals(String lens) {
		return Integer.parseInt(lens.replaceAll(".*, n (\\d+)\\)$", "$1"));
	}

	/** A registration of a watcher for the pattern relative to the folder. */
	private static boolean watches(Registration registration, Path folder, String pattern) {
		JsonObject options = (JsonObject) registration.getRegisterOptions();
		JsonObject glob = options.getAsJsonArray("watchers").get(0).getAsJsonObject().getAsJsonObject("globPattern");
		return glob != null && glob.get("baseUri").getAsString().equals(LanguageServerConnection.uri(folder))
				&& glob.get("pattern").getAsString().equals(pattern);
	}

	/** What the editor sends when a watched file changed on disk. */
	private void changed(Path file, FileChangeType type) {
		workspaceService().didChangeWatchedFiles(
				new DidChangeWatchedFilesParams(List.of(new FileEvent(LanguageServerConnection.uri(file), type))));
	}

	@Test
	void aHistoryThatCannotBeReadIsAWarningAtItsPathWithTheReadersMessage() throws Exception {
		Path bad = workspace.resolve("bad/bad.csv");
		Files.createDirectories(bad.getParent());
		Files.writeString(bad, "id,stage,time\nD-1,Lead,2025-01-01\n");
		String uri = uri("bad/sales.funnel");
		String text = FUNNEL.formatted("bad.csv");
		open(uri, text);
		List<Diagnostic> diagnostics = server.client().awaitDiagnostics(uri, d -> !d.isEmpty(), TIMEOUT);
		assertThat(diagnostics).hasSize(1);
		Diagnostic unreadable = diagnostics.get(0);
		assertThat(unreadable.getCode().getLeft()).isEqualTo("history-unreadable");
		assertThat(unreadable.getSeverity()).isEqualTo(DiagnosticSeverity.Warning);
		assertThat(message(unreadable)).startsWith("The history cannot be read, so the editor shows no observed shares: ")
				.contains("bad.csv:1:1: the header has no column deal or deal_id");
		assertThat(Texts.substring(text, unreadable.getRange())).isEqualTo("\"bad.csv\"");
		assertThat(lenses(uri)).isEmpty();
		String hover = documents().hover(new HoverParams(document(uri), Texts.at(text, "moves to Demo 50%", 15)))
				.get(30, TimeUnit.SECONDS).getContents().getRight().getValue();
		assertThat(hover).contains("The history cannot be read: ").contains("bad.csv:1:1: the header has no column deal");
	}

	@Test
	void aMissingHistoryIsAWarningAtItsPathAndNoLens() throws Exception {
		String uri = uri("missing/sales.funnel");
		String text = FUNNEL.formatted("nothing.csv");
		List<Diagnostic> diagnostics = open(uri, text);
		assertThat(diagnostics).hasSize(1);
		Diagnostic missing = diagnostics.get(0);
		assertThat(missing.getCode().getLeft()).isEqualTo("history-not-found");
		assertThat(missing.getSeverity()).isEqualTo(DiagnosticSeverity.Warning);
		assertThat(Texts.substring(text, missing.getRange())).isEqualTo("\"nothing.csv\"");
		assertThat(lenses(uri)).isEmpty();
	}
}

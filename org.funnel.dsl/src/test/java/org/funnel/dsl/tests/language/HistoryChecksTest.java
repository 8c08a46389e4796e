package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.HistoryReading;
import org.funnel.dsl.validation.FunnelIssueCodes;
import org.funnel.dsl.validation.HistoryChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code history "path"}: read from the funnel file's folder; a warning at the path when nothing is there. */
class HistoryChecksTest extends CheckTestSupport {

	private static final String FUNNEL = """
			funnel Sales {
			    history "%s"

			    stage Lead {
			        moves to Won 40%%
			        moves to Lost 60%%
			    }

			    won stage Won

			    lost stage Lost
			}
			""";

	@TempDir
	Path dir;

	private FunnelFile parseIn(Path funnelFile, String history) {
		this.text = FUNNEL.formatted(history);
		try {
			Files.createDirectories(funnelFile.getParent());
			Files.writeString(funnelFile, text);
			FunnelFile file = parseHelper.parse(text, URI.createFileURI(funnelFile.toString()), resourceSets.get());
			assertThat(file.eResource().getErrors()).as("syntax errors").isEmpty();
			return file;
		} catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void aHistoryBesideTheFunnelIsFound() throws Exception {
		Files.createDirectories(dir.resolve("sales/history"));
		Files.writeString(dir.resolve("sales/history/deals.csv"), "deal,stage,time\n");
		FunnelFile file = parseIn(dir.resolve("sales/sales.funnel"), "history/deals.csv");
		assertThat(((Funnel) file.getElements().get(0)).getHistory()).isEqualTo("history/deals.csv");
		assertNoIssues(file);
	}

	@Test
	void aFolderOfAnswersIsAHistoryToo() throws Exception {
		Files.createDirectories(dir.resolve("answers"));
		assertNone(parseIn(dir.resolve("sub/sales.funnel"), "../answers"), FunnelIssueCodes.HISTORY_NOT_FOUND);
	}

	@Test
	void aMissingHistoryIsAWarningAtItsPath() {
		// The path is read from the funnel's folder, not from the working directory.
		Path beside = dir.resolve("deals.csv");
		FunnelFile file = parseIn(dir.resolve("sales/sales.funnel"), "deals.csv");
		assertThat(Files.exists(beside)).isFalse();
		Issue issue = single(file, FunnelIssueCodes.HISTORY_NOT_FOUND);
		assertThat(issue.getSeverity()).isEqualTo(Severity.WARNING);
		assertThat(issue.getMessage()).isEqualTo("The history 'deals.csv' is not there (the path is read from the folder"
				+ " of this file): the editor shows no observed shares.");
		assertAt(issue, "\"deals.csv\"");
	}

	@Test
	void anEmptyHistoryIsAWarning() {
		Issue issue = single(parseIn(dir.resolve("sales.funnel"), ""), FunnelIssueCodes.HISTORY_NOT_FOUND);
		assertAt(issue, "\"\"");
	}

	@Test
	void aFunnelNotOnDiskIsNotChecked() {
		// memory: URIs (tests, generated text) have no folder to read a path from.
		assertNone(parse(FUNNEL.formatted("deals.csv")), FunnelIssueCodes.HISTORY_NOT_FOUND);
	}

	@Test
	void thePathIsResolvedAgainstTheFunnelFolder() {
		URI funnel = URI.createFileURI(dir.resolve("a/b/sales.funnel").toString());
		assertThat(HistoryChecks.historyPath(funnel, "../h/deals.csv")).isEqualTo(dir.resolve("a/h/deals.csv"));
		assertThat(HistoryChecks.historyPath(URI.createURI("memory:/x.funnel"), "deals.csv")).isNull();
	}

	/** A funnel whose history is a Salesforce pair with its settings; {@code %s} is the block's settings. */
	private static final String SALESFORCE = """
			funnel Sales {
			    history "history/opp_history.csv" {
			%s
			    }

			    stage Lead {
			        moves to Won 40%%
			        moves to Lost 60%%
			    }

			    won stage Won

			    lost stage Lost
			}
			""";

	/** Parses the funnel with these settings, each on a line of its own, indented as the formatter does. */
	private FunnelFile parseSettings(String settings) {
		this.text = SALESFORCE.formatted(String.join("\n", settings.lines().map(l -> "        " + l.strip()).toList()));
		try {
			Path funnelFile = dir.resolve("sales.funnel");
			Files.writeString(funnelFile, text);
			FunnelFile file = parseHelper.parse(text, URI.createFileURI(funnelFile.toString()), resourceSets.get());
			assertThat(file.eResource().getErrors()).as("syntax errors").isEmpty();
			return file;
		} catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	private void files(String... names) throws Exception {
		for (String name : names) {
			Files.createDirectories(dir.resolve(name).getParent());
			Files.writeString(dir.resolve(name), "x\n");
		}
	}

	@Test
	void aSalesforcePairWithItsSettingsIsRead() throws Exception {
		files("history/opp_history.csv", "history/opportunity.csv", "history/stages.csv", "history/aliases.txt");
		FunnelFile file = parseSettings("""
				opportunities "history/opportunity.csv"
				opportunity stages "history/stages.csv"
				aliases "history/aliases.txt"
				pipeline "Standard_Sales_Process"
				since 2025-01-01
				until 2026-01-01""");
		HistoryReading reading = ((Funnel) file.getElements().get(0)).getHistoryReading();
		assertThat(reading.getOpportunities()).isEqualTo("history/opportunity.csv");
		assertThat(reading.getOpportunityStages()).isEqualTo("history/stages.csv");
		assertThat(reading.getAliases()).isEqualTo("history/aliases.txt");
		assertThat(reading.getPipeline()).isEqualTo("Standard_Sales_Process");
		assertThat(reading.getSince()).isEqualTo("2025-01-01");
		assertThat(reading.getUntil()).isEqualTo("2026-01-01");
		assertNoIssues(file);
	}

	@Test
	void everyFileTheSettingsNameIsCheckedAtItsPath() throws Exception {
		files("history/opp_history.csv");
		FunnelFile file = parseSettings("""
				opportunities "history/opportunity.csv"
				aliases "aliases.txt\"""");
		List<Issue> missing = issues(file).stream().filter(i -> FunnelIssueCodes.HISTORY_NOT_FOUND.equals(i.getCode()))
				.toList();
		assertThat(missing).hasSize(2);
		assertThat(missing.get(0).getMessage()).isEqualTo("The Opportunity export 'history/opportunity.csv' is not there"
				+ " (the path is read from the folder of this file): the editor shows no observed shares.");
		assertThat(missing.get(0).getSeverity()).isEqualTo(Severity.WARNING);
		assertAt(missing.get(0), "\"history/opportunity.csv\"");
		assertThat(missing.get(0).getLineNumber()).isEqualTo(3);
		assertThat(missing.get(0).getColumn()).isEqualTo(23);
		assertThat(missing.get(1).getMessage()).startsWith("The alias list 'aliases.txt' is not there");
		assertAt(missing.get(1), "\"aliases.txt\"");
		assertThat(missing.get(1).getLineNumber()).isEqualTo(4);
		assertThat(missing.get(1).getColumn()).isEqualTo(17);
	}

	@Test
	void aDayThatIsNoneIsAnErrorAtIt() throws Exception {
		files("history/opp_history.csv");
		FunnelFile file = parseSettings("        since 2025-02-30");
		Issue issue = single(file, FunnelIssueCodes.HISTORY_DAY_INVALID);
		assertThat(issue.getSeverity()).isEqualTo(Severity.ERROR);
		assertThat(issue.getMessage()).isEqualTo("'2025-02-30' is not a day: write it as year-month-day, 2025-01-31.");
		assertAt(issue, "2025-02-30");
		assertThat(issue.getLineNumber()).isEqualTo(3);
		assertThat(issue.getColumn()).isEqualTo(15);
		assertAt(single(parseSettings("        until 2025-1-31"), FunnelIssueCodes.HISTORY_DAY_INVALID), "2025-1-31");
	}

	@Test
	void aDayWithSpacesIsNoDay() throws Exception {
		FunnelFile file = parseHelper.parse(SALESFORCE.formatted("        since 2025 -01-01"));
		assertThat(file.eResource().getErrors()).extracting(e -> e.getLine() + ": " + e.getMessage())
				.containsExactly("3: Unexpected ' ': expected '-' here.");
	}

	@Test
	void untilComesAfterSince() throws Exception {
		files("history/opp_history.csv");
		FunnelFile file = parseSettings("""
				since 2025-06-01
				until 2025-06-01""");
		Issue issue = single(file, FunnelIssueCodes.HISTORY_PERIOD_EMPTY);
		assertThat(issue.getMessage())
				.isEqualTo("'until 2025-06-01' is not after 'since 2025-06-01': no deal was created in between.");
		assertAt(issue, "2025-06-01", 1);
		assertThat(issue.getLineNumber()).isEqualTo(4);
	}

	@Test
	void theSettingsAreOneCrms() throws Exception {
		files("history/opp_history.csv", "history/stages.csv", "history/pipelines.json", "history/opportunity.csv");
		Issue stagesAlone = single(parseSettings("        opportunity stages \"history/stages.csv\""),
				FunnelIssueCodes.HISTORY_SETTING_CONFLICT);
		assertThat(stagesAlone.getMessage()).isEqualTo("'opportunity stages' belongs to a Salesforce history: give its"
				+ " 'opportunities' (the Opportunity export) too.");
		assertAt(stagesAlone, "\"history/stages.csv\"");
		Issue both = single(parseSettings("""
				opportunities "history/opportunity.csv"
				pipelines "history/pipelines.json\""""), FunnelIssueCodes.HISTORY_SETTING_CONFLICT);
		assertThat(both.getMessage()).isEqualTo(
				"'pipelines' is HubSpot's answer, but a history with 'opportunities' is read as Salesforce's: remove one.");
		assertAt(both, "\"history/pipelines.json\"");
		assertThat(both.getLineNumber()).isEqualTo(4);
	}

	@Test
	void aSettingGivenTwiceIsAnError() throws Exception {
		files("history/opp_history.csv");
		FunnelFile file = parseSettings("""
				since 2025-01-01
				since 2025-03-01""");
		Issue issue = single(file, FunnelIssueCodes.DUPLICATE_SETTING);
		assertThat(issue.getMessage()).isEqualTo("'since' is already given above; only one counts. Remove one of them.");
		assertAt(issue, "since 2025-03-01");
	}

	@Test
	void theOneLineFormStaysValid() throws Exception {
		files("history/opp_history.csv");
		this.text = FUNNEL.formatted("history/opp_history.csv");
		FunnelFile file = parseHelper.parse(text, URI.createFileURI(dir.resolve("sales.funnel").toString()),
				resourceSets.get());
		assertThat(((Funnel) file.getElements().get(0)).getHistoryReading()).isNull();
		assertNoIssues(file);
	}
}

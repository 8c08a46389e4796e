package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
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
}

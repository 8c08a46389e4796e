package org.funnel.dsl.history.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.funnel.dsl.history.Histories.deal;
import static org.funnel.dsl.history.Histories.path;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.funnel.dsl.history.DealFlag;
import org.funnel.dsl.history.DealHistory;
import org.funnel.dsl.history.DealOutcome;
import org.funnel.dsl.history.Funnels;
import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.History;
import org.funnel.dsl.history.HistoryException;
import org.funnel.dsl.history.HistoryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Salesforce's stage history as {@code sf data query -r csv} writes it (the note's query of
 * OpportunityHistory: header as in the SELECT, quotes only where a value needs them, datetimes as REST
 * gives them, a row per save so that StageName repeats on an amount change), with the Opportunity rows,
 * read against Salesforce's default sales process as a funnel ({@code examples/salesforce-default.funnel}).
 */
class SalesforceReaderTest {

	static final Path DIR = Path.of("org.funnel.dsl.history/src/test/resources/salesforce");
	static final FunnelShape FUNNEL = Funnels.example("salesforce-default.funnel");
	static final HistoryOptions RENAMED = HistoryOptions.defaults().withAliases(Map.of("Discovery", "Qualification"));

	static History read(HistoryOptions options) throws HistoryException {
		return SalesforceReader.read(
				new SalesforceReader.Files(DIR.resolve("opp_history.csv"), DIR.resolve("opportunity.csv"), null), FUNNEL,
				options);
	}

	@Test
	void repeatedStageRowsAreOneVisitAndTheDealIsWon() throws HistoryException {
		History history = read(RENAMED);
		DealHistory won = deal(history, "0065g00000AbCdEAAV");
		assertThat(path(history, won)).containsExactly("Prospecting", "ProposalPriceQuote", "ClosedWon");
		assertThat(won.visits().get(0).entered()).isEqualTo(Timestamps.parse("2025-01-06T09:12:44.000+0000"));
		assertThat(won.visits().get(0).left()).isEqualTo(Timestamps.parse("2025-02-02T15:30:00.000+0000"));
		assertThat(won.outcome()).isEqualTo(DealOutcome.WON);
		assertThat(won.amount()).isEqualByComparingTo("30000");
		assertThat(won.pipeline()).isEqualTo("0125g000000StdAAA");
	}

	@Test
	void aRenamedStageIsFoundByItsAliasAndAnotherLostStageByIsClosedAndIsWon() throws HistoryException {
		History history = read(RENAMED);
		DealHistory lost = deal(history, "0065g00000XyZaBAAV");
		assertThat(path(history, lost)).containsExactly("Prospecting", "Qualification", "ClosedLost");
		assertThat(lost.outcome()).isEqualTo(DealOutcome.LOST);
		assertThat(history.counts().mappedByOutcome()).isEqualTo(1);
	}

	@Test
	void withoutTheAliasTheOldNameIsAnUnknownStageReported() throws HistoryException {
		History history = read(HistoryOptions.defaults());
		assertThat(path(history, deal(history, "0065g00000XyZaBAAV"))).containsExactly("Prospecting", "unknown:Discovery",
				"ClosedLost");
		assertThat(history.counts().unknownStages()).isEqualTo(Map.of("unknown:Discovery", 1, "unknown:Legacy Stage", 1));
	}

	@Test
	void anOpenDealIsCensoredAndABadRowIsSkippedWithItsPlace() throws HistoryException {
		History history = read(RENAMED);
		DealHistory open = deal(history, "0065g00000OpEnAAAV");
		assertThat(path(history, open)).containsExactly("Prospecting", "unknown:Legacy Stage", "NeedsAnalysis");
		assertThat(open.outcome()).isEqualTo(DealOutcome.OPEN);
		assertThat(open.visits().get(2).censored()).isTrue();
		assertThat(open.flags()).containsExactly(DealFlag.UNKNOWN_STAGE);
		assertThat(history.counts().skippedRows()).extracting(Object::toString)
				.containsExactly(DIR.resolve("opp_history.csv") + ":12:67: CreatedDate '2025-13-45T09:00:00.000+0000' is "
						+ "no time (ISO 8601 expected, e.g. 2025-01-06T09:12:44.000+0000)");
	}

	@Test
	void historyOfAnOpportunityWithoutItsRowIsLeftOutAndCounted() throws HistoryException {
		History history = read(RENAMED);
		assertThat(history.deals()).extracting(DealHistory::id).doesNotContain("0065g00000NoOpAAAV");
		assertThat(history.counts().dropped()).isEqualTo(Map.of("no row in the Opportunity file", 1));
		assertThat(history.counts().rows()).isEqualTo(14);
	}

	@Test
	void theRecordTypeIsThePipeline() throws HistoryException {
		History history = read(RENAMED.withPipeline("0125g000000StdAAA"));
		assertThat(history.deals()).extracting(DealHistory::id).containsExactly("0065g00000AbCdEAAV",
				"0065g00000XyZaBAAV", "0065g00000OpEnAAAV");
		assertThat(history.counts().dropped()).containsEntry("other pipeline", 1);
		assertThat(history.counts().pipelines()).isEqualTo(Map.of("0125g000000StdAAA", 3, "0125g000000OthAAA", 1));
	}

	@Test
	void theOpportunityStageExportGivesEveryStageValuesOutcome(@TempDir Path dir) throws IOException, HistoryException {
		Path stages = dir.resolve("stages.csv");
		Files.writeString(stages, """
				ApiName,MasterLabel,IsClosed,IsWon,SortOrder
				Prospecting,Prospecting,false,false,1
				"Closed Lost, No Budget","Closed Lost, No Budget",true,false,11
				""");
		History history = SalesforceReader.read(new SalesforceReader.Files(DIR.resolve("opp_history.csv"), null, stages),
				FUNNEL, RENAMED);
		// Without the Opportunity file, the stage export alone says the stage is lost.
		assertThat(path(history, "0065g00000XyZaBAAV")).containsExactly("Prospecting", "Qualification", "ClosedLost");
		assertThat(deal(history, "0065g00000NoOpAAAV").outcome()).isEqualTo(DealOutcome.OPEN);
	}

	@Test
	void dataLoaderFilesWithUpperCaseQuotedHeadersAndCrLf() throws HistoryException {
		History history = SalesforceReader.read(new SalesforceReader.Files(DIR.resolve("opp_history-dataloader.csv"),
				DIR.resolve("opportunity-dataloader.csv"), null), FUNNEL, HistoryOptions.defaults());
		assertThat(path(history, deal(history, "0065g00000AbCdEAAV"))).containsExactly("Prospecting", "ClosedWon");
	}

	@Test
	void aMissingColumnIsNamedWithWhatTheHeaderHas(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("history.csv");
		Files.writeString(file, "OpportunityId,Stage,CreatedDate\n006A,Prospecting,2025-01-01T00:00:00.000+0000\n");
		assertThatThrownBy(() -> SalesforceReader.read(new SalesforceReader.Files(file, null, null), FUNNEL,
				HistoryOptions.defaults())).isInstanceOf(HistoryException.class)
				.hasMessage(file + ":1:1: the header has no column StageName (the stage after the change); it has "
						+ "OpportunityId, Stage, CreatedDate");
	}

	@Test
	void anUnclosedQuoteIsReportedWhereTheFileEnds(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("history.csv");
		Files.writeString(file, "OpportunityId,StageName,CreatedDate\n006A,\"Prospecting,2025-01-01T00:00:00.000+0000\n");
		assertThatThrownBy(() -> SalesforceReader.read(new SalesforceReader.Files(file, null, null), FUNNEL,
				HistoryOptions.defaults())).isInstanceOf(HistoryException.class)
				.hasMessageStartingWith(file + ":3:").hasMessageContaining("not valid CSV");
	}
}

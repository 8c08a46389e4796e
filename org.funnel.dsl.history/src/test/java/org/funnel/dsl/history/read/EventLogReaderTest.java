package org.funnel.dsl.history.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.funnel.dsl.history.Histories.path;

import java.io.StringReader;
import java.util.Map;

import org.funnel.dsl.history.DealFlag;
import org.funnel.dsl.history.DealHistory;
import org.funnel.dsl.history.DealOutcome;
import org.funnel.dsl.history.Funnels;
import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.History;
import org.funnel.dsl.history.HistoryException;
import org.funnel.dsl.history.HistoryOptions;
import org.funnel.dsl.history.StageVisit;
import org.junit.jupiter.api.Test;

/** A plain event log, deal,stage,time, from any source. */
class EventLogReaderTest {

	static final FunnelShape FUNNEL = Funnels.shape("""
			funnel Sales {
			    stage Lead "New lead" {
			        moves to Demo 50%
			        moves to Lost 50%
			    }
			    stage Demo { moves to Won 40%  moves to Lost 60% }
			    won stage Won
			    lost stage Lost
			}
			""");

	static History read(String csv, HistoryOptions options) throws HistoryException {
		return EventLogReader.read(new StringReader(csv), "log.csv", FUNNEL, options);
	}

	@Test
	void rowsInAnyOrderHeaderInAnyCaseStagesByNameOrLabel() throws HistoryException {
		History history = read("""
				\uFEFFDeal,STAGE,Time
				a,Won,2025-01-03T00:00:00Z
				a,new lead,2025-01-01T00:00:00Z
				a,Demo,2025-01-02T00:00:00Z
				""", HistoryOptions.defaults());
		assertThat(path(history, "a")).containsExactly("Lead", "Demo", "Won");
		assertThat(history.deals().get(0).visits().get(0).days()).isEqualTo(1);
	}

	@Test
	void anOpenDealIsCensoredAtTheExportNeverLost() throws HistoryException {
		History history = read("""
				deal,stage,time
				a,Lead,2025-01-01
				a,Demo,2025-01-02
				b,Lead,2025-01-05
				""", HistoryOptions.defaults());
		DealHistory a = history.deals().get(0);
		assertThat(a.outcome()).isEqualTo(DealOutcome.OPEN);
		StageVisit demo = a.visits().get(1);
		assertThat(demo.censored()).isTrue();
		assertThat(demo.next()).isEqualTo(-1);
		// Without an export time in the file, the latest change is the export.
		assertThat(demo.left()).isEqualTo(Timestamps.parse("2025-01-05"));
		History later = read("deal,stage,time\na,Lead,2025-01-01\n", HistoryOptions.defaults().withAsOf(
				Timestamps.parse("2025-02-01")));
		assertThat(later.deals().get(0).visits().get(0).days()).isEqualTo(31);
	}

	@Test
	void sinceAndUntilPickDealsByCreationAndUntilIsTheHistoryAsItStoodThen() throws HistoryException {
		String csv = """
				deal,stage,time
				a,Lead,2025-01-01
				a,Demo,2025-01-10
				a,Won,2025-03-01
				b,Lead,2025-02-01
				c,Lead,2024-12-01
				""";
		History history = read(csv, HistoryOptions.defaults().withSince(Timestamps.parse("2025-01-01"))
				.withUntil(Timestamps.parse("2025-02-01")));
		assertThat(history.deals()).extracting(DealHistory::id).containsExactly("a");
		assertThat(path(history, "a")).containsExactly("Lead", "Demo");
		assertThat(history.deals().get(0).outcome()).isEqualTo(DealOutcome.OPEN);
		assertThat(history.asOf()).isEqualTo(Timestamps.parse("2025-02-01"));
		assertThat(history.counts().dropped()).isEqualTo(Map.of("created before --since", 1, "created at or after --until", 1));
	}

	@Test
	void aPipelineColumnEndsThePathAtAMoveOut() throws HistoryException {
		History history = read("""
				deal,stage,time,pipeline
				a,Lead,2025-01-01,sales
				a,Demo,2025-01-05,sales
				a,Intake,2025-01-09,partners
				b,Intake,2025-01-01,partners
				""", HistoryOptions.defaults().withPipeline("sales"));
		assertThat(history.deals()).hasSize(1);
		DealHistory a = history.deals().get(0);
		assertThat(a.outcome()).isEqualTo(DealOutcome.MOVED_OUT);
		assertThat(a.visits().get(1).left()).isEqualTo(Timestamps.parse("2025-01-09"));
		assertThat(history.counts().dropped()).isEqualTo(Map.of("other pipeline", 1));
		assertThat(history.counts().unknownStages()).isEmpty();
	}

	@Test
	void skipsAndBackwardMovesAreKeptAsTheyHappened() throws HistoryException {
		History history = read("""
				deal,stage,time
				a,Lead,2025-01-01
				a,Won,2025-01-02
				b,Lead,2025-01-01
				b,Demo,2025-01-02
				b,Lead,2025-01-03
				b,Demo,2025-01-04
				""", HistoryOptions.defaults());
		assertThat(path(history, "a")).containsExactly("Lead", "Won");
		assertThat(path(history, "b")).containsExactly("Lead", "Demo", "Lead", "Demo");
	}

	@Test
	void badRowsAreSkippedWithTheirPlaceAndCounted() throws HistoryException {
		History history = read("""
				deal,stage,time,amount
				a,Lead,2025-01-01,100
				,Lead,2025-01-01,
				b,Lead,yesterday,
				c,"Lead",2025-01-01,lots
				""", HistoryOptions.defaults());
		assertThat(history.counts().skippedRows()).extracting(Object::toString).containsExactly(
				"log.csv:3:1: no deal id",
				"log.csv:4:8: time 'yesterday' is no time (ISO 8601 expected, e.g. 2025-01-06T09:12:44.000+0000)",
				"log.csv:5:21: amount 'lots' is no number");
		assertThat(history.counts().skippedRowCount()).isEqualTo(3);
		assertThat(history.counts().rows()).isEqualTo(4);
		assertThat(history.deals()).hasSize(1);
	}

	@Test
	void aMissingColumnIsAnErrorAtTheHeader() {
		assertThatThrownBy(() -> read("deal,when\na,2025-01-01\n", HistoryOptions.defaults()))
				.isInstanceOf(HistoryException.class).hasMessage(
						"log.csv:1:1: the header has no column stage or stage_id or dealstage (the stage entered); it has deal, when");
	}

	@Test
	void anImportSourceIsFlagged() throws HistoryException {
		History history = read("""
				deal,stage,time,source
				a,Demo,2025-01-01,IMPORT
				a,Won,2025-01-09,CRM_UI
				""", HistoryOptions.defaults());
		assertThat(history.deals().get(0).flags()).containsExactly(DealFlag.IMPORTED);
		assertThat(history.deals().get(0).entryStage()).isEqualTo(-1);
	}

	@Test
	void aliasesAreReadFromOldEqualsNewLines() throws HistoryException {
		assertThat(HistoryOptions.parseAliases("# renamed in 2024\nIntro Call = Lead\n\nDemo held=Demo\n", "aliases.txt"))
				.containsExactly(Map.entry("Intro Call", "Lead"), Map.entry("Demo held", "Demo"));
		assertThatThrownBy(() -> HistoryOptions.parseAliases("Lead\n", "aliases.txt")).isInstanceOf(HistoryException.class)
				.hasMessage("aliases.txt:1:1: a stage alias is written Old=New, not 'Lead'");
		History history = read("deal,stage,time\na,Intro Call,2025-01-01\n",
				HistoryOptions.defaults().withAliases(Map.of("Intro Call", "Lead")));
		assertThat(path(history, "a")).containsExactly("Lead");
	}
}

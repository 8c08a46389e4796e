package org.funnel.dsl.history.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.funnel.dsl.history.Histories.deal;
import static org.funnel.dsl.history.Histories.path;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

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
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved answers of HubSpot's batch read with {@code propertiesWithHistory=dealstage,pipeline}
 * ({@code src/test/resources/hubspot/batch}), read against HubSpot's default pipeline as a funnel
 * ({@code examples/hubspot-default.funnel}, stages matched by {@code hubspot id}).
 */
class HubSpotReaderTest {

	static final Path BATCH = Path.of("org.funnel.dsl.history/src/test/resources/hubspot/batch");
	static final FunnelShape FUNNEL = Funnels.example("hubspot-default.funnel");

	static History read(HistoryOptions options) throws HistoryException {
		return HubSpotReader.read(BATCH, FUNNEL, options.withPipeline("default"));
	}

	@Test
	void theSavedAnswersAreShapedAsHubSpotsSpecSaysTheBatchReadAnswers() throws IOException {
		try (Stream<Path> files = Files.list(BATCH)) {
			for (Path file : files.sorted().toList()) {
				assertThat(HubSpotContract.problems(new ObjectMapper().readTree(file.toFile()),
						"BatchResponseSimplePublicObject")).as(file.toString()).isEmpty();
			}
		}
	}

	@Test
	void aPageOfTheDealListAndAPartialBatchAnswerAreReadToo() throws IOException, HistoryException {
		Path list = Path.of("org.funnel.dsl.history/src/test/resources/hubspot/list/deals-page-001.json");
		assertThat(HubSpotContract.problems(new ObjectMapper().readTree(list.toFile()),
				"CollectionResponseSimplePublicObjectWithAssociationsForwardPaging")).isEmpty();
		History page = HubSpotReader.read(list, FUNNEL, HistoryOptions.defaults());
		assertThat(path(page, "201")).containsExactly("AppointmentScheduled", "QualifiedToBuy");
		Path partial = Path.of("org.funnel.dsl.history/src/test/resources/hubspot/partial/batch-read-207.json");
		assertThat(HubSpotContract.problems(new ObjectMapper().readTree(partial.toFile()),
				"BatchResponseSimplePublicObjectWithErrors")).isEmpty();
		History read = HubSpotReader.read(partial, FUNNEL, HistoryOptions.defaults());
		assertThat(path(read, "301")).containsExactly("AppointmentScheduled", "ClosedWon");
		assertThat(read.counts().skippedRows()).extracting(Object::toString).containsExactly(partial + ":33:3: HubSpot "
				+ "answered with an error (OBJECT_NOT_FOUND): Could not get some DEAL objects, they may be deleted or not "
				+ "exist. Check that ids are valid.");
	}

	@Test
	void withThePipelinesAnswerStageIdsAreMatchedByLabelAndEveryClosedStageIsKnown() throws IOException,
			HistoryException {
		Path dir = Path.of("org.funnel.dsl.history/src/test/resources/hubspot/custom");
		assertThat(HubSpotContract.problems(new ObjectMapper().readTree(dir.resolve("pipelines.json").toFile()),
				"CollectionResponsePipelineNoPaging", HubSpotContract.PIPELINES)).isEmpty();
		assertThat(HubSpotContract.problems(new ObjectMapper().readTree(dir.resolve("batch-read.json").toFile()),
				"BatchResponseSimplePublicObject")).isEmpty();
		FunnelShape funnel = Funnels.shape("""
				funnel NewBusiness {
				    hubspot pipeline "12345678"
				    stage Discovery "Discovery call" { moves to Demo 50%  moves to Lost 50% }
				    stage Demo "Demo & proposal" { moves to Won 50%  moves to Lost 50% }
				    won stage Won
				    lost stage Lost
				}
				""");
		History history = HubSpotReader.read(dir.resolve("batch-read.json"), dir.resolve("pipelines.json"), funnel,
				HistoryOptions.defaults());
		assertThat(path(history, "401")).containsExactly("Discovery", "Demo", "Won");
		// "Lost – no budget" is closed with probability 0.0: the funnel's lost stage.
		assertThat(path(history, "402")).containsExactly("Discovery", "Lost");
		assertThat(history.counts().unknownStages()).isEmpty();
		History withoutPipelines = HubSpotReader.read(dir.resolve("batch-read.json"), funnel, HistoryOptions.defaults());
		assertThat(path(withoutPipelines, "401")).containsExactly("unknown:98765001", "unknown:98765002",
				"unknown:98765003");
	}

	@Test
	void aWonDealGoesThroughItsStagesInTimeOrder() throws HistoryException {
		History history = read(HistoryOptions.defaults());
		DealHistory won = deal(history, "101");
		assertThat(path(history, won)).containsExactly("AppointmentScheduled", "PresentationScheduled", "ContractSent",
				"ClosedWon");
		assertThat(won.outcome()).isEqualTo(DealOutcome.WON);
		assertThat(won.flags()).isEmpty();
		assertThat(won.amount()).isEqualByComparingTo("30000");
		assertThat(won.visits().get(0).entered()).isEqualTo(Timestamps.parse("2025-01-06T09:12:44.120Z"));
		assertThat(won.visits().get(0).left()).isEqualTo(Timestamps.parse("2025-01-20T11:03:10.004Z"));
		assertThat(won.entryStage()).isZero();
	}

	@Test
	void ofTwoChangesInTheSameMillisecondTheOneListedLaterIsTheOlder() throws HistoryException {
		History history = read(HistoryOptions.defaults());
		DealHistory deal = deal(history, "102");
		assertThat(path(history, deal)).containsExactly("AppointmentScheduled", "PresentationScheduled", "QualifiedToBuy");
		StageVisit last = deal.visits().get(2);
		assertThat(last.censored()).isTrue();
		// Open deals are censored at the export: the answer's completedAt.
		assertThat(last.left()).isEqualTo(Timestamps.parse("2025-07-01T06:00:01.480Z"));
		assertThat(history.asOf()).isEqualTo(last.left());
		assertThat(deal.outcome()).isEqualTo(DealOutcome.OPEN);
	}

	@Test
	void importsAreFlaggedAndTheirEntryTimeIsNotTaken() throws HistoryException {
		History history = read(HistoryOptions.defaults());
		DealHistory imported = deal(history, "103");
		assertThat(imported.flags()).containsExactly(DealFlag.IMPORTED);
		assertThat(imported.visits().get(0).entryKnown()).isFalse();
		assertThat(imported.visits().get(1).entryKnown()).isTrue();
		assertThat(imported.entryStage()).isEqualTo(-1);
		assertThat(read(HistoryOptions.defaults().withDropImports(true)).counts().dropped())
				.containsEntry("imported (left out by the options)", 1);
	}

	@Test
	void aMoveToAnotherPipelineEndsThePathThere() throws HistoryException {
		History history = read(HistoryOptions.defaults());
		DealHistory moved = deal(history, "104");
		assertThat(path(history, moved)).containsExactly("AppointmentScheduled", "QualifiedToBuy");
		assertThat(moved.outcome()).isEqualTo(DealOutcome.MOVED_OUT);
		assertThat(moved.visits().get(1).left()).isEqualTo(Timestamps.parse("2025-02-05T09:00:00.000Z"));
		assertThat(moved.visits().get(1).censored()).isTrue();
		assertThat(history.counts().pipelines()).isEqualTo(Map.of("default", 9, "other", 1));
	}

	@Test
	void aReopenedDealEndsAtItsFirstClosingOrFollowsItsFinalOutcome() throws HistoryException {
		History history = read(HistoryOptions.defaults());
		DealHistory reopened = deal(history, "105");
		assertThat(path(history, reopened)).containsExactly("AppointmentScheduled", "ClosedLost");
		assertThat(reopened.flags()).containsExactly(DealFlag.REOPENED);
		History followed = read(HistoryOptions.defaults().withFollowFinalOutcome(true));
		assertThat(path(followed, deal(followed, "105"))).containsExactly("AppointmentScheduled", "QualifiedToBuy",
				"ClosedWon");
	}

	@Test
	void aClosingUndoneWithinMinutesIsACorrection() throws HistoryException {
		History history = read(HistoryOptions.defaults());
		DealHistory corrected = deal(history, "106");
		assertThat(path(history, corrected)).containsExactly("AppointmentScheduled", "ContractSent", "ClosedWon");
		assertThat(corrected.flags()).containsExactly(DealFlag.CORRECTED);
		assertThat(corrected.visits().get(1).entered()).isEqualTo(Timestamps.parse("2025-01-28T09:00:00.000Z"));
	}

	@Test
	void aDealAtTheTwentyRevisionCapIsLeftTruncated() throws HistoryException {
		History history = read(HistoryOptions.defaults());
		DealHistory capped = deal(history, "107");
		assertThat(capped.visits()).hasSize(20);
		assertThat(capped.flags()).containsExactly(DealFlag.HISTORY_CAP);
		assertThat(capped.visits().get(0).entryKnown()).isFalse();
		assertThat(capped.entryStage()).isEqualTo(-1);
		assertThat(read(HistoryOptions.defaults().withHistoryCap(0)).counts().flagged(DealFlag.HISTORY_CAP)).isZero();
	}

	@Test
	void unknownStagesAreKeptAndCountedAndASecondLostStageIsMappedByItsFlags() throws HistoryException {
		History history = read(HistoryOptions.defaults());
		assertThat(path(history, deal(history, "108"))).containsExactly("AppointmentScheduled", "unknown:1234567",
				"ClosedLost");
		assertThat(history.counts().unknownStages()).containsExactlyEntriesOf(Map.of("unknown:1234567", 1));
		DealHistory noBudget = deal(history, "110");
		assertThat(path(history, noBudget)).containsExactly("AppointmentScheduled", "ClosedLost");
		assertThat(noBudget.outcome()).isEqualTo(DealOutcome.LOST);
		assertThat(history.counts().mappedByOutcome()).isEqualTo(1);
	}

	@Test
	void everythingDroppedOrFlaggedIsCounted() throws HistoryException {
		History history = read(HistoryOptions.defaults());
		assertThat(history.counts().dealsRead()).isEqualTo(10);
		assertThat(history.counts().dealsKept()).isEqualTo(9);
		assertThat(history.counts().dropped()).containsExactlyEntriesOf(Map.of("archived or deleted in the CRM", 1));
		assertThat(history.counts().flagged()).containsExactlyInAnyOrderEntriesOf(
				Map.of(DealFlag.REOPENED, 1, DealFlag.CORRECTED, 1, DealFlag.IMPORTED, 1, DealFlag.MOVED_OUT, 1,
						DealFlag.HISTORY_CAP, 1, DealFlag.UNKNOWN_STAGE, 1));
		// 4 + 3 + 2 + 3 + 4 changes in the first answer, 5 + 20 + 3 + 1 + 2 in the second.
		assertThat(history.counts().rows()).isEqualTo(47);
	}

	@Test
	void thePipelineIsTheFunnelsUnlessTheOptionsNameAnother() throws HistoryException {
		History history = HubSpotReader.read(BATCH, FUNNEL, HistoryOptions.defaults());
		assertThat(deal(history, "104").outcome()).isEqualTo(DealOutcome.MOVED_OUT);
		History other = HubSpotReader.read(BATCH, FUNNEL, HistoryOptions.defaults().withPipeline("other"));
		assertThat(other.deals()).extracting(DealHistory::id).containsExactly("104");
		assertThat(path(other, other.deals().get(0))).containsExactly("unknown:9001");
		assertThat(other.deals().get(0).flags()).contains(DealFlag.MOVED_IN);
	}

	@Test
	void badJsonIsReportedAtItsLineAndColumn(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("page.json");
		Files.writeString(file, "{\"results\": [\n  {\"id\": \"1\",\n   \"properties\": {]\n}");
		assertThatThrownBy(() -> HubSpotReader.read(file, FUNNEL, HistoryOptions.defaults()))
				.isInstanceOf(HistoryException.class).hasMessageStartingWith(file + ":3:")
				.hasMessageContaining("not valid JSON");
	}

	@Test
	void aFileThatIsNoSavedAnswerIsSaidToBeOne(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("deal.json");
		Files.writeString(file, "{\"id\": \"1\", \"properties\": {}}");
		assertThatThrownBy(() -> HubSpotReader.read(file, FUNNEL, HistoryOptions.defaults()))
				.isInstanceOf(HistoryException.class).hasMessage(file + ":1:1: not a saved HubSpot answer: the object has "
						+ "no 'results' array (a batch read or a page of deals)");
	}

	@Test
	void anEntryWithoutTimestampIsSkippedWithItsPlace(@TempDir Path dir) throws IOException, HistoryException {
		Path file = dir.resolve("page.json");
		Files.writeString(file, """
				{"results": [
				  {"id": "7", "properties": {"pipeline": "default"},
				   "propertiesWithHistory": {"dealstage": [
				     {"value": "qualifiedtobuy", "sourceType": "CRM_UI"},
				     {"value": "appointmentscheduled", "timestamp": "2025-01-01T00:00:00Z", "sourceType": "CRM_UI"}]}}]}
				""");
		History history = HubSpotReader.read(file, FUNNEL, HistoryOptions.defaults());
		assertThat(history.counts().skippedRows()).extracting(Object::toString)
				.containsExactly(file + ":2:3: deal 7, propertiesWithHistory.dealstage[0]: no timestamp");
		assertThat(history.deals()).hasSize(1);
	}
}

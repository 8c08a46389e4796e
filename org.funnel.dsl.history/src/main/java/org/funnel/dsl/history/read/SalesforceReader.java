package org.funnel.dsl.history.read;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.History;
import org.funnel.dsl.history.HistoryBuilder;
import org.funnel.dsl.history.HistoryException;
import org.funnel.dsl.history.HistoryOptions;
import org.funnel.dsl.history.SkippedRow;
import org.funnel.dsl.history.StageMatcher;

/**
 * Salesforce's stage history as {@code sf data query -r csv} and {@code sf data export bulk} write it:
 * {@code OpportunityHistory} rows ({@code OpportunityId, StageName, CreatedDate}, where CreatedDate is when
 * the change was saved; other columns such as Amount or Probability are read or ignored), with the
 * {@code Opportunity} rows ({@code Id, StageName, IsClosed, IsWon}, optionally {@code RecordTypeId} or
 * {@code RecordType.DeveloperName}, {@code CreatedDate}, {@code Amount}, {@code IsDeleted}) for won, lost and
 * open, and optionally the {@code OpportunityStage} rows ({@code ApiName} or {@code MasterLabel},
 * {@code IsClosed}, {@code IsWon}) for every stage value's outcome. Stage values are matched to the funnel's
 * stage labels ignoring case, after the aliases; the record type is the deal's pipeline.
 */
public final class SalesforceReader {

	/** The files of one export; {@code opportunities} and {@code stages} may be null. */
	public record Files(Path history, Path opportunities, Path stages) {
	}

	private SalesforceReader() {
	}

	public static History read(Files files, FunnelShape funnel, HistoryOptions options) throws HistoryException {
		HistoryOptions read = options.historyCap() == HistoryOptions.SOURCE_CAP ? options.withHistoryCap(0) : options;
		HistoryBuilder builder = new HistoryBuilder(funnel,
				new StageMatcher(funnel, StageMatcher.Kind.SALESFORCE_NAME, options.aliases()), read);
		if (files.stages() != null) {
			try (CsvTable table = CsvTable.open(files.stages(), files.stages().toString())) {
				readStages(table, builder);
			}
		}
		Set<String> opportunities = null;
		if (files.opportunities() != null) {
			try (CsvTable table = CsvTable.open(files.opportunities(), files.opportunities().toString())) {
				opportunities = readOpportunities(table, builder, options.pipeline());
			}
		}
		try (CsvTable table = CsvTable.open(files.history(), files.history().toString())) {
			readHistory(table, builder, opportunities);
		}
		return builder.build();
	}

	private static void readStages(CsvTable table, HistoryBuilder builder) throws HistoryException {
		int name = table.column("ApiName");
		int label = table.column("MasterLabel");
		if (name < 0 && label < 0) {
			table.require("the stage's picklist value", "ApiName", "MasterLabel");
		}
		int closed = table.require("whether the stage is closed", "IsClosed");
		int won = table.require("whether the stage is won", "IsWon");
		while (table.next()) {
			Outcome outcome = outcome(table, closed, won);
			for (int column : new int[] { name, label }) {
				if (outcome != null && column >= 0 && !table.get(column).isBlank()) {
					builder.closedStage(table.get(column).strip(), outcome);
				}
			}
		}
	}

	private static Outcome outcome(CsvTable table, int closed, int won) {
		Boolean isClosed = Fields.bool(table.get(closed).strip());
		Boolean isWon = Fields.bool(table.get(won).strip());
		if (isClosed == null || !isClosed) {
			return null;
		}
		return Boolean.TRUE.equals(isWon) ? Outcome.WON : Outcome.LOST;
	}

	private static Set<String> readOpportunities(CsvTable table, HistoryBuilder builder, String pipeline)
			throws HistoryException {
		int id = table.require("the opportunity's id", "Id");
		int stage = table.require("the opportunity's stage now", "StageName");
		int closed = table.require("whether it is closed", "IsClosed");
		int won = table.require("whether it is won", "IsWon");
		int[] recordTypes = { table.column("RecordType.DeveloperName"), table.column("RecordTypeId"),
				table.column("RecordType.Name") };
		int created = table.column("CreatedDate");
		int amount = table.column("Amount");
		int deleted = table.column("IsDeleted");
		Set<String> ids = new HashSet<>();
		while (table.next()) {
			String key = table.get(id).strip();
			if (key.isEmpty()) {
				builder.skip(new SkippedRow(table.file(), table.line(id), table.column(id), "no opportunity id"));
				continue;
			}
			if (Fields.bool(table.get(closed).strip()) == null) {
				builder.skip(new SkippedRow(table.file(), table.line(closed), table.column(closed),
						"IsClosed '" + table.get(closed) + "' is neither true nor false"));
				continue;
			}
			ids.add(key);
			int d = builder.deal(key);
			Outcome outcome = outcome(table, closed, won);
			if (outcome != null && !table.get(stage).isBlank()) {
				builder.closedStage(table.get(stage).strip(), outcome);
			}
			builder.currentPipeline(d, recordType(table, recordTypes, pipeline));
			long createdAt = created < 0 ? Timestamps.INVALID : Timestamps.parse(table.get(created).strip());
			if (createdAt != Timestamps.INVALID) {
				builder.created(d, createdAt);
			}
			BigDecimal money = amount < 0 ? null : Fields.amount(table.get(amount).strip());
			if (money != null) {
				builder.amount(d, money);
			}
			if (deleted >= 0 && Boolean.TRUE.equals(Fields.bool(table.get(deleted).strip()))) {
				builder.archived(d);
			}
		}
		return ids;
	}

	/** The record type as the pipeline asked for names it (API name, id or label), else the first one given. */
	private static String recordType(CsvTable table, int[] columns, String wanted) {
		String first = null;
		for (int column : columns) {
			String value = table.get(column).strip();
			if (value.isEmpty()) {
				continue;
			}
			if (value.equals(wanted)) {
				return value;
			}
			first = first == null ? value : first;
		}
		return first;
	}

	private static void readHistory(CsvTable table, HistoryBuilder builder, Set<String> opportunities)
			throws HistoryException {
		int id = table.require("the opportunity's id", "OpportunityId");
		int stage = table.require("the stage after the change", "StageName");
		int time = table.require("when the change was saved", "CreatedDate");
		int deleted = table.column("IsDeleted");
		int amount = table.column("Amount");
		TreeMap<String, Boolean> missing = new TreeMap<>();
		int row = 0;
		while (table.next()) {
			row++;
			builder.row();
			String key = table.get(id).strip();
			String value = table.get(stage).strip();
			long at = Timestamps.parse(table.get(time).strip());
			SkippedRow skip = null;
			if (key.isEmpty()) {
				skip = new SkippedRow(table.file(), table.line(id), table.column(id), "no OpportunityId");
			} else if (value.isEmpty()) {
				skip = new SkippedRow(table.file(), table.line(stage), table.column(stage), "no StageName");
			} else if (at == Timestamps.INVALID) {
				skip = new SkippedRow(table.file(), table.line(time), table.column(time),
						Fields.badTime(table.name(time), table.get(time).strip()));
			} else if (deleted >= 0 && Boolean.TRUE.equals(Fields.bool(table.get(deleted).strip()))) {
				skip = new SkippedRow(table.file(), table.line(deleted), table.column(deleted), "deleted (IsDeleted true)");
			}
			if (skip != null) {
				builder.skip(skip);
				continue;
			}
			if (opportunities != null && !opportunities.contains(key)) {
				missing.put(key, Boolean.TRUE);
				continue;
			}
			int d = builder.deal(key);
			builder.stage(d, value, at, row, false);
			// The Opportunity row's amount is the current one; without it, the last history row's.
			BigDecimal money = amount < 0 || opportunities != null ? null : Fields.amount(table.get(amount).strip());
			if (money != null) {
				builder.amount(d, money);
			}
		}
		for (int i = 0; i < missing.size(); i++) {
			builder.dropDeal("no row in the Opportunity file");
		}
	}
}

package org.funnel.dsl.history.read;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Path;

import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.History;
import org.funnel.dsl.history.HistoryBuilder;
import org.funnel.dsl.history.HistoryException;
import org.funnel.dsl.history.HistoryOptions;
import org.funnel.dsl.history.SkippedRow;
import org.funnel.dsl.history.StageMatcher;

/**
 * A plain event log from any source: a CSV file with a row per stage change, {@code deal,stage,time}
 * (header names ignoring case), and optionally {@code pipeline} (the deal's pipeline at that change),
 * {@code amount}, {@code created} (the deal's creation time) and {@code source} ({@code IMPORT} marks an
 * imported change). Stages are matched by name, label or HubSpot id, after the aliases.
 */
public final class EventLogReader {

	static final String[] DEAL = { "deal", "deal_id", "dealid", "deal id" };
	static final String[] STAGE = { "stage", "stage_id", "dealstage" };
	static final String[] TIME = { "time", "timestamp", "changed_at", "entered_at", "date" };

	private EventLogReader() {
	}

	public static History read(Path file, FunnelShape funnel, HistoryOptions options) throws HistoryException {
		HistoryBuilder builder = builder(funnel, options);
		try (CsvTable table = CsvTable.open(file, file.toString())) {
			readInto(table, builder);
		}
		return builder.build();
	}

	/** Reads from a reader; {@code name} is how messages call it. */
	public static History read(Reader reader, String name, FunnelShape funnel, HistoryOptions options)
			throws HistoryException {
		HistoryBuilder builder = builder(funnel, options);
		try (CsvTable table = CsvTable.open(reader, name)) {
			readInto(table, builder);
		}
		return builder.build();
	}

	private static HistoryBuilder builder(FunnelShape funnel, HistoryOptions options) {
		HistoryOptions read = options.historyCap() == HistoryOptions.SOURCE_CAP ? options.withHistoryCap(0) : options;
		return new HistoryBuilder(funnel, new StageMatcher(funnel, StageMatcher.Kind.ANY, options.aliases()), read);
	}

	private static void readInto(CsvTable table, HistoryBuilder builder) throws HistoryException {
		int deal = table.require("the deal's id", DEAL);
		int stage = table.require("the stage entered", STAGE);
		int time = table.require("when the stage was entered", TIME);
		int pipeline = table.column("pipeline", "pipeline_id");
		int amount = table.column("amount");
		int created = table.column("created", "created_at", "createdate");
		int source = table.column("source", "source_type", "sourcetype");
		int row = 0;
		// Rows of a deal usually follow each other with the same amount: it is parsed once per run.
		String lastAmount = "";
		BigDecimal lastMoney = null;
		while (table.next()) {
			row++;
			builder.row();
			String id = table.get(deal).strip();
			String value = table.get(stage).strip();
			long at = Timestamps.parse(table.get(time).strip());
			String problem = id.isEmpty() ? "no deal id" : value.isEmpty() ? "no stage" : null;
			int column = id.isEmpty() ? deal : stage;
			if (problem == null && at == Timestamps.INVALID) {
				problem = Fields.badTime(table.name(time), table.get(time).strip());
				column = time;
			}
			long createdAt = created < 0 || table.get(created).isBlank() ? Timestamps.INVALID
					: Timestamps.parse(table.get(created).strip());
			if (problem == null && created >= 0 && !table.get(created).isBlank() && createdAt == Timestamps.INVALID) {
				problem = Fields.badTime(table.name(created), table.get(created).strip());
				column = created;
			}
			String amountText = amount < 0 ? "" : table.get(amount).strip();
			if (!amountText.equals(lastAmount)) {
				lastAmount = amountText;
				lastMoney = Fields.amount(amountText);
			}
			BigDecimal money = lastMoney;
			if (problem == null && amount >= 0 && money == null && !table.get(amount).isBlank()) {
				problem = "amount '" + table.get(amount).strip() + "' is no number";
				column = amount;
			}
			if (problem != null) {
				builder.skip(new SkippedRow(table.file(), table.line(column), table.column(column), problem));
				continue;
			}
			int d = builder.deal(id);
			builder.stage(d, value, at, row, "IMPORT".equalsIgnoreCase(table.get(source).strip()));
			if (pipeline >= 0 && !table.get(pipeline).isBlank()) {
				builder.pipeline(d, table.get(pipeline).strip(), at, row);
			}
			if (money != null) {
				builder.amount(d, money);
			}
			if (createdAt != Timestamps.INVALID) {
				builder.created(d, createdAt);
			}
		}
	}
}

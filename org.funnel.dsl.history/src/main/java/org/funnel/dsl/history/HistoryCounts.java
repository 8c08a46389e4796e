package org.funnel.dsl.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What reading a history kept, dropped and flagged, for the output to print: every deal or row left
 * out is counted with its reason, every pitfall met with the number of deals it touched.
 */
public final class HistoryCounts {

	/** Skipped rows listed with their position; more are only counted. */
	public static final int LISTED_SKIPS = 20;

	int rows;
	int dealsRead;
	int dealsKept;
	int skippedRowCount;
	int mappedByOutcome;
	final List<SkippedRow> skippedRows = new ArrayList<>();
	final Map<String, Integer> dropped = new TreeMap<>();
	final Map<DealFlag, Integer> flagged = new EnumMap<>(DealFlag.class);
	final Map<String, Integer> unknownStages = new TreeMap<>();
	final Map<String, Integer> pipelines = new TreeMap<>();

	/** Rows (CSV lines or history entries) read. */
	public int rows() {
		return rows;
	}

	/** Deals in the input. */
	public int dealsRead() {
		return dealsRead;
	}

	/** Deals in the history after the filters. */
	public int dealsKept() {
		return dealsKept;
	}

	/** Deals left out, by reason ("other pipeline", "created before since", ...), sorted by reason. */
	public Map<String, Integer> dropped() {
		return Collections.unmodifiableMap(dropped);
	}

	/** Deals kept that carry each flag. */
	public Map<DealFlag, Integer> flagged() {
		return Collections.unmodifiableMap(flagged);
	}

	public int flagged(DealFlag flag) {
		return flagged.getOrDefault(flag, 0);
	}

	/** Stage names or ids the funnel does not have (kept as unknown:&lt;id&gt;), with the number of visits. */
	public Map<String, Integer> unknownStages() {
		return Collections.unmodifiableMap(unknownStages);
	}

	/** Deals per pipeline (or sales process) seen in the input, before the pipeline filter. */
	public Map<String, Integer> pipelines() {
		return Collections.unmodifiableMap(pipelines);
	}

	/** Rows left out for a problem of their own; the first {@link #LISTED_SKIPS} are in {@link #skippedRows()}. */
	public int skippedRowCount() {
		return skippedRowCount;
	}

	public List<SkippedRow> skippedRows() {
		return Collections.unmodifiableList(skippedRows);
	}

	/** Stages the funnel does not name that were mapped to its only won or lost stage by the CRM's closed/won flags. */
	public int mappedByOutcome() {
		return mappedByOutcome;
	}

	void skip(SkippedRow row) {
		skippedRowCount++;
		if (skippedRows.size() < LISTED_SKIPS) {
			skippedRows.add(row);
		}
	}

	void drop(String reason) {
		dropped.merge(reason, 1, Integer::sum);
	}
}

package org.funnel.dsl.history;

import java.util.Map;

/**
 * How a history is read: which deals (by creation time and pipeline), how far (until, the export
 * time), and how each pitfall of CRM histories is treated. Immutable; {@code with...} gives a copy.
 *
 * @param since              deals created at or after this time (epoch ms), or {@link Long#MIN_VALUE}
 * @param until              deals created before this time, and the history as it stood then (later
 *                           changes ignored, open deals censored here), or {@link Long#MAX_VALUE}
 * @param asOf               when the history was exported (open deals are censored here), or
 *                           {@link Long#MIN_VALUE}: then {@code until}, else the export time the file
 *                           states, else its latest change
 * @param pipeline           the HubSpot pipeline id or Salesforce record type (id or API name) to read,
 *                           or null for all; a deal that moves out of it ends there (censored)
 * @param followFinalOutcome reopened deals: false (default) ends the path at the first won or lost
 *                           stage; true follows the deal to its final stage (earlier closings left out)
 * @param correctionMillis   a won or lost stage left for an open one within this time was a mistake:
 *                           left out, the path goes on (default 15 minutes)
 * @param dropImports        true: leave imported deals out; false (default): keep them, their imported
 *                           stage's time in stage unknown
 * @param importGapMillis    a deal whose first stage change comes this long after its creation was
 *                           imported or migrated (default 1 day)
 * @param historyCap         the number of stage changes the CRM keeps per deal; a deal with that many may
 *                           have lost older ones. {@link #SOURCE_CAP} (default): the source's own (HubSpot
 *                           20, none for the others); 0: no cap
 * @param aliases            stage names or ids as the CRM writes them, mapped to names the funnel matches
 *                           ({@code Old=New}: renamed stages)
 */
public record HistoryOptions(long since, long until, long asOf, String pipeline, boolean followFinalOutcome,
		long correctionMillis, boolean dropImports, long importGapMillis, int historyCap, Map<String, String> aliases) {

	public static final long MINUTE = 60_000L;
	public static final long DAY = 86_400_000L;
	/** HubSpot keeps 20 revisions of a deal property (knowledge base, "Export property history"). */
	public static final int HUBSPOT_HISTORY_CAP = 20;
	/** The history cap of the source read: HubSpot's 20, none for files of other sources. */
	public static final int SOURCE_CAP = -1;

	public HistoryOptions {
		aliases = Map.copyOf(aliases);
	}

	public static HistoryOptions defaults() {
		return new HistoryOptions(Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, null, false, 15 * MINUTE, false, DAY,
				SOURCE_CAP,
				Map.of());
	}

	public HistoryOptions withSince(long time) {
		return new HistoryOptions(time, until, asOf, pipeline, followFinalOutcome, correctionMillis, dropImports,
				importGapMillis, historyCap, aliases);
	}

	public HistoryOptions withUntil(long time) {
		return new HistoryOptions(since, time, asOf, pipeline, followFinalOutcome, correctionMillis, dropImports,
				importGapMillis, historyCap, aliases);
	}

	public HistoryOptions withAsOf(long time) {
		return new HistoryOptions(since, until, time, pipeline, followFinalOutcome, correctionMillis, dropImports,
				importGapMillis, historyCap, aliases);
	}

	public HistoryOptions withPipeline(String id) {
		return new HistoryOptions(since, until, asOf, id, followFinalOutcome, correctionMillis, dropImports,
				importGapMillis, historyCap, aliases);
	}

	public HistoryOptions withFollowFinalOutcome(boolean follow) {
		return new HistoryOptions(since, until, asOf, pipeline, follow, correctionMillis, dropImports, importGapMillis,
				historyCap, aliases);
	}

	public HistoryOptions withCorrectionMillis(long millis) {
		return new HistoryOptions(since, until, asOf, pipeline, followFinalOutcome, millis, dropImports, importGapMillis,
				historyCap, aliases);
	}

	public HistoryOptions withDropImports(boolean drop) {
		return new HistoryOptions(since, until, asOf, pipeline, followFinalOutcome, correctionMillis, drop,
				importGapMillis, historyCap, aliases);
	}

	public HistoryOptions withImportGapMillis(long millis) {
		return new HistoryOptions(since, until, asOf, pipeline, followFinalOutcome, correctionMillis, dropImports, millis,
				historyCap, aliases);
	}

	public HistoryOptions withHistoryCap(int cap) {
		return new HistoryOptions(since, until, asOf, pipeline, followFinalOutcome, correctionMillis, dropImports,
				importGapMillis, cap, aliases);
	}

	public HistoryOptions withAliases(Map<String, String> map) {
		return new HistoryOptions(since, until, asOf, pipeline, followFinalOutcome, correctionMillis, dropImports,
				importGapMillis, historyCap, map);
	}

	/**
	 * Aliases from lines {@code Old=New} (one a line or comma separated; blank lines and lines starting
	 * with # are skipped). A line without '=' is an error naming it.
	 */
	public static Map<String, String> parseAliases(String text, String file) throws HistoryException {
		Map<String, String> map = new java.util.LinkedHashMap<>();
		String[] lines = text.split("\r?\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (line.isBlank() || line.strip().startsWith("#")) {
				continue;
			}
			int equals = line.indexOf('=');
			if (equals <= 0 || line.substring(0, equals).isBlank() || line.substring(equals + 1).isBlank()) {
				throw new HistoryException(file, i + 1, 1, "a stage alias is written Old=New, not '" + line.strip() + "'");
			}
			map.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
		}
		return map;
	}
}

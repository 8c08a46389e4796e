package org.funnel.dsl.history.read;

import java.nio.file.Files;
import java.nio.file.Path;

import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.History;
import org.funnel.dsl.history.HistoryException;
import org.funnel.dsl.history.HistoryOptions;

/**
 * The kinds of history a path can hold, and which one a path is when nobody says: the same guess for
 * {@code funnel fit --history} and a funnel's {@code history "path"} ({@link HistoryInput#kind()}).
 */
public enum HistorySource {
	HUBSPOT, SALESFORCE, EVENTS;

	/**
	 * Salesforce when an Opportunity export is given beside it, HubSpot for a directory or a {@code .json} answer,
	 * else a plain event log.
	 */
	public static HistorySource guess(Path history, boolean opportunities) {
		if (opportunities) {
			return SALESFORCE;
		}
		String name = history.getFileName() == null ? "" : history.getFileName().toString();
		return Files.isDirectory(history) || name.endsWith(".json") ? HUBSPOT : EVENTS;
	}

	/**
	 * A history named by its path alone: saved HubSpot answers or an event log (Salesforce needs two files; a
	 * {@link HistoryInput} names them).
	 */
	public static History read(Path history, FunnelShape funnel, HistoryOptions options) throws HistoryException {
		return new HistoryInput(history, null, null, null, null, null, null, null, null, null).read(funnel, options);
	}
}

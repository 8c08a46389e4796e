package org.funnel.dsl.history.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.HistoryReading;
import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.History;
import org.funnel.dsl.history.HistoryException;
import org.funnel.dsl.history.HistoryOptions;
import org.funnel.dsl.validation.HistoryChecks;

/**
 * What a history is read from and how: the files and settings {@code funnel fit} takes on its command line and a
 * funnel writes in {@code history "path" { ... }}. The one place both become a reader's input and
 * {@link HistoryOptions}, so the editor and the command line read a history alike. A part not given is null.
 *
 * @param history           the history: a file or a folder of HubSpot answers
 * @param source            how to read it, or null: {@link HistorySource#guess}
 * @param opportunities     Salesforce: the Opportunity export (won, lost, open, record type)
 * @param opportunityStages Salesforce: an OpportunityStage export
 * @param pipelines         HubSpot: a saved answer of the pipelines API (stage labels and outcomes)
 * @param aliases           a file of {@code Old=New} lines: renamed stages
 * @param pipeline          one HubSpot pipeline or Salesforce record type
 * @param since             deals created at or after this time (ISO 8601 or a day, as {@link Timestamps} reads it)
 * @param until             deals created before this time, and the history as it stood then
 * @param asOf              the export time open deals are censored at
 */
public record HistoryInput(Path history, HistorySource source, Path opportunities, Path opportunityStages,
		Path pipelines, Path aliases, String pipeline, String since, String until, String asOf) {

	/**
	 * The history a funnel names and the settings of its reading, paths read from the folder of its file; null when
	 * it names none, or its file is not on disk (then there is no folder to read the paths from).
	 */
	public static HistoryInput of(Funnel funnel) {
		URI file = funnel.eResource() == null ? null : funnel.eResource().getURI();
		Path history = HistoryChecks.historyPath(file, funnel.getHistory());
		if (history == null) {
			return null;
		}
		HistoryReading reading = funnel.getHistoryReading();
		if (reading == null) {
			return new HistoryInput(history, null, null, null, null, null, null, null, null, null);
		}
		return new HistoryInput(history, null, HistoryChecks.historyPath(file, reading.getOpportunities()),
				HistoryChecks.historyPath(file, reading.getOpportunityStages()),
				HistoryChecks.historyPath(file, reading.getPipelines()), HistoryChecks.historyPath(file, reading.getAliases()),
				reading.getPipeline(), reading.getSince(), reading.getUntil(), null);
	}

	/** This input (a command line's), each part it does not give taken from the other (a funnel's). */
	public HistoryInput over(HistoryInput other) {
		return new HistoryInput(or(history, other.history), or(source, other.source), or(opportunities, other.opportunities),
				or(opportunityStages, other.opportunityStages), or(pipelines, other.pipelines), or(aliases, other.aliases),
				or(pipeline, other.pipeline), or(since, other.since), or(until, other.until), or(asOf, other.asOf));
	}

	private static <T> T or(T given, T other) {
		return given != null ? given : other;
	}

	/** How the history is read: as said, else Salesforce with an Opportunity export, else by its path. */
	public HistorySource kind() {
		return source != null ? source : HistorySource.guess(history, opportunities != null);
	}

	/** Every file (or folder) read: the history first. A fit made of them is out of date when one of them changes. */
	public List<Path> files() {
		List<Path> files = new ArrayList<>();
		Stream.of(history, opportunities, opportunityStages, pipelines, aliases).filter(Objects::nonNull).forEach(files::add);
		return files;
	}

	/**
	 * The options of the reading: the period, the pipeline, the aliases (their file read here).
	 *
	 * @throws HistoryException        the alias list cannot be read
	 * @throws IllegalArgumentException a time that is none (the command line and the language's checks say so first)
	 */
	public HistoryOptions options() throws HistoryException {
		HistoryOptions options = HistoryOptions.defaults();
		if (since != null) {
			options = options.withSince(time("since", since));
		}
		if (until != null) {
			options = options.withUntil(time("until", until));
		}
		if (asOf != null) {
			options = options.withAsOf(time("as of", asOf));
		}
		if (pipeline != null) {
			options = options.withPipeline(pipeline);
		}
		if (aliases != null) {
			String text;
			try {
				text = Files.readString(aliases, StandardCharsets.UTF_8);
			} catch (IOException e) {
				throw new HistoryException(aliases.toString(), 1, 1, "the alias list cannot be read (" + e + ")");
			}
			options = options.withAliases(HistoryOptions.parseAliases(text, aliases.toString()));
		}
		return options;
	}

	private static long time(String what, String text) {
		long time = Timestamps.parse(text);
		if (time == Timestamps.INVALID) {
			throw new IllegalArgumentException(
					what + " takes a time such as 2025-01-31 or 2025-01-31T12:00:00Z, not '" + text + "'");
		}
		return time;
	}

	/**
	 * A problem with what was given, in the words of the settings ({@code opportunities} for the command line's
	 * {@code --opportunities}), or null: Salesforce's files belong to a Salesforce history, which needs its
	 * Opportunity export, HubSpot's pipelines answer to a HubSpot one.
	 */
	public String problem() {
		HistorySource kind = kind();
		if (kind != HistorySource.SALESFORCE && (opportunities != null || opportunityStages != null)) {
			return "opportunities and opportunity stages belong to a Salesforce history";
		}
		if (kind == HistorySource.SALESFORCE && opportunities == null) {
			return "a Salesforce history needs its opportunities (the Opportunity export: won, lost, open)";
		}
		if (kind != HistorySource.HUBSPOT && pipelines != null) {
			return "pipelines (HubSpot's answer) belongs to a HubSpot history";
		}
		return null;
	}

	/** Reads the history as its kind's reader does, with {@link #options()}. */
	public History read(FunnelShape funnel) throws HistoryException {
		return read(funnel, options());
	}

	/**
	 * Reads the history as its kind's reader does.
	 *
	 * @throws IllegalArgumentException with the {@link #problem()} of what was given
	 */
	public History read(FunnelShape funnel, HistoryOptions options) throws HistoryException {
		String problem = problem();
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		return switch (kind()) {
		case HUBSPOT -> HubSpotReader.read(history, pipelines, funnel, options);
		case SALESFORCE -> SalesforceReader.read(new SalesforceReader.Files(history, opportunities, opportunityStages),
				funnel, options);
		case EVENTS -> EventLogReader.read(history, funnel, options);
		};
	}
}

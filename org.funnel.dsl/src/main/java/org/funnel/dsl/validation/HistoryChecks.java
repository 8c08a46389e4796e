package org.funnel.dsl.validation;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import org.eclipse.emf.common.CommonPlugin;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.Check;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.HistoryReading;

/**
 * A funnel's {@code history "path"} names the deal history the editor and {@code funnel fit} fit it to, with the
 * settings of its reading in a block after it. The language only knows where the files are (paths are read from
 * the funnel file's folder): whether they are there; and that the days are days and the settings one CRM's. Reading
 * and fitting is the history module's.
 */
public class HistoryChecks extends FunnelChecks {

	/** Year-month-day, a real day of the calendar (no 2025-02-30). */
	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd")
			.withResolverStyle(ResolverStyle.STRICT);

	@Check
	public void historyIsThere(Funnel funnel) {
		String written = funnel.getHistory();
		if (written != null) {
			fileIsThere(funnel, "history", written, funnel, Literals.FUNNEL__HISTORY);
		}
	}

	/** Every file the history's settings name, checked as the history is: there, read from the funnel's folder. */
	@Check
	public void historyFilesAreThere(HistoryReading reading) {
		if (!(reading.eContainer() instanceof Funnel funnel)) {
			return;
		}
		fileIsThere(funnel, "Opportunity export", reading.getOpportunities(), reading, Literals.HISTORY_READING__OPPORTUNITIES);
		fileIsThere(funnel, "OpportunityStage export", reading.getOpportunityStages(), reading,
				Literals.HISTORY_READING__OPPORTUNITY_STAGES);
		fileIsThere(funnel, "pipelines answer", reading.getPipelines(), reading, Literals.HISTORY_READING__PIPELINES);
		fileIsThere(funnel, "alias list", reading.getAliases(), reading, Literals.HISTORY_READING__ALIASES);
	}

	/** {@code since} and {@code until} are days of the calendar, and since comes before until. */
	@Check
	public void historyPeriod(HistoryReading reading) {
		LocalDate since = day(reading, reading.getSince(), Literals.HISTORY_READING__SINCE);
		LocalDate until = day(reading, reading.getUntil(), Literals.HISTORY_READING__UNTIL);
		if (since != null && until != null && !since.isBefore(until)) {
			error("'until " + until + "' is not after 'since " + since + "': no deal was created in between.", reading,
					Literals.HISTORY_READING__UNTIL, FunnelIssueCodes.HISTORY_PERIOD_EMPTY);
		}
	}

	/** The settings of one CRM's history: an Opportunity export makes it Salesforce's, a pipelines answer HubSpot's. */
	@Check
	public void historySettingsOfOneCrm(HistoryReading reading) {
		if (reading.getOpportunityStages() != null && reading.getOpportunities() == null) {
			error("'opportunity stages' belongs to a Salesforce history: give its 'opportunities' (the Opportunity export)"
					+ " too.", reading, Literals.HISTORY_READING__OPPORTUNITY_STAGES, FunnelIssueCodes.HISTORY_SETTING_CONFLICT);
		}
		if (reading.getPipelines() != null && reading.getOpportunities() != null) {
			error("'pipelines' is HubSpot's answer, but a history with 'opportunities' is read as Salesforce's: remove one.",
					reading, Literals.HISTORY_READING__PIPELINES, FunnelIssueCodes.HISTORY_SETTING_CONFLICT);
		}
	}

	private void fileIsThere(Funnel funnel, String what, String written, EObject object, EStructuralFeature feature) {
		if (written == null) {
			return;
		}
		Path file = historyPath(funnel.eResource() == null ? null : funnel.eResource().getURI(), written);
		if (written.isBlank() || file != null && !Files.exists(file)) {
			warning("The " + what + " " + q(written) + " is not there (the path is read from the folder of this file):"
					+ " the editor shows no observed shares.", object, feature, FunnelIssueCodes.HISTORY_NOT_FOUND);
		}
	}

	/** The day written, or null (with an error at it when it is none). */
	private LocalDate day(HistoryReading reading, String written, EStructuralFeature feature) {
		if (written == null) {
			return null;
		}
		try {
			return LocalDate.parse(written, DAY);
		} catch (DateTimeParseException e) {
			error(q(written) + " is not a day: write it as year-month-day, 2025-01-31.", reading, feature,
					FunnelIssueCodes.HISTORY_DAY_INVALID);
			return null;
		}
	}

	/**
	 * Where a funnel file's {@code history} is: resolved against the folder of the file, or null when the file is not
	 * on disk (an editor's unsaved buffer has a file URI too, so this holds for it) or the path cannot be a path.
	 * Inside Eclipse a file is a {@code platform:/resource} URI, which EMF resolves to the file on disk.
	 */
	public static Path historyPath(URI funnelFile, String written) {
		URI onDisk = funnelFile == null || funnelFile.isFile() ? funnelFile : CommonPlugin.resolve(funnelFile);
		if (onDisk == null || !onDisk.isFile() || written == null || written.isBlank()) {
			return null;
		}
		try {
			return Path.of(onDisk.toFileString()).toAbsolutePath().getParent().resolve(written).normalize();
		} catch (InvalidPathException e) {
			return null;
		}
	}
}

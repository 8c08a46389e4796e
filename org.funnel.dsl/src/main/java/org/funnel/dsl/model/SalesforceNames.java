package org.funnel.dsl.model;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.funnel.dsl.funnel.Funnel;

/**
 * Names as Salesforce wants them: the API names of record types and paths, the sales process a
 * funnel becomes, and the standard values of the OpportunityStage set. Checks, quick fixes and the
 * generator ask here, so they agree.
 */
public final class SalesforceNames {

	private SalesforceNames() {
	}

	/** API names: at most 40 characters (Salesforce's limit for a developer name). */
	public static final int MAX_API_NAME = 40;

	/** Characters a sales process name may have (it also names the process's metadata file). */
	public static final String PROCESS_NAME_CHARACTERS = "[\\p{L}\\p{N} _\\-()&]+";

	/**
	 * The values of a new org's OpportunityStage set, as Salesforce spells them (the set retrieved from
	 * an untouched org: Prospecting ... Closed Lost).
	 */
	public static final List<String> STANDARD_STAGES = List.of("Prospecting", "Qualification", "Needs Analysis",
			"Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review",
			"Closed Won", "Closed Lost");

	private static final Map<String, String> STANDARD_BY_LOWER_CASE = new HashMap<>();
	static {
		STANDARD_STAGES.forEach(s -> STANDARD_BY_LOWER_CASE.put(lowerCase(s), s));
	}

	/**
	 * The standard stage {@code label} is a different spelling of ("Closed won" of "Closed Won"), or null
	 * when it is spelled as Salesforce spells it or is no standard stage at all.
	 */
	public static String respelledStandardStage(String label) {
		String standard = STANDARD_BY_LOWER_CASE.get(lowerCase(label));
		return standard == null || standard.equals(label) ? null : standard;
	}

	/** How Salesforce compares picklist values: ignoring case. */
	public static String lowerCase(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

	/** The declared sales process name; else the label when it makes a valid name; else the funnel's name. */
	public static String processName(Funnel funnel) {
		if (funnel.getSalesforceProcess() != null) {
			return funnel.getSalesforceProcess();
		}
		String label = Stages.label(funnel);
		return label.matches(PROCESS_NAME_CHARACTERS) && !label.isBlank() && label.strip().equals(label) ? label
				: funnel.getName();
	}

	/** The record type's API name: declared, or made from the process name. */
	public static String recordType(Funnel funnel) {
		return funnel.getSalesforceRecordType() != null ? funnel.getSalesforceRecordType() : apiName(processName(funnel));
	}

	/** The record type's label: declared, or the process name. */
	public static String recordTypeLabel(Funnel funnel) {
		return funnel.getSalesforceRecordTypeLabel() != null ? funnel.getSalesforceRecordTypeLabel() : processName(funnel);
	}

	/** The path's API name: declared, or the record type's. */
	public static String path(Funnel funnel) {
		return funnel.getSalesforcePath() != null ? funnel.getSalesforcePath() : recordType(funnel);
	}

	/** The path's label: declared, or the process name. */
	public static String pathLabel(Funnel funnel) {
		return funnel.getSalesforcePathLabel() != null ? funnel.getSalesforcePathLabel() : processName(funnel);
	}

	/**
	 * An API name made from any text: letters and digits, words joined by one underscore, starting with
	 * a letter, at most 40 characters: "B2B New Business" -> "B2B_New_Business".
	 */
	public static String apiName(String text) {
		String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
		String joined = ascii.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
		if (joined.isEmpty() || !Character.isLetter(joined.charAt(0))) {
			joined = "Funnel_" + joined;
		}
		if (joined.length() > MAX_API_NAME) {
			joined = joined.substring(0, MAX_API_NAME);
		}
		return joined.replaceAll("_+$", "");
	}

	/**
	 * What is wrong with an API name (Salesforce: letters, digits and underscores, beginning with a
	 * letter, no two underscores in a row, not ending in an underscore, at most 40 characters), or null.
	 */
	public static String apiNameProblem(String name) {
		if (name.isEmpty()) {
			return "it is empty";
		}
		if (name.length() > MAX_API_NAME) {
			return "it has " + name.length() + " characters, more than " + MAX_API_NAME;
		}
		if (!name.matches("[A-Za-z0-9_]+")) {
			return "it may only have the letters A-Z and a-z, digits and underscores";
		}
		if (!Character.isLetter(name.charAt(0))) {
			return "it must begin with a letter";
		}
		if (name.contains("__")) {
			return "it may not have two underscores in a row";
		}
		if (name.endsWith("_")) {
			return "it may not end with an underscore";
		}
		return null;
	}
}

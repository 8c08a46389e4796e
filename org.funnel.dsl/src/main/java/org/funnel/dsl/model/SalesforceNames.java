package org.funnel.dsl.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.SalesforcePath;
import org.funnel.dsl.funnel.SalesforcePathStep;
import org.funnel.dsl.funnel.SalesforceRecordType;
import org.funnel.dsl.funnel.Stage;

/**
 * Names as Salesforce wants them: the API names of record types and paths, the sales process a
 * funnel becomes, and the standard values of the OpportunityStage set. Checks, quick fixes and the
 * generator ask here, so they agree.
 */
public final class SalesforceNames {

	private SalesforceNames() {
	}

	/**
	 * API names of record types and paths: at most 80 characters (RecordType {@code DeveloperName} has length 80
	 * in Salesforce's field reference; real retrieves have longer ones than 40).
	 */
	public static final int MAX_API_NAME = 80;

	/** API names made from a label are kept to 40 characters, the limit of most other developer names. */
	private static final int MADE_API_NAME = 40;

	/** Salesforce's limit for a sales process name (BusinessProcess {@code Name}, "Limit: 80 characters"). */
	public static final int MAX_PROCESS_NAME = 80;

	/** Salesforce's limit for a sales process's or record type's description. */
	public static final int MAX_DESCRIPTION = 255;

	/** The record type name a retrieve gives the master path. */
	public static final String MASTER = "__MASTER__";

	/** A record type of a funnel's sales process as it is deployed. */
	public record RecordType(String apiName, String label, boolean active, String description) {
	}

	/** A path as it is deployed: for a record type's API name, or for {@link #MASTER}. */
	public record Path(String apiName, String label, String recordType, boolean active) {

		public boolean master() {
			return MASTER.equals(recordType);
		}
	}

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

	/** A stage's step in a path: the key fields the path shows, in their order, and the guidance (or null). */
	public record Step(List<String> keyFields, String guidance) {

		/** A step with neither: Salesforce shows the stage without either. */
		public boolean isEmpty() {
			return keyFields.isEmpty() && guidance == null;
		}
	}

	/**
	 * A stage's step in the path {@code path} of its funnel: what the stage's {@code salesforce path "..."} lines
	 * for that path say, or without any, the stage's own {@code salesforce key fields} and {@code guidance}.
	 */
	public static Step step(Stage stage, String path) {
		List<String> keyFields = null;
		String guidance = null;
		boolean own = false;
		for (SalesforcePathStep step : stage.getSalesforcePathSteps()) {
			if (step.getPath() != null && step.getPath().equalsIgnoreCase(path)) {
				own = true;
				keyFields = step.getKeyFields() != null ? step.getKeyFields().getFields() : keyFields;
				guidance = step.getGuidance() != null ? step.getGuidance() : guidance;
			}
		}
		if (!own) {
			keyFields = stage.getSalesforceKeyFields() == null ? null : stage.getSalesforceKeyFields().getFields();
			guidance = stage.getGuidance();
		}
		return new Step(keyFields == null ? List.of() : List.copyOf(keyFields),
				guidance == null || guidance.isEmpty() ? null : guidance);
	}

	/**
	 * The declared sales process name; else the label when it is one Salesforce takes; else the funnel's
	 * name. Null for a funnel that declares {@code salesforce no process}.
	 */
	public static String processName(Funnel funnel) {
		if (funnel.isSalesforceNoProcess()) {
			return null;
		}
		if (funnel.getSalesforceProcess() != null) {
			return funnel.getSalesforceProcess();
		}
		String label = Stages.label(funnel);
		return processNameProblem(label) == null ? label : funnel.getName();
	}

	/**
	 * The funnel's record types: the declared ones; without any, one made from the process name
	 * ({@code B2B New Business} -> {@code B2B_New_Business}, labelled with the process name), unless the funnel
	 * declares {@code salesforce no record type} or {@code salesforce no process}.
	 */
	public static List<RecordType> recordTypes(Funnel funnel) {
		List<RecordType> declared = new ArrayList<>();
		for (SalesforceRecordType type : funnel.getSalesforceRecordTypes()) {
			declared.add(new RecordType(type.getApiName(), type.getLabel() != null ? type.getLabel() : processName(funnel),
					!type.isInactive(), type.getDescription()));
		}
		String process = processName(funnel);
		if (declared.isEmpty() && process != null && !funnel.isSalesforceNoRecordType()) {
			declared.add(new RecordType(apiName(process), process, true, null));
		}
		return declared;
	}

	/**
	 * The funnel's declared paths, each for the record type it names, for the master record type, or
	 * (without {@code for}) for the funnel's first record type.
	 */
	public static List<Path> paths(Funnel funnel) {
		List<RecordType> recordTypes = recordTypes(funnel);
		String first = recordTypes.isEmpty() ? null : recordTypes.get(0).apiName();
		List<Path> paths = new ArrayList<>();
		for (SalesforcePath path : funnel.getSalesforcePaths()) {
			String recordType = path.isMaster() ? MASTER : path.getRecordType() != null ? path.getRecordType() : first;
			String label = path.getLabel() != null ? path.getLabel()
					: processName(funnel) != null ? processName(funnel) : path.getApiName();
			paths.add(new Path(path.getApiName(), label, recordType, !path.isInactive()));
		}
		return paths;
	}

	/** The path a funnel without declared paths gets for its guidance and key fields: its first record type's. */
	public static Path defaultPath(Funnel funnel) {
		List<RecordType> recordTypes = recordTypes(funnel);
		if (!funnel.getSalesforcePaths().isEmpty() || recordTypes.isEmpty()) {
			return null;
		}
		return new Path(recordTypes.get(0).apiName(), processName(funnel), recordTypes.get(0).apiName(), true);
	}

	/**
	 * What Salesforce refuses in a sales process name, or null. Salesforce allows any character (the
	 * retrieve encodes most of them, {@code Partner Sales v2%2E0}) up to 80 characters; XML cannot carry control
	 * characters, and the encoded name is a file name.
	 */
	public static String processNameProblem(String name) {
		if (name.isBlank()) {
			return "it is empty";
		}
		if (!name.strip().equals(name)) {
			return "it begins or ends with a space";
		}
		int length = name.codePointCount(0, name.length());
		if (length > MAX_PROCESS_NAME) {
			return "it has " + length + " characters, more than " + MAX_PROCESS_NAME;
		}
		if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
			return "it has a control character (a line break or tab), which Salesforce metadata cannot hold";
		}
		return null;
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
		if (joined.length() > MADE_API_NAME) {
			joined = joined.substring(0, MADE_API_NAME);
		}
		return joined.replaceAll("_+$", "");
	}

	/**
	 * What is wrong with an API name (Salesforce: letters, digits and underscores, beginning with a
	 * letter, no two underscores in a row, not ending in an underscore, at most 80 characters), or null.
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

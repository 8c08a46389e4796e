package org.funnel.dsl.validation;

/**
 * The code of every problem the checks report. Codes are stable: quick fixes, the command line's
 * JSON and SARIF output and the documentation (docs/language.md) refer to them.
 */
public final class FunnelIssueCodes {

	private FunnelIssueCodes() {
	}

	// Syntax
	public static final String SYNTAX_ERROR = "syntax-error";

	// Names and references
	public static final String DUPLICATE_NAME = "duplicate-name";
	public static final String DUPLICATE_SETTING = "duplicate-setting";
	public static final String INVALID_ENCODING = "invalid-encoding";
	public static final String UNRESOLVED_REFERENCE = "unresolved-reference";
	public static final String IMPORT_NOT_FOUND = "import-not-found";
	public static final String SHADOWS_BUILTIN_CHANNEL = "shadows-builtin-channel";
	public static final String CYCLIC_EXTENDS = "cyclic-extends";
	public static final String EMPTY_LABEL = "empty-label";

	// Probabilities
	public static final String PROBABILITY_OUT_OF_RANGE = "probability-out-of-range";
	public static final String OUTGOING_OVER_100 = "outgoing-over-100";
	public static final String WON_NOT_100 = "won-not-100";
	public static final String LOST_NOT_0 = "lost-not-0";
	public static final String IMPLIED_PROBABILITY_MISMATCH = "implied-probability-mismatch";
	public static final String PROBABILITY_FALLS = "probability-falls";

	// Shape of the funnel
	public static final String NO_WON_STAGE = "no-won-stage";
	public static final String TRANSITION_FROM_TERMINAL = "transition-from-terminal";
	public static final String UNREACHABLE_STAGE = "unreachable-stage";
	public static final String NO_PATH_TO_OUTCOME = "no-path-to-outcome";
	public static final String MIXED_VOLUME_PERIODS = "mixed-volume-periods";
	public static final String VOLUME_TOO_LARGE = "volume-too-large";

	// CRM limits
	public static final String DUPLICATE_LABEL = "duplicate-label";
	public static final String DUPLICATE_HUBSPOT_ID = "duplicate-hubspot-id";
	public static final String HUBSPOT_LABEL_TOO_LONG = "hubspot-label-too-long";
	public static final String HUBSPOT_TOO_MANY_STAGES = "hubspot-too-many-stages";
	public static final String HUBSPOT_PROBABILITY_FORMAT = "hubspot-probability-format";
	public static final String HUBSPOT_PROBABILITY_GRID = "hubspot-probability-grid";
	public static final String HUBSPOT_OPEN_STAGE_CLOSED = "hubspot-open-stage-closed";
	public static final String HUBSPOT_DISPLAY_ORDER = "hubspot-display-order";
	public static final String SALESFORCE_LABEL_TOO_LONG = "salesforce-label-too-long";
	public static final String SALESFORCE_WHOLE_PERCENT = "salesforce-whole-percent";
	public static final String SALESFORCE_FORECAST_CATEGORY = "salesforce-forecast-category";
	public static final String SALESFORCE_PROCESS_NAME = "salesforce-process-name";
	public static final String SALESFORCE_STANDARD_STAGE = "salesforce-standard-stage";
	public static final String SALESFORCE_DEFAULT_STAGE = "salesforce-default-stage";
	public static final String SALESFORCE_API_NAME = "salesforce-api-name";
	public static final String SALESFORCE_SETTING_CONFLICT = "salesforce-setting-conflict";
	public static final String SALESFORCE_DUPLICATE_NAME = "salesforce-duplicate-name";
	public static final String SALESFORCE_PATH_RECORD_TYPE = "salesforce-path-record-type";
	public static final String SALESFORCE_PATH_STEP = "salesforce-path-step";
	public static final String SALESFORCE_DESCRIPTION_TOO_LONG = "salesforce-description-too-long";

	// Deal history
	public static final String HISTORY_NOT_FOUND = "history-not-found";
	public static final String HISTORY_DAY_INVALID = "history-day-invalid";
	public static final String HISTORY_PERIOD_EMPTY = "history-period-empty";
	public static final String HISTORY_SETTING_CONFLICT = "history-setting-conflict";
	/** A history that is there but cannot be read: reported by the language server, which reads it. */
	public static final String HISTORY_UNREADABLE = "history-unreadable";
	/** A declared share outside what the history shows: reported by the language server, which fits the history. */
	public static final String SHARE_OUTSIDE_HISTORY = "share-outside-history";
}

package org.funnel.dsl.crm;

/**
 * The code of every problem a plan reports (the language's checks have theirs in {@code FunnelIssueCodes}). Codes are
 * stable: the command line's output and docs/deploy.md refer to them.
 */
public final class PlanIssueCodes {

	private PlanIssueCodes() {
	}

	// HubSpot
	public static final String HUBSPOT_PIPELINE_ARCHIVED = "hubspot-pipeline-archived";
	public static final String HUBSPOT_PIPELINE_TWICE = "hubspot-pipeline-twice";
	public static final String HUBSPOT_PIPELINE_LABEL_TAKEN = "hubspot-pipeline-label-taken";
	public static final String HUBSPOT_STAGE_ID_TAKEN = "hubspot-stage-id-taken";
	public static final String HUBSPOT_STAGE_REMOVAL = "hubspot-stage-removal";
	public static final String HUBSPOT_STAGE_HOLDS_DEALS = "hubspot-stage-holds-deals";
	public static final String HUBSPOT_STAGE_READ_ONLY = "hubspot-stage-read-only";

	// Salesforce
	public static final String SALESFORCE_STAGE_DEACTIVATED = "salesforce-stage-deactivated";
}

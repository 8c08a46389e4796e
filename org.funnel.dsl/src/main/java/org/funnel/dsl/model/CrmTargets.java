package org.funnel.dsl.model;

import org.funnel.dsl.funnel.Crm;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.HubSpotObject;

/**
 * The CRMs a funnel is deployed to: both, unless it names some with {@code crm hubspot} or
 * {@code crm salesforce}. Checks and generators ask here, so they agree on which funnel goes where.
 */
public final class CrmTargets {

	private CrmTargets() {
	}

	public static boolean hubSpot(Funnel funnel) {
		return funnel.getCrms().isEmpty() || funnel.getCrms().contains(Crm.HUBSPOT);
	}

	public static boolean salesforce(Funnel funnel) {
		return funnel.getCrms().isEmpty() || funnel.getCrms().contains(Crm.SALESFORCE);
	}

	/** A HubSpot deal pipeline: its stages carry a probability (ticket pipelines carry a ticket state). */
	public static boolean hubSpotDeals(Funnel funnel) {
		return hubSpot(funnel) && funnel.getHubspotObject() != HubSpotObject.TICKETS;
	}
}

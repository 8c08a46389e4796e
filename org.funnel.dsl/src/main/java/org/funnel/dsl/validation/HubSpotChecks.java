package org.funnel.dsl.validation;

import java.math.BigDecimal;

import org.eclipse.xtext.validation.Check;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.HubSpotObject;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.CrmTargets;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.HubSpotProbability;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;

/**
 * What would make HubSpot's CRM Pipelines API v3 refuse or misread a pipeline, checked before CI gets
 * there. Applies to funnels that target HubSpot ({@link CrmTargets#hubSpot}).
 */
public class HubSpotChecks extends FunnelChecks {

	/** HubSpot: "The label is limited to 36 characters" (pipeline label, Pipelines API). */
	public static final int MAX_PIPELINE_LABEL = 36;
	/** HubSpot: a pipeline may have up to 100 stages. */
	public static final int MAX_STAGES = 100;

	@Check
	public void hubspotLimits(Funnel funnel) {
		if (funnel.isTemplate() || !CrmTargets.hubSpot(funnel)) {
			return;
		}
		String label = Stages.label(funnel);
		if (label.length() > MAX_PIPELINE_LABEL) {
			error("HubSpot limits pipeline labels to " + MAX_PIPELINE_LABEL + " characters; "
					+ q(label) + " has " + label.length() + ". Shorten it.", funnel,
					funnel.getLabel() != null ? Literals.ELEMENT__LABEL : Literals.ELEMENT__NAME,
					FunnelIssueCodes.HUBSPOT_LABEL_TOO_LONG, new FixData.Label(label.substring(0, MAX_PIPELINE_LABEL)).write());
		}
		EffectiveFunnel structure = analyses.structure(funnel);
		int count = structure.stages().size();
		if (count > MAX_STAGES) {
			error("HubSpot allows at most " + MAX_STAGES + " stages in a pipeline; " + q(funnel.getName())
					+ " has " + count + ". Merge stages or split the funnel, or add 'crm salesforce' if it is not for HubSpot.",
					funnel, Literals.ELEMENT__NAME, FunnelIssueCodes.HUBSPOT_TOO_MANY_STAGES);
		}
		if (funnel.getHubspotObject() == HubSpotObject.TICKETS) {
			return;
		}
		// Deal stages need a probability; without a declared one the generator uses the implied one.
		FunnelAnalysis analysis = analyses.analysis(funnel);
		for (Stage stage : funnel.getStages()) {
			if (Stages.declaredProbability(stage) == null && stage.getTransitions().isEmpty()) {
				error("HubSpot needs a probability for every deal stage, and " + q(stage.getName())
						+ " declares none and has no transitions to imply one. Add 'probability'.", stage,
						Literals.STAGE__NAME, FunnelIssueCodes.HUBSPOT_PROBABILITY_FORMAT);
			} else if (Stages.declaredProbability(stage) == null
					&& analysis.isTrapped(structure.indexOf(stage))) {
				error("HubSpot needs a probability for every deal stage, and the transitions of " + q(stage.getName())
						+ " imply none (it is in a cycle that never closes). Add 'probability'.", stage,
						Literals.STAGE__NAME, FunnelIssueCodes.HUBSPOT_PROBABILITY_FORMAT);
			}
		}
	}

	/**
	 * Deal stage probabilities as HubSpot takes them: on the 0.1 grid, and an open stage neither at 0%
	 * (HubSpot reads it as closed lost) nor at 100% (closed won). The data is the nearest allowed value
	 * (a fraction), for the quick fix.
	 */
	@Check
	public void dealProbabilitiesOnHubSpotsGrid(Funnel funnel) {
		if (funnel.isTemplate() || !CrmTargets.hubSpotDeals(funnel)) {
			return;
		}
		for (Stage stage : funnel.getStages()) {
			BigDecimal fraction = Probabilities.fraction(stage.getProbability());
			if (fraction == null || fraction.compareTo(BigDecimal.ONE) > 0) {
				continue; // none, or out of range (reported as such)
			}
			BigDecimal nearest = HubSpotProbability.nearest(fraction, Stages.outcome(stage));
			String[] fix = new FixData.Probability(nearest).write();
			if (!Stages.isTerminal(stage) && HubSpotProbability.readsAsClosed(fraction)) {
				error("HubSpot reads a deal stage at " + Probabilities.formatExact(fraction) + " as closed "
						+ (fraction.signum() == 0 ? "lost" : "won") + ", but " + q(stage.getName())
						+ " is open. Give it " + Probabilities.formatExact(nearest) + ", or make it a "
						+ (fraction.signum() == 0 ? "lost" : "won") + " stage.", stage.getProbability(),
						Literals.PROBABILITY__VALUE, FunnelIssueCodes.HUBSPOT_OPEN_STAGE_CLOSED, fix);
			} else if (!HubSpotProbability.onGrid(fraction)) {
				error("HubSpot takes deal stage probabilities in steps of 10%, and " + q(stage.getName()) + " declares "
						+ Probabilities.formatExact(fraction) + ". Round it to " + Probabilities.formatExact(nearest)
						+ ", or add 'crm salesforce' if the funnel is not for HubSpot.", stage.getProbability(),
						Literals.PROBABILITY__VALUE, FunnelIssueCodes.HUBSPOT_PROBABILITY_GRID, fix);
			}
		}
		// Stages a funnel takes from its template are deployed with it: name them at 'extends'.
		EffectiveFunnel structure = analyses.structure(funnel);
		for (Stage stage : structure.stages()) {
			BigDecimal fraction = Probabilities.fraction(stage.getProbability());
			if (stage.eContainer() == funnel || fraction == null || fraction.compareTo(BigDecimal.ONE) > 0) {
				continue;
			}
			boolean closed = !Stages.isTerminal(stage) && HubSpotProbability.readsAsClosed(fraction);
			if (closed || !HubSpotProbability.onGrid(fraction)) {
				Funnel owner = Stages.funnel(stage);
				error("Stage " + q(stage.getName()) + " of " + q(owner == null ? "?" : owner.getName()) + " declares "
						+ Probabilities.formatExact(fraction) + ", which HubSpot "
						+ (closed ? "reads as closed" : "cannot take (steps of 10%)") + "; this funnel deploys it to HubSpot. "
						+ "Change it there.", funnel, Literals.FUNNEL__BASE,
						closed ? FunnelIssueCodes.HUBSPOT_OPEN_STAGE_CLOSED : FunnelIssueCodes.HUBSPOT_PROBABILITY_GRID);
			}
		}
	}

	/** HubSpot's {@code displayOrder} is a whole number (int32); pipelines with the same one sort by label. */
	@Check
	public void displayOrderIsAWholeNumber(Funnel funnel) {
		BigDecimal order = funnel.getHubspotDisplayOrder();
		if (order == null) {
			return;
		}
		if (order.signum() < 0 || order.stripTrailingZeros().scale() > 0
				|| order.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
			error("HubSpot's display order is a whole number from 0 to " + Integer.MAX_VALUE + ", not "
					+ Probabilities.plain(order) + ".", funnel, Literals.FUNNEL__HUBSPOT_DISPLAY_ORDER,
					FunnelIssueCodes.HUBSPOT_DISPLAY_ORDER);
		}
	}
}

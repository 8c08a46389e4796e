package org.funnel.dsl.validation;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.xtext.validation.Check;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.funnel.Crm;
import org.funnel.dsl.funnel.ForecastCategory;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.HubSpotObject;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;

/**
 * What would make a deploy to the CRM fail, checked before CI gets there. A funnel targets both
 * CRMs unless it names some with {@code crm hubspot} or {@code crm salesforce}.
 */
public class CrmLimitChecks extends FunnelChecks {

	/** HubSpot: "The label is limited to 36 characters" (pipeline label, Pipelines API). */
	public static final int HUBSPOT_MAX_PIPELINE_LABEL = 36;
	/** HubSpot: a pipeline may have up to 100 stages. */
	public static final int HUBSPOT_MAX_STAGES = 100;
	/** Salesforce: Opportunity.StageName is a picklist of length 40. */
	public static final int SALESFORCE_MAX_STAGE_NAME = 40;

	public static boolean targetsHubSpot(Funnel funnel) {
		return funnel.getCrms().isEmpty() || funnel.getCrms().contains(Crm.HUBSPOT);
	}

	public static boolean targetsSalesforce(Funnel funnel) {
		return funnel.getCrms().isEmpty() || funnel.getCrms().contains(Crm.SALESFORCE);
	}

	@Check
	public void uniqueLabels(Funnel funnel) {
		if (funnel.isTemplate()) {
			return;
		}
		Map<String, Stage> labels = new HashMap<>();
		Map<String, Stage> hubspotIds = new HashMap<>();
		for (Stage stage : analyses.structure(funnel).stages()) {
			Stage first = labels.putIfAbsent(Stages.label(stage), stage);
			if (first != null && stage.eContainer() == funnel) {
				error("Stages " + q(first.getName()) + " and " + q(stage.getName()) + " have the same label "
						+ q(Stages.label(stage)) + "; the CRMs need a different label for every stage. Change one.",
						stage, stage.getLabel() != null ? Literals.STAGE__LABEL : Literals.STAGE__NAME,
						FunnelIssueCodes.DUPLICATE_LABEL);
			}
			if (stage.getHubspotId() != null) {
				Stage firstId = hubspotIds.putIfAbsent(stage.getHubspotId(), stage);
				if (firstId != null && stage.eContainer() == funnel) {
					error("HubSpot id " + q(stage.getHubspotId()) + " is already used by " + q(firstId.getName())
							+ "; each stage needs its own. Change one.", stage, Literals.STAGE__HUBSPOT_ID,
							FunnelIssueCodes.DUPLICATE_HUBSPOT_ID);
				}
			}
		}
	}

	@Check
	public void hubspotLimits(Funnel funnel) {
		if (funnel.isTemplate() || !targetsHubSpot(funnel)) {
			return;
		}
		String label = Stages.label(funnel);
		if (label.length() > HUBSPOT_MAX_PIPELINE_LABEL) {
			error("HubSpot limits pipeline labels to " + HUBSPOT_MAX_PIPELINE_LABEL + " characters; "
					+ q(label) + " has " + label.length() + ". Shorten it.", funnel,
					funnel.getLabel() != null ? Literals.ELEMENT__LABEL : Literals.ELEMENT__NAME,
					FunnelIssueCodes.HUBSPOT_LABEL_TOO_LONG, label.substring(0, HUBSPOT_MAX_PIPELINE_LABEL));
		}
		EffectiveFunnel structure = analyses.structure(funnel);
		int count = structure.stages().size();
		if (count > HUBSPOT_MAX_STAGES) {
			error("HubSpot allows at most " + HUBSPOT_MAX_STAGES + " stages in a pipeline; " + q(funnel.getName())
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

	@Check
	public void salesforceLimits(Funnel funnel) {
		if (funnel.isTemplate() || !targetsSalesforce(funnel)) {
			return;
		}
		for (Stage stage : funnel.getStages()) {
			String label = Stages.label(stage);
			if (label.length() > SALESFORCE_MAX_STAGE_NAME) {
				error("Salesforce limits stage names to " + SALESFORCE_MAX_STAGE_NAME + " characters; " + q(label)
						+ " has " + label.length() + ". Shorten the label.", stage,
						stage.getLabel() != null ? Literals.STAGE__LABEL : Literals.STAGE__NAME,
						FunnelIssueCodes.SALESFORCE_LABEL_TOO_LONG, label.substring(0, SALESFORCE_MAX_STAGE_NAME));
			}
			BigDecimal percent = Probabilities.percent(stage.getProbability());
			if (percent != null && percent.compareTo(Probabilities.HUNDRED) <= 0
					&& percent.stripTrailingZeros().scale() > 0) {
				warning("Salesforce stores whole percents: " + Probabilities.plain(percent) + "% is deployed as "
						+ Probabilities.plain(percent.setScale(0, java.math.RoundingMode.HALF_UP)) + "%.",
						stage.getProbability(), Literals.PROBABILITY__VALUE, FunnelIssueCodes.SALESFORCE_WHOLE_PERCENT);
			}
			ForecastCategory expected = stage.getKind() == StageKind.WON ? ForecastCategory.CLOSED
					: stage.getKind() == StageKind.LOST ? ForecastCategory.OMITTED : null;
			if (expected != null && stage.eIsSet(Literals.STAGE__FORECAST_CATEGORY)
					&& stage.getForecastCategory() != expected) {
				warning("A " + stage.getKind().getLiteral() + " stage belongs in the Salesforce forecast category "
						+ expected.getLiteral() + ", not " + stage.getForecastCategory().getLiteral() + ".", stage,
						Literals.STAGE__FORECAST_CATEGORY, FunnelIssueCodes.SALESFORCE_FORECAST_CATEGORY,
						expected.getLiteral());
			}
		}
		String process = funnel.getSalesforceProcess();
		if (process != null && (process.isBlank() || !process.matches("[\\p{L}\\p{N} _\\-()&]+"))) {
			error("Salesforce sales process names become file names: use letters, digits, spaces, '-', '_', '(', ')' or '&' in "
					+ q(process) + ".", funnel, Literals.FUNNEL__SALESFORCE_PROCESS, FunnelIssueCodes.SALESFORCE_PROCESS_NAME);
		}
	}

}

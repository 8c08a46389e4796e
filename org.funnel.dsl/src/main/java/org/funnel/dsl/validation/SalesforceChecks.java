package org.funnel.dsl.validation;

import java.math.BigDecimal;

import org.eclipse.xtext.validation.Check;
import org.funnel.dsl.funnel.ForecastCategory;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.model.CrmTargets;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;

/**
 * What would make a Salesforce deploy fail or change an org other than meant, checked before CI gets
 * there. Applies to funnels that target Salesforce ({@link CrmTargets#salesforce}).
 */
public class SalesforceChecks extends FunnelChecks {

	/** Salesforce: Opportunity.StageName is a picklist of length 40. */
	public static final int MAX_STAGE_NAME = 40;

	@Check
	public void salesforceLimits(Funnel funnel) {
		if (funnel.isTemplate() || !CrmTargets.salesforce(funnel)) {
			return;
		}
		for (Stage stage : funnel.getStages()) {
			String label = Stages.label(stage);
			if (label.length() > MAX_STAGE_NAME) {
				error("Salesforce limits stage names to " + MAX_STAGE_NAME + " characters; " + q(label)
						+ " has " + label.length() + ". Shorten the label.", stage,
						stage.getLabel() != null ? Literals.STAGE__LABEL : Literals.STAGE__NAME,
						FunnelIssueCodes.SALESFORCE_LABEL_TOO_LONG, label.substring(0, MAX_STAGE_NAME));
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

package org.funnel.dsl.validation;

import java.math.BigDecimal;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.validation.Check;
import org.funnel.dsl.funnel.ForecastCategory;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.SalesforcePath;
import org.funnel.dsl.funnel.SalesforceRecordType;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.CrmTargets;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.SalesforceForecast;
import org.funnel.dsl.model.SalesforceNames;
import org.funnel.dsl.model.Stages;
import java.math.RoundingMode;

/**
 * What would make a Salesforce deploy fail or change an org other than meant, checked before CI gets
 * there. Applies to funnels that target Salesforce ({@link CrmTargets#salesforce}). Stages a funnel
 * takes from its template are deployed with it: their problems are reported at {@code extends}.
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
						+ " has " + label.length() + ". Shorten the label.", stage, labelFeature(stage),
						FunnelIssueCodes.SALESFORCE_LABEL_TOO_LONG,
						new FixData.Label(label.substring(0, MAX_STAGE_NAME)).write());
			}
			BigDecimal percent = Probabilities.percent(stage.getProbability());
			if (percent != null && percent.compareTo(Probabilities.HUNDRED) <= 0
					&& percent.stripTrailingZeros().scale() > 0) {
				warning("Salesforce stores whole percents: " + Probabilities.plain(percent) + "% is deployed as "
						+ Probabilities.plain(percent.setScale(0, RoundingMode.HALF_UP)) + "%.",
						stage.getProbability(), Literals.PROBABILITY__VALUE, FunnelIssueCodes.SALESFORCE_WHOLE_PERCENT);
			}
		}
		String process = funnel.getSalesforceProcess();
		String problem = process == null ? null : SalesforceNames.processNameProblem(process);
		if (problem != null) {
			error("Salesforce does not take " + q(process) + " as a sales process name: " + problem + ".", funnel,
					Literals.FUNNEL__SALESFORCE_PROCESS, FunnelIssueCodes.SALESFORCE_PROCESS_NAME,
					new FixData.Replacement(cleanProcessName(process, funnel.getName())).write());
		}
	}

	/** A name Salesforce takes made from one it does not: no control characters or outer spaces, at most 80 characters. */
	static String cleanProcessName(String name, String fallback) {
		String clean = name.replaceAll("\\p{Cc}+", " ").strip();
		if (clean.codePointCount(0, clean.length()) > SalesforceNames.MAX_PROCESS_NAME) {
			clean = clean.substring(0, clean.offsetByCodePoints(0, SalesforceNames.MAX_PROCESS_NAME)).strip();
		}
		return clean.isEmpty() ? fallback : clean;
	}

	/**
	 * Forecast categories that contradict the stage: a won stage outside Closed, a lost stage outside
	 * Omitted, an open stage in Closed. The data is the category that fits, for the quick fix.
	 */
	@Check
	public void forecastCategoryFitsTheStage(Funnel funnel) {
		if (funnel.isTemplate() || !CrmTargets.salesforce(funnel)) {
			return;
		}
		for (Stage stage : analyses.structure(funnel).stages()) {
			ForecastCategory fitting = SalesforceForecast.fitting(stage);
			if (fitting == null) {
				continue;
			}
			String why = SalesforceForecast.why(stage);
			if (stage.eContainer() == funnel) {
				error(capitalized(why) + ".", stage, Literals.STAGE__FORECAST_CATEGORY,
						FunnelIssueCodes.SALESFORCE_FORECAST_CATEGORY, new FixData.Replacement(fitting.getLiteral()).write());
			} else {
				error("Stage " + q(stage.getName()) + " of " + q(owner(stage)) + " is deployed with this funnel, but " + why
						+ ". Change it there.", funnel, Literals.FUNNEL__BASE, FunnelIssueCodes.SALESFORCE_FORECAST_CATEGORY);
			}
		}
	}

	/**
	 * A label that is one of Salesforce's standard stages spelled otherwise ("Closed won"): Salesforce
	 * compares stage names ignoring case, so the deploy would rename the org's standard value. The data
	 * is the standard spelling, for the quick fix.
	 */
	@Check
	public void standardStagesKeepTheirSpelling(Funnel funnel) {
		if (funnel.isTemplate() || !CrmTargets.salesforce(funnel)) {
			return;
		}
		for (Stage stage : analyses.structure(funnel).stages()) {
			String label = Stages.label(stage);
			String standard = SalesforceNames.respelledStandardStage(label);
			if (standard == null) {
				continue;
			}
			String message = "Salesforce's standard stage is spelled " + q(standard) + "; " + q(label)
					+ " would be deployed over it (Salesforce compares stage names ignoring case)";
			if (stage.eContainer() == funnel) {
				error(message + ". Write " + q(standard) + ".", stage, labelFeature(stage),
						FunnelIssueCodes.SALESFORCE_STANDARD_STAGE, new FixData.Label(standard).write());
			} else {
				error("Stage " + q(stage.getName()) + " of " + q(owner(stage)) + " is deployed with this funnel. " + message
						+ ". Write " + q(standard) + " there.", funnel, Literals.FUNNEL__BASE,
						FunnelIssueCodes.SALESFORCE_STANDARD_STAGE);
			}
		}
	}

	/** A sales process has one default stage at most. */
	@Check
	public void oneDefaultStage(Funnel funnel) {
		if (funnel.isTemplate() || !CrmTargets.salesforce(funnel)) {
			return;
		}
		Stage first = null;
		for (Stage stage : analyses.structure(funnel).stages()) {
			if (!stage.isSalesforceDefault()) {
				continue;
			}
			if (first == null) {
				first = stage;
			} else if (stage.eContainer() == funnel) {
				error("A Salesforce sales process has one default stage, and " + q(first.getName()) + " already is it."
						+ " Remove 'salesforce default' from one of them.", stage, Literals.STAGE__SALESFORCE_DEFAULT,
						FunnelIssueCodes.SALESFORCE_DEFAULT_STAGE);
			} else {
				error("A Salesforce sales process has one default stage, and both " + q(first.getName()) + " and "
						+ q(stage.getName()) + " (of " + q(owner(stage)) + ") declare 'salesforce default'. Keep one.",
						funnel, Literals.FUNNEL__BASE, FunnelIssueCodes.SALESFORCE_DEFAULT_STAGE);
			}
		}
	}

	/** Record type and path API names as Salesforce takes them. The data is a valid name, for the quick fix. */
	@Check
	public void apiNames(Funnel funnel) {
		for (SalesforceRecordType recordType : funnel.getSalesforceRecordTypes()) {
			apiName(recordType, recordType.getApiName(), "record type", Literals.SALESFORCE_RECORD_TYPE__API_NAME);
		}
		for (SalesforcePath path : funnel.getSalesforcePaths()) {
			apiName(path, path.getApiName(), "path", Literals.SALESFORCE_PATH__API_NAME);
		}
	}

	private void apiName(EObject object, String name, String what, EAttribute feature) {
		if (name == null) {
			return;
		}
		String problem = SalesforceNames.apiNameProblem(name);
		if (problem != null) {
			error("A Salesforce " + what + " API name " + q(name) + " is not valid: " + problem + ".", object, feature,
					FunnelIssueCodes.SALESFORCE_API_NAME, new FixData.Replacement(SalesforceNames.apiName(name)).write());
		}
	}

	private static EAttribute labelFeature(Stage stage) {
		return stage.getLabel() != null ? Literals.STAGE__LABEL : Literals.STAGE__NAME;
	}

	private static String owner(Stage stage) {
		Funnel owner = Stages.funnel(stage);
		return owner == null ? "?" : owner.getName();
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}
}

package org.funnel.dsl.model;

import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import org.funnel.dsl.funnel.ForecastCategory;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.Stage;

/**
 * A stage's Salesforce forecast category, and which categories fit its kind: a won stage is
 * {@code Closed}, a lost one {@code Omitted}, and an open stage is never {@code Closed} (Salesforce
 * counts a {@code Closed} opportunity as closed business in every forecast).
 */
public final class SalesforceForecast {

	private SalesforceForecast() {
	}

	/** The declared category; else Closed for won, Omitted for lost, Pipeline for open stages. */
	public static ForecastCategory of(Stage stage) {
		// Omitted is the enum's default value, which eIsSet does not tell from an unset category: the text does.
		if (stage.eIsSet(Literals.STAGE__FORECAST_CATEGORY)
				|| !NodeModelUtils.findNodesForFeature(stage, Literals.STAGE__FORECAST_CATEGORY).isEmpty()) {
			return stage.getForecastCategory();
		}
		return switch (stage.getKind()) {
		case WON -> ForecastCategory.CLOSED;
		case LOST -> ForecastCategory.OMITTED;
		default -> ForecastCategory.PIPELINE;
		};
	}

	/** The category the stage should have instead of its own, or null when its own fits its kind. */
	public static ForecastCategory fitting(Stage stage) {
		ForecastCategory category = of(stage);
		return switch (stage.getKind()) {
		case WON -> category == ForecastCategory.CLOSED ? null : ForecastCategory.CLOSED;
		case LOST -> category == ForecastCategory.OMITTED ? null : ForecastCategory.OMITTED;
		default -> category == ForecastCategory.CLOSED ? ForecastCategory.PIPELINE : null;
		};
	}

	/** Why the category does not fit, for a message: "a won stage belongs in Closed, not BestCase". */
	public static String why(Stage stage) {
		ForecastCategory fitting = fitting(stage);
		if (fitting == null) {
			return null;
		}
		String kind = stage.getKind().getLiteral();
		return switch (stage.getKind()) {
		case WON, LOST -> "a " + kind + " stage belongs in the Salesforce forecast category " + fitting.getLiteral()
				+ ", not " + of(stage).getLiteral();
		default -> "an open stage cannot be in the Salesforce forecast category Closed (Salesforce counts it as closed"
				+ " business); Pipeline, BestCase, MostLikely, Forecast or Omitted fit";
		};
	}
}

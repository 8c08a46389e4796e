package org.funnel.dsl.generator.salesforce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.SourcePosition;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.model.CrmOrder;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.SalesforceForecast;
import org.funnel.dsl.model.SalesforceNames;
import org.funnel.dsl.model.Stages;

/**
 * A funnel as Salesforce sees it: a sales process (none for {@code salesforce no process}), its stages
 * as values of the org's one OpportunityStage set, its record types and its paths with each stage's step.
 */
record FunnelProcess(String name, boolean active, String description, List<StageValue> values, String defaultStage,
		List<SalesforceNames.RecordType> recordTypes, List<PathSteps> paths, String funnelName, String origin) {

	/**
	 * A stage value as the OpportunityStage set holds it; {@code declared} whether the funnel gives its
	 * probability, {@code origin} where its label is written.
	 */
	record StageValue(String label, Outcome outcome, String forecastCategory, int probability, boolean declared,
			String description, String origin) {

		boolean closed() {
			return outcome != Outcome.OPEN;
		}

		boolean won() {
			return outcome == Outcome.WON;
		}

		boolean sameSettings(StageValue other) {
			return outcome == other.outcome && probability == other.probability
					&& forecastCategory.equals(other.forecastCategory)
					&& java.util.Objects.equals(description, other.description);
		}

		String describe() {
			return probability + "%, " + forecastCategory + ", " + outcome.name().toLowerCase(Locale.ROOT)
					+ (description == null ? "" : ", described");
		}
	}

	/** A path and the step of each of the funnel's stages in it, by stage label, in the funnel's order. */
	record PathSteps(SalesforceNames.Path path, Map<String, SalesforceNames.Step> steps) {
	}

	/** Sorted by sales process name (funnels without one by their name, after them). */
	String sortKey() {
		return name != null ? "0" + name : "1" + funnelName;
	}

	static FunnelProcess of(Unit unit, AnalysisCache analyses) {
		Funnel funnel = unit.funnel();
		EffectiveFunnel structure = analyses.structure(funnel);
		FunnelAnalysis analysis = analyses.analysis(funnel);
		List<StageValue> values = new ArrayList<>();
		String defaultStage = null;
		List<Stage> stages = structure.stages();
		List<Stage> ordered = new ArrayList<>();
		for (int i : CrmOrder.of(stages)) {
			Stage stage = stages.get(i);
			ordered.add(stage);
			String at = SourcePosition.of(unit, stage, stage.getLabel() != null ? Literals.STAGE__LABEL : Literals.STAGE__NAME);
			values.add(new StageValue(Stages.label(stage), Stages.outcome(stage), forecastCategory(unit, stage),
					probability(stage, analysis, i), stage.getProbability() != null, stage.getSalesforceDescription(),
					at));
			if (stage.isSalesforceDefault() && defaultStage == null) {
				defaultStage = Stages.label(stage);
			}
		}
		List<PathSteps> paths = new ArrayList<>();
		for (SalesforceNames.Path path : SalesforceNames.paths(funnel)) {
			paths.add(new PathSteps(path, steps(ordered, path.apiName())));
		}
		SalesforceNames.Path implicit = SalesforceNames.defaultPath(funnel);
		if (implicit != null) {
			Map<String, SalesforceNames.Step> steps = steps(ordered, implicit.apiName());
			if (steps.values().stream().anyMatch(s -> !s.isEmpty())) {
				paths.add(new PathSteps(implicit, steps));
			}
		}
		return new FunnelProcess(SalesforceNames.processName(funnel), !funnel.isSalesforceProcessInactive(),
				funnel.getSalesforceDescription(), values, defaultStage, SalesforceNames.recordTypes(funnel), paths,
				funnel.getName(), SourcePosition.of(unit, funnel, Literals.ELEMENT__NAME));
	}

	private static Map<String, SalesforceNames.Step> steps(List<Stage> stages, String path) {
		Map<String, SalesforceNames.Step> steps = new LinkedHashMap<>();
		for (Stage stage : stages) {
			steps.putIfAbsent(Stages.label(stage), SalesforceNames.step(stage, path));
		}
		return steps;
	}

	/**
	 * The stage's forecast category. One that contradicts the stage (a won stage outside Closed, ...) is
	 * refused here too: the checks find it, this keeps the generator from writing it whatever reaches it.
	 */
	static String forecastCategory(Unit unit, Stage stage) {
		String why = SalesforceForecast.why(stage);
		if (why != null) {
			throw new GenerationException(SourcePosition.of(unit, stage, Literals.STAGE__FORECAST_CATEGORY) + ": stage '"
					+ stage.getName() + "': " + why + ".");
		}
		return SalesforceForecast.of(stage).getLiteral();
	}

	/** Whole percent: the declared probability, else the implied one, rounded half up. */
	static int probability(Stage stage, FunnelAnalysis analysis, int index) {
		BigDecimal declared = Stages.declaredProbability(stage);
		double fraction = declared != null ? declared.doubleValue()
				: analysis.isTrapped(index) ? 0 : analysis.winProbability(index);
		BigDecimal percent = declared != null ? declared.multiply(BigDecimal.valueOf(100))
				: BigDecimal.valueOf(fraction * 100);
		return percent.setScale(0, RoundingMode.HALF_UP).intValueExact();
	}
}

package org.funnel.dsl.cli;

import java.util.Map;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.history.DealFlag;
import org.funnel.dsl.history.HistoryCounts;
import org.funnel.dsl.history.fit.Deviation;
import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.history.fit.StageFit;
import org.funnel.dsl.history.fit.TimeInStage;
import org.funnel.dsl.history.fit.TransitionFit;
import org.funnel.dsl.history.stats.Estimate;
import org.funnel.dsl.history.stats.Interval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code funnel fit --format json}: the fit for programs. Shares and probabilities as fractions, times in days, a number
 * that does not exist as null; stages and transitions in the funnel's order.
 */
final class FitJson {

	private FitJson() {
	}

	static ObjectNode of(FunnelFit fit, FunnelWorkspace.Unit unit) {
		ObjectNode root = Json.object();
		root.put("funnel", unit.funnel().getName());
		root.put("file", unit.path());
		root.put("asOf", FitReport.date(fit.asOf()));
		root.put("deals", fit.deals());
		root.put("openDeals", fit.openDeals());
		root.put("confidence", fit.options().confidence());
		root.put("interval", fit.options().interval().name().toLowerCase(java.util.Locale.ROOT));
		root.put("seed", fit.options().seed());
		root.put("minDeals", fit.options().minDeals());
		root.set("winRate", estimate(fit.winRate()));
		root.set("daysToClose", estimate(fit.daysToClose()));
		root.set("daysToWin", estimate(fit.daysToWin()));
		root.set("openPipelineRevenue", estimate(fit.openPipelineRevenue()));
		ArrayNode stages = root.putArray("stages");
		fit.stages().forEach(stage -> stages.add(stage(fit, stage)));
		ArrayNode transitions = root.putArray("transitions");
		fit.transitions().forEach(t -> transitions.add(transition(t)));
		ArrayNode deviations = root.putArray("deviations");
		fit.deviations().forEach(d -> deviations.add(deviation(d)));
		root.set("reading", reading(fit.counts()));
		return root;
	}

	private static ObjectNode stage(FunnelFit fit, StageFit stage) {
		ObjectNode node = Json.object();
		node.put("name", stage.name());
		node.put("label", FitReport.label(fit, stage.stage()));
		node.put("inFunnel", stage.inFunnel());
		node.put("outcome", stage.outcome().name().toLowerCase(java.util.Locale.ROOT));
		node.put("visits", stage.visits());
		node.put("exits", stage.exits());
		node.put("open", stage.open());
		node.put("movedOut", stage.movedOut());
		node.put("entries", stage.entries());
		number(node, "declaredProbability",
				stage.declaredProbability() == null ? Double.NaN : stage.declaredProbability().doubleValue());
		node.set("winProbability", estimate(stage.winProbability()));
		number(node, "probabilityBelowDeclared", stage.probabilityBelowDeclared());
		node.put("probabilityOutside", stage.probabilityOutside());
		node.set("expectedSteps", estimate(stage.expectedSteps()));
		node.set("expectedFlow", estimate(stage.expectedFlow()));
		node.set("daysToClose", estimate(stage.daysToClose()));
		node.set("daysToWin", estimate(stage.daysToWin()));
		node.set("revenuePerDeal", estimate(stage.revenuePerDeal()));
		number(node, "unresolved", stage.unresolved());
		node.put("enoughDeals", stage.enoughDeals());
		if (stage.time() != null) {
			node.set("timeInStage", time(stage.time()));
		}
		return node;
	}

	private static ObjectNode time(TimeInStage time) {
		ObjectNode node = Json.object();
		node.put("stays", time.visits());
		node.put("left", time.left());
		node.put("censored", time.censored());
		node.set("medianDays", estimate(time.median()));
		number(node, "restrictedMeanDays", time.restrictedMean());
		number(node, "horizonDays", time.horizon());
		number(node, "declaredDays", time.declared() == null ? Double.NaN : time.declared().days());
		node.put("declaredOutside", time.declaredOutside());
		node.put("enoughDeals", time.enoughDeals());
		return node;
	}

	private static ObjectNode transition(TransitionFit t) {
		ObjectNode node = Json.object();
		node.put("from", t.fromName());
		node.put("to", t.toName());
		node.put("declared", t.declared());
		number(node, "declaredShare", t.declaredShare());
		node.put("count", t.count());
		node.put("exits", t.exits());
		number(node, "share", t.share());
		node.set("interval", interval(t.interval()));
		node.set("wilson", interval(t.wilson()));
		node.set("jeffreys", interval(t.jeffreys()));
		node.set("dirichlet", interval(t.dirichlet()));
		node.set("goodman", interval(t.goodman()));
		number(node, "censoringCorrected", t.censoringCorrected());
		node.put("enoughDeals", t.enoughDeals());
		node.put("declaredOutside", t.declaredOutside());
		return node;
	}

	private static ObjectNode deviation(Deviation d) {
		ObjectNode node = Json.object();
		node.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
		node.put("subject", d.subject());
		number(node, "declared", d.declared());
		node.set("observed", estimate(d.observed()));
		node.put("deals", d.deals());
		node.put("enoughDeals", d.enoughDeals());
		return node;
	}

	private static ObjectNode reading(HistoryCounts counts) {
		ObjectNode node = Json.object();
		node.put("rows", counts.rows());
		node.put("dealsRead", counts.dealsRead());
		node.put("dealsKept", counts.dealsKept());
		node.put("rowsLeftOut", counts.skippedRowCount());
		node.put("mappedByOutcome", counts.mappedByOutcome());
		counts(node.putObject("dropped"), counts.dropped());
		ObjectNode flagged = node.putObject("flagged");
		for (Map.Entry<DealFlag, Integer> flag : counts.flagged().entrySet()) {
			flagged.put(flag.getKey().name().toLowerCase(java.util.Locale.ROOT), flag.getValue());
		}
		counts(node.putObject("unknownStages"), counts.unknownStages());
		counts(node.putObject("pipelines"), counts.pipelines());
		return node;
	}

	private static void counts(ObjectNode node, Map<String, Integer> counts) {
		counts.forEach(node::put);
	}

	private static ObjectNode estimate(Estimate estimate) {
		ObjectNode node = Json.object();
		number(node, "value", estimate.point());
		number(node, "lower", estimate.lower());
		number(node, "upper", estimate.upper());
		return node;
	}

	private static ObjectNode interval(Interval interval) {
		ObjectNode node = Json.object();
		number(node, "lower", interval.lower());
		number(node, "upper", interval.upper());
		return node;
	}

	/** A number, or null where there is none (JSON has no NaN or infinity). */
	private static void number(ObjectNode node, String field, double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			node.putNull(field);
		} else {
			node.put(field, value);
		}
	}
}

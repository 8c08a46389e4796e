package org.funnel.dsl.ide.hover;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;

/**
 * The numbers editors show for a stage (hover, code lens): its declared win probability, the one its
 * transitions imply, and the expected flow through it — in words and percentages users read.
 */
public record StageFigures(String declared, String implied, String flow, String dropOff, boolean mismatch) {

	/** The figures of a stage in the funnel it is declared in; null when it belongs to none. */
	public static StageFigures of(Stage stage, AnalysisCache analyses) {
		Funnel funnel = Stages.funnel(stage);
		if (funnel == null) {
			return null;
		}
		EffectiveFunnel structure = analyses.structure(funnel);
		FunnelAnalysis analysis = analyses.analysis(funnel);
		int index = structure.indexOf(stage);
		if (index < 0 || index >= analysis.graph().stageCount()) {
			return null;
		}
		BigDecimal declaredFraction = Stages.declaredProbability(stage);
		String declared = declaredFraction == null ? null : Probabilities.formatExact(declaredFraction);
		String implied;
		boolean mismatch = false;
		if (analysis.isTrapped(index)) {
			implied = "never closes (a cycle with no way out)";
		} else if (Stages.isTerminal(stage) || !stage.getTransitions().isEmpty()) {
			double win = analysis.winProbability(index);
			implied = Probabilities.format(win);
			mismatch = declaredFraction != null && !Stages.isTerminal(stage)
					&& Math.abs(declaredFraction.doubleValue() - win) > 0.05 + 1e-9;
		} else {
			implied = null; // no transitions: nothing is implied
		}
		String flow = volume(analysis.expectedFlow(index)) + " " + structure.volumeUnit();
		String dropOff = Stages.isTerminal(stage) || analysis.isTrapped(index) ? null
				: Probabilities.format(analysis.dropOff(index));
		return new StageFigures(declared, implied, flow, dropOff, mismatch);
	}

	/** A volume for reading: "200,000", "1,234.5", "0.35". */
	public static String volume(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		if (Double.isInfinite(value)) {
			return "∞";
		}
		String pattern = Math.abs(value) >= 100 ? "#,##0" : Math.abs(value) >= 10 ? "#,##0.#" : "#,##0.##";
		return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
	}
}

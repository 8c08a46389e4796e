package org.funnel.dsl.ide.history;

import org.funnel.dsl.diagram.ObservedText;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.history.fit.StageFit;
import org.funnel.dsl.history.fit.TimeInStage;
import org.funnel.dsl.history.stats.Estimate;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Stages;

/**
 * An open stage beside what the history shows, as hover and code lens say it ({@link ObservedText}): the win
 * probability its deals had, and how long they stayed (Kaplan–Meier median), each marked where the declared value is
 * outside the interval with enough deals behind it, the rule of {@code funnel fit --check}.
 */
public final class ObservedStages {

	private ObservedStages() {
	}

	/** The fit of an open stage of the funnel; null for a won or lost stage and one the fit does not know. */
	public static StageFit of(FunnelFit fit, EffectiveFunnel structure, Stage stage) {
		int index = structure.indexOf(stage);
		if (index < 0 || index >= fit.stages().size() || Stages.isTerminal(stage)) {
			return null;
		}
		StageFit fitted = fit.stage(index);
		return fitted.inFunnel() && fitted.name().equals(stage.getName()) ? fitted : null;
	}

	/**
	 * The code lens on the stage's name: "history: win 33% (17–54%, n 24) · median 12.5 d (9–15.5)" (not "seen", which
	 * starts the lens of a share).
	 */
	public static String lens(StageFit stage) {
		if (stage.exits() == 0) {
			return "history: no deal has left " + stage.name() + " yet";
		}
		TimeInStage time = timed(stage);
		return (probabilityFlagged(stage) || durationFlagged(time) ? "⚠ " : "") + "history: win " + win(stage)
				+ (time == null ? "" : " · " + median(time));
	}

	/** The hover's lines about the history. */
	public static String hover(FunnelFit fit, StageFit stage) {
		StringBuilder text = new StringBuilder("In the history: ");
		if (stage.exits() == 0) {
			text.append("no deal has left `").append(stage.name()).append("` yet");
		} else {
			text.append("win probability **").append(win(stage)).append("**");
		}
		text.append(", ").append(stage.open()).append(" still open");
		if (stage.declaredProbability() != null && stage.probabilityOutside()) {
			text.append("  \n").append(ObservedShares.outside("win probability", stage.enoughDeals(), fit));
		}
		TimeInStage time = timed(stage);
		if (time != null) {
			text.append("  \nTime in stage: **").append(median(time)).append("**, n ").append(time.visits()).append(", ")
					.append(time.censored()).append(" still open")
					.append(time.declared() == null ? "" : "; declared " + time.declared().written());
			if (time.declaredOutside()) {
				text.append("  \n").append(ObservedShares.outside("duration", time.enoughDeals(), fit));
			}
		}
		return text.toString();
	}

	private static String win(StageFit stage) {
		Estimate win = stage.winProbability();
		return ObservedText.share(win.point(), win.lower(), win.upper(), stage.exits());
	}

	private static String median(TimeInStage time) {
		return ObservedText.median(time.median().point(), time.median().lower(), time.median().upper());
	}

	/** The stage's time, when it declares a duration or some deal left it. */
	private static TimeInStage timed(StageFit stage) {
		TimeInStage time = stage.time();
		return time != null && (time.declared() != null || time.left() > 0) ? time : null;
	}

	private static boolean probabilityFlagged(StageFit stage) {
		return stage.declaredProbability() != null && stage.probabilityOutside() && stage.enoughDeals();
	}

	private static boolean durationFlagged(TimeInStage time) {
		return time != null && time.declaredOutside() && time.enoughDeals();
	}
}

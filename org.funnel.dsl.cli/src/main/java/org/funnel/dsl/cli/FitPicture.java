package org.funnel.dsl.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.diagram.FunnelDiagrams;
import org.funnel.dsl.diagram.ObservedValues;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.history.fit.StageFit;
import org.funnel.dsl.history.fit.TimeInStage;
import org.funnel.dsl.history.fit.TransitionFit;

/**
 * {@code funnel fit --svg}: one picture of the funnel with what the history shows beside what it declares, drawn by the
 * diagram every tool draws. Each arrow carries its declared share and the observed one with its interval and n.
 */
final class FitPicture {

	private FitPicture() {
	}

	/** The SVG; throws {@code DiagramTooLargeException} for a funnel too large to draw. */
	static String svg(FunnelFit fit, FunnelWorkspace.Unit unit, FunnelWorkspace workspace) {
		return FunnelDiagrams.svg(workspace.analyses(), unit.funnel(), DiagramOptions.DEFAULT, observed(fit));
	}

	/** The fit's shares and times as the diagram takes them: only what some deal left or stayed for. */
	static ObservedValues observed(FunnelFit fit) {
		Map<String, ObservedValues.Share> shares = new HashMap<>();
		List<ObservedValues.Share> undeclared = new ArrayList<>();
		for (TransitionFit t : fit.transitions()) {
			if (t.exits() == 0) {
				continue;
			}
			ObservedValues.Share share = new ObservedValues.Share(t.fromName(), t.toName(), t.share(),
					t.interval().lower(), t.interval().upper(), t.count(), t.exits(), t.declaredOutside() && t.enoughDeals());
			if (t.declared()) {
				shares.put(DiagramOptions.transitionKey(t.fromName(), t.toName()), share);
			} else {
				undeclared.add(share);
			}
		}
		Map<String, ObservedValues.Time> times = new HashMap<>();
		for (StageFit stage : fit.stages()) {
			TimeInStage time = stage.time();
			if (time != null && !stage.isTerminal() && stage.inFunnel() && (time.declared() != null || time.left() > 0)) {
				times.put(stage.name(), new ObservedValues.Time(time.median().point(), time.median().lower(),
						time.median().upper(), time.visits(), time.declared() == null ? null : time.declared().written(),
						time.declaredOutside() && time.enoughDeals()));
			}
		}
		return new ObservedValues(shares, undeclared, times, fit.options().minDeals());
	}
}

package org.funnel.dsl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.SourcePosition;
import org.funnel.dsl.history.fit.Deviation;
import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.model.EffectiveFunnel;

/**
 * The fit's deviations as diagnostics at the line that declares the value ({@code moves to}, {@code probability},
 * {@code duration}): errors where enough deals stand behind them ({@code --check} fails on those), notes otherwise.
 */
final class FitDeviations {

	static final String SHARE_OUTSIDE = "fit-share-outside-interval";
	static final String PROBABILITY_OUTSIDE = "fit-probability-outside-interval";
	static final String DURATION_OUTSIDE = "fit-duration-outside-interval";

	private FitDeviations() {
	}

	static List<Diagnostic> diagnostics(FunnelFit fit, FunnelWorkspace.Unit unit, FunnelWorkspace workspace) {
		EffectiveFunnel structure = workspace.analyses().structure(unit.funnel());
		List<Diagnostic> diagnostics = new ArrayList<>();
		for (Deviation d : fit.deviations()) {
			Diagnostic.Severity severity = d.enoughDeals() ? Diagnostic.Severity.ERROR : Diagnostic.Severity.INFO;
			String message = message(d);
			EObject at;
			EStructuralFeature feature;
			String code;
			switch (d.kind()) {
			case SHARE -> {
				at = structure.transitions().get(d.transition());
				feature = FunnelPackage.Literals.TRANSITION__PROBABILITY;
				code = SHARE_OUTSIDE;
			}
			case PROBABILITY -> {
				at = structure.stages().get(d.stage());
				feature = FunnelPackage.Literals.STAGE__PROBABILITY;
				code = PROBABILITY_OUTSIDE;
			}
			default -> {
				at = structure.stages().get(d.stage());
				feature = FunnelPackage.Literals.STAGE__DURATION;
				code = DURATION_OUTSIDE;
			}
			}
			diagnostics.add(SourcePosition.diagnostic(unit, at, feature, severity, message, code));
		}
		diagnostics.sort(null);
		return diagnostics;
	}

	private static String message(Deviation d) {
		boolean days = d.kind() == Deviation.Kind.DURATION;
		String what = switch (d.kind()) {
		case SHARE -> "the share of " + d.subject();
		case PROBABILITY -> "the win probability of " + d.subject();
		case DURATION -> "the median time in " + d.subject();
		};
		String text = "declared " + value(d.declared(), days) + " is outside " + what + " observed in the history: "
				+ value(d.observed().point(), days) + " (95% " + value(d.observed().lower(), days) + "–"
				+ value(d.observed().upper(), days) + ", n = " + d.deals() + ")";
		return d.enoughDeals() ? text : text + "; fewer deals than --min-deals, not judged";
	}

	private static String value(double value, boolean days) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "open";
		}
		return days ? String.format(Locale.ROOT, "%.1f days", value) : String.format(Locale.ROOT, "%.1f%%", value * 100);
	}
}

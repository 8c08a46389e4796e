package org.funnel.dsl.ide.history;

import java.math.BigDecimal;
import java.util.Locale;

import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.history.fit.TransitionFit;
import org.funnel.dsl.model.Probabilities;

/** A declared share beside what the history shows, as code lens and hover say it. */
public final class ObservedShares {

	private ObservedShares() {
	}

	/** The code lens above a {@code moves to} line: "seen 27% (22–33%, n 310)". */
	public static String lens(TransitionFit share) {
		return share.observedPercent() == null ? "seen: no deal has left " + share.fromName() + " yet"
				: "seen " + observed(share);
	}

	/** "27% (22–33%, n 310)": the observed share, its interval and the deals that left the stage. */
	public static String observed(TransitionFit share) {
		return written(share) + " (" + interval(share) + ", n " + share.exits() + ")";
	}

	/**
	 * The observed share as {@code funnel fit --write} writes it ({@link TransitionFit#observedPercent()}, whole or
	 * with one decimal), what the quick fix writes.
	 */
	public static String written(TransitionFit share) {
		return Probabilities.plain(share.observedPercent()) + "%";
	}

	/** The hover's lines about the history: declared and observed share, the interval, n and n still open. */
	public static String hover(FunnelFit fit, TransitionFit share) {
		int open = fit.stage(share.from()).open();
		StringBuilder text = new StringBuilder("In the history: ");
		BigDecimal observed = share.observedPercent();
		if (observed == null) {
			text.append("no deal has left `").append(share.fromName()).append("` yet");
		} else {
			text.append("**").append(written(share)).append("** (95% ").append(interval(share)).append(")");
		}
		text.append(", n = ").append(share.exits()).append(" (").append(share.count()).append(" moved here), ")
				.append(open).append(" still open");
		if (share.declaredOutside()) {
			text.append("  \nThe declared share is outside the interval")
					.append(share.enoughDeals() ? "." : " (fewer deals than " + fit.options().minDeals() + ", not judged).");
		}
		return text.toString();
	}

	/** The interval in whole percents, rounded outwards so that it still holds the true bounds. */
	private static String interval(TransitionFit share) {
		return String.format(Locale.ROOT, "%.0f–%.0f%%", Math.floor(share.interval().lower() * 100),
				Math.ceil(share.interval().upper() * 100));
	}
}

package org.funnel.dsl.ide.history;

import org.funnel.dsl.diagram.ObservedText;
import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.history.fit.TransitionFit;
import org.funnel.dsl.model.Probabilities;

/** A declared share beside what the history shows, as code lens, hover and warning say it ({@link ObservedText}). */
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
		return ObservedText.share(share.share(), share.interval().lower(), share.interval().upper(), share.exits());
	}

	/**
	 * The observed share as {@code funnel fit --write} writes it ({@link TransitionFit#observedPercent()}, whole or
	 * with one decimal).
	 */
	public static String written(TransitionFit share) {
		return Probabilities.plain(share.observedPercent()) + "%";
	}

	/** The hover's lines about the history: the observed share, its interval, n, the deals that took it, n still open. */
	public static String hover(FunnelFit fit, TransitionFit share) {
		int open = fit.stage(share.from()).open();
		StringBuilder text = new StringBuilder("In the history: ");
		if (share.observedPercent() == null) {
			text.append("no deal has left `").append(share.fromName()).append("` yet");
		} else {
			text.append("**").append(observed(share)).append("**: ").append(share.count()).append(" moved here");
		}
		text.append(", ").append(open).append(" still open");
		if (share.declaredOutside()) {
			text.append("  \n").append(outside("share", share.enoughDeals(), fit));
		}
		return text.toString();
	}

	/** "The declared share is outside the interval." and, without enough deals behind it, that it is not judged. */
	static String outside(String what, boolean enoughDeals, FunnelFit fit) {
		return "The declared " + what + " is outside the interval"
				+ (enoughDeals ? "." : " (fewer deals than " + fit.options().minDeals() + ", not judged).");
	}
}

package org.funnel.dsl.diagram;

import java.util.ArrayList;
import java.util.List;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.diagram.FunnelDiagram.Flow;
import org.funnel.dsl.diagram.FunnelDiagram.StageBox;
import org.funnel.dsl.model.Probabilities;
import java.util.Locale;

/**
 * The words in and around a stage's box and on an arrow: the same for the layout, which sizes
 * boxes and labels by them, and for the SVG, which draws them.
 */
final class StageText {

	/** One line in a box: its text, its CSS class, and whether it is the bold title. */
	record Line(String text, String cssClass, boolean title) {

		double fontSize() {
			return title ? TITLE_SIZE : TEXT_SIZE;
		}

		double width() {
			return TextWidths.of(text, fontSize(), title);
		}
	}

	static final double TITLE_SIZE = 13;
	static final double TEXT_SIZE = 11;
	static final double LINE_HEIGHT = 15;
	static final double PADDING = 9;
	static final double MIN_WIDTH = 120;
	/** Wider labels are cut with an ellipsis; the full label is in the box's tooltip. */
	static final double MAX_TEXT_WIDTH = 240;

	private StageText() {
	}

	static List<Line> lines(StageBox stage, String unit) {
		List<Line> lines = new ArrayList<>();
		lines.add(new Line(TextWidths.fit(stage.label(), TITLE_SIZE, true, MAX_TEXT_WIDTH), "fd-label", true));
		if (stage.outcome() == Outcome.OPEN) {
			String implied = stage.trapped() ? "never closes" : "implied " + Probabilities.format(stage.implied());
			lines.add(new Line(stage.declared() == null ? implied
					: "declared " + Probabilities.formatExact(stage.declared()) + " · " + implied, "fd-figures", false));
			lines.add(new Line("flow " + volume(stage.flow(), unit), "fd-flow", false));
		} else {
			lines.add(new Line(stage.outcome().name().toLowerCase(Locale.ROOT) + " · " + volume(stage.flow(), unit),
					"fd-flow", false));
		}
		if (stage.time() != null) {
			lines.add(new Line(time(stage.time()), stage.time().flagged() ? "fd-time fd-flagged-note" : "fd-time", false));
		}
		if (!stage.channels().isEmpty()) {
			// Wrapped between channels, at most three lines; the tooltip has them all.
			StringBuilder line = new StringBuilder("channels");
			int wrapped = 0;
			for (int c = 0; c < stage.channels().size(); c++) {
				String channel = stage.channels().get(c) + (c + 1 < stage.channels().size() ? "," : "");
				if (line.length() > 0 && TextWidths.of(line + " " + channel, TEXT_SIZE, false) > MAX_TEXT_WIDTH
						&& wrapped < 2 && !line.toString().equals("channels")) {
					lines.add(new Line(line.toString(), "fd-channels", false));
					line.setLength(0);
					wrapped++;
				}
				line.append(line.length() == 0 ? "" : " ").append(channel);
			}
			lines.add(new Line(TextWidths.fit(line.toString(), TEXT_SIZE, false, MAX_TEXT_WIDTH), "fd-channels", false));
		}
		if (stage.bottleneck()) {
			lines.add(new Line("⚠ bottleneck", "fd-bottleneck-note", false));
		}
		return lines;
	}

	/** The words beside a leak: share and volume dropping off. */
	static String leak(StageBox stage) {
		return "drop-off " + Probabilities.format(stage.dropOffShare()) + " · "
				+ Probabilities.formatVolume(stage.dropOffVolume());
	}

	/** The words beside an exit: the stage it goes to, the share and the volume. */
	static String exit(Flow flow, StageBox target, boolean back) {
		return (back ? "back to " : "to ") + TextWidths.fit(target.label(), TEXT_SIZE, false, 120) + " "
				+ shares(flow) + (flow.declared() ? " · " + Probabilities.formatVolume(flow.volume()) : "");
	}

	/** The words on an arrow: the share, and the channel when channels are shown. */
	static String share(Flow flow) {
		String share = shares(flow);
		return flow.channel() == null ? share : share + " via " + TextWidths.fit(flow.channel(), TEXT_SIZE, false, 120);
	}

	/**
	 * The declared share and, beside it, the observed one with its interval and n ({@link ObservedText}): "40% · seen 27%
	 * (22–33%, n 310)"; marked "⚠" where the declared share lies outside the interval with enough deals, "not declared"
	 * where it is none.
	 */
	private static String shares(Flow flow) {
		String declared = flow.declared() ? Probabilities.format(flow.share()) : "not declared";
		ObservedValues.Share seen = flow.observed();
		if (seen == null) {
			return declared;
		}
		return (seen.flagged() ? "⚠ " : "") + declared + " · seen " + seen.text();
	}

	/** A stage's time: "in stage declared 2 weeks · median 12.5 d (9–15.5)", marked "⚠" when the declared one is outside. */
	static String time(ObservedValues.Time time) {
		return (time.flagged() ? "⚠ " : "") + "in stage " + (time.declared() == null ? "" : "declared " + time.declared() + " · ")
				+ ObservedText.median(time.median(), time.lower(), time.upper());
	}

	/** The observed values of a transition, in full, for its tooltip; empty without them. */
	static String seenTooltip(Flow flow, StageBox from, int minDeals) {
		ObservedValues.Share seen = flow.observed();
		ObservedText.Figures figures = seen == null ? null : ObservedText.figures(seen.share(), seen.lower(), seen.upper());
		if (figures == null) {
			return "";
		}
		return "; seen in the deal history " + figures.percent() + "%" + (figures.lower() == null ? " ("
				: " (95% interval " + figures.lower() + "% to " + figures.upper() + "%; ") + seen.moved() + " of " + seen.left()
				+ " deals that left " + from.label() + ")"
				+ (seen.flagged() ? "; the declared share lies outside the interval, with at least " + minDeals + " deals"
						: "")
				+ (flow.declared() ? "" : "; the funnel does not declare it");
	}

	/** A tooltip for a stage, with everything the box abbreviates. */
	static String tooltip(StageBox stage, String unit) {
		StringBuilder out = new StringBuilder(stage.label());
		if (!stage.label().equals(stage.name())) {
			out.append(" (").append(stage.name()).append(')');
		}
		out.append(": ").append(stage.outcome().name().toLowerCase(Locale.ROOT)).append(" stage");
		if (stage.outcome() == Outcome.OPEN) {
			if (stage.declared() != null) {
				out.append(", declared ").append(Probabilities.formatExact(stage.declared()));
			}
			out.append(stage.trapped() ? ", never closes" : ", implied win probability " + Probabilities.format(stage.implied()));
		}
		out.append(", expected flow ").append(volume(stage.flow(), unit));
		if (stage.entering() > 0) {
			out.append(", entering ").append(Probabilities.formatVolume(stage.entering()));
		}
		if (stage.leaks()) {
			out.append(", ").append(leak(stage));
		}
		if (!stage.channels().isEmpty()) {
			out.append(", channels ").append(String.join(", ", stage.channels()));
		}
		if (stage.time() != null) {
			ObservedValues.Time time = stage.time();
			out.append("; time in stage seen in the deal history: median ")
					.append(Double.isFinite(time.median()) ? ObservedText.days(time.median()) + " days" : "not reached");
			if (Double.isFinite(time.lower()) && Double.isFinite(time.upper())) {
				out.append(" (95% interval ").append(ObservedText.days(time.lower())).append(" to ")
						.append(ObservedText.days(time.upper())).append(')');
			}
			out.append(", from ").append(time.stays()).append(" stays")
					.append(time.declared() == null ? "" : ", declared " + time.declared())
					.append(time.flagged() ? "; the declared duration lies outside the interval" : "");
		}
		if (stage.bottleneck()) {
			out.append("; the bottleneck: it loses the most");
		}
		if (stage.highlighted()) {
			out.append("; changed");
		}
		return out.toString();
	}

	static String volume(double value, String unit) {
		return Probabilities.formatVolume(value) + (unit == null || unit.isEmpty() ? "" : " " + unit);
	}
}

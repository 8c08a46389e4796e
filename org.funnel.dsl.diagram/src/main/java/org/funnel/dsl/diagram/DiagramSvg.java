package org.funnel.dsl.diagram;

import java.util.List;

import org.funnel.dsl.diagram.DiagramOptions.Theme;
import org.funnel.dsl.diagram.FunnelDiagram.Flow;
import org.funnel.dsl.diagram.FunnelDiagram.StageBox;
import org.funnel.dsl.diagram.LaidOutDiagram.Arrow;
import org.funnel.dsl.diagram.LaidOutDiagram.Box;
import org.funnel.dsl.diagram.LaidOutDiagram.Point;
import org.funnel.dsl.model.Probabilities;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.funnel.dsl.analysis.FunnelGraph;

/**
 * Draws a laid-out funnel diagram as SVG, the one picture every tool shows: the same input gives
 * the same bytes (coordinates rounded to a tenth, no ids that vary, nothing from the clock or the
 * machine).
 * <p>
 * Colours are CSS custom properties ({@code --fd-*}): light by default, dark when the viewer prefers
 * dark ({@code prefers-color-scheme}) and {@code data-theme="auto"}, or as a host sets
 * {@code data-theme="light"} or {@code "dark"} on the root element. Each stage is a
 * {@code <g class="fd-stage" data-stage="Name">} with a {@code <title>}, each transition a
 * {@code <g class="fd-transition" data-from="A" data-to="B">}, so a host can find what was clicked.
 */
public final class DiagramSvg {

	/**
	 * DejaVu Sans first: its widths are the table the layout sizes boxes by ({@link TextWidths});
	 * Verdana and Bitstream Vera, its near twins in width, stand in where it is not installed.
	 */
	private static final String FONT = "'DejaVu Sans',Verdana,'Bitstream Vera Sans',sans-serif";
	private static final String LIGHT = "--fd-bg:#ffffff;--fd-text:#1f2328;--fd-muted:#57606a;"
			+ "--fd-open:#e8f0fe;--fd-open-line:#3b6fd8;--fd-won:#dcf5e3;--fd-won-line:#2b8a3e;"
			+ "--fd-lost:#fde4e4;--fd-lost-line:#c92a2a;--fd-flow:#4c7bd9;--fd-back:#8250df;"
			+ "--fd-leak:#d9480f;--fd-bottleneck:#e8590c;--fd-changed:#bf8700;";
	private static final String DARK = "--fd-bg:#1e1e1e;--fd-text:#e6edf3;--fd-muted:#9da7b3;"
			+ "--fd-open:#1c2b45;--fd-open-line:#6d9cff;--fd-won:#173d22;--fd-won-line:#51cf66;"
			+ "--fd-lost:#4a1c1c;--fd-lost-line:#ff8787;--fd-flow:#7aa2f7;--fd-back:#b392f0;"
			+ "--fd-leak:#ff922b;--fd-bottleneck:#ff922b;--fd-changed:#e3b341;";
	private static final String STYLE = "svg.funnel-diagram{" + LIGHT + "font-family:" + FONT + "}"
			+ "@media (prefers-color-scheme:dark){svg.funnel-diagram[data-theme=auto]{" + DARK + "}}"
			+ "svg.funnel-diagram[data-theme=dark]{" + DARK + "}"
			+ ".fd-background{fill:var(--fd-bg)}"
			+ "text{fill:var(--fd-text);font-size:11px}"
			+ ".fd-label{font-size:13px;font-weight:bold}"
			+ ".fd-figures,.fd-channels,.fd-legend{fill:var(--fd-muted)}"
			+ ".fd-box{stroke-width:1.5}"
			+ ".fd-open .fd-box{fill:var(--fd-open);stroke:var(--fd-open-line)}"
			+ ".fd-won .fd-box{fill:var(--fd-won);stroke:var(--fd-won-line)}"
			+ ".fd-lost .fd-box{fill:var(--fd-lost);stroke:var(--fd-lost-line)}"
			+ ".fd-bottleneck .fd-box{stroke:var(--fd-bottleneck);stroke-width:3.5}"
			+ ".fd-bottleneck-note{fill:var(--fd-bottleneck)}"
			+ ".fd-stage.fd-changed .fd-box{stroke:var(--fd-changed);stroke-width:3.5;stroke-dasharray:7 3}"
			+ ".fd-stage{cursor:pointer}"
			+ ".fd-edge{fill:none;stroke:var(--fd-flow);stroke-opacity:.45;stroke-linejoin:round}"
			+ ".fd-head{fill:var(--fd-flow);fill-opacity:.75}"
			+ ".fd-back .fd-edge{stroke:var(--fd-back)}.fd-back .fd-head{fill:var(--fd-back)}"
			+ ".fd-transition.fd-changed .fd-edge{stroke:var(--fd-changed);stroke-opacity:.85}"
			+ ".fd-transition.fd-changed .fd-head{fill:var(--fd-changed)}"
			+ ".fd-share{paint-order:stroke;stroke:var(--fd-bg);stroke-width:3px;stroke-linejoin:round}"
			+ ".fd-leak-bar{fill:url(#fd-leak-fade)}.fd-leak-top{stop-color:var(--fd-leak);stop-opacity:.8}"
			+ ".fd-leak-bottom{stop-color:var(--fd-leak);stop-opacity:0}.fd-leak-text{fill:var(--fd-leak)}"
			+ ".fd-exit-bar{fill:none;stroke-opacity:.7}.fd-to-won .fd-exit-bar{stroke:var(--fd-won-line)}"
			+ ".fd-to-lost .fd-exit-bar{stroke:var(--fd-lost-line)}"
			+ ".fd-to-open .fd-exit-bar{stroke:var(--fd-flow)}.fd-back.fd-to-open .fd-exit-bar{stroke:var(--fd-back)}.fd-exit-text{fill:var(--fd-muted)}";
	/** The warning colour of the picture with observed values (light, dark); the others leave it out. */
	private static final String WARN_LIGHT = "--fd-warn:#c2255c;";
	private static final String WARN_DARK = "--fd-warn:#f783ac;";
	/** Added to the stylesheet of a picture with observed values, so that pictures without them keep their bytes. */
	private static final String OBSERVED_STYLE = "svg.funnel-diagram{" + WARN_LIGHT + "}"
			+ "@media (prefers-color-scheme:dark){svg.funnel-diagram[data-theme=auto]{" + WARN_DARK + "}}"
			+ "svg.funnel-diagram[data-theme=dark]{" + WARN_DARK + "}.fd-time{fill:var(--fd-muted)}"
			+ ".fd-undeclared .fd-edge{stroke:var(--fd-muted);stroke-dasharray:6 4}.fd-undeclared .fd-head{fill:var(--fd-muted)}"
			+ ".fd-transition.fd-flagged .fd-edge{stroke:var(--fd-warn);stroke-opacity:.85}"
			+ ".fd-transition.fd-flagged .fd-head{fill:var(--fd-warn)}"
			+ ".fd-flagged .fd-share,.fd-flagged-note{fill:var(--fd-warn)}";
	private static final double LEGEND_HEIGHT = 22;

	/** The colours written into each element instead of the stylesheet; null: the stylesheet. */
	private final Map<String, String> flat;

	private DiagramSvg(Map<String, String> flat) {
		this.flat = flat;
	}

	public static String render(LaidOutDiagram laidOut, Theme theme) {
		return new DiagramSvg(null).draw(laidOut, theme);
	}

	/**
	 * The same picture with the colours of one theme written into every element ({@code style}
	 * attributes) and no stylesheet, for SVG rasterisers that know no CSS custom properties (the
	 * Eclipse view draws it with SWT's SVG support).
	 */
	public static String renderFlat(LaidOutDiagram laidOut, boolean dark) {
		Map<String, String> colours = new HashMap<>();
		for (String declaration : (dark ? DARK + WARN_DARK : LIGHT + WARN_LIGHT).split(";")) {
			int colon = declaration.indexOf(':');
			colours.put(declaration.substring(0, colon), declaration.substring(colon + 1));
		}
		return new DiagramSvg(colours).draw(laidOut, dark ? Theme.DARK : Theme.LIGHT);
	}

	/** Inline style for the flat picture (custom properties replaced by their colours); nothing otherwise. */
	private String style(String declarations) {
		if (flat == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(" style=\"");
		int at = 0;
		while (true) {
			int start = declarations.indexOf("var(", at);
			if (start < 0) {
				break;
			}
			int end = declarations.indexOf(')', start);
			out.append(declarations, at, start).append(flat.get(declarations.substring(start + 4, end)));
			at = end + 1;
		}
		return out.append(declarations.substring(at)).append('"').toString();
	}

	/** A text's inline style in the flat picture: the font and its fill. */
	private String text(String declarations) {
		return style("font-family:" + FONT.replace('\'', ' ') + ";font-size:11px;fill:var(--fd-text);" + declarations);
	}

	private String draw(LaidOutDiagram laidOut, Theme theme) {
		FunnelDiagram diagram = laidOut.diagram();
		String unit = diagram.volumeUnit();
		String legend = "Arrow widths are proportional to the expected flow (" + unit + ")"
				+ "; leaks below the boxes are drop-off"
				+ (exitsShown(laidOut) ? ", bars below them exits to stages far away (green: won, red: lost)" : "")
				+ "; purple arrows go back to an earlier stage"
				+ (diagram.bottleneck() >= 0 ? "; orange outline: the bottleneck" : "")
				+ (diagram.observed() == null ? ""
						: "; \"seen\": the share in the deal history (95% interval, n deals that left the stage)"
								+ ", ⚠ declared outside it with at least " + diagram.observed().minDeals()
								+ " deals, dashed: seen, not declared")
				+ ".";
		double width = Math.ceil(Math.max(laidOut.width(), TextWidths.of(legend, 11, false) + 32));
		double height = Math.ceil(laidOut.height() + LEGEND_HEIGHT);
		StringBuilder out = new StringBuilder(4096 + 900 * diagram.stages().size());
		out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"funnel-diagram\" data-theme=\"")
				.append(theme.attribute()).append("\" data-funnel=\"").append(Xml.escape(diagram.name()))
				.append("\" width=\"").append(Xml.number(width)).append("\" height=\"").append(Xml.number(height))
				.append("\" viewBox=\"0 0 ").append(Xml.number(width)).append(' ').append(Xml.number(height))
				.append("\" role=\"img\">\n");
		out.append("<title>").append(Xml.escape(diagram.label())).append(": funnel diagram</title>\n");
		out.append("<desc>").append(Xml.escape(description(diagram))).append("</desc>\n");
		if (flat == null) {
			out.append("<style>").append(STYLE).append(diagram.observed() == null ? "" : OBSERVED_STYLE).append("</style>\n");
		}
		out.append("<defs><linearGradient id=\"fd-leak-fade\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">")
				.append("<stop offset=\"0\" class=\"fd-leak-top\"").append(style("stop-color:var(--fd-leak);stop-opacity:.8"))
				.append("/><stop offset=\"1\" class=\"fd-leak-bottom\"").append(style("stop-color:var(--fd-leak);stop-opacity:0"))
				.append("/></linearGradient></defs>\n");
		out.append("<rect class=\"fd-background\" width=\"100%\" height=\"100%\"").append(style("fill:var(--fd-bg)"))
				.append("/>\n");
		out.append("<g class=\"fd-transitions\">\n");
		List<StageBox> stages = diagram.stages();
		for (Flow flow : diagram.flows()) {
			transition(out, flow, laidOut.arrows().get(flow.index()), diagram);
		}
		out.append("</g>\n<g class=\"fd-stages\">\n");
		for (int i : diagram.order()) {
			stage(out, stages.get(i), laidOut.boxes().get(i), unit);
		}
		out.append("</g>\n");
		out.append("<text class=\"fd-legend\" x=\"16\" y=\"").append(Xml.number(height - 8)).append("\"")
				.append(text("fill:var(--fd-muted)")).append(">")
				.append(Xml.escape(legend)).append("</text>\n");
		out.append("</svg>\n");
		return out.toString();
	}

	/** The flat picture's style of a box: its kind's colours, the bottleneck's or a change's outline. */
	private String boxStyle(StageBox stage) {
		String kind = stage.outcome().name().toLowerCase(Locale.ROOT);
		String line = stage.bottleneck() ? "var(--fd-bottleneck);stroke-width:3.5"
				: stage.highlighted() ? "var(--fd-changed);stroke-width:3.5;stroke-dasharray:7 3"
						: "var(--fd-" + kind + "-line);stroke-width:1.5";
		return style("fill:var(--fd-" + kind + ");stroke:" + line);
	}

	/** The flat picture's style of a line of text in a box, by its class. */
	private static String lineStyle(String cssClass) {
		return switch (cssClass) {
		case "fd-label" -> "font-size:13px;font-weight:bold";
		case "fd-figures", "fd-channels", "fd-time" -> "fill:var(--fd-muted)";
		case "fd-time fd-flagged-note" -> "fill:var(--fd-warn)";
		case "fd-bottleneck-note" -> "fill:var(--fd-bottleneck)";
		default -> "";
		};
	}

	private static boolean exitsShown(LaidOutDiagram laidOut) {
		return laidOut.arrows().stream().anyMatch(Arrow::exit);
	}

	private static String description(FunnelDiagram diagram) {
		int bottleneck = diagram.bottleneck();
		long declared = diagram.flows().stream().filter(Flow::declared).count();
		return "Funnel " + diagram.label() + " with " + diagram.stages().size() + " stages and " + declared
				+ " transitions, left to right" + (bottleneck >= 0 ? "; bottleneck: " + diagram.stages().get(bottleneck).label()
						: "")
				+ "." + (diagram.observed() == null ? "" : observedDescription(diagram));
	}

	/** For a reader who cannot see the marks: which declared shares the history contradicts, what it adds. */
	private static String observedDescription(FunnelDiagram diagram) {
		List<String> flagged = new ArrayList<>();
		List<String> undeclared = new ArrayList<>();
		for (Flow flow : diagram.flows()) {
			String name = diagram.stages().get(flow.source()).label() + " → " + diagram.stages().get(flow.target()).label()
					+ " " + StageText.share(flow);
			if (!flow.declared()) {
				undeclared.add(name);
			} else if (flow.observed() != null && flow.observed().flagged()) {
				flagged.add(name);
			}
		}
		return " Each arrow gives the declared share and the share seen in the deal history, with its 95% interval and n"
				+ " (the deals that left the stage). Declared outside the interval with at least "
				+ diagram.observed().minDeals() + " deals: " + (flagged.isEmpty() ? "none" : String.join("; ", flagged))
				+ ". Seen but not declared: " + (undeclared.isEmpty() ? "none" : String.join("; ", undeclared)) + ".";
	}

	private void stage(StringBuilder out, StageBox stage, Box box, String unit) {
		out.append("<g class=\"fd-stage fd-").append(stage.outcome().name().toLowerCase(Locale.ROOT));
		if (stage.bottleneck()) {
			out.append(" fd-bottleneck");
		}
		if (stage.highlighted()) {
			out.append(" fd-changed");
		}
		out.append("\" data-stage=\"").append(Xml.escape(stage.name())).append("\">");
		out.append("<title>").append(Xml.escape(StageText.tooltip(stage, unit))).append("</title>");
		out.append("<rect class=\"fd-box\" x=\"").append(Xml.number(box.x())).append("\" y=\"").append(Xml.number(box.y()))
				.append("\" width=\"").append(Xml.number(box.width())).append("\" height=\"").append(Xml.number(box.height()))
				.append("\" rx=\"6\"").append(boxStyle(stage)).append("/>");
		double baseline = box.y() + StageText.PADDING + 10.5;
		for (StageText.Line line : StageText.lines(stage, unit)) {
			out.append("<text class=\"").append(line.cssClass()).append("\" x=\"")
					.append(Xml.number(box.x() + StageText.PADDING)).append("\" y=\"").append(Xml.number(baseline)).append('"')
					.append(text(lineStyle(line.cssClass()))).append(">").append(Xml.escape(line.text())).append("</text>");
			baseline += StageText.LINE_HEIGHT;
		}
		if (stage.leaks()) {
			double left = box.x() + StageText.PADDING;
			double top = box.rowTop(0);
			out.append("<g class=\"fd-leak\"><rect class=\"fd-leak-bar\" x=\"").append(Xml.number(left)).append("\" y=\"")
					.append(Xml.number(top)).append("\" width=\"").append(Xml.number(box.leakWidth()))
					.append("\" height=\"").append(Xml.number(DiagramLayout.ROW_HEIGHT - 4)).append('"')
					.append(style("fill:url(#fd-leak-fade)")).append("/>")
					.append("<text class=\"fd-leak-text\" x=\"")
					.append(Xml.number(left + box.leakWidth() + DiagramLayout.BAR_GAP)).append("\" y=\"")
					.append(Xml.number(top + 12.5)).append('"').append(text("fill:var(--fd-leak)")).append(">")
					.append(Xml.escape(StageText.leak(stage)))
					.append("</text></g>");
		}
		out.append("</g>\n");
	}

	private void transition(StringBuilder out, Flow flow, Arrow arrow, FunnelDiagram diagram) {
		List<StageBox> stages = diagram.stages();
		String unit = diagram.volumeUnit();
		StageBox from = stages.get(flow.source());
		StageBox to = stages.get(flow.target());
		out.append("<g class=\"fd-transition");
		if (arrow.exit()) {
			out.append(" fd-exit fd-to-").append(to.outcome().name().toLowerCase(Locale.ROOT));
		}
		if (arrow.back()) {
			out.append(" fd-back");
		}
		if (flow.highlighted()) {
			out.append(" fd-changed");
		}
		if (!flow.declared()) {
			out.append(" fd-undeclared");
		}
		if (flow.observed() != null && flow.observed().flagged()) {
			out.append(" fd-flagged");
		}
		out.append("\" data-from=\"").append(Xml.escape(from.name())).append("\" data-to=\"")
				.append(Xml.escape(to.name())).append("\">");
		String declared = flow.declared() ? Probabilities.format(flow.share()) + " of " + from.label()
				+ ", expected flow " + StageText.volume(flow.volume(), unit) : "not declared";
		out.append("<title>").append(Xml.escape(from.label() + " → " + to.label() + ": " + declared
				+ (flow.channel() == null ? "" : ", via " + flow.channel()) + (arrow.back() ? " (back to an earlier stage)" : "")
				+ StageText.seenTooltip(flow, from, diagram.observed() == null ? 0 : diagram.observed().minDeals())
				+ (flow.highlighted() ? "; changed" : "")))
				.append("</title>");
		if (arrow.exit()) {
			exit(out, flow, arrow, to);
			return;
		}
		if (arrow.points().size() >= 2) {
			arrow(out, flow, arrow);
		}
		out.append("<text class=\"fd-share\" text-anchor=\"middle\" x=\"").append(Xml.number(arrow.labelAnchor().x()))
				.append("\" y=\"").append(Xml.number(arrow.labelAnchor().y() + 4)).append('"')
				.append(text(flow.observed() != null && flow.observed().flagged() ? "fill:var(--fd-warn)" : "")).append(">")
				.append(Xml.escape(StageText.share(flow))).append("</text></g>\n");
	}

	/** A transition drawn as an exit: a short bar below its stage's box, its words beside it. */
	private void exit(StringBuilder out, Flow flow, Arrow arrow, StageBox to) {
		List<Point> points = arrow.points();
		Point top = points.get(0);
		Point bottom = points.get(1);
		String towards = to.outcome() == FunnelGraph.Outcome.WON ? "var(--fd-won-line)"
				: to.outcome() == FunnelGraph.Outcome.LOST ? "var(--fd-lost-line)"
						: arrow.back() ? "var(--fd-back)" : "var(--fd-flow)";
		out.append("<path class=\"fd-exit-bar\"").append(style("fill:none;stroke-opacity:.7;stroke:" + towards))
				.append(" stroke-width=\"").append(Xml.number(arrow.width())).append("\" d=\"M")
				.append(Xml.number(top.x())).append(' ').append(Xml.number(top.y())).append(" L")
				.append(Xml.number(bottom.x()))
				.append(' ').append(Xml.number(bottom.y())).append("\"/>");
		out.append("<text class=\"fd-exit-text\" x=\"").append(Xml.number(arrow.labelAnchor().x())).append("\" y=\"")
				.append(Xml.number(arrow.labelAnchor().y())).append('"').append(text("fill:var(--fd-muted)")).append(">")
				.append(Xml.escape(StageText.exit(flow, to, arrow.back())))
				.append("</text></g>\n");
	}

	/** A transition drawn as an arrow: its path along ELK's route, and its head. */
	private void arrow(StringBuilder out, Flow flow, Arrow arrow) {
		List<Point> points = arrow.points();
		Point end = points.get(points.size() - 1);
		Point before = points.get(points.size() - 2);
		double dx = end.x() - before.x();
		double dy = end.y() - before.y();
		double length = Math.hypot(dx, dy);
		double head = Math.min(6 + arrow.width() * 0.5, length * 0.8);
		double ux = length > 0 ? dx / length : 1;
		double uy = length > 0 ? dy / length : 0;
		double baseX = end.x() - ux * head;
		double baseY = end.y() - uy * head;
		boolean flagged = flow.observed() != null && flow.observed().flagged();
		String colour = flow.highlighted() ? "var(--fd-changed)"
				: flagged ? "var(--fd-warn)"
						: !flow.declared() ? "var(--fd-muted)" : arrow.back() ? "var(--fd-back)" : "var(--fd-flow)";
		out.append("<path class=\"fd-edge\"").append(style("fill:none;stroke-linejoin:round;stroke:" + colour
				+ ";stroke-opacity:" + (flow.highlighted() || flagged ? ".85" : ".45")
				+ (flow.declared() ? "" : ";stroke-dasharray:6 4"))).append(" stroke-width=\"")
				.append(Xml.number(arrow.width())).append("\" d=\"");
		for (int p = 0; p < points.size() - 1; p++) {
			out.append(p == 0 ? 'M' : 'L').append(Xml.number(points.get(p).x())).append(' ')
					.append(Xml.number(points.get(p).y())).append(' ');
		}
		out.append('L').append(Xml.number(baseX)).append(' ').append(Xml.number(baseY)).append("\"/>");
		double half = arrow.width() / 2 + 3;
		out.append("<path class=\"fd-head\"").append(style("fill-opacity:.75;fill:" + colour)).append(" d=\"M")
				.append(Xml.number(end.x())).append(' ').append(Xml.number(end.y()))
				.append(" L").append(Xml.number(baseX - uy * half)).append(' ').append(Xml.number(baseY + ux * half))
				.append(" L").append(Xml.number(baseX + uy * half)).append(' ').append(Xml.number(baseY - ux * half))
				.append(" Z\"/>");
	}
}

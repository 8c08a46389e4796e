package org.funnel.dsl.generator.mermaid;

import java.math.BigDecimal;
import java.util.List;

import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;

/**
 * Target {@code mermaid}: a Mermaid flowchart per funnel ({@code mermaid/<Name>.mmd}), which GitHub
 * renders in Markdown. Stages are nodes labelled with their declared and implied probabilities, won
 * stages green, lost ones red, the bottleneck outlined; transitions are arrows with their
 * probability; drop-off goes to a dashed "Drop-off" node.
 */
public final class MermaidGenerator {

	public static final String DIRECTORY = "mermaid";

	private final AnalysisCache analyses;

	public MermaidGenerator(AnalysisCache analyses) {
		this.analyses = analyses;
	}

	public void generate(List<Unit> units, GeneratedFiles out) {
		for (Unit unit : units) {
			out.add(DIRECTORY + "/" + unit.funnel().getName() + ".mmd", flowchart(unit.funnel()),
					"funnel " + unit.funnel().getName() + " (" + unit.path() + ")");
		}
	}

	/** The flowchart text, ending with a newline. */
	public String flowchart(Funnel funnel) {
		EffectiveFunnel structure = analyses.structure(funnel);
		FunnelAnalysis analysis = analyses.analysis(funnel);
		FunnelGraph graph = structure.graph();
		List<Stage> stages = structure.stages();
		StringBuilder out = new StringBuilder();
		// YAML front matter: a double-quoted YAML string.
		String title = Stages.label(funnel).replaceAll("[\\r\\n\\t]+", " ").replace("\\", "\\\\").replace("\"", "\\\"");
		out.append("---\ntitle: \"").append(title).append("\"\n---\n");
		out.append("flowchart LR\n");
		for (int i = 0; i < stages.size(); i++) {
			node(out, i, stages.get(i), analysis);
		}
		for (int t = 0; t < graph.transitionCount(); t++) {
			Transition transition = structure.transitions().get(t);
			String via = transition.getChannel() == null || transition.getChannel().eIsProxy() ? ""
					: " via " + Stages.label(transition.getChannel());
			out.append("    s").append(graph.source(t)).append(" -->|\"")
					.append(Text.mermaid(Text.percent(analysis.conversion(t)) + via)).append("\"| s")
					.append(graph.target(t)).append('\n');
		}
		boolean anyDropOff = false;
		for (int i = 0; i < stages.size(); i++) {
			if (!Stages.isTerminal(stages.get(i)) && analysis.dropOff(i) > 1e-9) {
				anyDropOff = true;
				out.append("    s").append(i).append(" -.->|\"").append(Text.percent(analysis.dropOff(i)))
						.append("\"| dropoff\n");
			}
		}
		if (anyDropOff) {
			out.append("    dropoff((\"Drop-off\"))\n");
		}
		classes(out, stages, analysis, anyDropOff);
		return out.toString();
	}

	/** A stage's node: its label, and for an open stage its declared and implied win probability. */
	private static void node(StringBuilder out, int i, Stage stage, FunnelAnalysis analysis) {
		StringBuilder label = new StringBuilder(Text.mermaid(Stages.label(stage)));
		BigDecimal declared = Stages.declaredProbability(stage);
		if (!Stages.isTerminal(stage)) {
			label.append("<br>");
			if (declared != null) {
				label.append("declared ").append(Probabilities.formatExact(declared)).append(" · ");
			}
			label.append(analysis.isTrapped(i) ? "never closes" : "implied " + Text.percent(analysis.winProbability(i)));
		}
		String open = Stages.isTerminal(stage) ? "([\"" : "[\"";
		String close = Stages.isTerminal(stage) ? "\"])" : "\"]";
		out.append("    s").append(i).append(open).append(label).append(close).append('\n');
	}

	/** The styles: won, lost, the bottleneck, the drop-off. */
	private static void classes(StringBuilder out, List<Stage> stages, FunnelAnalysis analysis, boolean anyDropOff) {
		out.append("    classDef won fill:#d3f9d8,stroke:#2b8a3e,color:#1b4d2b\n");
		out.append("    classDef lost fill:#ffe3e3,stroke:#c92a2a,color:#5c1a1a\n");
		out.append("    classDef bottleneck stroke:#e8590c,stroke-width:4px\n");
		out.append("    classDef dropoff fill:#f1f3f5,stroke:#868e96,stroke-dasharray:4\n");
		for (int i = 0; i < stages.size(); i++) {
			switch (Stages.outcome(stages.get(i))) {
			case WON -> out.append("    class s").append(i).append(" won\n");
			case LOST -> out.append("    class s").append(i).append(" lost\n");
			default -> {
			}
			}
		}
		if (analysis.bottleneck() >= 0) {
			out.append("    class s").append(analysis.bottleneck()).append(" bottleneck\n");
		}
		if (anyDropOff) {
			out.append("    class dropoff dropoff\n");
		}
	}
}

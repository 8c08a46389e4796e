package org.funnel.dsl.tests.robustness;

import java.util.List;

import org.eclipse.emf.ecore.resource.Resource;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Element;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.Import;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.model.EffectiveFunnel;
import java.math.BigDecimal;
import org.eclipse.emf.ecore.EObject;
import org.funnel.dsl.funnel.Probability;

/**
 * What a parsed file means, as text: every declaration and setting, and the analysis of every funnel
 * down to the last bit of each number. Two files mean the same exactly when their texts are equal.
 */
final class Meaning {

	private Meaning() {
	}

	static String of(Resource resource, AnalysisCache analyses) {
		StringBuilder out = new StringBuilder();
		if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof FunnelFile file)) {
			return "(no content)";
		}
		for (Import anImport : file.getImports()) {
			out.append("import ").append(anImport.getImportURI()).append('\n');
		}
		for (Element element : file.getElements()) {
			if (element instanceof Channel channel) {
				out.append("channel ").append(channel.getName()).append(" label=").append(channel.getLabel()).append('\n');
			} else if (element instanceof Funnel funnel) {
				funnel(funnel, analyses, out);
			}
		}
		return out.toString();
	}

	private static void funnel(Funnel funnel, AnalysisCache analyses, StringBuilder out) {
		out.append("funnel ").append(funnel.getName()).append(" template=").append(funnel.isTemplate())
				.append(" label=").append(funnel.getLabel()).append(" base=")
				.append(funnel.getBase() == null ? null
						: funnel.getBase().eIsProxy() ? "(unresolved)" : funnel.getBase().getName())
				.append(" crms=").append(funnel.getCrms()).append(" hubspot=").append(funnel.isHubspot()).append('/')
				.append(funnel.getHubspotPipelineId()).append('/').append(funnel.getHubspotObject()).append(" salesforce=")
				.append(funnel.getSalesforceProcess()).append('\n');
		for (Stage stage : funnel.getStages()) {
			out.append("  stage ").append(stage.getKind()).append(' ').append(stage.getName()).append(" label=")
					.append(stage.getLabel()).append(" p=").append(number(stage.getProbability()))
					.append(" channels=").append(stage.getChannels().stream().map(Meaning::name).toList())
					.append(" entering=")
					.append(stage.getEntering() == null ? null
							: decimal(stage.getEntering().getAmount()) + "/" + stage.getEntering().isPeriodic() + "/"
									+ stage.getEntering().getPeriod())
					.append(" value=")
					.append(stage.getDealValue() == null ? null
							: decimal(stage.getDealValue().getAmount()) + " " + stage.getDealValue().getCurrency())
					.append(" duration=")
					.append(stage.getDuration() == null ? null
							: decimal(stage.getDuration().getAmount()) + " " + stage.getDuration().getUnit())
					.append(" guidance=").append(stage.getGuidance()).append(" hubspotId=").append(stage.getHubspotId())
					.append(" forecast=").append(stage.getForecastCategory()).append('\n');
			for (Transition transition : stage.getTransitions()) {
				out.append("    to ").append(transition.getTarget() == null ? null : name(transition.getTarget()))
						.append(' ').append(number(transition.getProbability())).append(" via ")
						.append(transition.getChannel() == null ? null : name(transition.getChannel())).append('\n');
			}
		}
		EffectiveFunnel structure = analyses.structure(funnel);
		FunnelAnalysis analysis = analyses.analysis(funnel);
		FunnelGraph graph = structure.graph();
		List<Stage> stages = structure.stages();
		out.append("  analysis of ").append(stages.size()).append(" stages, bottleneck ").append(analysis.bottleneck())
				.append('\n');
		for (int i = 0; i < graph.stageCount(); i++) {
			out.append("    ").append(graph.name(i)).append(' ').append(graph.outcome(i)).append(" win=")
					.append(analysis.winProbability(i)).append(" loss=").append(analysis.lossProbability(i))
					.append(" steps=").append(analysis.expectedSteps(i)).append(" flow=").append(analysis.expectedFlow(i))
					.append(" drop=").append(analysis.dropOff(i)).append(" trapped=").append(analysis.isTrapped(i))
					.append('\n');
		}
		for (int t = 0; t < graph.transitionCount(); t++) {
			out.append("    t").append(graph.source(t)).append("->").append(graph.target(t)).append(' ')
					.append(analysis.conversion(t)).append('\n');
		}
	}

	private static String number(Probability probability) {
		return probability == null ? null : decimal(probability.getValue()) + (probability.isPercent() ? "%" : "");
	}

	/** Equal numbers give equal text, however they were written (1E+3, 1000, 1000.0). */
	private static String decimal(BigDecimal value) {
		return value == null ? null : value.stripTrailingZeros().toString();
	}

	private static String name(EObject object) {
		if (object.eIsProxy()) {
			return "(unresolved)";
		}
		if (object instanceof Stage stage) {
			return stage.getName();
		}
		if (object instanceof Element element) {
			return element.getName();
		}
		return object.toString();
	}
}

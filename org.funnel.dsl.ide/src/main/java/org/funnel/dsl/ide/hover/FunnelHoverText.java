package org.funnel.dsl.ide.hover;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.Probability;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.history.fit.StageFit;
import org.funnel.dsl.history.fit.TransitionFit;
import org.funnel.dsl.ide.history.HistoryFits;
import org.funnel.dsl.ide.history.ObservedShares;
import org.funnel.dsl.ide.history.ObservedStages;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;
import org.funnel.dsl.scoping.BuiltinChannels;

import com.google.inject.Inject;

/**
 * What a hover says about a stage, channel, funnel or transition, as Markdown: its documentation
 * comment and the numbers the funnel's analysis gives for it.
 */
public class FunnelHoverText {

	@Inject
	private AnalysisCache analyses;

	@Inject
	private HistoryFits histories;

	@Inject
	private IEObjectDocumentationProvider documentation;

	/** Markdown for the element, or null when there is nothing to say. */
	public String markdown(EObject element) {
		if (element instanceof Probability probability) {
			element = probability.eContainer();
		}
		if (element instanceof Stage stage) {
			return stage(stage);
		}
		if (element instanceof Channel channel) {
			return withDocumentation(channel, (BuiltinChannels.isBuiltin(channel) ? "**built-in channel** " : "**channel** ")
					+ title(channel.getName(), channel.getLabel()));
		}
		if (element instanceof Funnel funnel) {
			return funnel(funnel);
		}
		if (element instanceof Transition transition) {
			return transition(transition);
		}
		return null;
	}

	private String stage(Stage stage) {
		String kind = stage.getKind() == StageKind.OPEN ? "stage" : stage.getKind().getLiteral() + " stage";
		StringBuilder text = new StringBuilder(
				withDocumentation(stage, "**" + kind + "** " + title(stage.getName(), stage.getLabel())));
		StageFigures figures = StageFigures.of(stage, analyses);
		if (figures != null) {
			text.append("\n\n");
			text.append("Declared win probability: **").append(figures.declared() == null ? "none" : figures.declared())
					.append("**  \n");
			if (figures.implied() != null) {
				text.append("Implied win probability: **").append(figures.implied()).append("**")
						.append(Stages.isTerminal(stage) ? "" : " (from the transitions)")
						.append(figures.mismatch() ? " ⚠ differs from the declared one" : "").append("  \n");
			} else {
				text.append("Implied win probability: none (no transitions; deals here only drop off)  \n");
			}
			text.append("Expected flow: **").append(figures.flow()).append("**");
			if (figures.dropOff() != null) {
				text.append("  \nDrop-off: ").append(figures.dropOff());
			}
		}
		Funnel owner = Stages.funnel(stage);
		if (owner != null) {
			observed(owner, stage, text);
			text.append("\n\nIn funnel `").append(owner.getName()).append('`');
		}
		return text.toString();
	}

	/** What the funnel's history shows for an open stage, once its fit is ready. */
	private void observed(Funnel funnel, Stage stage, StringBuilder text) {
		HistoryFits.Observed observed = histories.now(funnel);
		StageFit fitted = observed == null || observed.fit() == null ? null
				: ObservedStages.of(observed.fit(), analyses.structure(funnel), stage);
		if (fitted != null) {
			text.append("\n\n").append(ObservedStages.hover(observed.fit(), fitted));
		}
	}

	private String funnel(Funnel funnel) {
		StringBuilder text = new StringBuilder(withDocumentation(funnel,
				(funnel.isTemplate() ? "**template funnel** " : "**funnel** ") + title(funnel.getName(), funnel.getLabel())));
		EffectiveFunnel structure = analyses.structure(funnel);
		if (!structure.stages().isEmpty()) {
			FunnelAnalysis analysis = analyses.analysis(funnel);
			text.append("\n\n").append(structure.stages().size()).append(" stages  \n");
			text.append("Overall win rate: **").append(Probabilities.format(analysis.overallWinRate())).append("**  \n");
			text.append("Expected won: **").append(StageFigures.volume(analysis.expectedWon())).append(' ')
					.append(structure.volumeUnit()).append("**");
			if (analysis.bottleneck() >= 0) {
				Stage bottleneck = structure.stages().get(analysis.bottleneck());
				text.append("  \nBottleneck: `").append(bottleneck.getName()).append("` (loses ")
						.append(StageFigures.volume(analysis.expectedLoss(analysis.bottleneck()))).append(' ')
						.append(structure.volumeUnit()).append(')');
			}
		}
		return text.toString();
	}

	private String transition(Transition transition) {
		Stage source = transition.eContainer() instanceof Stage stage ? stage : null;
		Stage target = transition.getTarget();
		if (source == null || target == null || target.eIsProxy()) {
			return null;
		}
		StringBuilder text = new StringBuilder("**transition** `").append(source.getName()).append("` → `")
				.append(target.getName()).append('`');
		Funnel funnel = Stages.funnel(source);
		if (funnel != null) {
			EffectiveFunnel structure = analyses.structure(funnel);
			int index = structure.transitions().indexOf(transition);
			if (index >= 0) {
				FunnelAnalysis analysis = analyses.analysis(funnel);
				text.append("\n\nConversion: **").append(Probabilities.format(analysis.conversion(index))).append("**  \n")
						.append("Expected flow along it: **").append(StageFigures.volume(analysis.transitionFlow(index)))
						.append(' ').append(structure.volumeUnit()).append("**");
				observed(funnel, index, text);
			}
		}
		return text.toString();
	}

	/** The share the funnel's history shows for a declared transition, once its fit is ready. */
	private void observed(Funnel funnel, int transition, StringBuilder text) {
		HistoryFits.Observed observed = histories.now(funnel);
		if (observed == null) {
			return;
		}
		if (observed.fit() == null) {
			text.append("\n\nThe history cannot be read: ").append(observed.problem());
			return;
		}
		TransitionFit share = observed.fit().declaredTransition(transition);
		if (share != null) {
			text.append("\n\nDeclared: **").append(Probabilities.format(share.declaredShare())).append("**  \n")
					.append(ObservedShares.hover(observed.fit(), share));
		}
	}

	private String withDocumentation(EObject element, String heading) {
		String doc = documentation.getDocumentation(element);
		return doc == null || doc.isBlank() ? heading : heading + "\n\n" + doc.strip();
	}

	private static String title(String name, String label) {
		String title = "`" + name + "`";
		return label == null || label.equals(name) ? title : title + " \"" + label + "\"";
	}
}

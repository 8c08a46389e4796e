package org.funnel.dsl.ide.codelens;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codelens.ICodeLensService;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.funnel.Element;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.history.fit.StageFit;
import org.funnel.dsl.history.fit.TransitionFit;
import org.funnel.dsl.ide.history.HistoryFits;
import org.funnel.dsl.ide.history.ObservedShares;
import org.funnel.dsl.ide.history.ObservedStages;
import org.funnel.dsl.ide.hover.StageFigures;
import org.funnel.dsl.model.Stages;

import com.google.inject.Inject;

/**
 * A line above every stage with the win probability its transitions imply and the expected flow
 * through it, so a funnel's numbers can be read without hovering stage by stage; for a funnel that names its history,
 * once the fit is ready, what the history shows beside them and above each {@code moves to} line.
 */
public class FunnelCodeLensService implements ICodeLensService {

	/** Code lenses only show text: no command runs when one is clicked. */
	static final String NO_COMMAND = "";

	@Inject
	private AnalysisCache analyses;

	@Inject
	private HistoryFits histories;

	@Override
	public List<? extends CodeLens> computeCodeLenses(Document document, XtextResource resource, CodeLensParams params,
			CancelIndicator indicator) {
		List<CodeLens> lenses = new ArrayList<>();
		if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof FunnelFile file)) {
			return lenses;
		}
		for (Element element : file.getElements()) {
			if (element instanceof Funnel funnel) {
				HistoryFits.Observed observed = histories.now(funnel);
				FunnelFit fit = observed == null ? null : observed.fit();
				for (Stage stage : funnel.getStages()) {
					if (indicator.isCanceled()) {
						return lenses;
					}
					CodeLens lens = lens(document, stage);
					if (lens != null) {
						lenses.add(lens);
						observed(lens.getRange(), fit == null ? null : ObservedStages.of(fit, analyses.structure(funnel), stage),
								lenses);
					}
				}
				observed(document, funnel, fit, lenses);
			}
		}
		return lenses;
	}

	/** Beside the stage's figures, what its history shows, once the fit is ready. */
	private static void observed(Range name, StageFit stage, List<CodeLens> lenses) {
		if (stage != null) {
			lenses.add(new CodeLens(name, new Command(ObservedStages.lens(stage), NO_COMMAND), null));
		}
	}

	private CodeLens lens(Document document, Stage stage) {
		StageFigures figures = StageFigures.of(stage, analyses);
		List<INode> name = NodeModelUtils.findNodesForFeature(stage, Literals.STAGE__NAME);
		if (figures == null || name.isEmpty()) {
			return null;
		}
		String title = title(stage, figures);
		INode node = name.get(0);
		Range range = new Range(document.getPosition(node.getOffset()), document.getPosition(node.getEndOffset()));
		return new CodeLens(range, new Command(title, NO_COMMAND), null);
	}

	/** Above each of the funnel's own {@code moves to} lines, the share its history shows, once the fit is ready. */
	private void observed(Document document, Funnel funnel, FunnelFit fit, List<CodeLens> lenses) {
		if (fit == null) {
			return;
		}
		List<Transition> transitions = analyses.structure(funnel).transitions();
		for (int index = 0; index < transitions.size(); index++) {
			Transition transition = transitions.get(index);
			TransitionFit share = fit.declaredTransition(index);
			INode node = NodeModelUtils.findActualNodeFor(transition);
			if (share != null && node != null && transition.eResource() == funnel.eResource()) {
				Range range = new Range(document.getPosition(node.getOffset()), document.getPosition(node.getEndOffset()));
				lenses.add(new CodeLens(range, new Command(ObservedShares.lens(share), NO_COMMAND), null));
			}
		}
	}

	static String title(Stage stage, StageFigures figures) {
		StringBuilder title = new StringBuilder();
		if (Stages.isTerminal(stage)) {
			title.append(stage.getKind() == StageKind.WON ? "won" : "lost").append(": ").append(figures.flow())
					.append(" end here");
			return title.toString();
		}
		if (figures.implied() != null) {
			title.append("implied win probability ").append(figures.implied());
			if (figures.declared() != null && figures.mismatch()) {
				title.append(" (declared ").append(figures.declared()).append(')');
			}
		} else {
			title.append("no transitions");
		}
		title.append(" · flow ").append(figures.flow());
		if (figures.dropOff() != null && !"0%".equals(figures.dropOff())) {
			title.append(" · drop-off ").append(figures.dropOff());
		}
		return title.toString();
	}
}

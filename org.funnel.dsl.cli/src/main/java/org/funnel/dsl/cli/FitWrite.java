package org.funnel.dsl.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.funnel.dsl.formatting2.CanonicalFormat;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.history.fit.StageFit;
import org.funnel.dsl.history.fit.TimeInStage;
import org.funnel.dsl.history.fit.TransitionFit;
import org.funnel.dsl.history.fit.WrittenShares;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.EffectiveFunnel;

/**
 * {@code funnel fit --write}: the observed shares, win probabilities and median times put in place of the declared
 * ones, where enough deals stand behind them, then the file laid out by the formatter (comments kept), so that the
 * change is reviewed as a diff. Values declared in another file (a template's stage) are left alone and counted.
 */
final class FitWrite {

	/** A replacement of the text of one written value. */
	private record Edit(int offset, int length, String text) {
	}

	/** What was written, for the message. */
	record Written(int shares, int probabilities, int durations, int elsewhere) {
		int total() {
			return shares + probabilities + durations;
		}
	}

	private final FunnelFit fit;
	private final FunnelWorkspace.Unit unit;
	private final EffectiveFunnel structure;
	private final List<Edit> edits = new ArrayList<>();
	private int shares;
	private int probabilities;
	private int durations;
	private int elsewhere;

	private FitWrite(FunnelFit fit, FunnelWorkspace.Unit unit, EffectiveFunnel structure) {
		this.fit = fit;
		this.unit = unit;
		this.structure = structure;
	}

	/** The file's text with the observed values in place, laid out by the formatter, and what they are. */
	record Observed(String text, Written written) {
	}

	/** The unit's file with the observed values that have enough deals in place of the declared ones. */
	static Observed observed(FunnelFit fit, FunnelWorkspace.Unit unit, FunnelWorkspace workspace) {
		FitWrite write = new FitWrite(fit, unit, workspace.analyses().structure(unit.funnel()));
		for (StageFit stage : fit.stages()) {
			if (stage.inFunnel()) {
				write.stage(stage);
			}
		}
		Written written = new Written(write.shares, write.probabilities, write.durations, write.elsewhere);
		String text = ((XtextResource) unit.funnel().eResource()).getParseResult().getRootNode().getText();
		return new Observed(written.total() == 0 ? text : format(unit.path(), write.apply(text)), written);
	}

	/** Rewrites {@code file} (the unit's) with the observed values; returns what was written. */
	static Written write(FunnelFit fit, FunnelWorkspace.Unit unit, FunnelWorkspace workspace, Path file) throws IOException {
		Observed observed = observed(fit, unit, workspace);
		if (observed.written().total() > 0) {
			FormatCommand.replaceAtomically(file, observed.text());
		}
		return observed.written();
	}

	private void stage(StageFit fitted) {
		Stage stage = structure.stages().get(fitted.stage());
		List<TransitionFit> written = new ArrayList<>();
		BigDecimal kept = BigDecimal.ZERO;
		for (TransitionFit t : fitted.transitions()) {
			if (!t.declared()) {
				continue;
			}
			Transition transition = structure.transitions().get(t.declaredIndex());
			boolean observed = t.enoughDeals() && t.observedPercent() != null;
			if (observed && transition.eResource() == unit.funnel().eResource()) {
				written.add(t);
			} else {
				// Left as declared, and counted when it is declared in another file (a template's stage).
				elsewhere += observed ? 1 : 0;
				BigDecimal declared = Probabilities.percent(transition.getProbability());
				kept = kept.add(declared == null ? BigDecimal.ZERO : declared);
			}
		}
		List<BigDecimal> percents = WrittenShares.atMostHundred(written.stream().map(TransitionFit::observedPercent).toList(),
				kept);
		for (int k = 0; k < written.size(); k++) {
			Transition transition = structure.transitions().get(written.get(k).declaredIndex());
			if (edit(transition, FunnelPackage.Literals.TRANSITION__PROBABILITY, Text.plain(percents.get(k)) + "%")) {
				shares++;
			}
		}
		if (fitted.declaredProbability() != null && fitted.enoughDeals() && fitted.observedProbability() != null
				&& edit(stage, FunnelPackage.Literals.STAGE__PROBABILITY, Text.plain(fitted.observedProbability()) + "%")) {
			probabilities++;
		}
		TimeInStage time = fitted.time();
		if (time != null && time.declared() != null && time.enoughDeals() && time.observed() != null
				&& edit(stage, FunnelPackage.Literals.STAGE__DURATION, time.observed().written())) {
			durations++;
		}
	}

	private boolean edit(EObject object, EStructuralFeature feature, String text) {
		if (object.eResource() != unit.funnel().eResource()) {
			elsewhere++;
			return false;
		}
		List<INode> nodes = NodeModelUtils.findNodesForFeature(object, feature);
		if (nodes.isEmpty()) {
			return false;
		}
		INode node = nodes.get(0);
		edits.add(new Edit(node.getOffset(), node.getLength(), text));
		return true;
	}

	private String apply(String text) {
		StringBuilder out = new StringBuilder(text);
		edits.stream().sorted(Comparator.comparingInt(Edit::offset).reversed())
				.forEach(e -> out.replace(e.offset(), e.offset() + e.length(), e.text()));
		return out.toString();
	}

	/** The text laid out by the formatter, as {@code funnel format} would. */
	private static String format(String path, String text) {
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.NONE).loadText(path, text);
		XtextResource resource = workspace.loaded().get(0).resource();
		return FunnelWorkspace.injector().getInstance(CanonicalFormat.class).format(resource);
	}
}

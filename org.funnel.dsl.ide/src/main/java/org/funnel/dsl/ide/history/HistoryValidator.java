package org.funnel.dsl.ide.history;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.validation.ResourceValidatorImpl;
import org.funnel.dsl.funnel.Element;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.HistoryReading;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.history.fit.TransitionFit;
import org.funnel.dsl.history.fit.WrittenShares;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.validation.FunnelIssueCodes;
import org.funnel.dsl.validation.HistoryChecks;

import com.google.inject.Inject;

/**
 * The language's checks, and in the editor a warning at each declared share its funnel's history puts outside the
 * interval with enough deals behind it: the rule of {@code funnel fit --check} ({@link TransitionFit#declaredOutside()},
 * {@link TransitionFit#enoughDeals()}, at least 30 deals by default), with the share its quick fix writes. Only a fit that is ready counts: the checks never
 * wait for one, and the language server validates the document again when it is done.
 */
public class HistoryValidator extends ResourceValidatorImpl {

	@Inject
	private HistoryFits histories;

	@Inject
	private AnalysisCache analyses;

	@Override
	public List<Issue> validate(Resource resource, CheckMode mode, CancelIndicator indicator) {
		List<Issue> issues = super.validate(resource, mode, indicator);
		if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof FunnelFile file)
				|| !mode.shouldCheck(CheckType.NORMAL)) {
			return issues;
		}
		List<Issue> all = new ArrayList<>(issues);
		for (Element element : file.getElements()) {
			if (element instanceof Funnel funnel) {
				HistoryFits.Observed observed = histories.now(funnel);
				if (observed != null && observed.fit() != null) {
					outside(funnel, observed.fit(), all);
				} else if (observed != null) {
					unreadable(funnel, observed.problem(), all);
				}
			}
		}
		return all;
	}

	private void outside(Funnel funnel, FunnelFit fit, List<Issue> issues) {
		List<Transition> transitions = analyses.structure(funnel).transitions();
		for (int index = 0; index < transitions.size(); index++) {
			TransitionFit share = fit.declaredTransition(index);
			Transition transition = transitions.get(index);
			if (share == null || !share.declaredOutside() || !share.enoughDeals() || share.observedPercent() == null
					|| transition.eResource() != funnel.eResource()) {
				continue;
			}
			List<INode> nodes = NodeModelUtils.findNodesForFeature(transition, Literals.TRANSITION__PROBABILITY);
			if (!nodes.isEmpty()) {
				issues.add(issue(nodes.get(0), share, fixed(fit, share, transitions)));
			}
		}
	}

	/**
	 * What the quick fix writes: the observed share, lowered where the stage's other declared shares leave less (the
	 * rule of {@code fit --write}, {@link WrittenShares}); null when that is the declared share already.
	 */
	private static BigDecimal fixed(FunnelFit fit, TransitionFit share, List<Transition> transitions) {
		BigDecimal others = BigDecimal.ZERO;
		for (TransitionFit other : fit.stage(share.from()).transitions()) {
			BigDecimal declared = other.declared() && other != share
					? Probabilities.percent(transitions.get(other.declaredIndex()).getProbability())
					: null;
			others = declared == null ? others : others.add(declared);
		}
		BigDecimal written = WrittenShares.atMostHundred(List.of(share.observedPercent()), others).get(0);
		BigDecimal declared = Probabilities.percent(transitions.get(share.declaredIndex()).getProbability());
		return declared != null && written.compareTo(declared) == 0 ? null : written;
	}

	/** The history is there but cannot be read: what the reader said, at the path of the file it names. */
	private static void unreadable(Funnel funnel, String problem, List<Issue> issues) {
		List<INode> nodes = NodeModelUtils.findNodesForFeature(funnel, Literals.FUNNEL__HISTORY);
		INode setting = settingNamed(funnel, problem);
		if (setting != null || !nodes.isEmpty()) {
			issues.add(issue(setting != null ? setting : nodes.get(0), FunnelIssueCodes.HISTORY_UNREADABLE,
					"The history cannot be read, so the editor shows no observed shares: " + problem, null));
		}
	}

	/** The path of the setting (opportunities, aliases, ...) whose file the reader's message starts with, or null. */
	private static INode settingNamed(Funnel funnel, String problem) {
		HistoryReading reading = funnel.getHistoryReading();
		if (reading == null || problem == null) {
			return null;
		}
		for (EAttribute feature : List.of(Literals.HISTORY_READING__OPPORTUNITIES,
				Literals.HISTORY_READING__OPPORTUNITY_STAGES, Literals.HISTORY_READING__PIPELINES,
				Literals.HISTORY_READING__ALIASES)) {
			Path file = HistoryChecks.historyPath(funnel.eResource().getURI(), (String) reading.eGet(feature));
			List<INode> nodes = NodeModelUtils.findNodesForFeature(reading, feature);
			if (file != null && problem.startsWith(file + ":") && !nodes.isEmpty()) {
				return nodes.get(0);
			}
		}
		return null;
	}

	/** The warning, with the share the quick fix writes and the observed one as its data (none without a fix). */
	private static Issue issue(INode at, TransitionFit share, BigDecimal fixed) {
		return issue(at, FunnelIssueCodes.SHARE_OUTSIDE_HISTORY,
				"Declared " + Probabilities.format(share.declaredShare()) + " is outside the share of "
						+ share.fromName() + " → " + share.toName() + " in the history: " + ObservedShares.observed(share) + ".",
				fixed == null ? null : new String[] { Probabilities.plain(fixed) + "%", ObservedShares.written(share) });
	}

	private static Issue issue(INode at, String code, String message, String[] data) {
		Issue.IssueImpl issue = new Issue.IssueImpl();
		issue.setSeverity(Severity.WARNING);
		issue.setCode(code);
		issue.setMessage(message);
		issue.setData(data);
		String text = at.getRootNode().getText();
		int offset = at.getOffset();
		int end = at.getEndOffset();
		issue.setOffset(offset);
		issue.setLength(end - offset);
		issue.setLineNumber(at.getStartLine());
		issue.setColumn(offset - text.lastIndexOf('\n', offset - 1));
		issue.setLineNumberEnd(at.getEndLine());
		issue.setColumnEnd(end - text.lastIndexOf('\n', end - 1));
		issue.setUriToProblem(at.getSemanticElement() == null ? null : EcoreUtil.getURI(at.getSemanticElement()));
		return issue;
	}
}

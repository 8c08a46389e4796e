package org.funnel.dsl.ide.contentassist;

import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.Stage;

import com.google.inject.Inject;

/**
 * Completion: Xtext's keywords and names in scope, plus snippets for what people type most, a stage
 * with its probability and a transition, and a transition to one of the funnel's stages.
 */
public class FunnelContentProposalProvider extends IdeContentProposalProvider {

	/** Ranked above keywords and names: a snippet is what a new line most likely needs. */
	private static final int SNIPPET_PRIORITY = 600;

	@Inject
	private AnalysisCache analyses;

	@Override
	protected void _createProposals(Keyword keyword, ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		super._createProposals(keyword, context, acceptor);
		String rule = GrammarUtil.containingRule(keyword).getName();
		if ("stage".equals(keyword.getValue()) && "Stage".equals(rule)) {
			snippet("stage ${1:Name} \"${2:Label}\" {\n\tprobability ${3:50}%\n\tmoves to ${4:Next} ${5:50}%\n}",
					"stage … { probability, moves to }", "A stage with its win probability and a transition", context,
					acceptor);
		} else if ("moves".equals(keyword.getValue()) && "Transition".equals(rule)) {
			snippet("moves to " + stageChoice(context) + " ${2:50}%", "moves to … %",
					"A transition: the share of this stage's deals that move to another stage", context, acceptor);
		} else if ("funnel".equals(keyword.getValue()) && "Funnel".equals(rule)) {
			snippet("funnel ${1:Name} \"${2:Label}\" {\n\tstage ${3:Lead} {\n\t\tprobability ${4:10}%\n\t\tmoves to ${5:Won} ${6:10}%\n\t}\n\n"
					+ "\twon stage ${5:Won} \"${7:Closed Won}\"\n\tlost stage ${8:Lost} \"${9:Closed Lost}\"\n}",
					"funnel … { stages }", "A funnel with an open, a won and a lost stage", context, acceptor);
		}
	}

	private void snippet(String body, String label, String documentation, ContentAssistContext context,
			IIdeContentProposalAcceptor acceptor) {
		ContentAssistEntry entry = getProposalCreator().createSnippet(body, label, context);
		if (entry != null) {
			entry.setDescription("snippet");
			entry.setDocumentation(documentation);
			acceptor.accept(entry, SNIPPET_PRIORITY);
		}
	}

	/** A snippet placeholder offering the stages a transition can go to, or a plain one. */
	private String stageChoice(ContentAssistContext context) {
		EObject model = context.getCurrentModel();
		Funnel funnel = model == null ? null : EcoreUtil2.getContainerOfType(model, Funnel.class);
		Stage current = model == null ? null : EcoreUtil2.getContainerOfType(model, Stage.class);
		Set<String> names = new LinkedHashSet<>();
		if (funnel != null) {
			for (Stage stage : analyses.structure(funnel).stages()) {
				if (stage != current && stage.getName() != null) {
					names.add(stage.getName());
				}
			}
		}
		if (names.isEmpty()) {
			return "${1:Stage}";
		}
		return "${1|" + String.join(",", names) + "|}";
	}
}

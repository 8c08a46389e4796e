package org.funnel.dsl.ide.highlighting;

import java.util.Iterator;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.ide.editor.syntaxcoloring.IHighlightedPositionAcceptor;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.scoping.BuiltinChannels;

/**
 * Colours names by what they name, which a grammar-only colouring cannot know: funnels, stages (won
 * and lost ones marked), channels (built-in ones marked), at their declarations and every reference.
 * The ids are LSP semantic token types and modifiers.
 */
public class FunnelSemanticHighlighting implements ISemanticHighlightingCalculator {

	public static final String FUNNEL = "class";
	public static final String STAGE = "enumMember";
	public static final String CHANNEL = "variable";
	public static final String DECLARATION = "declaration";
	public static final String BUILTIN = "defaultLibrary";
	public static final String READONLY = "readonly";
	/** Marks won and lost stages: they are final. */
	public static final String FINAL = "static";

	@Override
	public void provideHighlightingFor(XtextResource resource, IHighlightedPositionAcceptor acceptor,
			CancelIndicator cancelIndicator) {
		if (resource == null || resource.getParseResult() == null) {
			return;
		}
		for (Iterator<EObject> contents = resource.getAllContents(); contents.hasNext();) {
			if (cancelIndicator.isCanceled()) {
				return;
			}
			EObject object = contents.next();
			if (object instanceof Funnel funnel) {
				mark(acceptor, funnel, Literals.ELEMENT__NAME, FUNNEL, DECLARATION);
				mark(acceptor, funnel, Literals.FUNNEL__BASE, FUNNEL);
			} else if (object instanceof Channel channel) {
				mark(acceptor, channel, Literals.ELEMENT__NAME, CHANNEL, DECLARATION, READONLY);
			} else if (object instanceof Stage stage) {
				mark(acceptor, stage, Literals.STAGE__NAME, stageIds(stage, true));
				markChannels(acceptor, stage, Literals.STAGE__CHANNELS, stage.getChannels());
			} else if (object instanceof Transition transition) {
				Stage target = transition.getTarget();
				mark(acceptor, transition, Literals.TRANSITION__TARGET,
						target == null || target.eIsProxy() ? new String[] { STAGE } : stageIds(target, false));
				Channel via = transition.getChannel();
				markChannels(acceptor, transition, Literals.TRANSITION__CHANNEL, via == null ? List.of() : List.of(via));
			}
		}
	}

	private static String[] stageIds(Stage stage, boolean declaration) {
		boolean terminal = stage.getKind() == StageKind.WON || stage.getKind() == StageKind.LOST;
		if (declaration) {
			return terminal ? new String[] { STAGE, DECLARATION, FINAL } : new String[] { STAGE, DECLARATION };
		}
		return terminal ? new String[] { STAGE, FINAL } : new String[] { STAGE };
	}

	private static void markChannels(IHighlightedPositionAcceptor acceptor, EObject owner, EStructuralFeature feature,
			List<Channel> channels) {
		List<INode> nodes = NodeModelUtils.findNodesForFeature(owner, feature);
		for (int i = 0; i < nodes.size(); i++) {
			Channel channel = i < channels.size() ? channels.get(i) : null;
			boolean builtin = channel != null && !channel.eIsProxy() && BuiltinChannels.isBuiltin(channel);
			INode node = nodes.get(i);
			if (builtin) {
				acceptor.addPosition(node.getOffset(), node.getLength(), CHANNEL, READONLY, BUILTIN);
			} else {
				acceptor.addPosition(node.getOffset(), node.getLength(), CHANNEL, READONLY);
			}
		}
	}

	private static void mark(IHighlightedPositionAcceptor acceptor, EObject owner, EStructuralFeature feature,
			String... ids) {
		for (INode node : NodeModelUtils.findNodesForFeature(owner, feature)) {
			acceptor.addPosition(node.getOffset(), node.getLength(), ids);
		}
	}
}

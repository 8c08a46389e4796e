package org.funnel.dsl.ide.contentassist;

import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.ide.editor.contentassist.antlr.EntryPointFinder;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.funnel.dsl.funnel.Stage;

/**
 * Where completion starts parsing: inside a stage's braces, at that stage. Xtext's finder moves up from
 * an element of a list (a funnel's stages) to the list's owner, so every completion in a stage parsed the
 * funnel from its first stage up to the caret: thousands of stages in a large funnel. Inside the braces
 * nothing after the stage can follow the caret, so the stage alone gives the same proposals.
 */
public class FunnelEntryPointFinder extends EntryPointFinder {

	@Override
	protected boolean shouldUseParent(ICompositeNode result, int offset, ILeafNode leaf) {
		if (isInsideStageBraces(result, offset)) {
			return false;
		}
		return super.shouldUseParent(result, offset, leaf);
	}

	/** The node is a whole stage and the offset lies after its '{' and not after its '}'. */
	private static boolean isInsideStageBraces(ICompositeNode node, int offset) {
		if (!(node.getGrammarElement() instanceof RuleCall) || !(node.getSemanticElement() instanceof Stage)) {
			return false;
		}
		int open = -1;
		int close = -1;
		for (INode child : node.getChildren()) {
			if (child.getGrammarElement() instanceof Keyword keyword) {
				if (open < 0 && "{".equals(keyword.getValue())) {
					open = child.getOffset();
				} else if ("}".equals(keyword.getValue())) {
					close = child.getOffset();
				}
			}
		}
		return open >= 0 && close >= 0 && offset > open && offset <= close;
	}
}

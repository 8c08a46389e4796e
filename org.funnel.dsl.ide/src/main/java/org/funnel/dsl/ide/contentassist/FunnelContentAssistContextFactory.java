package org.funnel.dsl.ide.contentassist;

import org.eclipse.xtext.ide.editor.contentassist.antlr.PartialContentAssistContextFactory;
import org.eclipse.xtext.ide.editor.partialEditing.IPartialEditingContentAssistParser;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * Xtext's completion contexts, parsed from the nearest enclosing rule (partial parsing, see
 * GenerateFunnel.mwe2) with the leaves at the completion offset found by {@link FunnelLeafNodeFinder}
 * (descending to the offset instead of walking the whole file).
 */
public class FunnelContentAssistContextFactory extends PartialContentAssistContextFactory {

	@Override
	protected void initializeNodeAndModelData() {
		rootNode = parseResult.getRootNode();
		if (parser instanceof IPartialEditingContentAssistParser partial) {
			partial.initializeFor(resource.getEntryPoint());
		}
		lastCompleteNode = new FunnelLeafNodeFinder(completionOffset, true).searchIn(rootNode);
		if (lastCompleteNode == null) {
			lastCompleteNode = rootNode;
		}
		currentNode = new FunnelLeafNodeFinder(completionOffset, false).searchIn(rootNode);
		if (currentNode == null) {
			currentNode = lastCompleteNode;
		}
		lastVisibleNode = getLastCompleteNodeByOffset(rootNode, completionOffset);
		datatypeNode = getContainingDatatypeRuleNode(lastCompleteNode);
		currentModel = NodeModelUtils.findActualSemanticObjectFor(lastVisibleNode);
	}
}

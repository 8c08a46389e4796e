package org.funnel.dsl.ide.hover;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.hover.HoverContext;
import org.eclipse.xtext.ide.server.hover.HoverService;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.TextRegion;
import org.funnel.dsl.funnel.Probability;
import org.funnel.dsl.funnel.Transition;

import com.google.inject.Inject;

/** Hovers in the language server: {@link FunnelHoverText}, else Xtext's documentation comment. */
public class FunnelHoverService extends HoverService {

	@Inject
	private FunnelHoverText hoverText;

	@Override
	public String getContents(EObject element) {
		String text = hoverText.markdown(element);
		return text != null ? text : super.getContents(element);
	}

	/**
	 * Xtext hovers over names and references only (an element's hover is empty where its significant region, the
	 * name, is not); a transition has neither of its own, so its share ({@code 40%} in {@code moves to Demo 40%}) is
	 * where it is hovered.
	 */
	@Override
	protected HoverContext createContext(Document document, XtextResource resource, int offset) {
		HoverContext context = super.createContext(document, resource, offset);
		if (context != null && context.getRegion().contains(offset) || resource.getParseResult() == null) {
			return context;
		}
		ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(resource.getParseResult().getRootNode(), offset);
		EObject element = leaf == null || leaf.isHidden() ? null : NodeModelUtils.findActualSemanticObjectFor(leaf);
		Probability share = EcoreUtil2.getContainerOfType(element, Probability.class);
		INode node = share == null ? null : NodeModelUtils.findActualNodeFor(share);
		if (node == null || !(share.eContainer() instanceof Transition)) {
			return context;
		}
		return new HoverContext(document, resource, offset, new TextRegion(node.getOffset(), node.getLength()), share);
	}
}

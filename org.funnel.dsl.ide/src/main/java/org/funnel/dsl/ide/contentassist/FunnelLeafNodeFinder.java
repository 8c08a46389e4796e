package org.funnel.dsl.ide.contentassist;

import org.eclipse.xtext.ide.editor.contentassist.antlr.LeafNodeFinder;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;

/**
 * Xtext's search for the leaf at the completion offset, with the same answer, found by descending
 * into the nodes around the offset instead of walking every leaf from the start of the file: in a
 * file of thousands of stages that walk was most of the time a completion took.
 * <p>
 * The answer, as Xtext defines it: the last of the first run of consecutive leaves that match the
 * offset; when none matches, the last leaf.
 */
public class FunnelLeafNodeFinder extends LeafNodeFinder {

	private final int offset;

	public FunnelLeafNodeFinder(int offset, boolean leading) {
		super(offset, leading);
		this.offset = offset;
	}

	@Override
	protected ILeafNode searchInChildren(ICompositeNode object) {
		ILeafNode first = firstMatch(object);
		if (first == null) {
			return lastLeaf(object);
		}
		ILeafNode result = first;
		for (ILeafNode next = nextLeaf(first, object); next != null && matchesSearchCriteria(next); next = nextLeaf(next,
				object)) {
			result = next;
		}
		return result;
	}

	/**
	 * The first matching leaf in document order. A leaf can only match if it starts at or before the
	 * offset and ends at or after it, so subtrees that end before the offset are skipped, and the
	 * search stops at the first one that starts after it.
	 */
	private ILeafNode firstMatch(INode node) {
		if (node instanceof ILeafNode leaf) {
			return matchesSearchCriteria(leaf) ? leaf : null;
		}
		for (INode child = ((ICompositeNode) node).getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child.getTotalOffset() > offset) {
				return null;
			}
			if (child.getTotalEndOffset() < offset) {
				continue;
			}
			ILeafNode match = firstMatch(child);
			if (match != null) {
				return match;
			}
		}
		return null;
	}

	/** The leaf after this one, within {@code within}; null after the last. */
	private static ILeafNode nextLeaf(INode node, ICompositeNode within) {
		INode current = node;
		while (current != within && current != null) {
			INode sibling = current.getNextSibling();
			if (sibling != null) {
				ILeafNode leaf = firstLeaf(sibling);
				if (leaf != null) {
					return leaf;
				}
				current = sibling;
			} else {
				current = current.getParent();
			}
		}
		return null;
	}

	private static ILeafNode firstLeaf(INode node) {
		if (node instanceof ILeafNode leaf) {
			return leaf;
		}
		for (INode child = ((ICompositeNode) node).getFirstChild(); child != null; child = child.getNextSibling()) {
			ILeafNode leaf = firstLeaf(child);
			if (leaf != null) {
				return leaf;
			}
		}
		return null;
	}

	private static ILeafNode lastLeaf(INode node) {
		if (node instanceof ILeafNode leaf) {
			return leaf;
		}
		for (INode child = ((ICompositeNode) node).getLastChild(); child != null; child = child.getPreviousSibling()) {
			ILeafNode leaf = lastLeaf(child);
			if (leaf != null) {
				return leaf;
			}
		}
		return null;
	}
}

package org.funnel.dsl.ui.outline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the outline: a funnel, stage, channel, transition or import. Two nodes are the
 * same entry when they have the same path of names, so the tree keeps what the user expanded
 * while the text is edited.
 */
public final class OutlineNode {

	private final String key;
	private final String label;
	private final String image;
	private final int offset;
	private final int length;
	private final List<OutlineNode> children = new ArrayList<>();

	public OutlineNode(OutlineNode parent, String id, String label, String image, int offset, int length) {
		this.key = (parent == null ? "" : parent.key + "/") + id;
		this.label = label;
		this.image = image;
		this.offset = offset;
		this.length = length;
		if (parent != null) {
			parent.children.add(this);
		}
	}

	public String label() {
		return label;
	}

	/** An image key of {@link org.funnel.dsl.ui.FunnelImages}. */
	public String image() {
		return image;
	}

	/** Where the entry's name is in the text. */
	public int offset() {
		return offset;
	}

	public int length() {
		return length;
	}

	public List<OutlineNode> children() {
		return children;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof OutlineNode node && key.equals(node.key);
	}

	@Override
	public int hashCode() {
		return Objects.hash(key);
	}

	@Override
	public String toString() {
		return label;
	}
}

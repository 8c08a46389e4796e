package org.funnel.dsl.ide.quickfix;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Text edits on a document, made from the node model of the same text: quick fixes change the words
 * the user wrote and leave everything else (comments, layout) alone.
 */
final class SourceText {

	private final Document document;
	private final String text;
	private final List<TextEdit> edits = new ArrayList<>();

	SourceText(Document document) {
		this.document = document;
		this.text = document.getContents();
	}

	List<TextEdit> edits() {
		return edits;
	}

	String text() {
		return text;
	}

	int offset(Position position) {
		return document.getOffSet(position);
	}

	SourceText replace(int offset, int length, String replacement) {
		edits.add(new TextEdit(new Range(document.getPosition(offset), document.getPosition(offset + length)), replacement));
		return this;
	}

	SourceText replace(INode node, String replacement) {
		return replace(node.getOffset(), node.getLength(), replacement);
	}

	SourceText insert(int offset, String insertion) {
		return replace(offset, 0, insertion);
	}

	/** Deletes the region; when nothing else is on its lines, deletes the lines; else one adjacent space. */
	SourceText deleteRegion(int start, int end) {
		int lineStart = start;
		while (lineStart > 0 && isBlank(text.charAt(lineStart - 1))) {
			lineStart--;
		}
		int lineEnd = end;
		while (lineEnd < text.length() && isBlank(text.charAt(lineEnd))) {
			lineEnd++;
		}
		boolean aloneOnLine = (lineStart == 0 || text.charAt(lineStart - 1) == '\n')
				&& (lineEnd == text.length() || text.charAt(lineEnd) == '\n' || text.charAt(lineEnd) == '\r');
		if (aloneOnLine) {
			if (lineEnd < text.length() && text.charAt(lineEnd) == '\r') {
				lineEnd++;
			}
			if (lineEnd < text.length() && text.charAt(lineEnd) == '\n') {
				lineEnd++;
			}
			return replace(lineStart, lineEnd - lineStart, "");
		}
		if (start > lineStart) {
			start--; // the space before it
		} else if (end < lineEnd) {
			end++;
		}
		return replace(start, end - start, "");
	}

	SourceText delete(INode node) {
		return deleteRegion(node.getOffset(), node.getEndOffset());
	}

	/** The whitespace at the start of the line the offset is on. */
	String indentationAt(int offset) {
		int lineStart = offset;
		while (lineStart > 0 && text.charAt(lineStart - 1) != '\n') {
			lineStart--;
		}
		int end = lineStart;
		while (end < text.length() && isBlank(text.charAt(end))) {
			end++;
		}
		return text.substring(lineStart, end);
	}

	/** True when only whitespace precedes the offset on its line. */
	boolean startsLine(int offset) {
		for (int i = offset - 1; i >= 0 && text.charAt(i) != '\n'; i--) {
			if (!isBlank(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	static INode node(EObject object) {
		return object == null ? null : NodeModelUtils.findActualNodeFor(object);
	}

	/** The innermost semantic object whose text contains the offset. */
	static EObject objectAt(XtextResource resource, int offset) {
		if (resource.getParseResult() == null) {
			return null;
		}
		ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(resource.getParseResult().getRootNode(), offset);
		return leaf == null ? null : NodeModelUtils.findActualSemanticObjectFor(leaf);
	}

	/** The last keyword node with this value directly inside the object's node, e.g. its closing brace. */
	static ILeafNode lastKeyword(EObject object, String value) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(object);
		ILeafNode found = null;
		if (node != null) {
			for (ILeafNode leaf : node.getLeafNodes()) {
				if (leaf.getGrammarElement() instanceof Keyword keyword && keyword.getValue().equals(value)
						&& NodeModelUtils.findActualSemanticObjectFor(leaf) == object) {
					found = leaf;
				}
			}
		}
		return found;
	}

	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t';
	}
}

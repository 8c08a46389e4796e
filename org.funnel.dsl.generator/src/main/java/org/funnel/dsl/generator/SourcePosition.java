package org.funnel.dsl.generator;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.LineAndColumn;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;

/**
 * Where a funnel's element is written, as {@code path:line:column} (1-based), for problems found while
 * generating. The element may come from another file than the unit's (a template's stage).
 */
public final class SourcePosition {

	private SourcePosition() {
	}

	/** The position of {@code feature} of {@code object} (of the object itself when the feature is not written). */
	public static String of(Unit unit, EObject object, EStructuralFeature feature) {
		String path = path(unit, object);
		INode node = node(object, feature);
		if (node == null) {
			return path;
		}
		LineAndColumn at = NodeModelUtils.getLineAndColumn(node, node.getOffset());
		return path + ":" + at.getLine() + ":" + at.getColumn();
	}

	/** A problem found there, reported like a check's: from the start to the end of the feature's text. */
	public static Diagnostic diagnostic(Unit unit, EObject object, EStructuralFeature feature, Diagnostic.Severity severity,
			String message, String code) {
		String path = path(unit, object);
		INode node = node(object, feature);
		if (node == null) {
			return new Diagnostic(path, 1, 1, 1, 1, severity, message, code);
		}
		LineAndColumn start = NodeModelUtils.getLineAndColumn(node, node.getOffset());
		LineAndColumn end = NodeModelUtils.getLineAndColumn(node, node.getEndOffset());
		return new Diagnostic(path, start.getLine(), start.getColumn(), end.getLine(), end.getColumn(), severity, message, code);
	}

	private static INode node(EObject object, EStructuralFeature feature) {
		if (feature != null) {
			List<INode> nodes = NodeModelUtils.findNodesForFeature(object, feature);
			if (!nodes.isEmpty()) {
				return nodes.get(0);
			}
		}
		return NodeModelUtils.findActualNodeFor(object);
	}

	private static String path(Unit unit, EObject object) {
		if (object.eResource() == null || object.eResource() == unit.funnel().eResource()) {
			return unit.path();
		}
		URI uri = object.eResource().getURI();
		return uri.isFile() ? SourceFile.displayUnnamed(Path.of(uri.toFileString())) : uri.toString();
	}
}

package org.funnel.dsl.generator.plan;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.LineAndColumn;
import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;

/**
 * Where in a .funnel file a plan's finding belongs: the name of the stage or funnel it is about, so
 * that it is reported like a check's problem ({@code path:line:column: severity: message [code]}).
 * An inherited stage declared in another file is reported at the funnel that inherits it.
 */
public record Place(String path, int line, int column, int endLine, int endColumn) {

	public static Place of(Unit unit, EObject object) {
		EObject target = object != null && object.eResource() == unit.funnel().eResource() ? object : unit.funnel();
		INode node = nameNode(target);
		if (node == null) {
			return new Place(unit.path(), 1, 1, 1, 1);
		}
		LineAndColumn start = NodeModelUtils.getLineAndColumn(node, node.getOffset());
		LineAndColumn end = NodeModelUtils.getLineAndColumn(node, node.getEndOffset());
		return new Place(unit.path(), start.getLine(), start.getColumn(), end.getLine(), end.getColumn());
	}

	private static INode nameNode(EObject object) {
		EStructuralFeature name = object.eClass().getEStructuralFeature("name");
		if (name != null) {
			List<INode> nodes = NodeModelUtils.findNodesForFeature(object, name);
			if (!nodes.isEmpty()) {
				return nodes.get(0);
			}
		}
		return NodeModelUtils.findActualNodeFor(object);
	}

	public Diagnostic diagnostic(Diagnostic.Severity severity, String message, String code) {
		return new Diagnostic(path, line, column, endLine, endColumn, severity, message, code);
	}
}

package org.funnel.dsl.linking;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource.Diagnostic;
import org.eclipse.xtext.linking.impl.XtextLinkingDiagnostic;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.util.Triple;

/**
 * Xtext's resource, with one cost removed: after every reference it resolves, Xtext builds the
 * "unresolved reference" message for it (to find and remove a stale one) whenever the file has any
 * error at all. That message looks for the closest names in scope, so a file with one typo paid for
 * a spelling suggestion on every reference. Here a stale linking error is found by its position
 * instead, and the message is only built when one exists there.
 */
public class FunnelLinkingResource extends LazyLinkingResource {

	@Override
	protected void removeDiagnostic(Triple<EObject, EReference, INode> triple) {
		if (getErrors().isEmpty() && getWarnings().isEmpty()) {
			return;
		}
		INode node = triple.getThird();
		if (node == null || !hasLinkingDiagnosticAt(getErrors(), node) && !hasLinkingDiagnosticAt(getWarnings(), node)) {
			return;
		}
		super.removeDiagnostic(triple);
	}

	private static boolean hasLinkingDiagnosticAt(List<Diagnostic> diagnostics, INode node) {
		int offset = node.getOffset();
		int length = node.getLength();
		for (Diagnostic diagnostic : diagnostics) {
			if (diagnostic instanceof XtextLinkingDiagnostic linking && linking.getOffset() == offset
					&& linking.getLength() == length) {
				return true;
			}
		}
		return false;
	}
}

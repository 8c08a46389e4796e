package org.funnel.dsl.validation;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;
import org.funnel.dsl.funnel.FunnelFile;

/**
 * A file is read as UTF-8. Bytes that are not UTF-8 (a file saved as Latin-1 or Windows-1252, say)
 * are decoded as U+FFFD, the replacement character, and would end up in CRM labels as '�': that is an
 * error at the first such place, not a silent change of the user's text.
 */
public class EncodingChecks extends FunnelChecks {

	static final char REPLACEMENT = '\uFFFD';

	@Check
	public void validUtf8(FunnelFile file) {
		ICompositeNode root = NodeModelUtils.getNode(file);
		if (root == null) {
			return;
		}
		root = root.getRootNode();
		String text = root.getText();
		int offset = text.indexOf(REPLACEMENT);
		if (offset < 0) {
			return;
		}
		// Reported at the first character that is not UTF-8 (its line and column say where, also inside a long
		// comment), on the object whose text holds it.
		ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(root, root.getTotalOffset() + offset);
		EObject owner = leaf == null ? null : NodeModelUtils.findActualSemanticObjectFor(leaf);
		if (owner == null || owner.eResource() != file.eResource()) {
			owner = file;
		}
		String message = "The file is not valid UTF-8: here are bytes that are not a character in UTF-8"
				+ " (shown as U+FFFD). Save the file as UTF-8.";
		getMessageAcceptor().acceptError(message, owner, root.getTotalOffset() + offset, 1, FunnelIssueCodes.INVALID_ENCODING);
	}
}

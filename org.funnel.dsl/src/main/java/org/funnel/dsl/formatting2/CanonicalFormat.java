package org.funnel.dsl.formatting2;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * The canonical text of a parsed file, for the command line ({@code funnel format}) and tests. Editors
 * use the same formatter through Xtext's formatting service.
 */
public class CanonicalFormat {

	@Inject
	private Provider<IFormatter2> formatter;

	@Inject
	private Provider<TextRegionAccessBuilder> regionAccess;

	/**
	 * The file's text in the canonical layout. A file with syntax errors comes back unchanged: its
	 * structure is unknown, and reformatting it could move text the user is still writing.
	 */
	public String format(XtextResource resource) {
		String text = resource.getParseResult().getRootNode().getText();
		if (resource.getParseResult().hasSyntaxErrors()) {
			return text;
		}
		if (resource.getContents().isEmpty()) {
			// Nothing but blanks and comments: no structure to lay out.
			return text.isBlank() ? "" : text;
		}
		if (hasDetachedElements(resource)) {
			return text;
		}
		ITextRegionAccess access = regionAccess.get().forNodeModel(resource).create();
		FormatterRequest request = new FormatterRequest();
		request.setTextRegionAccess(access);
		List<ITextReplacement> replacements = formatter.get().format(request);
		return access.getRewriter().renderToString(replacements);
	}

	/**
	 * True when a setting is given twice in a block ({@code deal value 1 deal value 2}, an error the
	 * checks report): the parser then replaces the first value's object, which stays in the node model
	 * without a container, and Xtext's formatter cannot build its regions (it throws a
	 * NullPointerException). Such a file is left as it is until the duplicate is removed.
	 */
	public static boolean hasDetachedElements(XtextResource resource) {
		if (resource.getParseResult() == null || resource.getContents().isEmpty()) {
			return false;
		}
		EObject root = resource.getContents().get(0);
		for (INode node : resource.getParseResult().getRootNode().getAsTreeIterable()) {
			if (node.hasDirectSemanticElement()) {
				EObject element = node.getSemanticElement();
				if (element != root && element.eContainer() == null) {
					return true;
				}
			}
		}
		return false;
	}
}

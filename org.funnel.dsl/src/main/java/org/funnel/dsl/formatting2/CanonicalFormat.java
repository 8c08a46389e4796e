package org.funnel.dsl.formatting2;

import java.util.List;

import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
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
		ITextRegionAccess access = regionAccess.get().forNodeModel(resource).create();
		FormatterRequest request = new FormatterRequest();
		request.setTextRegionAccess(access);
		List<ITextReplacement> replacements = formatter.get().format(request);
		return access.getRewriter().renderToString(replacements);
	}
}

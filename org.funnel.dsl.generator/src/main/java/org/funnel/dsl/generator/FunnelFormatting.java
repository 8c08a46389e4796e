package org.funnel.dsl.generator;

import java.util.List;

import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Injector;

/** The language's canonical layout (its formatter2) applied to a whole file. */
public final class FunnelFormatting {

	private final Injector injector;

	public FunnelFormatting(Injector injector) {
		this.injector = injector;
	}

	/**
	 * The canonical text of a parsed file. The file must have no syntax errors (the formatter needs a
	 * complete parse tree).
	 */
	public String format(XtextResource resource) {
		IFormatter2 formatter = injector.getInstance(IFormatter2.class);
		FormatterRequest request = injector.getInstance(FormatterRequest.class);
		ITextRegionAccess regions = injector.getInstance(TextRegionAccessBuilder.class).forNodeModel(resource).create();
		request.setTextRegionAccess(regions);
		request.setFormatUndefinedHiddenRegionsOnly(false);
		request.setAllowIdentityEdits(false);
		List<ITextReplacement> replacements = formatter.format(request);
		return regions.getRewriter().renderToString(replacements);
	}

}

package org.funnel.dsl.ide.formatting;

import java.util.Collections;
import java.util.List;

import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.preferences.ITypedPreferenceValues;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.funnel.dsl.formatting2.CanonicalFormat;

/**
 * Xtext's formatting service, except for a file with a setting given twice in a block: Xtext cannot
 * lay that out (see {@link CanonicalFormat#hasDetachedElements}) and would answer the editor with an
 * internal error; here it answers with no edits, like the command line, until the duplicate is gone.
 */
public class FunnelFormattingService extends FormattingService {

	@Override
	protected List<ITextReplacement> format2(XtextResource resource, ITextRegion selection,
			ITypedPreferenceValues preferences) {
		if (CanonicalFormat.hasDetachedElements(resource)) {
			return Collections.emptyList();
		}
		return super.format2(resource, selection, preferences);
	}
}

package org.funnel.dsl.ide.hover;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.ide.server.hover.HoverService;

import com.google.inject.Inject;

/** Hovers in the language server: {@link FunnelHoverText}, else Xtext's documentation comment. */
public class FunnelHoverService extends HoverService {

	@Inject
	private FunnelHoverText hoverText;

	@Override
	public String getContents(EObject element) {
		String text = hoverText.markdown(element);
		return text != null ? text : super.getContents(element);
	}
}

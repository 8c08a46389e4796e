package org.funnel.dsl.ui.editor;

import java.util.Map;

import org.eclipse.jface.text.TextAttribute;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;

/**
 * The colours of funnel text, by style. Lexical styles follow Xtext's defaults (purple bold
 * keywords, green comments, blue strings) so the editor looks like any Xtext editor; semantic
 * styles tell stages, channels and funnels apart, and won from lost.
 */
public final class FunnelColours {

	public static final String KEYWORD = "keyword";
	public static final String COMMENT = "comment";
	public static final String STRING = "string";
	public static final String NUMBER = "number";
	public static final String PUNCTUATION = "punctuation";
	public static final String DEFAULT = "default";
	public static final String INVALID = "invalidToken";

	public static final String FUNNEL = "funnel";
	public static final String STAGE = "stage";
	public static final String WON_STAGE = "wonStage";
	public static final String LOST_STAGE = "lostStage";
	public static final String CHANNEL = "channel";
	public static final String DECLARATION = "declaration";
	/** The LSP modifier the language's highlighting gives built-in channels (TV, Radio, ...). */
	public static final String BUILTIN_CHANNEL = "defaultLibrary";

	private static final Map<String, TextAttribute> STYLES = Map.ofEntries(
			Map.entry(KEYWORD, new TextAttribute(rgb(127, 0, 85), null, SWT.BOLD)),
			Map.entry(COMMENT, new TextAttribute(rgb(63, 127, 95))),
			Map.entry(STRING, new TextAttribute(rgb(42, 0, 255))),
			Map.entry(NUMBER, new TextAttribute(rgb(125, 125, 125))),
			Map.entry(PUNCTUATION, new TextAttribute(null)),
			Map.entry(DEFAULT, new TextAttribute(null)),
			Map.entry(INVALID, new TextAttribute(rgb(255, 0, 0))),
			Map.entry(FUNNEL, new TextAttribute(rgb(0, 0, 192), null, SWT.BOLD)),
			Map.entry(STAGE, new TextAttribute(rgb(0, 102, 153))),
			Map.entry(WON_STAGE, new TextAttribute(rgb(0, 128, 0))),
			Map.entry(LOST_STAGE, new TextAttribute(rgb(176, 32, 32))),
			Map.entry(CHANNEL, new TextAttribute(rgb(153, 76, 0), null, SWT.ITALIC)),
			Map.entry(BUILTIN_CHANNEL, new TextAttribute(rgb(128, 100, 60), null, SWT.ITALIC)),
			// Only adds bold: a declaration keeps the colour of what it declares.
			Map.entry(DECLARATION, new TextAttribute(null, null, SWT.BOLD)));

	private FunnelColours() {
	}

	/** The attribute of a style, or null for a style this editor does not know. */
	public static TextAttribute of(String style) {
		return STYLES.get(style);
	}

	private static Color rgb(int red, int green, int blue) {
		// Colours without a device need no disposing (SWT 3.115+).
		return new Color(red, green, blue);
	}
}

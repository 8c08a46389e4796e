package org.funnel.dsl.diagram;

/**
 * How wide a line of text is drawn, estimated from the characters alone: a font measured on this
 * machine would make the layout, and so the SVG's bytes, differ from machine to machine. The
 * factors (in em) are those of common sans-serif faces, rounded up so text fits its box.
 */
final class TextWidths {

	private TextWidths() {
	}

	/** Width in pixels of the text at the font size. */
	static double of(String text, double fontSize, boolean bold) {
		double em = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)) {
				continue; // the low surrogate counts the character once
			}
			em += em(c);
		}
		return em * fontSize * (bold ? 1.07 : 1.0);
	}

	private static double em(char c) {
		if (c == ' ') {
			return 0.3;
		}
		if ("iIl.,:;|!'`jft()[]".indexOf(c) >= 0) {
			return 0.32;
		}
		if ("mwMW@%&".indexOf(c) >= 0) {
			return 0.9;
		}
		if (c >= 'A' && c <= 'Z') {
			return 0.68;
		}
		if (c >= '0' && c <= '9') {
			return 0.58;
		}
		if (c < 0x2e80) {
			return 0.58;
		}
		return 1.0; // CJK, emoji and other wide characters
	}

	/** The text cut to fit the width, with an ellipsis where it was cut (one pass, however long the text). */
	static String fit(String text, double fontSize, boolean bold, double width) {
		if (of(text, fontSize, bold) <= width) {
			return text;
		}
		double scale = fontSize * (bold ? 1.07 : 1.0);
		double room = width - em('…') * scale;
		double used = 0;
		int end = 0;
		while (end < text.length()) {
			char c = text.charAt(end);
			int next = Character.isHighSurrogate(c) && end + 1 < text.length() ? end + 2 : end + 1;
			used += em(c) * scale;
			if (used > room) {
				break;
			}
			end = next;
		}
		return text.substring(0, end).stripTrailing() + "…";
	}
}

package org.funnel.dsl.conversion;

import org.eclipse.xtext.conversion.impl.STRINGValueConverter;

/**
 * How the language writes a text as a string literal: the one escaper of {@code .funnel} strings, used by everything
 * that writes {@code .funnel} text (the importers' writer, the quick fixes) through the value converter service. It
 * reads back as the same text: quotes, backslashes and line breaks escaped, other control characters as
 * {@code \\uXXXX}, everything else (non-ASCII too) as it is. Reading is Xtext's.
 */
public class FunnelStringConverter extends STRINGValueConverter {

	@Override
	protected String toEscapedString(String text) {
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
			case '"' -> out.append("\\\"");
			case '\\' -> out.append("\\\\");
			case '\n' -> out.append("\\n");
			case '\r' -> out.append("\\r");
			case '\t' -> out.append("\\t");
			default -> {
				if (c < 0x20 || c == 0x7f) {
					out.append(String.format("\\u%04x", (int) c));
				} else {
					out.append(c);
				}
			}
			}
		}
		return out.append('"').toString();
	}
}

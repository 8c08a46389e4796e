package org.funnel.dsl.diagram;

/** Text and attribute values for the SVG: markup escaped, characters XML 1.0 forbids left out. */
final class Xml {

	private Xml() {
	}

	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
			case '&' -> out.append("&amp;");
			case '<' -> out.append("&lt;");
			case '>' -> out.append("&gt;");
			case '"' -> out.append("&quot;");
			case '\'' -> out.append("&#39;");
			case '\t', '\n', '\r' -> out.append(' ');
			default -> {
				if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					out.append(c).append(text.charAt(++i));
				} else if (c >= 0x20 && !Character.isSurrogate(c) && c != 0xfffe && c != 0xffff) {
					out.append(c);
				}
			}
			}
		}
		return out.toString();
	}

	/** A coordinate or length: at most one decimal, '.' as separator whatever the locale, no "-0". */
	static String number(double value) {
		long tenths = Math.round(value * 10);
		if (tenths == 0) {
			return "0";
		}
		String sign = tenths < 0 ? "-" : "";
		long abs = Math.abs(tenths);
		return abs % 10 == 0 ? sign + abs / 10 : sign + abs / 10 + "." + abs % 10;
	}
}

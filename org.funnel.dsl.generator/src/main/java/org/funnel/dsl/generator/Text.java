package org.funnel.dsl.generator;

import java.math.BigDecimal;
import java.text.Normalizer;

import org.funnel.dsl.model.Probabilities;

/** Escaping and number formatting shared by the generators, each for one kind of output. */
public final class Text {

	private Text() {
	}

	/** A Java string literal, quotes included, pure ASCII (other characters as unicode escapes). */
	public static String javaLiteral(String text) {
		if (text == null) {
			return "null";
		}
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
					// Octal, not a unicode escape: javac turns unicode escapes into raw characters first.
					out.append(String.format("\\%03o", (int) c));
				} else if (c > 0x7e) {
					out.append(String.format("\\u%04x", (int) c));
				} else {
					out.append(c);
				}
			}
			}
		}
		return out.append('"').toString();
	}

	/**
	 * Text for a Java comment, on one line, pure ASCII: HTML escapes for markup and for anything that
	 * could end the comment or start a unicode escape.
	 */
	public static String javaComment(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length());
		String flat = text.replaceAll("\\s+", " ").strip();
		for (int i = 0; i < flat.length(); i++) {
			char c = flat.charAt(i);
			switch (c) {
			case '&' -> out.append("&amp;");
			case '<' -> out.append("&lt;");
			case '>' -> out.append("&gt;");
			case '\\' -> out.append("&#92;");
			case '@' -> out.append("&#64;");
			case '/' -> out.append(i > 0 && flat.charAt(i - 1) == '*' ? "&#47;" : "/");
			default -> {
				if (c < 0x20 || c > 0x7e) {
					out.append("&#").append((int) c).append(';');
				} else {
					out.append(c);
				}
			}
			}
		}
		return out.toString();
	}

	/** A double as a Java literal that reads back as the same double. */
	public static String javaDouble(double value) {
		if (Double.isNaN(value)) {
			return "Double.NaN";
		}
		if (Double.isInfinite(value)) {
			return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
		}
		return Double.toString(value);
	}

	/** Markdown table cell or inline text: pipes, markup and line breaks escaped, so it renders as written. */
	public static String markdown(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
			case '&' -> out.append("&amp;");
			case '<' -> out.append("&lt;");
			case '>' -> out.append("&gt;");
			case '|' -> out.append("\\|");
			case '\\', '`', '*', '_', '[', ']', '#', '~' -> out.append('\\').append(c);
			case '\r' -> {
			}
			case '\n' -> out.append("<br>");
			default -> out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * A Mermaid label inside double quotes: quotes and markup as Mermaid entity codes ({@code #quot;}),
	 * line breaks as {@code <br>}.
	 */
	public static String mermaid(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
			case '"' -> out.append("#quot;");
			case '#' -> out.append("#35;");
			case '&' -> out.append("#amp;");
			case '<' -> out.append("#lt;");
			case '>' -> out.append("#gt;");
			case '|' -> out.append("#124;");
			case '`' -> out.append("#96;");
			case '\r' -> {
			}
			case '\n' -> out.append("<br>");
			default -> {
				if (c < 0x20) {
					out.append(' ');
				} else {
					out.append(c);
				}
			}
			}
		}
		return out.toString();
	}

	/** A fraction as percent with up to two decimals: 0.4 -> "40%", 2/3 -> "66.67%". */
	public static String percent(double fraction) {
		return Probabilities.format(fraction);
	}

	/** A volume with up to two decimals, thousands not separated (stable across locales). */
	public static String number(double value) {
		return Probabilities.formatVolume(value);
	}

	/** Plain decimal notation, no exponent, no trailing zeros. */
	public static String plain(BigDecimal value) {
		return Probabilities.plain(value);
	}

	/**
	 * Letters and digits of a label as an identifier in UpperCamelCase: "Needs Analysis" ->
	 * "NeedsAnalysis", "Proposal/Price Quote" -> "ProposalPriceQuote", "Qualifiziert für Demo" ->
	 * "QualifiziertFurDemo". Empty when nothing is left.
	 */
	public static String camelIdentifier(String label) {
		if (label == null) {
			return "";
		}
		String ascii = Normalizer.normalize(label, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
		StringBuilder out = new StringBuilder();
		boolean upper = true;
		for (int i = 0; i < ascii.length(); i++) {
			char c = ascii.charAt(i);
			boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
			boolean digit = c >= '0' && c <= '9';
			if (letter || digit) {
				out.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			} else {
				upper = true;
			}
		}
		return out.toString();
	}
}

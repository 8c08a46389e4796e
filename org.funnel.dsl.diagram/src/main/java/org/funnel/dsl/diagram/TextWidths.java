package org.funnel.dsl.diagram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * How wide a line of text is drawn in the font the SVG names first (DejaVu Sans, see
 * {@link DiagramSvg}): the advance widths come from a table bundled with this module
 * ({@code dejavu-sans.widths}, written once from the font files by scripts/FontWidths.java), never
 * from a font looked up on this machine, so the layout and the SVG's bytes are the same everywhere.
 * Kerning only narrows text, so the sum of advances is the most a line needs. Characters outside
 * the table count as a full em, as wide as CJK and emoji glyphs are drawn.
 */
final class TextWidths {

	private static final String TABLE = "dejavu-sans.widths";
	private static final double UNITS_PER_EM = 2048;
	private static final double UNKNOWN = 1.0;
	private static final int ELLIPSIS = '…';
	/** Advances in em, by code point, of the regular ([0]) and bold ([1]) face; 0: not in the table. */
	private static final double[][] ADVANCES = load();

	private TextWidths() {
	}

	/** Width in pixels of the text at the font size. */
	static double of(String text, double fontSize, boolean bold) {
		double em = 0;
		for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
			em += em(text.codePointAt(i), bold);
		}
		return em * fontSize;
	}

	private static double em(int codePoint, boolean bold) {
		double[] advances = ADVANCES[bold ? 1 : 0];
		return codePoint < advances.length && advances[codePoint] > 0 ? advances[codePoint] : UNKNOWN;
	}

	/** The text cut to fit the width, with an ellipsis where it was cut (one pass, however long the text). */
	static String fit(String text, double fontSize, boolean bold, double width) {
		if (of(text, fontSize, bold) <= width) {
			return text;
		}
		double room = width - em(ELLIPSIS, bold) * fontSize;
		double used = 0;
		int end = 0;
		while (end < text.length()) {
			int codePoint = text.codePointAt(end);
			used += em(codePoint, bold) * fontSize;
			if (used > room) {
				break;
			}
			end = text.offsetByCodePoints(end, 1);
		}
		return text.substring(0, end).stripTrailing() + "…";
	}

	private static double[][] load() {
		double[][] advances = new double[2][0x2800];
		try (InputStream in = TextWidths.class.getResourceAsStream(TABLE)) {
			if (in == null) {
				throw new IllegalStateException("The font metrics table " + TABLE + " is missing from the diagram module");
			}
			BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.startsWith("#") || line.isBlank()) {
					continue;
				}
				String[] fields = line.split(" ");
				int codePoint = Integer.parseInt(fields[0], 16);
				advances[0][codePoint] = Integer.parseInt(fields[1]) / UNITS_PER_EM;
				advances[1][codePoint] = Integer.parseInt(fields[2]) / UNITS_PER_EM;
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return advances;
	}
}

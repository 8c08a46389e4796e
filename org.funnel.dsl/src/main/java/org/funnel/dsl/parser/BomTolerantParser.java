package org.funnel.dsl.parser;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;

import org.eclipse.xtext.parser.IParseResult;
import org.funnel.dsl.parser.antlr.FunnelParser;

/**
 * The generated parser, except that a byte order mark at the start of a file (Windows editors write
 * one in front of UTF-8) is read as a space instead of a syntax error ("missing EOF at '\uFEFF'"). A
 * space keeps every offset, line and column as in the file; the canonical layout drops it.
 */
public class BomTolerantParser extends FunnelParser {

	static final char BOM = '\uFEFF';

	@Override
	public IParseResult doParse(Reader reader) {
		StringBuilder text = new StringBuilder();
		char[] buffer = new char[8192];
		try {
			for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
				text.append(buffer, 0, read);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return super.doParse(new StringReader(withoutBom(text).toString()));
	}

	@Override
	public IParseResult doParse(CharSequence sequence) {
		// Xtext's version reads the sequence through doParse(Reader).
		return super.doParse(withoutBom(sequence));
	}

	/**
	 * Also a lone CR as the file's last character becomes LF: Xtext computes the line of a problem that
	 * ends at the end of such a file by reading one character past it (a StringIndexOutOfBoundsException
	 * while validating, found by fuzzing). Both are line breaks, so positions stay the same.
	 */
	private static CharSequence withoutBom(CharSequence sequence) {
		int length = sequence.length();
		boolean bom = length > 0 && sequence.charAt(0) == BOM;
		boolean trailingCr = length > 0 && sequence.charAt(length - 1) == '\r';
		if (!bom && !trailingCr) {
			return sequence;
		}
		StringBuilder text = new StringBuilder(sequence);
		if (bom) {
			text.setCharAt(0, ' ');
		}
		if (trailingCr) {
			text.setCharAt(length - 1, '\n');
		}
		return text;
	}
}

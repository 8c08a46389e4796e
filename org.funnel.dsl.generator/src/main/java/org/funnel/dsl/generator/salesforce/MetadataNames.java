package org.funnel.dsl.generator.salesforce;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Names inside Salesforce metadata the way a retrieve writes them. The Metadata API percent-encodes
 * (as UTF-8 bytes, upper-case hex) the names it writes in sales processes (the process's own
 * {@code fullName}, its file name, its values' {@code fullName}) and record types
 * ({@code businessProcess}, {@code picklistValues}): {@code Id%2E Decision Makers},
 * {@code Growth%2FExpansion}, {@code Partner Sales v2%2E0}. The value set, paths'
 * {@code picklistValueName} and labels are not encoded.
 * <p>
 * Salesforce publishes no rule. The one here fits every name in 26 public repositories of retrieved
 * metadata (docs/generators.md): every character is encoded except Unicode letters and decimal digits,
 * space, '-', '_' and '*'; and two underscores in a row are encoded ({@code %5F%5F}), as in
 * {@code RE_Final_Price_Rebate%5F%5Fc}.
 */
public final class MetadataNames {

	private MetadataNames() {
	}

	/** A name as a retrieve writes it: {@code Proposal/Price Quote} -> {@code Proposal%2FPrice Quote}. */
	public static String encode(String name) {
		StringBuilder out = new StringBuilder(name.length() + 8);
		int i = 0;
		while (i < name.length()) {
			int c = name.codePointAt(i);
			int next = i + Character.charCount(c);
			if (c == '_' && next < name.length() && name.charAt(next) == '_') {
				out.append("%5F%5F");
				next++;
			} else if (Character.isLetter(c) || Character.isDigit(c) || c == ' ' || c == '-' || c == '_' || c == '*') {
				out.appendCodePoint(c);
			} else {
				for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
					out.append('%').append(HEX.charAt((b >> 4) & 0xF)).append(HEX.charAt(b & 0xF));
				}
			}
			i = next;
		}
		return out.toString();
	}

	private static final String HEX = "0123456789ABCDEF";

	/**
	 * A name as it reads: every {@code %XX} decoded (as UTF-8), anything else kept, so that names written
	 * without encoding (by older versions, or by hand) read as they are. Unlike form decoding, '+' stays.
	 */
	public static String decode(String name) {
		if (name.indexOf('%') < 0) {
			return name;
		}
		StringBuilder out = new StringBuilder(name.length());
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int i = 0;
		while (i < name.length()) {
			while (i + 2 < name.length() && name.charAt(i) == '%' && hex(name.charAt(i + 1)) >= 0
					&& hex(name.charAt(i + 2)) >= 0) {
				bytes.write(hex(name.charAt(i + 1)) * 16 + hex(name.charAt(i + 2)));
				i += 3;
			}
			if (bytes.size() > 0) {
				out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
				bytes.reset();
			}
			if (i < name.length()) {
				out.append(name.charAt(i++));
			}
		}
		return out.toString();
	}

	private static int hex(char c) {
		return Character.digit(c, 16);
	}
}

package org.funnel.dsl.generator.salesforce;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Names inside Salesforce metadata the way a retrieve writes them. The Metadata API percent-encodes
 * (as UTF-8 bytes, {@code %2F}) some characters of the names it writes in sales processes (the process's
 * own {@code fullName}, its file name, its values' {@code fullName}) and record types
 * ({@code businessProcess}): {@code Id%2E Decision Makers}, {@code Negotiation%2FReview},
 * {@code Legal %26 Compliance}. The value set, paths' {@code picklistValueName} and labels are not
 * encoded.
 * <p>
 * Salesforce publishes no list of these characters. Encoded here is exactly what was seen encoded in
 * the 11,033 distinct names of the process and record type files of four public repositories of
 * retrieved metadata (docs/generators.md names them);
 * letters (also é, è, ç), digits, spaces, '-' and '_' were seen unencoded; every other character was
 * not seen at all and is written as it is.
 */
public final class MetadataNames {

	private MetadataNames() {
	}

	/** ASCII characters seen percent-encoded in retrieved process and record type names. */
	private static final String ENCODED_ASCII = "!\"#$%&'()+,./:;<>?@[\\]|";

	/** Characters outside ASCII seen percent-encoded: no-break space, zero-width space, en dash, right single quote. */
	private static final String ENCODED_OTHER = "\u00a0\u200b\u2013\u2019";

	/** A name as a retrieve writes it: {@code Proposal/Price Quote} -> {@code Proposal%2FPrice Quote}. */
	public static String encode(String name) {
		StringBuilder out = new StringBuilder(name.length() + 8);
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (ENCODED_ASCII.indexOf(c) >= 0 || ENCODED_OTHER.indexOf(c) >= 0) {
				for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
					out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
							.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
				}
			} else {
				out.append(c);
			}
		}
		return out.toString();
	}

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

package org.funnel.dsl.history.read;

import java.math.BigDecimal;

/** Field values as the CRMs write them: booleans, amounts, times, each read without exceptions per row. */
final class Fields {

	private Fields() {
	}

	/** "true"/"false" in any case (Salesforce writes true, Data Loader TRUE; HubSpot "true"); null otherwise. */
	static Boolean bool(String text) {
		if (text.equalsIgnoreCase("true")) {
			return Boolean.TRUE;
		}
		if (text.equalsIgnoreCase("false")) {
			return Boolean.FALSE;
		}
		return null;
	}

	/** An amount ("25000", "25000.50"); null when empty or not a plain number. */
	static BigDecimal amount(String text) {
		if (text.isEmpty()) {
			return null;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != 'E' && c != 'e' && c != '+') {
				return null;
			}
		}
		try {
			return new BigDecimal(text);
		} catch (NumberFormatException e) {
			return null;
		}
	}

	/** Why a time field cannot be read, for a skipped row. */
	static String badTime(String column, String text) {
		return text.isEmpty() ? "no " + column
				: column + " '" + text + "' is no time (ISO 8601 expected, e.g. 2025-01-06T09:12:44.000+0000)";
	}
}

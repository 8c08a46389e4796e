package org.funnel.dsl.history.read;

/**
 * Reads the times CRMs write, to epoch milliseconds (UTC): ISO 8601 dates and date-times with 'T' or a
 * space, fractions of a second, and a zone as {@code Z}, {@code +01:00}, {@code +0100} or {@code +01}
 * (Salesforce writes {@code 2025-01-06T09:12:44.000+0000}, HubSpot {@code 2025-01-06T09:12:44.120Z}); a
 * time without zone, and a date alone, are UTC. Hand-written because a history has hundreds of thousands
 * of them and {@code DateTimeFormatter} with optional parts is several times slower.
 */
public final class Timestamps {

	/** Returned for text that is no time. */
	public static final long INVALID = Long.MIN_VALUE;

	private Timestamps() {
	}

	/** The time in epoch milliseconds, or {@link #INVALID}. */
	public static long parse(String text) {
		int n = text.length();
		if (n < 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
			return INVALID;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		if (year < 0 || month < 0 || day < 0) {
			return INVALID;
		}
		if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
			return INVALID;
		}
		long millis = epochDay(year, month, day) * 86_400_000L;
		if (n == 10) {
			return millis;
		}
		char separator = text.charAt(10);
		if ((separator != 'T' && separator != ' ') || n < 16 || text.charAt(13) != ':') {
			return INVALID;
		}
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = 0;
		int at = 16;
		if (at < n && text.charAt(at) == ':') {
			second = digits(text, 17, 2);
			at = 19;
		}
		if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60 || at > n) {
			return INVALID;
		}
		millis += hour * 3_600_000L + minute * 60_000L + second * 1000L;
		if (at < n && (text.charAt(at) == '.' || text.charAt(at) == ',')) {
			at++;
			int scale = 100;
			int start = at;
			while (at < n && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
				millis += (text.charAt(at) - '0') * scale;
				scale /= 10;
				at++;
			}
			if (at == start) {
				return INVALID;
			}
		}
		long offset = zone(text, at);
		return offset == INVALID ? INVALID : millis - offset;
	}

	private static int lengthOfMonth(int year, int month) {
		if (month == 2) {
			return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
		}
		return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
	}

	/** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse: eras of 400 years). */
	static long epochDay(int year, int month, int day) {
		long y = month <= 2 ? year - 1 : year;
		long era = Math.floorDiv(y, 400);
		long yearOfEra = y - era * 400;
		long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
		long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
		return era * 146_097 + dayOfEra - 719_468;
	}

	/** The zone's offset in milliseconds from {@code at} to the end, or {@link #INVALID}. */
	private static long zone(String text, int at) {
		int n = text.length();
		if (at == n) {
			return 0;
		}
		char sign = text.charAt(at);
		if (sign == 'Z' && at + 1 == n) {
			return 0;
		}
		if (sign != '+' && sign != '-') {
			return INVALID;
		}
		int length = n - at - 1;
		int hours = length >= 2 ? digits(text, at + 1, 2) : -1;
		int minutes;
		if (length == 2) {
			minutes = 0;
		} else if (length == 4) {
			minutes = digits(text, at + 3, 2);
		} else if (length == 5 && text.charAt(at + 3) == ':') {
			minutes = digits(text, at + 4, 2);
		} else {
			return INVALID;
		}
		if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
			return INVALID;
		}
		long offset = hours * 3_600_000L + minutes * 60_000L;
		return sign == '-' ? -offset : offset;
	}

	private static int digits(String text, int from, int count) {
		if (from + count > text.length()) {
			return -1;
		}
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}
}

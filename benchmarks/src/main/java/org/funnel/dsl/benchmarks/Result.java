package org.funnel.dsl.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One row of the results table: a named measurement, its values and its target. Benchmarks running
 * in a child JVM print their rows as one line each ({@link #toLine()}); the suite reads them back.
 *
 * @param judged  which figure the target applies to: "median", "max" or "p95"
 * @param target  the bound, compared with {@code above}: the figure must be at least it (true) or
 *                below it (false); NaN when there is no target
 * @param failure why there is no figure (a failed check: a wrong answer is no result), or null
 */
public record Result(String name, String unit, List<Double> values, String judged, double target, boolean above,
		String note, String failure) {

	private static final String PREFIX = "RESULT\t";

	public static Result of(String name, String unit, List<Double> values, String judged, double target, boolean above,
			String note) {
		return new Result(name, unit, List.copyOf(values), judged, target, above, note == null ? "" : note, null);
	}

	public static Result failed(String name, String unit, String judged, double target, boolean above, String failure) {
		return new Result(name, unit, List.of(), judged, target, above, "", failure);
	}

	public Stats stats() {
		return Stats.of(values);
	}

	/** The figure the target applies to. */
	public double judgedValue() {
		Stats stats = stats();
		return switch (judged) {
		case "max" -> stats.max();
		case "p95" -> stats.p95();
		default -> stats.median();
		};
	}

	/** "met", "MISSED", "FAILED" or "" (no target). */
	public String verdict() {
		if (failure != null) {
			return "FAILED";
		}
		if (Double.isNaN(target)) {
			return "";
		}
		double value = judgedValue();
		return (above ? value >= target : value < target) ? "met" : "MISSED";
	}

	public String targetText() {
		if (Double.isNaN(target)) {
			return "";
		}
		return (judged.equals("median") ? "" : judged + " ") + (above ? ">= " : "< ") + format(target) + " " + unit;
	}

	public String toLine() {
		StringBuilder values = new StringBuilder();
		for (double value : this.values) {
			values.append(values.length() == 0 ? "" : ",").append(value);
		}
		return PREFIX + String.join("\t", name, unit, values.toString(), judged, Double.toString(target),
				Boolean.toString(above), clean(note), failure == null ? "" : clean(failure));
	}

	/** The result on this line, or null when the line is not a result line. */
	public static Result parse(String line) {
		if (!line.startsWith(PREFIX)) {
			return null;
		}
		String[] parts = line.substring(PREFIX.length()).split("\t", -1);
		List<Double> values = new ArrayList<>();
		if (!parts[2].isEmpty()) {
			Arrays.stream(parts[2].split(",")).map(Double::valueOf).forEach(values::add);
		}
		String failure = parts.length > 7 && !parts[7].isEmpty() ? parts[7] : null;
		return new Result(parts[0], parts[1], values, parts[3], Double.parseDouble(parts[4]),
				Boolean.parseBoolean(parts[5]), parts.length > 6 ? parts[6] : "", failure);
	}

	private static String clean(String text) {
		return text.replace('\t', ' ').replace('\n', ' ');
	}

	public static String format(double value) {
		if (Double.isNaN(value)) {
			return "-";
		}
		double magnitude = Math.abs(value);
		if (magnitude >= 100) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		if (magnitude >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}
}

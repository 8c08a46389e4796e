package org.funnel.dsl.generator;

import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One problem in one file, positioned for humans ({@code path:line:column}, both 1-based) and for
 * tools (the end position, the issue code). {@code path} is the file as the user named it, or
 * relative to the working directory.
 */
public record Diagnostic(String path, int line, int column, int endLine, int endColumn, Severity severity,
		String message, String code) implements Comparable<Diagnostic> {

	public enum Severity {
		ERROR("error", "error"), WARNING("warning", "warning"), INFO("info", "note");

		private final String text;
		private final String sarifLevel;

		Severity(String text, String sarifLevel) {
			this.text = text;
			this.sarifLevel = sarifLevel;
		}

		public String text() {
			return text;
		}

		public String sarifLevel() {
			return sarifLevel;
		}
	}

	private static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::path)
			.thenComparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column)
			.thenComparing(Diagnostic::severity).thenComparing(Diagnostic::message)
			.thenComparing(d -> d.code() == null ? "" : d.code());

	/** A problem with a file as a whole (it cannot be read, ...), reported at 1:1. */
	public static Diagnostic ofFile(String path, String message, String code) {
		return new Diagnostic(path, 1, 1, 1, 1, Severity.ERROR, message, code);
	}

	public boolean isError() {
		return severity == Severity.ERROR;
	}

	/** {@code path:line:column: severity: message [code]}, on one line. */
	public String toText() {
		return path + ":" + line + ":" + column + ": " + severity.text() + ": " + oneLine(message)
				+ (code == null ? "" : " [" + code + "]");
	}

	/** Messages are one line in the text format, whatever a check wrote. */
	public static String oneLine(String text) {
		return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
	}

	/** Diagnostics as JSON lists them ({@code validate --format json}, plans): position, severity, message, code. */
	public static ArrayNode json(List<Diagnostic> diagnostics) {
		ArrayNode list = Json.array();
		for (Diagnostic d : diagnostics) {
			ObjectNode node = list.addObject();
			node.put("path", d.path());
			node.put("line", d.line());
			node.put("column", d.column());
			node.put("endLine", d.endLine());
			node.put("endColumn", d.endColumn());
			node.put("severity", d.severity().text());
			node.put("message", d.message());
			Json.putText(node, "code", d.code());
		}
		return list;
	}

	@Override
	public int compareTo(Diagnostic other) {
		return ORDER.compare(this, other);
	}
}

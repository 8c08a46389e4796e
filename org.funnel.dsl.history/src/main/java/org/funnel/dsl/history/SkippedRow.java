package org.funnel.dsl.history;

/** A row (or JSON record) that was left out, with where it is and why. */
public record SkippedRow(String file, int line, int column, String reason) {

	/** "file:line:column: reason". */
	@Override
	public String toString() {
		return file + ":" + line + ":" + column + ": " + reason;
	}
}

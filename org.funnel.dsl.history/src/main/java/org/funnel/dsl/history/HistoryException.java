package org.funnel.dsl.history;

/**
 * Input that cannot be read: the message names the file, line and column ("file:line:column: what is
 * wrong"), so that a command line can print it as it is and an editor can put it at its place.
 */
public final class HistoryException extends Exception {

	private static final long serialVersionUID = 1L;

	private final String file;
	private final int line;
	private final int column;
	private final String problem;

	public HistoryException(String file, int line, int column, String problem) {
		super(file + ":" + line + ":" + column + ": " + problem);
		this.file = file;
		this.line = line;
		this.column = column;
		this.problem = problem;
	}

	public String file() {
		return file;
	}

	public int line() {
		return line;
	}

	public int column() {
		return column;
	}

	/** The message without the position. */
	public String problem() {
		return problem;
	}
}

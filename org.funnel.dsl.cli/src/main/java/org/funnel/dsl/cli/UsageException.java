package org.funnel.dsl.cli;

/** The command line was used wrongly (a missing file, a bad option value): exit code 2. */
public class UsageException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public UsageException(String message) {
		super(message);
	}
}

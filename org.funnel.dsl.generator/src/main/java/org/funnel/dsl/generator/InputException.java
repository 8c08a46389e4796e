package org.funnel.dsl.generator;

/**
 * A file or directory named as input or output cannot be used as asked: it is missing, or not the kind of file the
 * run needs. Unlike a {@link GenerationException}, nothing is wrong inside the funnels; the command line reports it
 * as wrong usage.
 */
public class InputException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InputException(String message) {
		super(message);
	}
}

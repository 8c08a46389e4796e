package org.funnel.dsl.generator;

/**
 * The input cannot be turned into output (two funnels would write the same file, two funnels give
 * one Salesforce stage different settings, ...): reported like a diagnostic, exit code 1.
 */
public class GenerationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public GenerationException(String message) {
		super(message);
	}
}

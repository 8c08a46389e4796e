package org.funnel.dsl.diagram;

/** A funnel with more stages than a diagram can lay out in reasonable time; the message says so. */
public final class DiagramTooLargeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public DiagramTooLargeException(String funnel, int stages, int limit) {
		this("funnel " + funnel + " has " + stages + " stages; diagrams are drawn for up to " + limit
				+ " stages (split the funnel with 'extends', or read the report's tables)");
	}

	/** The same problem, told again (a cached picture that could not be drawn). */
	public DiagramTooLargeException(String message) {
		super(message);
	}
}

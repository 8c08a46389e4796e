package org.funnel.dsl.ui.editor;

import org.eclipse.jface.text.source.Annotation;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;

/** A problem of the text being edited, shown as the user types (before any save or build). */
public class FunnelProblemAnnotation extends Annotation {

	public static final String ERROR = "org.eclipse.ui.workbench.texteditor.error";
	public static final String WARNING = "org.eclipse.ui.workbench.texteditor.warning";
	public static final String INFO = "org.eclipse.ui.workbench.texteditor.info";

	private final Issue issue;

	public FunnelProblemAnnotation(Issue issue) {
		super(typeOf(issue.getSeverity()), false, issue.getMessage());
		this.issue = issue;
	}

	public Issue issue() {
		return issue;
	}

	public boolean isError() {
		return ERROR.equals(getType());
	}

	private static String typeOf(Severity severity) {
		return switch (severity) {
		case ERROR -> ERROR;
		case WARNING -> WARNING;
		default -> INFO;
		};
	}
}

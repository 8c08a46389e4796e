package org.funnel.dsl.ui.builder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;

/** Problems of saved funnel files as workspace markers, listed in the Problems view. */
public final class FunnelMarkers {

	public static final String TYPE = "org.funnel.dsl.ui.problem";
	/** The language's issue code, which names the quick fixes for the problem. */
	public static final String CODE = "code";
	/** The issue's data, one item a line: what the quick fixes need to know. */
	public static final String DATA = "data";

	private FunnelMarkers() {
	}

	public static void replace(IFile file, List<Issue> issues) throws CoreException {
		file.deleteMarkers(TYPE, true, IResource.DEPTH_ZERO);
		for (Issue issue : issues) {
			if (issue.getSeverity() == Severity.IGNORE) {
				continue;
			}
			Map<String, Object> attributes = new HashMap<>();
			attributes.put(IMarker.MESSAGE, issue.getMessage());
			attributes.put(IMarker.SEVERITY, switch (issue.getSeverity()) {
			case ERROR -> IMarker.SEVERITY_ERROR;
			case WARNING -> IMarker.SEVERITY_WARNING;
			default -> IMarker.SEVERITY_INFO;
			});
			if (issue.getLineNumber() != null) {
				attributes.put(IMarker.LINE_NUMBER, issue.getLineNumber());
			}
			if (issue.getOffset() != null) {
				attributes.put(IMarker.CHAR_START, issue.getOffset());
				attributes.put(IMarker.CHAR_END, issue.getOffset() + (issue.getLength() == null ? 0 : issue.getLength()));
			}
			if (issue.getCode() != null) {
				attributes.put(CODE, issue.getCode());
			}
			if (issue.getData() != null && issue.getData().length > 0) {
				attributes.put(DATA, String.join("\n", issue.getData()));
			}
			file.createMarker(TYPE, attributes);
		}
	}

	/** The issue a marker was made from, as far as fixes need it. */
	public static Issue toIssue(IMarker marker) {
		Issue.IssueImpl issue = new Issue.IssueImpl();
		issue.setMessage(marker.getAttribute(IMarker.MESSAGE, ""));
		issue.setCode(marker.getAttribute(CODE, null));
		String data = marker.getAttribute(DATA, null);
		if (data != null) {
			issue.setData(data.split("\n", -1));
		}
		int start = marker.getAttribute(IMarker.CHAR_START, 0);
		int end = marker.getAttribute(IMarker.CHAR_END, start);
		issue.setOffset(start);
		issue.setLength(end - start);
		issue.setLineNumber(marker.getAttribute(IMarker.LINE_NUMBER, 1));
		issue.setSeverity(switch (marker.getAttribute(IMarker.SEVERITY, IMarker.SEVERITY_ERROR)) {
		case IMarker.SEVERITY_WARNING -> Severity.WARNING;
		case IMarker.SEVERITY_INFO -> Severity.INFO;
		default -> Severity.ERROR;
		});
		return issue;
	}
}

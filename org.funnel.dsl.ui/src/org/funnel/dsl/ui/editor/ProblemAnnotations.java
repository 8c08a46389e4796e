package org.funnel.dsl.ui.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModelExtension;
import org.eclipse.jface.text.source.IAnnotationModelListener;
import org.eclipse.ui.texteditor.MarkerAnnotation;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.ui.builder.FunnelMarkers;

/**
 * Keeps the editor's problem annotations in step with the text. The builder's markers for the
 * same file describe the saved text, so while the editor is open they are hidden from the
 * rulers (still listed in the Problems view): the editor shows what the user sees.
 */
public class ProblemAnnotations implements IAnnotationModelListener {

	private final IAnnotationModel model;
	private List<Annotation> shown = List.of();

	public ProblemAnnotations(IAnnotationModel model) {
		this.model = model;
		model.addAnnotationModelListener(this);
	}

	public void dispose() {
		model.removeAnnotationModelListener(this);
	}

	public synchronized void show(List<Issue> issues, int documentLength) {
		Map<Annotation, Position> added = new HashMap<>();
		for (Issue issue : issues) {
			if (issue.getSeverity() == Severity.IGNORE || issue.getOffset() == null) {
				continue;
			}
			int offset = Math.min(issue.getOffset(), documentLength);
			int length = Math.max(0, Math.min(issue.getLength() == null ? 0 : issue.getLength(), documentLength - offset));
			added.put(new FunnelProblemAnnotation(issue), new Position(offset, length));
		}
		Annotation[] removed = shown.toArray(Annotation[]::new);
		shown = new ArrayList<>(added.keySet());
		if (model instanceof IAnnotationModelExtension extension) {
			extension.replaceAnnotations(removed, added);
		} else {
			for (Annotation annotation : removed) {
				model.removeAnnotation(annotation);
			}
			added.forEach(model::addAnnotation);
		}
	}

	@Override
	public void modelChanged(IAnnotationModel changed) {
		for (Iterator<Annotation> it = changed.getAnnotationIterator(); it.hasNext();) {
			if (it.next() instanceof MarkerAnnotation annotation && !annotation.isMarkedDeleted() && isFunnelMarker(annotation)) {
				annotation.markDeleted(true);
			}
		}
	}

	private static boolean isFunnelMarker(MarkerAnnotation annotation) {
		try {
			return annotation.getMarker().exists() && FunnelMarkers.TYPE.equals(annotation.getMarker().getType());
		} catch (CoreException e) {
			return false;
		}
	}
}

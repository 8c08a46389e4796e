package org.funnel.dsl.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.ui.FunnelLanguage;

/**
 * Colouring that needs the parsed model: names of stages, channels and funnels, where they are
 * declared (bold) and wherever they are referred to; won and lost stages in their own colours.
 * What the language binds as {@link ISemanticHighlightingCalculator} is applied too, for the
 * styles this editor knows.
 */
public final class SemanticHighlights {

	public record Highlight(int offset, int length, String style) {
	}

	private SemanticHighlights() {
	}

	public static List<Highlight> of(XtextResource resource, CancelIndicator cancel) {
		List<Highlight> result = new ArrayList<>();
		if (resource.getParseResult() == null) {
			return result;
		}
		resource.getAllContents().forEachRemaining(object -> {
			EStructuralFeature name = object.eClass().getEStructuralFeature("name");
			String style = styleOf(object.eClass(), object);
			if (name != null && style != null) {
				for (INode node : NodeModelUtils.findNodesForFeature(object, name)) {
					result.add(new Highlight(node.getOffset(), node.getLength(), style));
					result.add(new Highlight(node.getOffset(), node.getLength(), FunnelColours.DECLARATION));
				}
			}
			for (EReference reference : object.eClass().getEAllReferences()) {
				if (reference.isContainment() || reference.isContainer()) {
					continue;
				}
				List<INode> nodes = NodeModelUtils.findNodesForFeature(object, reference);
				if (nodes.isEmpty()) {
					continue;
				}
				// Resolving tells a won stage from a lost one; unresolved names keep the plain style.
				List<EObject> targets = targetsOf(object, reference);
				for (int i = 0; i < nodes.size(); i++) {
					EObject target = i < targets.size() ? targets.get(i) : null;
					String referenceStyle = target != null && !target.eIsProxy()
							? styleOf(target.eClass(), target)
							: styleOf(reference.getEReferenceType(), null);
					if (referenceStyle != null) {
						INode node = nodes.get(i);
						result.add(new Highlight(node.getOffset(), node.getLength(), referenceStyle));
					}
				}
			}
		});
		ISemanticHighlightingCalculator language = FunnelLanguage.optional(ISemanticHighlightingCalculator.class);
		if (language == null) {
			return result;
		}
		language.provideHighlightingFor(resource, (offset, length, ids) -> {
			for (String id : ids) {
				if (FunnelColours.of(id) != null) {
					result.add(new Highlight(offset, length, id));
				}
			}
		}, cancel);
		return result;
	}

	@SuppressWarnings("unchecked")
	private static List<EObject> targetsOf(EObject object, EReference reference) {
		Object value = object.eGet(reference, true);
		if (value instanceof List<?> list) {
			return (List<EObject>) list;
		}
		return value == null ? List.of() : List.of((EObject) value);
	}

	private static String styleOf(EClass type, EObject object) {
		if (type == FunnelPackage.Literals.FUNNEL) {
			return FunnelColours.FUNNEL;
		}
		if (type == FunnelPackage.Literals.CHANNEL) {
			return FunnelColours.CHANNEL;
		}
		if (type == FunnelPackage.Literals.STAGE) {
			if (object instanceof Stage stage && stage.getKind() == StageKind.WON) {
				return FunnelColours.WON_STAGE;
			}
			if (object instanceof Stage stage && stage.getKind() == StageKind.LOST) {
				return FunnelColours.LOST_STAGE;
			}
			return FunnelColours.STAGE;
		}
		return null;
	}
}

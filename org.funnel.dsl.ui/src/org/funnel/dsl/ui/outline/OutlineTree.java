package org.funnel.dsl.ui.outline;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Element;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.Import;
import org.funnel.dsl.funnel.Probability;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.ui.FunnelImages;
import org.funnel.dsl.ui.FunnelLanguage;

/**
 * The outline of a funnel file in its users' words: imports, channels, and each funnel with its
 * stages and where they move to.
 */
public final class OutlineTree {

	private final ILocationInFileProvider locations = FunnelLanguage.get(ILocationInFileProvider.class);
	private final Map<String, Integer> seen = new HashMap<>();

	private OutlineTree() {
	}

	/** The invisible root whose children are the file's top-level entries. */
	public static OutlineNode of(XtextResource resource) {
		OutlineNode root = new OutlineNode(null, "", "", null, 0, 0);
		if (!resource.getContents().isEmpty() && resource.getContents().get(0) instanceof FunnelFile file) {
			new OutlineTree().fill(root, file);
		}
		return root;
	}

	private void fill(OutlineNode root, FunnelFile file) {
		for (Import anImport : file.getImports()) {
			node(root, anImport, "import:" + anImport.getImportURI(), "import \"" + anImport.getImportURI() + "\"",
					FunnelImages.IMPORT);
		}
		for (Element element : file.getElements()) {
			if (element instanceof Channel channel) {
				node(root, channel, "channel:" + channel.getName(), withLabel(channel.getName(), channel.getLabel()),
						FunnelImages.CHANNEL);
			} else if (element instanceof Funnel funnel) {
				fill(root, funnel);
			}
		}
	}

	private void fill(OutlineNode root, Funnel funnel) {
		String label = withLabel(funnel.getName(), funnel.getLabel());
		if (funnel.isTemplate()) {
			label = "template " + label;
		}
		if (funnel.getBase() != null && !funnel.getBase().eIsProxy()) {
			label += " extends " + funnel.getBase().getName();
		}
		OutlineNode funnelNode = node(root, funnel, "funnel:" + funnel.getName(), label, FunnelImages.FUNNEL);
		for (Stage stage : funnel.getStages()) {
			String image = stage.getKind() == StageKind.WON ? FunnelImages.WON_STAGE
					: stage.getKind() == StageKind.LOST ? FunnelImages.LOST_STAGE : FunnelImages.STAGE;
			String stageLabel = withLabel(stage.getName(), stage.getLabel());
			if (stage.getProbability() != null) {
				stageLabel += " (" + percent(stage.getProbability()) + ")";
			}
			OutlineNode stageNode = node(funnelNode, stage, "stage:" + stage.getName(), stageLabel, image);
			for (Transition transition : stage.getTransitions()) {
				String target = transition.getTarget() == null || transition.getTarget().eIsProxy() ? "?"
						: transition.getTarget().getName();
				String transitionLabel = "\u2192 " + target;
				if (transition.getProbability() != null) {
					transitionLabel += " " + percent(transition.getProbability());
				}
				if (transition.getChannel() != null && !transition.getChannel().eIsProxy()) {
					transitionLabel += " via " + transition.getChannel().getName();
				}
				node(stageNode, transition, "moves:" + target, transitionLabel, FunnelImages.TRANSITION);
			}
		}
	}

	private OutlineNode node(OutlineNode parent, EObject object, String id, String label, String image) {
		// Repeated names (a typo, a second transition to the same stage) still need distinct entries.
		String key = parent.hashCode() + id;
		int count = seen.merge(key, 1, Integer::sum);
		String uniqueId = count == 1 ? id : id + "#" + count;
		ITextRegion region = locations.getSignificantTextRegion(object);
		return new OutlineNode(parent, uniqueId, label, image, region.getOffset(), region.getLength());
	}

	private static String withLabel(String name, String label) {
		String shown = name == null ? "<unnamed>" : name;
		return label == null || label.isBlank() ? shown : shown + " \u2013 " + label;
	}

	private static String percent(Probability probability) {
		if (probability.getValue() == null) {
			return "";
		}
		return probability.getValue().stripTrailingZeros().toPlainString() + (probability.isPercent() ? "%" : "");
	}
}

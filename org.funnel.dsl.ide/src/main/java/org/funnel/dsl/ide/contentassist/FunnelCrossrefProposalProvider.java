package org.funnel.dsl.ide.contentassist;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IdeCrossrefProposalProvider;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.model.Stages;
import org.funnel.dsl.scoping.BuiltinChannels;

/** Names in scope, described the way users know them: "won stage 'Closed won'", "built-in channel". */
public class FunnelCrossrefProposalProvider extends IdeCrossrefProposalProvider {

	@Override
	protected ContentAssistEntry createProposal(IEObjectDescription candidate, CrossReference crossRef,
			ContentAssistContext context) {
		ContentAssistEntry entry = super.createProposal(candidate, crossRef, context);
		if (entry == null) {
			return null;
		}
		EObject object = candidate.getEObjectOrProxy();
		if (object instanceof Stage stage && !stage.eIsProxy()) {
			String kind = stage.getKind() == null || stage.getKind() == StageKind.OPEN ? "stage"
					: stage.getKind().getLiteral() + " stage";
			entry.setDescription(kind + " \"" + Stages.label(stage) + "\"");
			entry.setKind(stage.getKind() == StageKind.OPEN ? ContentAssistEntry.KIND_CLASS : ContentAssistEntry.KIND_ENUM);
		} else if (object instanceof Channel channel) {
			boolean builtin = BuiltinChannels.LIBRARY_URI.equals(candidate.getEObjectURI().trimFragment());
			String label = channel.eIsProxy() ? null : Stages.label(channel);
			entry.setDescription((builtin ? "built-in channel" : "channel")
					+ (label != null && !label.equals(channel.getName()) ? " \"" + label + "\"" : ""));
			entry.setKind(ContentAssistEntry.KIND_VALUE);
		} else if (candidate.getEClass() != null) {
			entry.setDescription(candidate.getEClass().getName().toLowerCase());
		}
		return entry;
	}
}

package org.funnel.dsl.validation;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.xtext.validation.Check;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.Stages;

/** What both CRMs need of a funnel's stages: a label of its own, and an id of its own. */
public class CrmChecks extends FunnelChecks {

	@Check
	public void uniqueLabels(Funnel funnel) {
		if (funnel.isTemplate()) {
			return;
		}
		Map<String, Stage> labels = new HashMap<>();
		Map<String, Stage> hubspotIds = new HashMap<>();
		for (Stage stage : analyses.structure(funnel).stages()) {
			Stage first = labels.putIfAbsent(Stages.label(stage), stage);
			if (first != null && stage.eContainer() == funnel) {
				error("Stages " + q(first.getName()) + " and " + q(stage.getName()) + " have the same label "
						+ q(Stages.label(stage)) + "; the CRMs need a different label for every stage. Change one.",
						stage, stage.getLabel() != null ? Literals.STAGE__LABEL : Literals.STAGE__NAME,
						FunnelIssueCodes.DUPLICATE_LABEL);
			}
			if (stage.getHubspotId() != null) {
				Stage firstId = hubspotIds.putIfAbsent(stage.getHubspotId(), stage);
				if (firstId != null && stage.eContainer() == funnel) {
					error("HubSpot id " + q(stage.getHubspotId()) + " is already used by " + q(firstId.getName())
							+ "; each stage needs its own. Change one.", stage, Literals.STAGE__HUBSPOT_ID,
							FunnelIssueCodes.DUPLICATE_HUBSPOT_ID);
				}
			}
		}
	}
}

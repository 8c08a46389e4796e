package org.funnel.dsl.crm.hubspot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.hubspot.HubSpotGenerator;
import org.funnel.dsl.model.CrmTargets;
import org.funnel.dsl.model.Stages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A HubSpot pipeline as the funnels want it: exactly the payload {@code generate --target hubspot}
 * writes for the funnel, so that plan, apply and generated files never disagree.
 */
public record FunnelPipeline(Unit unit, String objectType, String pipelineId, String label, int displayOrder,
		List<FunnelStage> stages, ObjectNode payload) {

	/** A stage of the payload, with the stage of the funnel it comes from. */
	public record FunnelStage(Stage stage, String stageId, String label, int displayOrder, Map<String, String> metadata,
			ObjectNode payload) {

		/** A won or lost stage (CRMs show them last). */
		public boolean closed() {
			return stage != null && Stages.outcome(stage) != Outcome.OPEN;
		}
	}

	/** The pipelines of the funnels that target HubSpot, in the order of the funnels. */
	public static List<FunnelPipeline> of(List<Unit> units, AnalysisCache analyses) {
		HubSpotGenerator generator = new HubSpotGenerator(analyses);
		List<FunnelPipeline> pipelines = new ArrayList<>();
		for (Unit unit : units) {
			if (!CrmTargets.hubSpot(unit.funnel())) {
				continue;
			}
			ObjectNode payload = generator.payload(unit.funnel());
			List<Stage> declared = analyses.structure(unit.funnel()).stages();
			List<FunnelStage> stages = new ArrayList<>();
			for (JsonNode node : payload.get("stages")) {
				String label = node.get("label").asText();
				Stage stage = declared.stream().filter(s -> Stages.label(s).equals(label)).findFirst().orElse(null);
				stages.add(new FunnelStage(stage, node.hasNonNull("stageId") ? node.get("stageId").asText() : null, label,
						node.get("displayOrder").asInt(), CurrentState.metadata(node.get("metadata")), (ObjectNode) node));
			}
			pipelines.add(new FunnelPipeline(unit, HubSpotGenerator.objectType(unit.funnel()),
					payload.hasNonNull("pipelineId") ? payload.get("pipelineId").asText() : null, payload.get("label").asText(),
					payload.get("displayOrder").asInt(), List.copyOf(stages), payload));
		}
		return pipelines;
	}

	public String name() {
		return unit.funnel().getName();
	}
}

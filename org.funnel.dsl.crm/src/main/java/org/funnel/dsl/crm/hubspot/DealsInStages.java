package org.funnel.dsl.crm.hubspot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.funnel.dsl.crm.hubspot.HubSpotClient.Answer;
import org.funnel.dsl.crm.hubspot.HubSpotPlan.PipelinePlan;
import org.funnel.dsl.generator.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The plan made against the account as it is now, with HubSpot's word on every deal stage it would remove: one CRM
 * search per such stage ({@code dealstage} and {@code pipeline} EQ, one result, its {@code total} read), so that a stage
 * that holds deals is refused before any call. HubSpot's own check on the DELETE is the second line: its documents
 * disagree on which flag turns it on for deal stages (see docs/deploy.md).
 */
public final class DealsInStages {

	private DealsInStages() {
	}

	/** Reads the account, plans, asks the search about the deal stages the plan removes, and plans with the answers. */
	public static HubSpotPlan plan(HubSpotClient client, List<FunnelPipeline> pipelines) throws InterruptedException {
		Set<String> objectTypes = new TreeSet<>(pipelines.stream().map(FunnelPipeline::objectType).toList());
		CurrentState state = CurrentState.read(client, objectTypes);
		HubSpotPlan plan = HubSpotPlanner.plan(pipelines, state);
		Map<String, Long> counts = new LinkedHashMap<>();
		for (PipelinePlan pipeline : plan.pipelines()) {
			if (pipeline.current() == null || !pipeline.funnel().objectType().equals("deals")) {
				continue;
			}
			for (HubSpotPlan.Change removal : pipeline.changes()) {
				if (removal.kind() == HubSpotPlan.Kind.REMOVE_STAGE) {
					counts.put(CurrentState.stageKey(pipeline.current().id(), removal.stageId()),
							count(client, pipeline.current().id(), removal.stageId()));
				}
			}
		}
		return counts.isEmpty() ? plan : HubSpotPlanner.plan(pipelines, state.withDealsInStages(counts));
	}

	/** How many deals the search finds in the stage: its {@code total}. */
	static long count(HubSpotClient client, String pipelineId, String stageId) throws InterruptedException {
		Request search = new Request("POST", Request.OBJECTS + "/0-3/search", null, body(pipelineId, stageId),
				"count the deals in stage " + stageId + " of pipeline " + pipelineId);
		Answer answer = client.send(search);
		JsonNode total = answer.json() == null ? null : answer.json().get("total");
		if (total == null || !total.canConvertToLong()) {
			throw new HubSpotException(HubSpotException.Outcome.REFUSED, answer.status(),
					"HubSpot's answer to " + search.line() + " has no \"total\": the deals in stage " + stageId
							+ " could not be counted, so it is not removed.");
		}
		return total.asLong();
	}

	/** {@code PublicObjectSearchRequest}: every field the spec requires; one result is enough, the total counts. */
	private static ObjectNode body(String pipelineId, String stageId) {
		ObjectNode body = Json.object();
		ArrayNode filters = body.putArray("filterGroups").addObject().putArray("filters");
		filters.addObject().put("propertyName", "dealstage").put("operator", "EQ").put("value", stageId);
		filters.addObject().put("propertyName", "pipeline").put("operator", "EQ").put("value", pipelineId);
		body.putArray("properties").add("dealstage");
		body.putArray("sorts");
		body.put("limit", 1);
		body.put("after", "0");
		return body;
	}
}

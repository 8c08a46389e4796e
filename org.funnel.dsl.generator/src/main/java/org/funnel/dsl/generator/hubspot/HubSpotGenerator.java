package org.funnel.dsl.generator.hubspot;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.funnel.HubSpotObject;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.CrmOrder;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.generator.SourcePosition;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.HubSpotProbability;
import org.funnel.dsl.model.Stages;
import org.funnel.dsl.model.CrmTargets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Target {@code hubspot}: for every funnel that targets HubSpot, the body of a CRM Pipelines API
 * call ({@code POST /crm/pipelines/2026-09/{objectType}}, or {@code PUT .../{pipelineId}} to replace a
 * pipeline), as {@code hubspot/<Name>.json}; plus {@code hubspot/pipelines.json}, which says for each
 * file the object type and pipeline id to call with.
 * <p>
 * Deal stages carry {@code metadata.probability} as a string "0.0".."1.0" on HubSpot's 0.1 grid
 * ({@link #probability}). Ticket stages carry {@code metadata.ticketState}: CLOSED for won and lost
 * stages, OPEN for the others.
 */
public final class HubSpotGenerator {

	public static final String DIRECTORY = "hubspot";
	public static final String INDEX = "pipelines.json";

	private final AnalysisCache analyses;

	public HubSpotGenerator(AnalysisCache analyses) {
		this.analyses = analyses;
	}

	public void generate(List<Unit> units, GeneratedFiles out) {
		ArrayNode index = Json.array();
		Map<String, String> stageIds = new HashMap<>();
		for (Unit unit : units) {
			Funnel funnel = unit.funnel();
			if (!CrmTargets.hubSpot(funnel)) {
				continue;
			}
			String file = funnel.getName() + ".json";
			out.add(DIRECTORY + "/" + file, Json.write(payload(funnel)), "funnel " + funnel.getName() + " (" + unit.path() + ")");
			checkStageIds(unit, stageIds);
			ObjectNode entry = index.addObject();
			entry.put("file", file);
			entry.put("funnel", funnel.getName());
			entry.put("objectType", objectType(funnel));
			if (funnel.getHubspotPipelineId() != null) {
				entry.put("pipelineId", funnel.getHubspotPipelineId());
			} else {
				entry.putNull("pipelineId");
			}
		}
		if (!index.isEmpty()) {
			out.add(DIRECTORY + "/" + INDEX, Json.write(index), "the HubSpot pipeline index");
		}
	}

	/**
	 * A HubSpot stage id belongs to one stage of one pipeline (stage ids are unique in an account, not
	 * only in their pipeline): two pipelines of the run that give a stage the same id would fight over
	 * it. A template's stage with an id, taken by two funnels, is the usual way to get there.
	 */
	private void checkStageIds(Unit unit, Map<String, String> stageIds) {
		for (Stage stage : analyses.structure(unit.funnel()).stages()) {
			if (stage.getHubspotId() == null) {
				continue;
			}
			String here = SourcePosition.of(unit, stage, FunnelPackage.Literals.STAGE__HUBSPOT_ID) + " (funnel "
					+ unit.funnel().getName() + ")";
			String first = stageIds.putIfAbsent(stage.getHubspotId(), here);
			if (first != null) {
				throw new GenerationException("HubSpot stage id '" + stage.getHubspotId() + "' is given to a stage of two "
						+ "pipelines: " + first + " and " + here + ". A stage id belongs to one stage of one pipeline; "
						+ "give each its own, or none (HubSpot then assigns one).");
			}
		}
	}

	/** "deals" or "tickets": the {objectType} of the API path. */
	public static String objectType(Funnel funnel) {
		return funnel.getHubspotObject() == HubSpotObject.TICKETS ? "tickets" : "deals";
	}

	/**
	 * The request body as HubSpot's {@code PipelineInput} schema has it: {@code label},
	 * {@code displayOrder}, {@code pipelineId} (when the funnel declares one) and {@code stages}, each a
	 * {@code PipelineStageInput} with {@code label}, {@code displayOrder}, {@code stageId} (when the
	 * stage declares a {@code hubspot id}) and {@code metadata}.
	 */
	public ObjectNode payload(Funnel funnel) {
		EffectiveFunnel structure = analyses.structure(funnel);
		FunnelAnalysis analysis = analyses.analysis(funnel);
		boolean tickets = funnel.getHubspotObject() == HubSpotObject.TICKETS;
		ObjectNode pipeline = Json.object();
		pipeline.put("label", Stages.label(funnel));
		pipeline.put("displayOrder", displayOrder(funnel));
		if (funnel.getHubspotPipelineId() != null) {
			pipeline.put("pipelineId", funnel.getHubspotPipelineId());
		}
		ArrayNode stages = pipeline.putArray("stages");
		List<Stage> all = structure.stages();
		int[] order = CrmOrder.of(all);
		for (int position = 0; position < order.length; position++) {
			int i = order[position];
			Stage stage = all.get(i);
			ObjectNode node = stages.addObject();
			node.put("label", Stages.label(stage));
			node.put("displayOrder", position);
			if (stage.getHubspotId() != null) {
				node.put("stageId", stage.getHubspotId());
			}
			ObjectNode metadata = node.putObject("metadata");
			if (tickets) {
				metadata.put("ticketState", Stages.isTerminal(stage) ? "CLOSED" : "OPEN");
			} else {
				metadata.put("probability", format(probability(stage, analysis, i)));
			}
		}
		return pipeline;
	}

	/** The declared {@code hubspot display order}, else 0. */
	public static int displayOrder(Funnel funnel) {
		BigDecimal order = funnel.getHubspotDisplayOrder();
		return order == null ? 0 : order.intValue();
	}

	/**
	 * The probability HubSpot gets for a deal stage: the declared one, else the one its transitions imply,
	 * put on HubSpot's 0.1 grid ({@link HubSpotProbability#nearest}). The checks refuse a declared value
	 * off the grid; an implied one is rounded, and the report says so.
	 */
	public static BigDecimal probability(Stage stage, FunnelAnalysis analysis, int index) {
		BigDecimal declared = Stages.declaredProbability(stage);
		Outcome outcome = Stages.outcome(stage);
		if (declared != null) {
			return HubSpotProbability.nearest(declared, outcome);
		}
		return HubSpotProbability.nearest(analysis.isTrapped(index) ? 0 : analysis.winProbability(index), outcome);
	}

	/** As HubSpot writes probabilities: 0.2 -> "0.2", 1 -> "1.0", 0 -> "0.0". */
	public static String format(BigDecimal fraction) {
		String plain = Text.plain(fraction);
		return plain.contains(".") ? plain : plain + ".0";
	}
}

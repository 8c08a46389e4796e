package org.funnel.dsl.crm.hubspot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.funnel.dsl.crm.hubspot.HubSpotPlan.Change;
import org.funnel.dsl.crm.hubspot.HubSpotPlan.Other;
import org.funnel.dsl.crm.hubspot.HubSpotPlan.PipelinePlan;
import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.InputException;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.generator.SourceFile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A HubSpot plan as a file: what {@code funnel plan hubspot --format json} writes for scripts and reviewers
 * ({@link #write}), and what {@code funnel apply hubspot --plan} reads back ({@link #read}) to apply only the plan
 * that was reviewed: the calls it lists, in their order.
 */
public record HubSpotPlanFile(Path file, List<Request> calls) {

	private static final String NOT_A_PLAN = " is not a plan of 'funnel plan hubspot --format json'";

	public HubSpotPlanFile {
		calls = List.copyOf(calls);
	}

	/** Whether {@code plan} makes exactly the calls of this file (and so does what was reviewed). */
	public boolean matches(HubSpotPlan plan) {
		return calls.equals(plan.requests());
	}

	/**
	 * Reads a plan file.
	 *
	 * @throws InputException when the file is missing or is not a plan
	 */
	public static HubSpotPlanFile read(Path file) throws IOException {
		if (!Files.isRegularFile(file)) {
			throw new InputException("No such file: " + file);
		}
		JsonNode plan;
		try {
			plan = Json.mapper().readTree(file.toFile());
		} catch (JsonProcessingException e) {
			throw new InputException(file + NOT_A_PLAN + ": " + e.getOriginalMessage());
		}
		if (plan == null || !"hubspot".equals(plan.path("crm").asText()) || !plan.path("pipelines").isArray()) {
			throw new InputException(file + NOT_A_PLAN + ".");
		}
		List<Request> calls = new ArrayList<>();
		for (JsonNode pipeline : plan.get("pipelines")) {
			for (JsonNode call : pipeline.path("calls")) {
				Request request = Request.fromJson(call);
				if (request == null) {
					throw new InputException(file + NOT_A_PLAN + ": a call lacks its method, path, query or description.");
				}
				calls.add(request);
			}
		}
		return new HubSpotPlanFile(file, calls);
	}

	/** The plan as the file holds it; {@code source} says what it was compared with. */
	public static ObjectNode write(HubSpotPlan plan, String source) {
		ObjectNode root = Json.object();
		root.put("crm", "hubspot");
		root.put("comparedWith", source);
		root.put("changes", plan.changeCount());
		root.put("removals", plan.removals().size());
		root.put("calls", plan.requests().size());
		root.put("errors", plan.diagnostics().stream().filter(Diagnostic::isError).count());
		ArrayNode pipelines = root.putArray("pipelines");
		for (PipelinePlan pipeline : plan.pipelines()) {
			pipelines.add(pipeline(pipeline));
		}
		ArrayNode others = root.putArray("leftAlone");
		for (Other other : plan.others()) {
			ObjectNode node = others.addObject();
			node.put("objectType", other.objectType());
			node.put("pipelineId", other.id());
			node.put("label", other.label());
			node.put("archived", other.archived());
		}
		root.set("diagnostics", Diagnostic.json(plan.diagnostics()));
		return root;
	}

	private static ObjectNode pipeline(PipelinePlan pipeline) {
		ObjectNode node = Json.object();
		node.put("funnel", pipeline.funnel().name());
		node.put("path", pipeline.funnel().unit().path());
		node.put("objectType", pipeline.funnel().objectType());
		node.put("label", pipeline.funnel().label());
		Json.putText(node, "pipelineId", pipeline.pipelineId());
		node.put("matched", pipeline.match().name().toLowerCase(Locale.ROOT));
		ArrayNode changes = node.putArray("changes");
		for (Change change : pipeline.changes()) {
			ObjectNode c = changes.addObject();
			c.put("change", change.kind().code());
			Json.putText(c, "stage", change.stage());
			Json.putText(c, "stageId", change.stageId());
			c.put("matched", change.match().name().toLowerCase(Locale.ROOT));
			Json.putText(c, "before", change.before());
			Json.putText(c, "after", change.after());
		}
		ArrayNode calls = node.putArray("calls");
		pipeline.requests().forEach(r -> calls.add(r.toJson()));
		ArrayNode notes = node.putArray("notes");
		pipeline.notes().forEach(notes::add);
		return node;
	}

	/** How the file is named in messages: as the user gave it. */
	public String display() {
		return SourceFile.display(file);
	}
}

package org.funnel.dsl.generator.cli;

import java.util.List;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.generator.plan.hubspot.HubSpotPlan;
import org.funnel.dsl.generator.plan.hubspot.HubSpotPlan.Change;
import org.funnel.dsl.generator.plan.hubspot.HubSpotPlan.Kind;
import org.funnel.dsl.generator.plan.hubspot.HubSpotPlan.Other;
import org.funnel.dsl.generator.plan.hubspot.HubSpotPlan.PipelinePlan;
import org.funnel.dsl.generator.plan.hubspot.Request;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * A HubSpot plan as {@code funnel plan hubspot} prints it: Markdown for a pull-request comment, or
 * JSON for scripts (and for {@code funnel apply hubspot --plan}, which compares its calls).
 */
final class HubSpotPlanOutput {

	/** What every removal means, in the plan and in the docs (docs/deploy.md says the same). */
	static final String REMOVALS = "HubSpot's pipelines API does not say whether deals or tickets are in a stage, so the"
			+ " plan cannot know. `funnel apply hubspot` removes stages only with `--allow-removals`, and asks HubSpot to"
			+ " refuse to delete a stage that is in use (`validateReferencesBeforeDelete=true`; its default is false)."
			+ " For deal stages HubSpot names a separate check, `validateDealStageUsagesBeforeDelete`, which API v3 takes"
			+ " on whole-pipeline calls only, not on the stage's DELETE: whether HubSpot refuses to delete a deal stage"
			+ " that holds deals is not documented. Move the stage's records to another stage in HubSpot first.";

	private HubSpotPlanOutput() {
	}

	static String markdown(HubSpotPlan plan, String source) {
		StringBuilder out = new StringBuilder("## HubSpot plan\n\n");
		out.append("Compared with ").append(source).append(".\n\n");
		List<Diagnostic> errors = plan.diagnostics().stream().filter(Diagnostic::isError).toList();
		if (!errors.isEmpty()) {
			out.append("**The plan cannot be applied:** ").append(errors.size()).append(errors.size() == 1 ? " error" : " errors")
					.append(".\n\n");
			for (Diagnostic error : errors) {
				out.append("- ").append(Text.markdown(error.toText())).append('\n');
			}
			out.append('\n');
		}
		long changes = plan.changeCount();
		int removals = plan.removals().size();
		if (changes == 0) {
			out.append(plan.pipelines().isEmpty() ? "No funnel targets HubSpot.\n"
					: "No changes: HubSpot's pipelines match the funnels.\n");
		} else {
			long pipelines = plan.pipelines().stream().filter(p -> !p.changes().isEmpty()).count();
			out.append("**").append(changes).append(changes == 1 ? " change" : " changes").append("** in ").append(pipelines)
					.append(pipelines == 1 ? " pipeline" : " pipelines").append(", ").append(plan.requests().size())
					.append(plan.requests().size() == 1 ? " call" : " calls").append(" to HubSpot");
			if (removals > 0) {
				out.append(", **").append(removals)
						.append(removals == 1 ? " stage removed** (see the warning)" : " stages removed** (see the warning)");
			}
			out.append(".\n");
		}
		for (PipelinePlan pipeline : plan.pipelines()) {
			out.append('\n').append(pipeline(pipeline));
		}
		if (removals > 0) {
			out.append("\n> **Warning: stages would be removed.** ").append(REMOVALS).append('\n');
		}
		if (!plan.others().isEmpty()) {
			out.append("\n### Left alone\n\nPipelines of the account that no funnel describes:\n\n");
			for (Other other : plan.others()) {
				out.append("- ").append(other.objectType().equals("tickets") ? "ticket" : "deal").append(" pipeline ")
						.append(Text.markdown(other.label())).append(" (id ").append(Text.markdown(other.id())).append(')')
						.append(other.archived() ? ", archived" : "").append('\n');
			}
		}
		return out.toString();
	}

	private static String pipeline(PipelinePlan pipeline) {
		StringBuilder out = new StringBuilder("### ");
		out.append(pipeline.funnel().objectType().equals("tickets") ? "Ticket" : "Deal").append(" pipeline ")
				.append(Text.markdown(pipeline.funnel().label()));
		String id = pipeline.live() != null ? pipeline.live().id() : pipeline.funnel().pipelineId();
		out.append(id == null ? " (new)" : " (id " + Text.markdown(id) + (pipeline.live() == null ? ", new" : ", matched "
				+ pipeline.match().words()) + ")");
		out.append("\n\nFunnel `").append(pipeline.funnel().name()).append("` in `")
				.append(pipeline.funnel().unit().path().replace("`", "'")).append("`.");
		if (pipeline.changes().isEmpty()) {
			out.append(" No changes.\n");
		} else {
			out.append("\n\n| change | stage | HubSpot now | after apply |\n| --- | --- | --- | --- |\n");
			for (Change change : pipeline.changes()) {
				String kind = change.kind() == Kind.REMOVE_STAGE ? "**" + change.kind().words() + "**" : change.kind().words();
				String stage = change.stage() == null ? "" : Text.markdown(change.stage())
						+ (change.stageId() == null ? "" : " (id " + Text.markdown(change.stageId()) + ")");
				out.append("| ").append(kind).append(" | ").append(stage).append(" | ")
						.append(change.before() == null ? "" : Text.markdown(change.before())).append(" | ")
						.append(change.after() == null ? "" : Text.markdown(change.after())).append(" |\n");
			}
		}
		if (!pipeline.notes().isEmpty()) {
			out.append('\n');
			for (String note : pipeline.notes()) {
				out.append("- ").append(Text.markdown(note)).append('\n');
			}
		}
		return out.toString();
	}

	static ObjectNode json(HubSpotPlan plan, String source) {
		ObjectNode root = Json.object();
		root.put("crm", "hubspot");
		root.put("comparedWith", source);
		root.put("changes", plan.changeCount());
		root.put("removals", plan.removals().size());
		root.put("calls", plan.requests().size());
		root.put("errors", plan.diagnostics().stream().filter(Diagnostic::isError).count());
		ArrayNode pipelines = root.putArray("pipelines");
		for (PipelinePlan pipeline : plan.pipelines()) {
			ObjectNode node = pipelines.addObject();
			node.put("funnel", pipeline.funnel().name());
			node.put("path", pipeline.funnel().unit().path());
			node.put("objectType", pipeline.funnel().objectType());
			node.put("label", pipeline.funnel().label());
			String id = pipeline.live() != null ? pipeline.live().id() : pipeline.funnel().pipelineId();
			if (id == null) {
				node.putNull("pipelineId");
			} else {
				node.put("pipelineId", id);
			}
			node.put("matched", pipeline.match().name().toLowerCase(Locale.ROOT));
			ArrayNode changes = node.putArray("changes");
			for (Change change : pipeline.changes()) {
				ObjectNode c = changes.addObject();
				c.put("change", change.kind().code());
				putText(c, "stage", change.stage());
				putText(c, "stageId", change.stageId());
				c.put("matched", change.match().name().toLowerCase(Locale.ROOT));
				putText(c, "before", change.before());
				putText(c, "after", change.after());
			}
			node.set("calls", calls(pipeline.requests()));
			ArrayNode notes = node.putArray("notes");
			pipeline.notes().forEach(notes::add);
		}
		ArrayNode others = root.putArray("leftAlone");
		for (Other other : plan.others()) {
			ObjectNode node = others.addObject();
			node.put("objectType", other.objectType());
			node.put("pipelineId", other.id());
			node.put("label", other.label());
			node.put("archived", other.archived());
		}
		root.set("diagnostics", DiagnosticFormat.nodes(plan.diagnostics()));
		return root;
	}

	/** The calls as the JSON plan lists them; {@code apply --plan} compares these. */
	static ArrayNode calls(List<Request> requests) {
		ArrayNode calls = Json.array();
		requests.forEach(r -> calls.add(call(r)));
		return calls;
	}

	/** One call: method, path, query, body, what it does. */
	static ObjectNode call(Request request) {
		ObjectNode call = Json.object();
		call.put("method", request.method());
		call.put("path", request.path());
		ObjectNode query = call.putObject("query");
		request.query().forEach(query::put);
		call.set("body", request.body() == null ? call.nullNode() : request.body().deepCopy());
		call.put("description", request.description());
		return call;
	}

	static void putText(ObjectNode node, String field, String value) {
		if (value == null) {
			node.putNull(field);
		} else {
			node.put(field, value);
		}
	}
}

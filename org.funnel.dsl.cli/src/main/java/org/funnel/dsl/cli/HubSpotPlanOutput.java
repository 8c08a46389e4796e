package org.funnel.dsl.cli;

import java.util.List;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.crm.hubspot.HubSpotPlan;
import org.funnel.dsl.crm.hubspot.HubSpotPlan.Change;
import org.funnel.dsl.crm.hubspot.HubSpotPlan.Kind;
import org.funnel.dsl.crm.hubspot.HubSpotPlan.Other;
import org.funnel.dsl.crm.hubspot.HubSpotPlan.PipelinePlan;

/**
 * A HubSpot plan as {@code funnel plan hubspot} prints it for a pull-request comment, in Markdown (the JSON for
 * scripts and for {@code funnel apply hubspot --plan} is the plan file, {@code HubSpotPlanFile}).
 */
final class HubSpotPlanOutput {

	/** What every removal means, in the plan and in the docs (docs/deploy.md says the same). */
	static final String REMOVALS = "A stage that holds deals is never removed: plan and apply ask HubSpot's CRM search how"
			+ " many deals are in each deal stage the plan removes, and one that holds any is an error of the plan, before"
			+ " any call. `funnel apply hubspot` removes stages only with `--allow-removals`, and every stage DELETE asks"
			+ " HubSpot to refuse if the stage is in use, should its search lag: for deal stages with"
			+ " `validateDealStageUsagesBeforeDelete=true` and `validateReferencesBeforeDelete=true` (HubSpot's 2026-09"
			+ " guide names the first for deal stages, its spec only the second), for ticket stages with"
			+ " `validateReferencesBeforeDelete=true` (ticket stages are not searched: HubSpot's check is the only one)."
			+ " Move the stage's records to another stage in HubSpot first.";

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
		String id = pipeline.pipelineId();
		out.append(id == null ? " (new)" : " (id " + Text.markdown(id) + (pipeline.current() == null ? ", new" : ", matched "
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
}

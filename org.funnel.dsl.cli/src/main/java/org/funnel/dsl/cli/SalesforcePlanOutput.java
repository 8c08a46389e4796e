package org.funnel.dsl.cli;

import java.util.List;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.crm.salesforce.SalesforcePlan;
import org.funnel.dsl.crm.salesforce.SalesforcePlan.Change;
import org.funnel.dsl.crm.salesforce.SalesforcePlan.Kind;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Salesforce plan as {@code funnel plan salesforce} prints it: Markdown for a pull-request comment, or JSON. */
final class SalesforcePlanOutput {

	/** What a deactivation means (docs/deploy.md says the same). */
	static final String DEACTIVATIONS = "The org has one OpportunityStage value set for all its sales processes, and"
			+ " deploying the value set deactivates every stage it does not list: opportunities in such a stage keep it,"
			+ " but nobody can choose it any more, in any sales process (also in those no funnel describes). A retrieve"
			+ " does not say how many opportunities are in a stage. To keep a stage, add it to a funnel, and generate all"
			+ " Salesforce funnels in one run.";

	private SalesforcePlanOutput() {
	}

	static String markdown(SalesforcePlan plan, String source) {
		StringBuilder out = new StringBuilder("## Salesforce plan\n\n");
		out.append("Compared the project `generate --target salesforce` writes with ").append(source).append(".\n\n");
		List<Change> deactivations = plan.deactivations();
		int changes = plan.changes().size();
		if (changes == 0) {
			out.append("No changes: the org already has what the deploy would write.\n");
		} else {
			out.append("**").append(changes).append(changes == 1 ? " change**" : " changes**");
			if (!deactivations.isEmpty()) {
				out.append(", **").append(deactivations.size()).append(deactivations.size() == 1 ? " stage" : " stages")
						.append(" deactivated** (see the warning)");
			}
			out.append(".\n");
		}
		if (!deactivations.isEmpty()) {
			out.append("\n### Stages the deploy deactivates\n\n| stage | used by sales processes | now |\n| --- | --- | --- |\n");
			for (Change change : deactivations) {
				out.append("| **").append(Text.markdown(change.subject())).append("** | ")
						.append(change.process() == null ? "none" : Text.markdown(change.process())).append(" | ")
						.append(Text.markdown(change.before())).append(" |\n");
			}
			out.append("\n> **Warning: stages would be deactivated.** ").append(DEACTIVATIONS).append('\n');
		}
		List<Change> others = plan.changes().stream().filter(c -> c.kind() != Kind.DEACTIVATE_STAGE).toList();
		if (!others.isEmpty()) {
			out.append(
					"\n### Changes\n\n| change | of | in sales process | org now | after deploy |\n| --- | --- | --- | --- | --- |\n");
			for (Change change : others) {
				out.append("| ").append(change.kind().words()).append(" | ").append(Text.markdown(change.subject())).append(" | ")
						.append(change.process() == null ? "" : Text.markdown(change.process())).append(" | ")
						.append(change.before() == null ? "" : Text.markdown(change.before())).append(" | ")
						.append(change.after() == null ? "" : Text.markdown(change.after())).append(" |\n");
			}
		}
		if (!plan.leftAlone().isEmpty()) {
			out.append(
					"\n### Left alone\n\nSales processes of the org that no funnel describes (a deploy does not delete them):\n\n");
			plan.leftAlone().forEach(p -> out.append("- ").append(Text.markdown(p)).append('\n'));
		}
		return out.toString();
	}

	static ObjectNode json(SalesforcePlan plan, String source) {
		ObjectNode root = Json.object();
		root.put("crm", "salesforce");
		root.put("comparedWith", source);
		root.put("changes", plan.changes().size());
		root.put("deactivations", plan.deactivations().size());
		ArrayNode list = root.putArray("plan");
		for (Change change : plan.changes()) {
			ObjectNode node = list.addObject();
			node.put("change", change.kind().code());
			node.put("of", change.subject());
			Json.putText(node, "process", change.process());
			Json.putText(node, "before", change.before());
			Json.putText(node, "after", change.after());
		}
		ArrayNode leftAlone = root.putArray("leftAlone");
		plan.leftAlone().forEach(leftAlone::add);
		root.set("diagnostics", Diagnostic.json(plan.diagnostics()));
		return root;
	}
}

package org.funnel.dsl.cli;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.crm.salesforce.SalesforcePlan;
import org.funnel.dsl.crm.salesforce.SalesforcePlan.ComponentChanges;
import org.funnel.dsl.crm.salesforce.SalesforcePlan.ElementChange;

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
		out.append("Compared the project `generate --target salesforce --current` writes with ").append(source)
				.append(".\n\n");
		int changes = plan.size();
		if (changes == 0) {
			out.append("No changes: the org already has what the deploy would write.\n");
		} else {
			out.append("**").append(changes).append(changes == 1 ? " change**" : " changes**").append(" in ")
					.append(plan.components().size()).append(plan.components().size() == 1 ? " component" : " components")
					.append(".\n");
		}
		if (!plan.diagnostics().isEmpty()) {
			out.append("\n> **Warning: stages would be deactivated.** ").append(DEACTIVATIONS).append('\n');
		}
		for (ComponentChanges component : plan.components()) {
			out.append("\n### ").append(component.type()).append(" ").append(Text.markdown(component.name())).append("\n\n");
			if (component.added()) {
				out.append("New: the org does not have it.\n");
				continue;
			}
			out.append("| element | org now | after deploy |\n| --- | --- | --- |\n");
			for (ElementChange change : component.changes()) {
				out.append("| ").append(Text.markdown(change.element())).append(" | ").append(cell(change.before()))
						.append(" | ").append(cell(change.after())).append(" |\n");
			}
		}
		if (!plan.leftAlone().isEmpty()) {
			out.append("\n### Left alone\n\nComponents of the org the project does not write (a deploy does not change"
					+ " them):\n\n");
			plan.leftAlone().forEach(p -> out.append("- ").append(Text.markdown(p)).append('\n'));
		}
		return out.toString();
	}

	private static String cell(String text) {
		return text == null ? "*(none)*" : Text.markdown(text);
	}

	static ObjectNode json(SalesforcePlan plan, String source) {
		ObjectNode root = Json.object();
		root.put("crm", "salesforce");
		root.put("comparedWith", source);
		root.put("changes", plan.size());
		ArrayNode list = root.putArray("components");
		for (ComponentChanges component : plan.components()) {
			ObjectNode node = list.addObject();
			node.put("type", component.type());
			node.put("name", component.name());
			node.put("new", component.added());
			ArrayNode elements = node.putArray("changes");
			for (ElementChange change : component.changes()) {
				ObjectNode element = elements.addObject();
				element.put("element", change.element());
				Json.putText(element, "before", change.before());
				Json.putText(element, "after", change.after());
			}
		}
		ArrayNode leftAlone = root.putArray("leftAlone");
		plan.leftAlone().forEach(leftAlone::add);
		root.set("diagnostics", Diagnostic.json(plan.diagnostics()));
		return root;
	}
}

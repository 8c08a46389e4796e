package org.funnel.dsl.generator.diff;

import java.util.ArrayList;
import java.util.List;

import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.generator.diff.DiffResult.FunnelChange;
import org.funnel.dsl.generator.diff.DiffResult.Group;
import org.funnel.dsl.model.Stages;

/** A diff as Markdown for a pull request comment: a section per changed funnel, its changes as lists. */
final class DiffMarkdown {

	private DiffMarkdown() {
	}

	/** With {@code pictures} (where the diff's pictures are, as the reader should find them), each section links them. */
	static String render(DiffResult result, String beforeName, String afterName, String pictures) {
		List<String> sections = new ArrayList<>();
		for (FunnelChange change : result.funnels()) {
			StringBuilder text = new StringBuilder(section(change));
			if (pictures != null) {
				text.append("**Pictures** (changes outlined): ");
				if (change.before() != null) {
					text.append("[before](").append(pictures).append("/before/").append(change.name()).append(".svg)");
				}
				if (change.before() != null && change.after() != null) {
					text.append(" · ");
				}
				if (change.after() != null) {
					text.append("[after](").append(pictures).append("/after/").append(change.name()).append(".svg)");
				}
				text.append("\n");
			}
			sections.add(text.toString());
		}
		StringBuilder out = new StringBuilder("## Funnel changes\n\n");
		out.append("Comparing `").append(beforeName.replace("`", "'")).append("` with `").append(afterName.replace("`", "'"))
				.append("`.\n\n");
		out.append(sections.isEmpty() ? "No semantic changes.\n" : String.join("\n", sections));
		return out.toString();
	}

	private static String section(FunnelChange change) {
		StringBuilder out = new StringBuilder(heading((change.after() != null ? change.after() : change.before()).funnel()));
		if (change.summary() != null) {
			return out.append(change.summary()).append('\n').toString();
		}
		for (Group group : change.groups()) {
			out.append("**").append(group.title()).append("**\n\n");
			group.changes().forEach(item -> out.append("- ").append(item).append('\n'));
			out.append('\n');
		}
		return out.toString();
	}

	private static String heading(Funnel funnel) {
		return "### " + Text.markdown(Stages.label(funnel)) + " (`" + funnel.getName() + "`)\n\n";
	}
}

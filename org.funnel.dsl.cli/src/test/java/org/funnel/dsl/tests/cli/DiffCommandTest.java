package org.funnel.dsl.tests.cli;

import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.funnel.dsl.testing.SvgPicture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.IOException;
import java.util.List;

/** {@code funnel diff}: semantic changes and their effect, as Markdown. */
class DiffCommandTest {

	@Test
	void probabilityTransitionAndStageChangesWithTheirEffect(@TempDir Path dir) throws Exception {
		Path old = Files.createDirectories(dir.resolve("old"));
		Path neu = Files.createDirectories(dir.resolve("new"));
		copyExamples(old);
		copyExamples(neu);
		changeB2B(neu);
		Cli.Result result = Cli.run("diff", old.toString(), neu.toString());
		assertThat(result.code()).as(result.toString()).isZero();
		String md = result.out();
		assertThat(md).startsWith(
				"## Funnel changes\n\nComparing `" + old + "` with `" + neu + "`.\n\n### B2B new business (`B2BSales`)\n");
		assertThat(md).contains("- Renamed stage `Qualified` to `Qualification` (**Qualified**).",
				"- Added stage **Discovery call** (`Discovery`, open, 10%).",
				"- **Negotiation**: declared probability: 60% → 70%.",
				"- **Demo held** → **Proposal sent**: 55% → 40%.",
				"- Win probability of **Demo held** dropped from 23.66% to 17.21%.",
				"- Win probability of **Lead** dropped from 5.68% to 4.13%.",
				"- Overall win rate dropped from 5.68% to 4.13%");
		// Only the changed funnel is listed.
		assertThat(md).doesNotContain("Sales Pipeline");
		assertThat(Cli.run("diff", "--exit-code", old.toString(), neu.toString()).code()).isEqualTo(1);
	}

	/** Fewer demos turn into proposals; a discovery call is added; Qualified is renamed; Negotiation declares 70%. */
	private static void changeB2B(Path neu) throws IOException {
		String b2b = Files.readString(neu.resolve("b2b.funnel"));
		b2b = b2b.replace("moves to Proposal 55% via Email", "moves to Proposal 40% via Email")
				.replace("stage Qualified \"Qualified\"", "stage Qualification \"Qualified\"")
				.replace("moves to Qualified 40% via SalesCall", "moves to Qualification 40% via SalesCall")
				.replace("probability 60%", "probability 70%")
				.replace("    /** The product was shown", """
						stage Discovery "Discovery call" {
						    probability 10%
						    moves to ClosedLost 100%
						}

						/** The product was shown""");
		Files.writeString(neu.resolve("b2b.funnel"), b2b);
	}

	@Test
	void svgWritesBeforeAndAfterPicturesWithTheChangesOutlined(@TempDir Path dir) throws Exception {
		Path old = Files.createDirectories(dir.resolve("old"));
		Path neu = Files.createDirectories(dir.resolve("new"));
		copyExamples(old);
		copyExamples(neu);
		changeB2B(neu);
		Path pictures = dir.resolve("pictures");
		Cli.Result result = Cli.run("diff", "--svg", pictures.toString(), old.toString(), neu.toString());
		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(FileTrees.tree(pictures).keySet()).containsExactly("after/B2BSales.svg", "before/B2BSales.svg");
		assertThat(result.out())
				.contains("**Pictures** (changes outlined): [before](" + pictures + "/before/B2BSales.svg) · [after]("
						+ pictures + "/after/B2BSales.svg)\n");

		SvgPicture before = new SvgPicture(Files.readString(pictures.resolve("before/B2BSales.svg")));
		SvgPicture after = new SvgPicture(Files.readString(pictures.resolve("after/B2BSales.svg")));
		assertThat(changed(before.stages())).containsExactlyInAnyOrder("Qualified", "Negotiation");
		assertThat(changed(after.stages())).containsExactlyInAnyOrder("Qualification", "Discovery", "Negotiation");
		assertThat(
				before.transitions().stream().filter(t -> t.classes().contains("fd-changed")).map(t -> t.from() + ">" + t.to()))
				.containsExactly("Demo>Proposal");
		assertThat(after.transitions().stream().filter(t -> t.classes().contains("fd-changed")).map(t -> t.from() + ">" + t.to()))
				.containsExactlyInAnyOrder("Demo>Proposal", "Discovery>ClosedLost");
		assertThat(after.stages().stream().filter(s -> s.name().equals("Discovery")).findFirst().orElseThrow().tooltip())
				.endsWith("; changed");

		// Without changes nothing is drawn, and what an earlier run drew there is gone.
		Cli.Result same = Cli.run("diff", "--svg", pictures.toString(), old.toString(), old.toString());
		assertThat(same.code()).isZero();
		assertThat(FileTrees.tree(pictures)).isEmpty();
	}

	private static List<String> changed(List<SvgPicture.StageGroup> stages) {
		return stages.stream().filter(s -> s.classes().contains("fd-changed")).map(SvgPicture.StageGroup::name).toList();
	}

	@Test
	void noChangesAndErrors(@TempDir Path dir) throws Exception {
		Cli.Result same = Cli.run("diff", "--exit-code", "examples/aida.funnel", "examples/aida.funnel");
		assertThat(same.code()).isZero();
		assertThat(same.out()).endsWith("No semantic changes.\n");
		Path broken = dir.resolve("broken.funnel");
		Files.writeString(broken, ValidateCommandTest.BROKEN);
		Cli.Result result = Cli.run("diff", "examples/aida.funnel", broken.toString());
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).contains(broken + ":3:21: error:");
		assertThat(Cli.run("diff", "examples/aida.funnel").code()).isEqualTo(2);
	}

	@Test
	void bottleneckMoves(@TempDir Path dir) throws Exception {
		Path old = dir.resolve("old.funnel");
		Path neu = dir.resolve("new.funnel");
		Files.copy(Path.of("examples/hubspot-default.funnel"), old);
		Files.writeString(neu, Files.readString(old).replace("moves to QualifiedToBuy 50%", "moves to QualifiedToBuy 95%")
				.replace("moves to ClosedLost 50%", "moves to ClosedLost 5%"));
		Cli.Result result = Cli.run("diff", old.toString(), neu.toString());
		assertThat(result.out()).contains("- **Appointment scheduled** → **Qualified to buy**: 50% → 95%.",
				"- Win probability of **Appointment scheduled** rose from 20% to 38%.",
				"- The bottleneck moved from **Appointment scheduled** (loses 200 per month) to **Qualified to buy** (loses 126.67 per month).");
	}

	@Test
	void crmSettingsChanges(@TempDir Path dir) throws Exception {
		Path old = dir.resolve("old.funnel");
		Path neu = dir.resolve("new.funnel");
		Files.copy(Path.of("examples/salesforce-default.funnel"), old);
		Files.writeString(neu, Files.readString(old)
				.replace("    salesforce process \"Standard Sales Process\"\n",
						"    salesforce process \"Standard Sales Process\"\n"
								+ "    salesforce record type \"Standard\" \"Standard deals\"\n    hubspot display order 2\n"
								+ "    history \"history/deals.csv\"\n")
				.replace("        salesforce forecast Pipeline\n        entering 120 per month\n",
						"        salesforce forecast Pipeline\n        salesforce default\n        entering 120 per month\n"));
		Cli.Result result = Cli.run("diff", old.toString(), neu.toString());
		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(result.out()).contains("- HubSpot display order: 0 → 2.", "- Deal history: none → \"history/deals.csv\".",
				"- Salesforce record type: default → \"Standard\" (\"Standard deals\").",
				"- **Prospecting**: Salesforce default: no → yes.");
	}

	@Test
	void durationChanges(@TempDir Path dir) throws Exception {
		Path old = dir.resolve("old");
		Path neu = dir.resolve("new");
		copyExamples(old);
		copyExamples(neu);
		String b2b = Files.readString(neu.resolve("b2b.funnel"));
		Files.writeString(neu.resolve("b2b.funnel"), b2b.replace("duration 3 days", "duration 5 days")
				.replace("        duration 1 week\n", "").replace("duration 2 weeks", "duration 1 week"));
		Cli.Result result = Cli.run("diff", old.toString(), neu.toString());
		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(result.out()).contains("- **Lead**: duration: 3 days → 5 days.", "- **Qualified**: duration: 1 week → none.",
				"- **Demo held**: duration: 2 weeks → 1 week.");
	}

	static void copyExamples(Path target) throws Exception {
		try (var files = Files.walk(Path.of("examples"))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path copy = target.resolve(Path.of("examples").relativize(file).toString());
				Files.createDirectories(copy.getParent());
				Files.copy(file, copy);
			}
		}
	}
}

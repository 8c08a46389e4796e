package org.funnel.dsl.tests.cli;

import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.funnel.dsl.testing.LongFunnels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code funnel generate}: all examples generate; errors leave --out untouched; exit codes. */
class GenerateCommandTest {

	@Test
	void everyExampleGeneratesEveryTarget(@TempDir Path dir) {
		Path out = dir.resolve("out");
		Cli.Result result = Cli.run("generate", "--target", "all", "--out", out.toString(), "examples/");
		assertThat(result.code()).as(result.toString()).isZero();
		Map<String, byte[]> tree = FileTrees.tree(out);
		for (String funnel : new String[] { "Aida", "B2BSales", "DealPipeline", "MediaPlan", "OnlineShop", "Revenue",
				"StandardSales", "Tripwire", "WinBack" }) {
			assertThat(tree).containsKeys("java/" + funnel + "Funnel.java", "mermaid/" + funnel + ".mmd",
					"report/" + funnel + ".md",
					"svg/" + funnel + ".svg", "report/" + funnel + ".svg");
		}
		assertThat(tree).containsKeys("hubspot/DealPipeline.json", "salesforce/package.xml");
		assertThat(tree).doesNotContainKey("hubspot/StandardSales.json");
		assertThat(result.out()).startsWith("Generated " + tree.size() + " files from 9 funnels into ");
		// The same command again: the same bytes.
		Cli.Result again = Cli.run("generate", "-t", "all", "-o", out.toString(), "examples/");
		assertThat(again.code()).isZero();
		assertThat(FileTrees.text(FileTrees.tree(out))).isEqualTo(FileTrees.text(tree));
	}

	@Test
	void errorsLeaveTheOutputUntouched(@TempDir Path dir) throws Exception {
		Path out = dir.resolve("out");
		assertThat(Cli.run("generate", "-t", "all", "-o", out.toString(), "examples/hubspot-default.funnel").code()).isZero();
		Map<String, String> before = FileTrees.text(FileTrees.tree(out));
		long modified = Files.getLastModifiedTime(out.resolve("hubspot/DealPipeline.json")).toMillis();
		Path good = dir.resolve("good.funnel");
		Files.copy(Path.of("examples/aida.funnel"), good);
		Path broken = dir.resolve("broken.funnel");
		Files.writeString(broken, ValidateCommandTest.BROKEN);
		Cli.Result result = Cli.run("generate", "-t", "all", "-o", out.toString(), good.toString(), broken.toString());
		assertThat(result.code()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains(broken + ":3:21: error:").contains("not generating").doesNotContain("\tat ");
		assertThat(FileTrees.text(FileTrees.tree(out))).isEqualTo(before);
		assertThat(Files.getLastModifiedTime(out.resolve("hubspot/DealPipeline.json")).toMillis()).isEqualTo(modified);
		try (var entries = Files.list(out)) {
			assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
		}
		// A conflict found while generating (two funnels, one file name) also writes nothing.
		Files.writeString(dir.resolve("twin.funnel"), Files.readString(Path.of("examples/hubspot-default.funnel")));
		Cli.Result twins = Cli.run("generate", "-t", "hubspot", "-o", out.toString(), "examples/hubspot-default.funnel",
				dir.resolve("twin.funnel").toString());
		assertThat(twins.code()).as(twins.toString()).isEqualTo(1);
		assertThat(twins.err()).contains("would both write hubspot/DealPipeline.json");
		assertThat(FileTrees.text(FileTrees.tree(out))).isEqualTo(before);
	}

	@Test
	void onlyTheRequestedTargetsAreReplaced(@TempDir Path dir) {
		Path out = dir.resolve("out");
		assertThat(Cli.run("generate", "-t", "java,report", "-o", out.toString(), "examples/aida.funnel").code()).isZero();
		// The report's picture is beside it.
		assertThat(FileTrees.tree(out).keySet()).containsExactly("java/AidaFunnel.java", "report/Aida.md", "report/Aida.svg");
		assertThat(Cli.run("generate", "-t", "java", "-o", out.toString(), "examples/tripwire.funnel").code()).isZero();
		// java/ now holds only what this run generated; report/ is not this run's business.
		assertThat(FileTrees.tree(out).keySet()).containsExactly("java/TripwireFunnel.java", "report/Aida.md", "report/Aida.svg");
	}

	@Test
	void usageErrors(@TempDir Path dir) throws Exception {
		assertThat(Cli.run("generate", "-o", dir.toString(), "examples").code()).isEqualTo(2);
		assertThat(Cli.run("generate", "-t", "cobol", "-o", dir.toString(), "examples").code()).isEqualTo(2);
		assertThat(Cli.run("generate", "-t", "java", "examples").code()).isEqualTo(2);
		Path file = Files.writeString(dir.resolve("file"), "x");
		Cli.Result notADirectory = Cli.run("generate", "-t", "java", "-o", file.toString(), "examples/aida.funnel");
		assertThat(notADirectory.code()).isEqualTo(2);
		assertThat(notADirectory.err()).contains("is not a directory");
	}

	@Test
	void svgDrawsEveryFunnelAndTheReportShowsItsPicture(@TempDir Path dir) throws Exception {
		Path out = dir.resolve("out");
		Cli.Result result = Cli.run("generate", "--target", "svg,report", "--channels", "--out", out.toString(),
				"examples/b2b.funnel");
		assertThat(result.code()).as(result.toString()).isZero();
		Map<String, String> tree = FileTrees.text(FileTrees.tree(out));
		assertThat(tree.keySet()).containsExactly("report/B2BSales.md", "report/B2BSales.svg", "svg/B2BSales.svg");
		assertThat(tree.get("svg/B2BSales.svg")).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"funnel-diagram\"")
				.contains("data-stage=\"Lead\"", ">channels Events, Referral, LinkedIn ads,</text>", ">Webinar</text>");
		assertThat(tree.get("report/B2BSales.svg")).isEqualTo(tree.get("svg/B2BSales.svg"));
		assertThat(tree.get("report/B2BSales.md")).contains("## Diagram\n\n![Diagram of B2B new business](B2BSales.svg)\n");

		// A funnel too large to draw: a warning names it, the other funnels are drawn, the run succeeds.
		Files.writeString(dir.resolve("huge.funnel"), LongFunnels.chain(1999).replace("Chain", "Huge"));
		Cli.Result large = Cli.run("generate", "-t", "svg", "-o", out.toString(), dir.resolve("huge.funnel").toString(),
				"examples/aida.funnel");
		assertThat(large.code()).as(large.toString()).isZero();
		assertThat(large.err()).contains("funnel: warning: funnel Huge has 2001 stages; diagrams are drawn for up to 2000"
				+ " stages (split the funnel with 'extends', or read the report's tables); svg/Huge.svg not written.");
		assertThat(FileTrees.tree(out).keySet()).contains("svg/Aida.svg").doesNotContain("svg/Huge.svg");
	}
}

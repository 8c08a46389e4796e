package org.funnel.dsl.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.funnel.dsl.tests.generator.Funnels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code funnel generate}: all examples generate; errors leave --out untouched; exit codes. */
class GenerateCommandTest {

	@Test
	void everyExampleGeneratesEveryTarget(@TempDir Path dir) {
		Path out = dir.resolve("out");
		Cli.Result result = Cli.run("generate", "--target", "all", "--out", out.toString(), "examples/");
		assertThat(result.code()).as(result.toString()).isZero();
		Map<String, byte[]> tree = Funnels.tree(out);
		for (String funnel : new String[] { "Aida", "B2BSales", "DealPipeline", "MediaPlan", "OnlineShop", "Revenue",
				"StandardSales", "Tripwire", "WinBack" }) {
			assertThat(tree).containsKeys("java/" + funnel + "Funnel.java", "mermaid/" + funnel + ".mmd", "report/" + funnel + ".md");
		}
		assertThat(tree).containsKeys("hubspot/DealPipeline.json", "salesforce/package.xml");
		assertThat(tree).doesNotContainKey("hubspot/StandardSales.json");
		assertThat(result.out()).startsWith("Generated " + tree.size() + " files from 9 funnels into ");
		// The same command again: the same bytes.
		Cli.Result again = Cli.run("generate", "-t", "all", "-o", out.toString(), "examples/");
		assertThat(again.code()).isZero();
		assertThat(Funnels.text(Funnels.tree(out))).isEqualTo(Funnels.text(tree));
	}

	@Test
	void errorsLeaveTheOutputUntouched(@TempDir Path dir) throws Exception {
		Path out = dir.resolve("out");
		assertThat(Cli.run("generate", "-t", "all", "-o", out.toString(), "examples/hubspot-default.funnel").code()).isZero();
		Map<String, String> before = Funnels.text(Funnels.tree(out));
		long modified = Files.getLastModifiedTime(out.resolve("hubspot/DealPipeline.json")).toMillis();
		Path good = dir.resolve("good.funnel");
		Files.copy(Path.of("examples/aida.funnel"), good);
		Path broken = dir.resolve("broken.funnel");
		Files.writeString(broken, ValidateCommandTest.BROKEN);
		Cli.Result result = Cli.run("generate", "-t", "all", "-o", out.toString(), good.toString(), broken.toString());
		assertThat(result.code()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains(broken + ":3:21: error:").contains("not generating").doesNotContain("\tat ");
		assertThat(Funnels.text(Funnels.tree(out))).isEqualTo(before);
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
		assertThat(Funnels.text(Funnels.tree(out))).isEqualTo(before);
	}

	@Test
	void onlyTheRequestedTargetsAreReplaced(@TempDir Path dir) {
		Path out = dir.resolve("out");
		assertThat(Cli.run("generate", "-t", "java,report", "-o", out.toString(), "examples/aida.funnel").code()).isZero();
		assertThat(Funnels.tree(out).keySet()).containsExactly("java/AidaFunnel.java", "report/Aida.md");
		assertThat(Cli.run("generate", "-t", "java", "-o", out.toString(), "examples/tripwire.funnel").code()).isZero();
		// java/ now holds only what this run generated; report/ is not this run's business.
		assertThat(Funnels.tree(out).keySet()).containsExactly("java/TripwireFunnel.java", "report/Aida.md");
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
}

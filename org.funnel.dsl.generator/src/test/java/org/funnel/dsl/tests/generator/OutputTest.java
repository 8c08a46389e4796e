package org.funnel.dsl.tests.generator;

import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.OutputDirectory;
import org.funnel.dsl.generator.targets.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output is deterministic, stays inside --out, escapes what it must, and never replaces half a tree. */
class OutputTest {

	@Test
	void twoRunsGiveTheSameBytesWithoutAbsolutePaths(@TempDir Path dir) throws Exception {
		GeneratedFiles first = Funnels.generate(Funnels.load("examples"), Target.all);
		GeneratedFiles second = Funnels.generate(Funnels.load("examples"), Target.all);
		assertThat(first.files().keySet()).containsExactlyElementsOf(second.files().keySet());
		for (String path : first.files().keySet()) {
			assertThat(second.files().get(path)).as(path).isEqualTo(first.files().get(path));
		}
		OutputDirectory.write(dir.resolve("a"), first, List.of("java", "hubspot", "salesforce", "mermaid", "report", "svg"));
		OutputDirectory.write(dir.resolve("b"), second, List.of("java", "hubspot", "salesforce", "mermaid", "report", "svg"));
		Map<String, byte[]> a = FileTrees.tree(dir.resolve("a"));
		Map<String, byte[]> b = FileTrees.tree(dir.resolve("b"));
		assertThat(FileTrees.text(a)).isEqualTo(FileTrees.text(b));
		String cwd = Path.of("").toAbsolutePath().toString();
		for (Map.Entry<String, String> file : FileTrees.text(a).entrySet()) {
			assertThat(file.getValue()).as(file.getKey()).doesNotContain(cwd).doesNotContain(dir.toString()).doesNotContain("\r");
		}
		assertThat(a).containsKeys("java/B2BSalesFunnel.java", "hubspot/B2BSales.json", "mermaid/B2BSales.mmd",
				"report/B2BSales.md", "report/B2BSales.svg", "salesforce/package.xml", "svg/B2BSales.svg");
		// Generated files name their source relative to the working directory.
		assertThat(FileTrees.text(a).get("java/B2BSalesFunnel.java")).contains("from examples/b2b.funnel.");
	}

	@Test
	void mermaidAndMarkdownEscapeLabels(@TempDir Path dir) throws Exception {
		List<String> paths = FileTrees.write(dir, Map.of("odd.funnel", """
				funnel Odd "Odd | \\"quoted\\" # <tag>" {
				    stage First "A | B \\"C\\" <D> & E #1\\nnext" {
				        probability 40%
				        entering 10 per week
				        moves to Won 40%
				        moves to Lost 50%
				    }
				    won stage Won "Won *big* _now_"
				    lost stage Lost "Lost"
				}
				"""));
		FunnelWorkspace workspace = Funnels.load(paths.toArray(String[]::new));
		GeneratedFiles files = Funnels.generate(workspace, Target.mermaid, Target.report);
		String mermaid = files.text("mermaid/Odd.mmd");
		assertThat(mermaid).startsWith("---\ntitle: \"Odd | \\\"quoted\\\" # <tag>\"\n---\nflowchart LR\n");
		String node = mermaid.lines().filter(l -> l.startsWith("    s0[")).findFirst().orElseThrow();
		assertThat(node)
				.isEqualTo("    s0[\"A #124; B #quot;C#quot; #lt;D#gt; #amp; E #35;1<br>next<br>declared 40% · implied 40%\"]");
		assertThat(mermaid).contains("    s0 -->|\"40%\"| s1\n", "    s0 -.->|\"10%\"| dropoff\n", "    class s1 won\n",
				"    class s2 lost\n", "    class s0 bottleneck\n");
		String report = files.text("report/Odd.md");
		assertThat(report).startsWith("# Odd \\| \"quoted\" \\# &lt;tag&gt; (`Odd`)\n");
		assertThat(report)
				.contains("| A \\| B \"C\" &lt;D&gt; &amp; E \\#1<br>next ⚠️ bottleneck | open | 40% | 40% | 10 | 10% | 1 |");
		assertThat(report).contains("| Won \\*big\\* \\_now\\_ | won |");
		assertThat(report).contains("```mermaid\n" + mermaid + "```\n");
		assertThat(report).contains("| Expected won | 4 |", "**Bottleneck:** A \\| B");
	}

	@Test
	void replacesOnlyItsOwnSubdirectoriesAndCleansUp(@TempDir Path dir) throws Exception {
		Path out = dir.resolve("out");
		Files.createDirectories(out.resolve("hubspot"));
		Files.writeString(out.resolve("hubspot/stale.json"), "{}");
		Files.writeString(out.resolve("notes.txt"), "mine");
		Files.createDirectories(out.resolve(".funnel-tmp-123/new"));
		GeneratedFiles files = Funnels.generate(Funnels.load("examples/hubspot-default.funnel"), Target.hubspot);
		OutputDirectory.write(out, files, List.of("hubspot", "salesforce"));
		assertThat(FileTrees.tree(out).keySet()).containsExactly("hubspot/DealPipeline.json", "hubspot/pipelines.json",
				"notes.txt");
		assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");
		try (var entries = Files.list(out)) {
			assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("hubspot", "notes.txt");
		}
	}

	@Test
	void refusesSymbolicLinksAndNamesOutsideTheDirectory(@TempDir Path dir) throws Exception {
		Path outside = Files.createDirectories(dir.resolve("outside"));
		Files.writeString(outside.resolve("keep.txt"), "keep");
		Path out = Files.createDirectories(dir.resolve("out"));
		Files.createSymbolicLink(out.resolve("hubspot"), outside);
		GeneratedFiles files = Funnels.generate(Funnels.load("examples/hubspot-default.funnel"), Target.hubspot);
		assertThatThrownBy(() -> OutputDirectory.write(out, files, List.of("hubspot")))
				.isInstanceOf(GenerationException.class).hasMessageContaining("symbolic link");
		assertThat(FileTrees.tree(outside).keySet()).containsExactly("keep.txt");
		assertThat(Files.isSymbolicLink(out.resolve("hubspot"))).isTrue();
		GeneratedFiles evil = new GeneratedFiles();
		for (String name : List.of("../x", "/etc/x", "a/../../x", "a//b", "a\\b", "c:x", "a/./b", "a\nb")) {
			assertThatThrownBy(() -> evil.add(name, "x", "test")).as(name).isInstanceOf(GenerationException.class);
		}
		evil.add("java/A.java", "a", "funnel A");
		assertThatThrownBy(() -> evil.add("java/a.java", "b", "funnel a")).isInstanceOf(GenerationException.class)
				.hasMessageContaining("funnel a and funnel A would both write java/a.java");
		assertThat(new String(evil.files().get("java/A.java"), StandardCharsets.UTF_8)).isEqualTo("a");
	}
}

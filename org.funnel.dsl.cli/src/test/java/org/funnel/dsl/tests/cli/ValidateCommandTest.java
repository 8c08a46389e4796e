package org.funnel.dsl.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code funnel validate}: formats, exit codes, directories, imports between files. */
class ValidateCommandTest {

	static final String BROKEN = """
			funnel Broken "Broken" {
			    stage A "A" {
			        probability 140%
			        moves to Nowhere 50%
			    }
			    won stage W "W"
			}
			""";

	static final String SYNTAX = """
			funnel Syntax "Syntax" {
			    stage A "A" {
			        moves to
			}
			""";

	@Test
	void examplesAreValid() {
		Cli.Result result = Cli.run("validate", "examples/");
		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(result.out()).isEmpty();
		assertThat(result.err()).contains("11 files, 0 errors");
	}

	@Test
	void textFormatIsOneSortedLinePerDiagnosticWithRelativePaths(@TempDir Path dir) throws Exception {
		Path sub = Files.createDirectories(dir.resolve("funnels"));
		Files.writeString(sub.resolve("b.funnel"), BROKEN);
		Files.writeString(sub.resolve("a.funnel"), SYNTAX);
		String given = Path.of("").toAbsolutePath().relativize(sub).toString();
		Cli.Result result = Cli.run("validate", given);
		assertThat(result.code()).as(result.toString()).isEqualTo(1);
		List<String> lines = result.outLines();
		assertThat(lines).isNotEmpty();
		for (String line : lines) {
			assertThat(line).matches("\\Q" + given + "\\E/[ab]\\.funnel:\\d+:\\d+: (error|warning|info): .+ \\[[a-z0-9-]+\\]");
		}
		List<String> sorted = new ArrayList<>(lines);
		sorted.sort((x, y) -> {
			String[] p = x.split(":", 4);
			String[] q = y.split(":", 4);
			int c = p[0].compareTo(q[0]);
			if (c == 0) {
				c = Integer.compare(Integer.parseInt(p[1]), Integer.parseInt(q[1]));
			}
			if (c == 0) {
				c = Integer.compare(Integer.parseInt(p[2]), Integer.parseInt(q[2]));
			}
			return c;
		});
		assertThat(lines).isEqualTo(sorted);
		assertThat(lines).anyMatch(l -> l.startsWith(given + "/a.funnel:") && l.contains("syntax-error"));
		assertThat(lines).anyMatch(l -> l.equals(given
				+ "/b.funnel:3:21: error: Probability 140% is more than 100%. Use a value from 0% to 100%. [probability-out-of-range]"));
		assertThat(lines).anyMatch(l -> l.startsWith(given + "/b.funnel:4:18: error: ") && l.endsWith("[unresolved-reference]"));
		assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	@Test
	void jsonAndSarif(@TempDir Path dir) throws Exception {
		Path broken = dir.resolve("broken file.funnel");
		Files.writeString(broken, BROKEN);
		ObjectMapper json = new ObjectMapper();
		Cli.Result result = Cli.run("validate", "--format", "json", broken.toString());
		assertThat(result.code()).isEqualTo(1);
		JsonNode root = json.readTree(result.out());
		assertThat(root.get("files").asInt()).isEqualTo(1);
		assertThat(root.get("errors").asInt()).isGreaterThanOrEqualTo(2);
		JsonNode first = null;
		for (JsonNode d : root.get("diagnostics")) {
			if (first == null && d.get("severity").asText().equals("error")) {
				first = d;
			}
		}
		assertThat(first.get("path").asText()).isEqualTo(broken.toString());
		assertThat(first.get("line").asInt()).isEqualTo(3);
		assertThat(first.get("column").asInt()).isEqualTo(21);
		assertThat(first.get("severity").asText()).isEqualTo("error");
		assertThat(first.get("code").asText()).isEqualTo("probability-out-of-range");

		Cli.Result sarif = Cli.run("validate", "--format", "sarif", broken.toString());
		assertThat(sarif.code()).isEqualTo(1);
		JsonNode log = json.readTree(sarif.out());
		assertThat(log.get("version").asText()).isEqualTo("2.1.0");
		JsonNode run = log.get("runs").get(0);
		assertThat(run.get("tool").get("driver").get("name").asText()).isEqualTo("funnel");
		JsonNode result0 = null;
		for (JsonNode r : run.get("results")) {
			if (result0 == null && r.get("level").asText().equals("error")) {
				result0 = r;
			}
		}
		assertThat(result0.get("ruleId").asText()).isEqualTo("probability-out-of-range");
		assertThat(result0.get("level").asText()).isEqualTo("error");
		JsonNode location = result0.get("locations").get(0).get("physicalLocation");
		assertThat(location.get("artifactLocation").get("uri").asText()).endsWith("broken%20file.funnel");
		assertThat(location.get("region").get("startLine").asInt()).isEqualTo(3);
		List<String> rules = new ArrayList<>();
		run.get("tool").get("driver").get("rules").forEach(r -> rules.add(r.get("id").asText()));
		assertThat(rules).contains("probability-out-of-range", "unresolved-reference");
	}

	@Test
	void filesImportingEachOtherAreLinked(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("channels.funnel"), "channel Partner \"Partner\"\n");
		Files.writeString(dir.resolve("main.funnel"), """
				import "channels.funnel"
				funnel Main "Main" {
				    stage A "A" {
				        channels Partner
				        moves to W 50%
				    }
				    won stage W "W"
				}
				""");
		Cli.Result one = Cli.run("validate", dir.resolve("main.funnel").toString());
		assertThat(one.code()).as(one.toString()).isZero();
		Files.writeString(dir.resolve("channels.funnel"), "channel Other \"Other\"\n");
		Cli.Result broken = Cli.run("validate", dir.toString());
		assertThat(broken.code()).isEqualTo(1);
		assertThat(broken.out()).contains("main.funnel:4:18: error:").contains("[unresolved-reference]");
	}

	@Test
	void usageErrorsExitWithTwo() {
		assertThat(Cli.run("validate").code()).isEqualTo(2);
		Cli.Result missing = Cli.run("validate", "no/such/file.funnel");
		assertThat(missing.code()).isEqualTo(2);
		assertThat(missing.err()).contains("No such file or directory: no/such/file.funnel");
		assertThat(Cli.run("validate", "--format", "xml", "examples").code()).isEqualTo(2);
		assertThat(Cli.run("validate", "README.md").code()).isEqualTo(2);
		assertThat(Cli.run("frobnicate").code()).isEqualTo(2);
		assertThat(Cli.run().code()).isEqualTo(2);
	}

	@Test
	void helpEverywhere() {
		for (String[] command : List.of(new String[] { "--help" }, new String[] { "validate", "--help" },
				new String[] { "generate", "--help" }, new String[] { "analyze", "--help" }, new String[] { "format", "--help" },
				new String[] { "diff", "--help" }, new String[] { "import", "--help" },
				new String[] { "import", "hubspot", "--help" },
				new String[] { "import", "salesforce", "--help" }, new String[] { "plan", "hubspot", "--help" },
				new String[] { "plan", "salesforce", "--help" }, new String[] { "apply", "hubspot", "--help" })) {
			Cli.Result result = Cli.run(command);
			assertThat(result.code()).as(String.join(" ", command)).isZero();
			assertThat(result.out()).contains("Usage: funnel");
			assertThat(result.out().lines().filter(line -> line.length() > 120)).as(String.join(" ", command)).isEmpty();
		}
		// A description line comes out whole, not broken in two at 80 columns.
		assertThat(Cli.run("import", "salesforce", "--help").out().lines())
				.contains("Imports Salesforce opportunity stages, sales processes, record types and paths from a");
		assertThat(Cli.run("--version").out()).startsWith("funnel ");
	}
}

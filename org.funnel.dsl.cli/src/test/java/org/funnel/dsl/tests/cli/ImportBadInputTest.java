package org.funnel.dsl.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HubSpot files that are not pipelines, given to {@code funnel import hubspot} and {@code funnel plan hubspot --current}:
 * a positioned message and exit 1, never an internal error; and what import writes.
 */
class ImportBadInputTest {

	@TempDir
	Path dir;

	@Test
	void deeplyNestedJsonIsAPositionedError() throws Exception {
		Path file = Files.writeString(dir.resolve("nested.json"), "[".repeat(100_000) + "]".repeat(100_000));
		Cli.Result result = Cli.run("import", "hubspot", file.toString());
		assertThat(result.code()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).matches("(?s)funnel: error: " + java.util.regex.Pattern.quote(file.toString())
				+ ":1:\\d+: not valid JSON: Document nesting depth \\(\\d+\\) exceeds the maximum allowed \\(\\d+\\)\\R");
	}

	@Test
	void aLabelOf25MegabytesIsAPositionedError() throws Exception {
		Path file = Files.writeString(dir.resolve("long.json"),
				"{\n  \"label\": \"" + "x".repeat(25_000_000) + "\",\n  \"displayOrder\": 0,\n  \"stages\": []\n}\n");
		Cli.Result result = Cli.run("import", "hubspot", file.toString());
		assertThat(result.out()).isEmpty();
		assertThat(result.code()).as(result.err()).isEqualTo(1);
		assertThat(result.err()).startsWith("funnel: error: " + file + ":2:").contains("not valid JSON: String value length")
				.doesNotContain("I/O error");
	}

	@Test
	void aSavedErrorAnswerIsNamedAsOne() throws Exception {
		// HubSpot's 401 answer, as its client libraries' issues show it.
		Path file = Files.writeString(dir.resolve("deals.json"), """
				{"status":"error","message":"Authentication credentials not found. This API supports OAuth 2.0 authentication\
				 and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",\
				"correlationId":"3f1a1bde-4c4b-4b8e-9b0e-6f7a6b0c2d11","category":"INVALID_AUTHENTICATION"}
				""");
		String expected = file + ":1:1: this is an error answer of HubSpot's API, not pipelines (INVALID_AUTHENTICATION):"
				+ " Authentication credentials not found.";
		Cli.Result imported = Cli.run("import", "hubspot", file.toString());
		assertThat(imported.code()).isEqualTo(1);
		assertThat(imported.err()).contains(expected).doesNotContain("label");
		Cli.Result planned = Cli.run("plan", "hubspot", "--current", "deals=" + file, "examples/hubspot-default.funnel");
		assertThat(planned.code()).isEqualTo(1);
		assertThat(planned.err()).contains(expected);
	}

	@Test
	void anImportedTicketPipelineValidatesWithoutWarnings() throws Exception {
		Path funnel = dir.resolve("support.funnel");
		Cli.Result imported = Cli.run("import", "hubspot",
				"org.funnel.dsl.testing/src/main/resources/crm/hubspot/tickets-pipelines.json", "--out", funnel.toString());
		assertThat(imported.code()).as(imported.toString()).isZero();
		assertThat(Files.readString(funnel)).contains("moves to WaitingOnContact 100%", "moves to ^Closed 100%",
				"each stage moves on to the next in HubSpot's order");
		Cli.Result validated = Cli.run("validate", funnel.toString());
		assertThat(validated.code()).as(validated.toString()).isZero();
		assertThat(validated.err()).doesNotContain("warning:").contains("0 warnings");
	}

	@Test
	void importOutGetsThePermissionsOfANewFile() throws Exception {
		Path funnel = dir.resolve("sales.funnel");
		assertThat(Cli.run("import", "hubspot", "org.funnel.dsl.testing/src/main/resources/crm/hubspot/deals-pipelines.json",
				"--out", funnel.toString()).code()).isZero();
		PosixFileAttributeView posix = Files.getFileAttributeView(funnel, PosixFileAttributeView.class);
		if (posix != null) {
			Path plain = Files.createFile(dir.resolve("plain.funnel"));
			assertThat(posix.readAttributes().permissions()).isEqualTo(Files.getPosixFilePermissions(plain));
		}
		assertThat(dir.toFile().list()).containsExactlyInAnyOrder("sales.funnel", "plain.funnel");
	}
}

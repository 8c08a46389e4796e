package org.funnel.dsl.tests.cli;

import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code funnel import}: through the command line, generate -> import -> generate gives the same files. */
class ImportCommandTest {

	@Test
	void hubspotRoundTripThroughTheCommandLine(@TempDir Path dir) throws Exception {
		Path out = dir.resolve("out");
		assertThat(Cli.run("generate", "-t", "hubspot", "-o", out.toString(), "examples/hubspot-default.funnel").code()).isZero();
		Cli.Result printed = Cli.run("import", "hubspot", out.resolve("hubspot/DealPipeline.json").toString());
		assertThat(printed.code()).as(printed.toString()).isZero();
		assertThat(printed.out()).contains("funnel SalesPipeline \"Sales Pipeline\" {", "hubspot pipeline \"default\" for deals");
		Path funnel = dir.resolve("imported.funnel");
		Cli.Result written = Cli.run("import", "hubspot", out.resolve("hubspot/DealPipeline.json").toString(), "--out",
				funnel.toString());
		assertThat(written.code()).isZero();
		assertThat(Files.readString(funnel)).isEqualTo(printed.out());
		assertThat(Cli.run("validate", funnel.toString()).code()).isZero();
		assertThat(Cli.run("format", "--check", funnel.toString()).code()).isZero();
		Path again = dir.resolve("again");
		assertThat(Cli.run("generate", "-t", "hubspot", "-o", again.toString(), funnel.toString()).code()).isZero();
		assertThat(Files.readString(again.resolve("hubspot/SalesPipeline.json")))
				.isEqualTo(Files.readString(out.resolve("hubspot/DealPipeline.json")));
		// Never overwritten by accident.
		Cli.Result exists = Cli.run("import", "hubspot", out.resolve("hubspot/DealPipeline.json").toString(), "-o",
				funnel.toString());
		assertThat(exists.code()).isEqualTo(2);
		assertThat(exists.err()).contains("exists; use --force");
		assertThat(Cli
				.run("import", "hubspot", out.resolve("hubspot/DealPipeline.json").toString(), "-o", funnel.toString(), "--force")
				.code()).isZero();
	}

	@Test
	void salesforceRoundTripThroughTheCommandLine(@TempDir Path dir) throws Exception {
		Path out = dir.resolve("out");
		assertThat(Cli.run("generate", "-t", "salesforce", "-o", out.toString(), "examples/").code()).isZero();
		Path funnel = dir.resolve("org.funnel");
		Cli.Result result = Cli.run("import", "salesforce", out.resolve("salesforce").toString(), "-o", funnel.toString());
		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(Cli.run("validate", funnel.toString()).code()).isZero();
		Path again = dir.resolve("again");
		assertThat(Cli.run("generate", "-t", "salesforce", "-o", again.toString(), funnel.toString()).code()).isZero();
		assertThat(FileTrees.text(FileTrees.tree(again))).isEqualTo(FileTrees.text(FileTrees.tree(out)));
	}

	@Test
	void aHubSpotAnswerIsImportedWithItsWarningsAndAFunnelThatWouldFailIsRefused(@TempDir Path dir) throws Exception {
		Cli.Result imported = Cli.run("import", "hubspot",
				"org.funnel.dsl.testing/src/main/resources/crm/hubspot/deals-pipelines.json");
		assertThat(imported.code()).as(imported.toString()).isZero();
		assertThat(imported.err()).contains(
				"funnel: warning: org.funnel.dsl.testing/src/main/resources/crm/hubspot/deals-pipelines.json:",
				": pipeline 'Partner deals (old)' is archived; it was left out.");
		assertThat(imported.out()).contains("hubspot pipeline \"684301257\" for deals\n    hubspot display order 2\n",
				"hubspot id \"appointmentscheduled\"").doesNotContain("Partner deals");
		Path json = dir.resolve("open.json");
		Files.writeString(json, """
				{"label": "Only open", "displayOrder": 0, "stages": [
				  {"label": "A", "displayOrder": 0, "metadata": {"probability": "0.2"}}
				]}
				""");
		Path out = dir.resolve("open.funnel");
		Cli.Result refused = Cli.run("import", "hubspot", json.toString(), "-o", out.toString());
		assertThat(refused.code()).isEqualTo(1);
		assertThat(refused.err()).startsWith("funnel: error: " + json + ":1:1: pipeline or process 'Only open': the imported"
				+ " funnel would not pass the checks: ").contains("[no-won-stage]").doesNotContain("\tat ");
		assertThat(out).doesNotExist();
	}

	@Test
	void brokenInputIsADiagnosticNotAStackTrace(@TempDir Path dir) throws Exception {
		Path json = dir.resolve("bad.json");
		Files.writeString(json, "{\n  \"label\": \"x\",\n  \"stages\": [ oops ]\n}\n");
		Cli.Result result = Cli.run("import", "hubspot", json.toString());
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).startsWith("funnel: error: " + json + ":3:").contains("not valid JSON").doesNotContain("\tat ");
		Files.writeString(json, "{\"label\": \"x\", \"stages\": [{\"label\": \"A\", \"metadata\": {\"probability\": \"1.5\"}}]}");
		Cli.Result range = Cli.run("import", "hubspot", json.toString());
		assertThat(range.code()).isEqualTo(1);
		assertThat(range.err()).contains("HubSpot probabilities go from 0.0 to 1.0");
		Path empty = Files.createDirectories(dir.resolve("empty"));
		Cli.Result none = Cli.run("import", "salesforce", empty.toString());
		assertThat(none.code()).isEqualTo(1);
		// Which file is missing, in both formats, and how to retrieve it.
		assertThat(none.err()).contains("no OpportunityStage value set",
				"standardValueSets/OpportunityStage.standardValueSet-meta.xml (source format)",
				"standardValueSets/OpportunityStage.standardValueSet (metadata API format)",
				"sf project retrieve start --metadata StandardValueSet:OpportunityStage", "--target-metadata-dir DIR --unzip");
		Path xml = Files.createDirectories(dir.resolve("x/standardValueSets"))
				.resolve("OpportunityStage.standardValueSet-meta.xml");
		Files.writeString(xml, "<StandardValueSet><standardValue>");
		Cli.Result broken = Cli.run("import", "salesforce", dir.resolve("x").toString());
		assertThat(broken.code()).isEqualTo(1);
		assertThat(broken.err()).contains("OpportunityStage.standardValueSet-meta.xml:1:").contains("not valid XML");
		assertThat(Cli.run("import").code()).isEqualTo(2);
		assertThat(Cli.run("import", "hubspot", "no-such.json").code()).isEqualTo(2);
		assertThat(Cli.run("import", "salesforce", "no-such-dir").code()).isEqualTo(2);
	}
}

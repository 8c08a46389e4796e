package org.funnel.dsl.tests.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.funnel.dsl.tests.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code funnel plan salesforce} against retrieves shaped like a real org's (Salesforce's ten standard
 * stages, the sales processes "Sales Process" and "Renewal Process", their record types and a path),
 * in source and in metadata API format: the org's own funnels plan nothing; funnels that leave out
 * a process deactivate nothing; every element a change of the funnels changes is one entry, grouped by
 * component.
 */
class SalesforcePlanTest {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Path ORG = Path.of("org.funnel.dsl.testing/src/main/resources/crm/salesforce");
	private static final Path SOURCE = ORG.resolve("source");
	private static final Path MDAPI = ORG.resolve("mdapi");

	@TempDir
	Path dir;

	/** The org as funnels: what 'funnel import salesforce' makes of the retrieve. */
	private String imported() throws Exception {
		Cli.Result result = Cli.run("import", "salesforce", SOURCE.toString());
		assertThat(result.code()).as(result.toString()).isZero();
		return result.out();
	}

	/** One funnel of the imported text, from its declaration to the next. */
	private static String funnel(String text, String name) {
		int start = text.indexOf("funnel " + name + " ");
		int end = text.indexOf("\nfunnel ", start + 1);
		return text.substring(start, end < 0 ? text.length() : end + 1);
	}

	private static String block(String text, String stage) {
		int start = text.indexOf("    stage " + stage + " ");
		return text.substring(start, text.indexOf("\n    }\n", start) + 7);
	}

	@Test
	void theOrgsOwnFunnelsPlanNoChangesInEitherFormat() throws Exception {
		Path funnels = Files.writeString(dir.resolve("org.funnel"), imported());
		for (Path retrieve : new Path[] { SOURCE, MDAPI }) {
			Cli.Result plan = Cli.run("plan", "salesforce", funnels.toString(), "--current", retrieve.toString(),
					"--detailed-exitcode");
			assertThat(plan.code()).as(plan.toString()).isZero();
			assertThat(plan.out()).contains("No changes: the org already has what the deploy would write.");
			assertThat(plan.err()).doesNotContain("warning");
		}
	}

	@Test
	void aFunnelThatLeavesOutStagesInUseDeactivatesNothing() throws Exception {
		// Only the renewal funnel: the value set starts from the org's, so the Sales Process keeps its stages.
		Path renewal = Files.writeString(dir.resolve("renewal.funnel"), funnel(imported(), "RenewalProcess"));
		for (Path retrieve : new Path[] { SOURCE, MDAPI }) {
			Cli.Result plan = Cli.run("plan", "salesforce", renewal.toString(), "--current", retrieve.toString(),
					"--detailed-exitcode");
			assertThat(plan.code()).as(plan.toString()).isZero();
			assertThat(plan.out()).contains("No changes: the org already has what the deploy would write.",
					"### Left alone", "- BusinessProcess Opportunity.Sales Process", "- RecordType Opportunity.Sales",
					"- PathAssistant Sales\\_Path");
			assertThat(plan.err()).doesNotContain("[salesforce-stage-deactivated]");
		}
	}

	@Test
	void everyChangedElementIsOneEntryOfItsComponent() throws Exception {
		String sales = funnel(imported(), "SalesProcess");
		// Perception Analysis out of the process, Needs Analysis at 25%, a new stage with guidance.
		sales = sales.replace(block(sales, "PerceptionAnalysis"), "")
				.replace("moves to PerceptionAnalysis", "moves to ProposalPriceQuote")
				.replace("probability 20%", "probability 25%");
		sales = sales.replace("    stage IdDecisionMakers ", """
				    stage DemoHeld "Demo held" {
				        probability 55%
				        guidance "Show the reporting."
				        salesforce forecast BestCase
				        moves to IdDecisionMakers 90%
				    }

				    stage IdDecisionMakers \
				""").replace("moves to IdDecisionMakers 83.3333%", "moves to DemoHeld 83.3333%");
		// A new sales process, with its record type and path.
		String partner = sales.replace("funnel SalesProcess \"Sales Process\"", "funnel Partner \"Partner deals\"")
				.replace("salesforce process \"Sales Process\"", "salesforce process \"Partner Process\"")
				.replace("salesforce record type \"Sales\" \"Sales\"", "salesforce record type \"Partner\" \"Partner deals\"")
				.replace("salesforce path \"Sales_Path\" \"Sales Path\" for \"Sales\"",
						"salesforce path \"Partner_Path\" \"Partner path\" for \"Partner\"");
		Path funnels = Files.writeString(dir.resolve("sales.funnel"),
				sales + "\n" + partner + "\n" + funnel(imported(), "RenewalProcess"));
		Cli.Result plan = Cli.run("plan", "salesforce", funnels.toString(), "--current", SOURCE.toString());
		assertThat(plan.code()).as(plan.toString()).isZero();
		assertThat(plan.out()).contains("**8 changes** in 6 components.", "### StandardValueSet OpportunityStage",
				"| standardValue\\[Needs Analysis\\]/probability | 20 | 25 |",
				"| standardValue\\[Demo held\\] | *(none)* | fullName: Demo held; default: false; label: Demo held;"
						+ " closed: false; forecastCategory: BestCase; probability: 55; won: false |",
				"### BusinessProcess Opportunity.Sales Process",
				"| values\\[Perception Analysis\\] | fullName: Perception Analysis; default: false | *(none)* |",
				"| values\\[Demo held\\] | *(none)* | fullName: Demo held; default: false |",
				"### PathAssistant Sales\\_Path", "| pathAssistantSteps\\[Demo held\\] | *(none)* | info: Show the reporting.;"
						+ " picklistValueName: Demo held |",
				"### BusinessProcess Opportunity.Partner Process\n\nNew: the org does not have it.",
				"### RecordType Opportunity.Partner\n\nNew", "### PathAssistant Partner\\_Path\n\nNew");
		assertThat(plan.out()).doesNotContain("### Left alone", "Perception Analysis\\]/");
		JsonNode json = JSON.readTree(Cli.run("plan", "salesforce", funnels.toString(), "--current", SOURCE.toString(),
				"--format", "json").out());
		assertThat(json.get("changes").asInt()).isEqualTo(8);
		assertThat(json.get("components")).extracting(c -> c.get("type").asText() + " " + c.get("name").asText())
				.containsExactly("StandardValueSet OpportunityStage", "BusinessProcess Opportunity.Partner Process",
						"BusinessProcess Opportunity.Sales Process", "RecordType Opportunity.Partner",
						"PathAssistant Partner_Path", "PathAssistant Sales_Path");
		// Same input, same bytes.
		assertThat(Cli.run("plan", "salesforce", funnels.toString(), "--current", SOURCE.toString()).out()).isEqualTo(plan.out());
	}

	@Test
	void badInputIsAMessageNotAStackTrace() throws Exception {
		Path funnels = Files.writeString(dir.resolve("org.funnel"), imported());
		Cli.Result missing = Cli.run("plan", "salesforce", funnels.toString(), "--current", dir.resolve("no-such").toString());
		assertThat(missing.code()).isEqualTo(2);
		assertThat(missing.err()).contains("--current must be the directory of a retrieve");
		assertThat(Cli.run("plan", "salesforce", funnels.toString()).code()).isEqualTo(2);
		Path broken = Files.createDirectories(dir.resolve("broken/standardValueSets"))
				.resolve("OpportunityStage.standardValueSet");
		Files.writeString(broken, "<StandardValueSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n  <standardValue>\n");
		Cli.Result bad = Cli.run("plan", "salesforce", funnels.toString(), "--current", dir.resolve("broken").toString());
		assertThat(bad.code()).isEqualTo(1);
		assertThat(bad.err()).contains(broken + ":3:").doesNotContain("\tat ");
		Cli.Result help = Cli.run("plan", "salesforce", "--help");
		assertThat(help.code()).isZero();
		assertThat(help.out()).contains("deactivated", "sf project deploy start");
	}
}

package org.funnel.dsl.tests.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.funnel.dsl.tests.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

/**
 * {@code funnel plan salesforce} against retrieves shaped like a real org's (Salesforce's ten standard
 * stages, the sales processes "Sales Process" and "Renewal Process", their record types and a path),
 * in source and in metadata API format: the org's own funnels plan nothing; funnels that leave out
 * stages in use show them as deactivated, at their place in the retrieve; changes of stages, the value
 * set's order, processes, record types and paths are listed.
 */
class SalesforcePlanTest {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Path ORG = Path.of("org.funnel.dsl.testing/src/main/resources/crm/salesforce");
	private static final Path SOURCE = ORG.resolve("source");
	private static final Path MDAPI = ORG.resolve("mdapi");
	private static final String SOURCE_VALUE_SET = SOURCE
			+ "/force-app/main/default/standardValueSets/OpportunityStage.standardValueSet-meta.xml";
	private static final String MDAPI_VALUE_SET = MDAPI + "/standardValueSets/OpportunityStage.standardValueSet";

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
	void aFunnelThatLeavesOutStagesInUseShowsThemDeactivated() throws Exception {
		// Only the renewal funnel: deploying it alone would take five stages away from the Sales Process.
		Path renewal = Files.writeString(dir.resolve("renewal.funnel"), funnel(imported(), "RenewalProcess"));
		for (Path retrieve : new Path[] { SOURCE, MDAPI }) {
			Cli.Result plan = Cli.run("plan", "salesforce", renewal.toString(), "--current", retrieve.toString(),
					"--detailed-exitcode");
			assertThat(plan.code()).as(plan.toString()).isEqualTo(3);
			assertThat(plan.out()).contains("**5 changes**, **5 stages deactivated** (see the warning).",
					"### Stages the deploy deactivates", "| **Prospecting** | Sales Process | open, 10%, Pipeline |",
					"| **Id. Decision Makers** | Sales Process | open, 60%, Pipeline |",
					"| **Perception Analysis** | Sales Process | open, 70%, Pipeline |",
					"> **Warning: stages would be deactivated.** The org has one OpportunityStage value set for all its sales processes",
					"### Left alone", "- Sales Process (record type Sales)");
			assertThat(plan.out()).doesNotContain("Qualification**", "Closed Won**");
			String valueSet = retrieve == SOURCE ? SOURCE_VALUE_SET : MDAPI_VALUE_SET;
			assertThat(plan.err().lines().filter(l -> l.contains("[salesforce-stage-deactivated]"))).hasSize(5)
					.allMatch(l -> l.matches(Pattern.quote(valueSet) + ":\\d+:\\d+: warning: deploying the generated project"
							+ " deactivates stage '.*' of the org's OpportunityStage value set \\(used by sales process 'Sales Process'\\): no"
							+ " funnel has it\\. .*"));
			JsonNode json = JSON.readTree(Cli.run("plan", "salesforce", renewal.toString(), "--current", retrieve.toString(),
					"--format", "json").out());
			assertThat(json.get("deactivations").asInt()).isEqualTo(5);
			assertThat(json.get("plan")).extracting(c -> c.get("of").asText()).containsExactly("Prospecting", "Needs Analysis",
					"Value Proposition", "Id. Decision Makers", "Perception Analysis");
		}
	}

	@Test
	void changesOfStagesOrderProcessesRecordTypesAndPaths() throws Exception {
		String sales = funnel(imported(), "SalesProcessForNewBusiness");
		// Perception Analysis left out, Needs Analysis at 25%, a new stage with guidance, Value Proposition moved up.
		sales = sales.replace(block(sales, "PerceptionAnalysis"), "")
				.replace("moves to PerceptionAnalysis", "moves to ProposalPriceQuote")
				.replace("probability 20%", "probability 25%");
		String value = block(sales, "ValueProposition");
		sales = sales.replace(value, "").replace("    stage NeedsAnalysis ", value + "\n    stage NeedsAnalysis ");
		sales = sales.replace("    stage IdDecisionMakers ", """
				    stage DemoHeld "Demo held" {
				        probability 55%
				        guidance "<p>Show the reporting.</p>"
				        salesforce forecast BestCase
				        moves to IdDecisionMakers 90%
				    }

				    stage IdDecisionMakers \
				""").replace("moves to IdDecisionMakers 83.3333%", "moves to DemoHeld 83.3333%");
		// A new sales process, with its record type and path.
		String partner = sales
				.replace("funnel SalesProcessForNewBusiness \"Sales Process for new business\"",
						"funnel Partner \"Partner deals\"")
				.replace("salesforce process \"Sales Process\"", "salesforce process \"Partner Process\"")
				.replace("salesforce record type \"Sales\" \"Sales\"", "salesforce record type \"Partner\" \"Partner deals\"")
				.replace("salesforce path \"Sales_Path\" \"Sales Path\"", "salesforce path \"Partner_Path\" \"Partner path\"");
		Path funnels = Files.writeString(dir.resolve("sales.funnel"),
				sales + "\n" + partner + "\n" + funnel(imported(), "RenewalProcess"));
		Cli.Result plan = Cli.run("plan", "salesforce", funnels.toString(), "--current", SOURCE.toString());
		assertThat(plan.code()).as(plan.toString()).isZero();
		assertThat(plan.out()).contains("| **Perception Analysis** | Sales Process | open, 70%, Pipeline |",
				"| probability | Needs Analysis |  | 20% | 25% |",
				"| add stage | Demo held |  |  | open, 55%, BestCase |",
				"| value set order | OpportunityStage |  | Prospecting, Qualification, Needs Analysis, Value Proposition, ",
				"| Prospecting, Qualification, Value Proposition, Needs Analysis, ",
				"| stage into process | Demo held | Sales Process |  | Demo held |",
				"| stage out of process | Perception Analysis | Sales Process | Perception Analysis |  |",
				"| path guidance | Demo held | Sales Process |  | &lt;p&gt;Show the reporting.&lt;/p&gt; |",
				"| add sales process | Partner Process | Partner Process |  | Prospecting, Qualification, Value Proposition, ",
				"| add record type | Partner | Partner Process |  | Partner deals |",
				"| add path | Partner\\_Path | Partner Process |  | Partner path |");
		assertThat(plan.out()).doesNotContain("### Left alone");
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
		assertThat(help.out()).contains("DEACTIVATE", "sf project deploy start");
	}
}

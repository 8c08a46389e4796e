package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.validation.FunnelIssueCodes;
import org.junit.jupiter.api.Test;

/** HubSpot's deal probability grid, open stages that would read as closed, and the display order. */
class HubSpotChecksTest extends CheckTestSupport {

	@Test
	void aDealProbabilityOffTheGridIsAnErrorWithTheRoundedValue() {
		FunnelFile file = parse("""
				funnel F {
				    crm hubspot
				    stage A { probability 43% moves to W 43% moves to L 57% }
				    won stage W
				    lost stage L
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.HUBSPOT_PROBABILITY_GRID);
		assertThat(issue.getSeverity()).isEqualTo(Severity.ERROR);
		assertThat(issue.getMessage()).isEqualTo("HubSpot takes deal stage probabilities in steps of 10%, and 'A' declares 43%."
				+ " Round it to 40%, or add 'crm salesforce' if the funnel is not for HubSpot.");
		assertThat(issue.getData()).containsExactly("0.4");
		assertAt(issue, "43");
	}

	@Test
	void roundingKeepsAnOpenStageOpen() {
		FunnelFile file = parse("""
				funnel F {
				    stage A { probability 0.04 moves to B 10% }
				    stage B { probability 0.96 moves to W 96% moves to L 4% }
				    won stage W
				    lost stage L
				}
				""");
		assertThat(issues(file).stream().filter(i -> FunnelIssueCodes.HUBSPOT_PROBABILITY_GRID.equals(i.getCode()))
				.map(i -> i.getData()[0])).containsExactly("0.1", "0.9");
	}

	@Test
	void anOpenStageAtZeroOrHundredPercentIsAnError() {
		FunnelFile file = parse("""
				funnel F {
				    crm hubspot
				    stage A { probability 0% moves to W 1% moves to L 99% }
				    won stage W
				    lost stage L
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.HUBSPOT_OPEN_STAGE_CLOSED);
		assertThat(issue.getMessage()).isEqualTo("HubSpot reads a deal stage at 0% as closed lost, but 'A' is open."
				+ " Give it 10%, or make it a lost stage.");
		assertThat(issue.getData()).containsExactly("0.1");
		assertAt(issue, "0");
		Issue hundred = single(parse("""
				funnel F {
				    crm hubspot
				    stage A { probability 1 moves to W 100% }
				    won stage W
				}
				"""), FunnelIssueCodes.HUBSPOT_OPEN_STAGE_CLOSED);
		assertThat(hundred.getMessage()).isEqualTo("HubSpot reads a deal stage at 100% as closed won, but 'A' is open."
				+ " Give it 90%, or make it a won stage.");
	}

	@Test
	void onlyHubSpotDealPipelinesAreHeldToTheGrid() {
		assertNone(parse("""
				funnel F {
				    crm salesforce
				    stage A { probability 43% moves to W 43% moves to L 57% }
				    won stage W
				    lost stage L
				}
				"""), FunnelIssueCodes.HUBSPOT_PROBABILITY_GRID);
		assertNone(parse("""
				funnel F {
				    hubspot pipeline for tickets
				    stage A { probability 43% moves to W 43% moves to L 57% }
				    won stage W
				    lost stage L
				}
				"""), FunnelIssueCodes.HUBSPOT_PROBABILITY_GRID);
		assertNone(parse("""
				template funnel T {
				    stage A { probability 43% moves to W 43% }
				    won stage W
				}
				"""), FunnelIssueCodes.HUBSPOT_PROBABILITY_GRID);
	}

	@Test
	void aStageOffTheGridTakenFromATemplateIsNamedAtExtends() {
		FunnelFile file = parse("""
				template funnel Start {
				    stage Lead "Lead" { probability 15% moves to W 15% moves to L 85% }
				    won stage W
				    lost stage L
				}
				funnel F extends Start {
				    crm hubspot
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.HUBSPOT_PROBABILITY_GRID);
		assertThat(issue.getMessage()).isEqualTo("Stage 'Lead' of 'Start' declares 15%, which HubSpot cannot take"
				+ " (steps of 10%); this funnel deploys it to HubSpot. Change it there.");
		assertAt(issue, "Start", 1);
	}

	@Test
	void displayOrderIsAWholeNumber() {
		FunnelFile file = parse("""
				funnel F {
				    hubspot display order 1.5
				    stage A { moves to W 100% }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.HUBSPOT_DISPLAY_ORDER);
		assertThat(issue.getMessage()).isEqualTo("HubSpot's display order is a whole number from 0 to 2147483647, not 1.5.");
		assertAt(issue, "1.5");
		assertNone(parse("""
				funnel F {
				    hubspot display order 3
				    stage A { moves to W 100% }
				    won stage W
				}
				"""), FunnelIssueCodes.HUBSPOT_DISPLAY_ORDER);
	}

	@Test
	void newSettingsAreGivenOnce() {
		FunnelFile file = parse("""
				funnel F {
				    hubspot display order 3
				    hubspot display order 4
				    stage A { salesforce default salesforce default moves to W 100% }
				    won stage W
				}
				""");
		assertThat(issues(file).stream().filter(i -> FunnelIssueCodes.DUPLICATE_SETTING.equals(i.getCode()))
				.map(Issue::getMessage)).containsExactlyInAnyOrder(
						"'hubspot display order' is already given above; only one counts. Remove one of them.",
						"'salesforce default' is already given above; only one counts. Remove one of them.");
	}
}

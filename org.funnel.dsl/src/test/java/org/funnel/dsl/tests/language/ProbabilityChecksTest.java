package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.validation.FunnelIssueCodes;
import org.junit.jupiter.api.Test;
import org.assertj.core.data.Offset;

class ProbabilityChecksTest extends CheckTestSupport {

	@Test
	void probabilityOver100PercentIsAnError() {
		FunnelFile file = parse("""
				funnel F {
				    stage A {
				        probability 120%
				        moves to W 100%
				    }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.PROBABILITY_OUT_OF_RANGE);
		assertThat(issue.getSeverity()).isEqualTo(Severity.ERROR);
		assertThat(issue.getMessage()).isEqualTo("Probability 120% is more than 100%. Use a value from 0% to 100%.");
		assertAt(issue, "120");
	}

	@Test
	void plainNumberAbove1IsReadAsFractionAndSuggestsPercent() {
		FunnelFile file = parse("""
				funnel F {
				    stage A {
				        probability 40
				        moves to W 0.4
				    }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.PROBABILITY_OUT_OF_RANGE);
		assertThat(issue.getMessage())
				.isEqualTo("Probability 40 is more than 100%: a plain number is a fraction (0.4 = 40%). Did you mean 40%?");
		assertThat(issue.getData()).containsExactly("percent");
		assertAt(issue, "40");
	}

	@Test
	void probabilitiesInRangeAsPercentOrFractionPass() {
		FunnelFile file = parse("""
				funnel F {
				    stage A {
				        probability 0.5
				        moves to W 50%
				        moves to L 0.5
				    }
				    won stage W
				    lost stage L { probability 0% }
				}
				""");
		assertNoIssues(file);
	}

	@Test
	void outgoingTransitionsOver100PercentAreAnError() {
		FunnelFile file = parse("""
				funnel F {
				    stage Demo {
				        moves to W 70%
				        moves to L 0.5
				    }
				    won stage W
				    lost stage L
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.OUTGOING_OVER_100);
		assertThat(issue.getSeverity()).isEqualTo(Severity.ERROR);
		assertThat(issue.getMessage()).isEqualTo("The transitions out of 'Demo' add up to 120%, but at most 100% can move on."
				+ " Lower them so they add up to 100% or less (the rest drops off).");
		assertThat(issue.getData()).containsExactly("1.2");
		assertAt(issue, "Demo");
	}

	@Test
	void outgoingTransitionsAddingUpExactlyTo100PercentPass() {
		// 66.6667% + 33.3333% must not be an error through binary rounding: sums are exact decimals.
		FunnelFile file = parse("""
				funnel F {
				    stage A {
				        moves to W 66.6667%
				        moves to L 33.3333%
				    }
				    won stage W
				    lost stage L
				}
				""");
		assertNone(file, FunnelIssueCodes.OUTGOING_OVER_100);
	}

	@Test
	void wonStageMustBeAt100Percent() {
		FunnelFile file = parse("""
				funnel F {
				    stage A { moves to W 100% }
				    won stage W { probability 90% }
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.WON_NOT_100);
		assertThat(issue.getMessage())
				.isEqualTo("Won stage 'W' declares 90%, but a won deal has closed: its probability is 100%.");
		assertAt(issue, "90");
		assertNone(parse("""
				funnel F {
				    stage A { moves to W 100% }
				    won stage W { probability 1 }
				}
				"""), FunnelIssueCodes.WON_NOT_100);
	}

	@Test
	void lostStageMustBeAt0Percent() {
		FunnelFile file = parse("""
				funnel F {
				    stage A { moves to W 50% moves to L 50% }
				    won stage W
				    lost stage L { probability 5% }
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.LOST_NOT_0);
		assertThat(issue.getMessage())
				.isEqualTo("Lost stage 'L' declares 5%, but a lost deal will not close: its probability is 0%.");
		assertAt(issue, "5", 2);
		assertNone(parse("""
				funnel F {
				    stage A { moves to W 50% moves to L 50% }
				    won stage W
				    lost stage L { probability 0.0 }
				}
				"""), FunnelIssueCodes.LOST_NOT_0);
	}

	@Test
	void declaredProbabilityFarFromImpliedIsAWarningThatNamesBothNumbers() {
		FunnelFile file = parse("""
				funnel F {
				    crm salesforce
				    stage Demo {
				        probability 40%
				        moves to Proposal 50%
				        moves to Lost 50%
				    }
				    stage Proposal {
				        probability 62%
				        moves to Won 62.4%
				        moves to Lost 37.6%
				    }
				    won stage Won
				    lost stage Lost
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.IMPLIED_PROBABILITY_MISMATCH);
		assertThat(issue.getSeverity()).isEqualTo(Severity.WARNING);
		assertThat(issue.getMessage()).isEqualTo("'Demo' declares 40%, but its transitions imply a win probability of 31.2%."
				+ " Change the probability to 31.2% or adjust the transitions.");
		assertThat(Double.parseDouble(issue.getData()[0])).isCloseTo(0.312, Offset.offset(1e-12));
		assertAt(issue, "40");
	}

	@Test
	void declaredProbabilityWithinFivePointsOfImpliedPasses() {
		FunnelFile file = parse("""
				funnel F {
				    crm salesforce
				    stage Demo {
				        probability 35%
				        moves to Proposal 50%
				        moves to Lost 50%
				    }
				    stage Proposal {
				        probability 62%
				        moves to Won 62.4%
				        moves to Lost 37.6%
				    }
				    won stage Won
				    lost stage Lost
				}
				""");
		assertNoIssues(file);
	}

	@Test
	void inAHubSpotDealPipelineTheClosestStepOfTheGridIsRight() {
		// Implied: 20% x 30% x 25% = 1.5%; HubSpot takes 10% at the lowest for an open stage.
		String aida = """
				funnel F {
				    crm hubspot
				    stage Awareness {
				        probability %s
				        moves to Interest 20%%
				    }
				    stage Interest { moves to Desire 30%% }
				    stage Desire { moves to Action 25%% }
				    won stage Action
				}
				""";
		assertNone(parse(aida.formatted("10%")), FunnelIssueCodes.IMPLIED_PROBABILITY_MISMATCH);
		Issue issue = single(parse(aida.formatted("20%")), FunnelIssueCodes.IMPLIED_PROBABILITY_MISMATCH);
		assertThat(issue.getMessage()).isEqualTo("'Awareness' declares 20%, but its transitions imply a win probability of"
				+ " 1.5%. Change the probability to 10%, the closest HubSpot takes, or adjust the transitions.");
		assertThat(issue.getData()).containsExactly("0.1", "hubspot");
		assertAt(issue, "20", 0);
	}

	@Test
	void probabilityFallingAlongTheMainPathIsAWarning() {
		FunnelFile file = parse("""
				funnel F {
				    stage Qualified {
				        probability 40%
				        moves to Demo 80%
				        moves to Lost 20%
				    }
				    stage Demo {
				        probability 36%
				        moves to Won 45%
				        moves to Lost 55%
				    }
				    won stage Won
				    lost stage Lost
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.PROBABILITY_FALLS);
		assertThat(issue.getSeverity()).isEqualTo(Severity.WARNING);
		assertThat(issue.getMessage()).isEqualTo("Declared probability falls from 40% at 'Qualified' to 36% at 'Demo'"
				+ " along the main path; a later stage should be at least as likely to close. Raise it or reorder the stages.");
		assertAt(issue, "36");
	}

	@Test
	void mainPathFollowsTheWinsNotTheLargestShare() {
		// Most people go to Nurture (70%), but the wins come through Buyer: Nurture's low probability is fine.
		FunnelFile file = parse("""
				funnel F {
				    stage Offer {
				        probability 2.5%
				        moves to Buyer 8%
				        moves to Nurture 70%
				    }
				    stage Nurture {
				        probability 0.4%
				        moves to Offer 15%
				    }
				    stage Buyer {
				        probability 30%
				        moves to Won 30%
				        moves to Lost 70%
				    }
				    won stage Won
				    lost stage Lost
				}
				""");
		assertNone(file, FunnelIssueCodes.PROBABILITY_FALLS);
	}
}

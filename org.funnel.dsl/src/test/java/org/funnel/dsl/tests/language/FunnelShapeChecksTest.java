package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.validation.FunnelIssueCodes;
import org.junit.jupiter.api.Test;

class FunnelShapeChecksTest extends CheckTestSupport {

	@Test
	void funnelWithoutWonStageIsAnError() {
		FunnelFile file = parse("""
				funnel Leads "Leads" {
				    stage A { moves to L 100% }
				    lost stage L
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.NO_WON_STAGE);
		assertThat(issue.getSeverity()).isEqualTo(Severity.ERROR);
		assertThat(issue.getMessage()).isEqualTo("Funnel 'Leads' has no won stage, so nothing in it can close won."
				+ " Add one, e.g. won stage ClosedWon \"Closed Won\".");
		assertAt(issue, "Leads");
	}

	@Test
	void templateMayLackAWonStageAndAFunnelMayInheritIt() {
		FunnelFile file = parse("""
				template funnel Outcomes {
				    lost stage Lost
				}
				template funnel Won {
				    won stage Won
				}
				funnel Sales extends Won {
				    stage A { moves to Won 100% }
				}
				""");
		assertNone(file, FunnelIssueCodes.NO_WON_STAGE);
	}

	@Test
	void transitionLeavingATerminalStageIsAnError() {
		FunnelFile file = parse("""
				funnel F {
				    stage A { moves to W 100% }
				    won stage W {
				        moves to A 10%
				    }
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.TRANSITION_FROM_TERMINAL);
		assertThat(issue.getSeverity()).isEqualTo(Severity.ERROR);
		assertThat(issue.getMessage())
				.isEqualTo("A won stage is final: 'W' cannot move on. Remove this transition, or make the stage open.");
		assertAt(issue, "moves to A 10%");
	}

	@Test
	void unreachableStageIsAWarning() {
		FunnelFile file = parse("""
				funnel F {
				    stage Lead { moves to W 50% }
				    stage Orphan { moves to W 50% }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.UNREACHABLE_STAGE);
		assertThat(issue.getSeverity()).isEqualTo(Severity.WARNING);
		assertThat(issue.getMessage()).isEqualTo("Stage 'Orphan' is never reached: no transition leads to it from the"
				+ " entry stage 'Lead'. Add a transition to it, or an entering volume.");
		assertAt(issue, "Orphan");
	}

	@Test
	void stageWithItsOwnEnteringVolumeIsAnEntryAndReached() {
		FunnelFile file = parse("""
				funnel F {
				    stage Lead { entering 100 per month moves to W 50% }
				    stage Referral { entering 20 per month moves to W 50% }
				    won stage W
				}
				""");
		assertNone(file, FunnelIssueCodes.UNREACHABLE_STAGE);
	}

	@Test
	void deadEndStageIsAWarning() {
		FunnelFile file = parse("""
				funnel F {
				    stage Lead {
				        moves to Parked 50%
				        moves to W 50%
				    }
				    stage Parked
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.NO_PATH_TO_OUTCOME);
		assertThat(issue.getSeverity()).isEqualTo(Severity.WARNING);
		assertThat(issue.getMessage()).isEqualTo("No won or lost stage can be reached from 'Parked': deals here can"
				+ " only drop off. Add a transition to a won or lost stage.");
		assertAt(issue, "Parked", 1);
	}

	@Test
	void cycleThatNeverClosesIsAWarningOnEachStageAndNamesTheCycle() {
		FunnelFile file = parse("""
				funnel F {
				    stage Lead {
				        moves to Nurture 50%
				        moves to W 50%
				    }
				    stage Nurture { moves to Reminder 100% }
				    stage Reminder { moves to Nurture 60% }
				    won stage W
				}
				""");
		var issues = issues(file).stream().filter(i -> FunnelIssueCodes.NO_PATH_TO_OUTCOME.equals(i.getCode())).toList();
		assertThat(issues).hasSize(2);
		assertThat(issues.get(0).getMessage()).isEqualTo("Stage 'Nurture' is in a cycle ('Nurture', 'Reminder') that"
				+ " never reaches a won or lost stage. Add a transition out of the cycle to an outcome.");
		assertAt(issues.get(0), "Nurture", 1);
		assertAt(issues.get(1), "Reminder", 1);
	}

	@Test
	void cycleWithAWayOutPasses() {
		FunnelFile file = parse("""
				funnel F {
				    stage Lead {
				        moves to Nurture 50%
				        moves to W 50%
				    }
				    stage Nurture {
				        moves to Lead 30%
				        moves to L 10%
				    }
				    won stage W
				    lost stage L
				}
				""");
		assertNone(file, FunnelIssueCodes.NO_PATH_TO_OUTCOME);
		assertNone(file, FunnelIssueCodes.UNREACHABLE_STAGE);
	}

	@Test
	void mixedVolumePeriodsAreAWarning() {
		FunnelFile file = parse("""
				funnel F {
				    stage Lead { entering 100 per month moves to W 50% }
				    stage Referral { entering 20 per week moves to W 50% }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.MIXED_VOLUME_PERIODS);
		assertThat(issue.getMessage()).isEqualTo("Entering volumes mix per month and per week; the analysis converts"
				+ " periods to per month but cannot add a one-off cohort to a rate. Give all volumes the same period.");
		assertAt(issue, "20 per week");
	}
}

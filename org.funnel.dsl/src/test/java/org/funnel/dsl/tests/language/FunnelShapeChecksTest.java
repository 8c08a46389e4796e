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

	/** A stage named with a keyword gets the syntax error, not a warning about a stage called 'null'. */
	@Test
	void aStageWhoseNameDidNotParseGetsNoWarningAboutNull() throws Exception {
		FunnelFile file = parseHelper.parse("""
				funnel F {
				    stage Lead { moves to W 100% }
				    won stage Closed "Closed"
				    won stage W
				}
				""", org.eclipse.emf.common.util.URI.createURI("memory:/test.funnel"), resourceSets.get());
		assertThat(file.eResource().getErrors()).isNotEmpty();
		assertThat(file.eResource().getErrors().get(0).getLine()).isEqualTo(3);
		assertThat(issues(file)).noneMatch(issue -> issue.getMessage().contains("'null'"));
	}

	/** A stage whose only way on is into a closed cycle: its deals never drop off, they circle for ever. */
	@Test
	void stageLeadingOnlyIntoAClosedCycleNamesTheCycle() {
		FunnelFile file = parse("""
				funnel F {
				    stage Lead {
				        moves to Before 50%
				        moves to W 50%
				    }
				    stage Before { moves to Nurture 100% }
				    stage Nurture { moves to Reminder 100% }
				    stage Reminder { moves to Nurture 100% }
				    won stage W
				}
				""");
		var issues = issues(file).stream().filter(i -> FunnelIssueCodes.NO_PATH_TO_OUTCOME.equals(i.getCode())).toList();
		assertThat(issues).hasSize(3);
		assertThat(issues.get(0).getMessage()).isEqualTo("No won or lost stage can be reached from 'Before': deals here"
				+ " go on into a cycle ('Nurture', 'Reminder') that never reaches one. Add a transition to a won or lost"
				+ " stage.");
		assertAt(issues.get(0), "Before", 1);
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

	/** Days and weeks on one year: 7 a week is 1 a day, put on months alike. */
	@Test
	void volumesPerDayAndPerWeekUseTheSameYear() {
		FunnelFile file = parse("""
				funnel F {
				    stage Daily {
				        entering 1 per day
				        moves to W 100%
				    }
				    stage Weekly {
				        entering 7 per week
				        moves to W 100%
				    }
				    won stage W
				}
				""");
		var graph = org.funnel.dsl.model.EffectiveFunnel.of((org.funnel.dsl.funnel.Funnel) file.getElements().get(0)).graph();
		assertThat(graph.entering(1)).isEqualTo(graph.entering(0)).isCloseTo(365.2425 / 12,
				org.assertj.core.data.Offset.offset(1e-9));
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
				+ " them to per month. Give all volumes the same period.");
		assertAt(issue, "20 per week");
	}

	/** A one-off cohort in a funnel that extends one with monthly volumes: the clash is named on the funnel. */
	@Test
	void aCohortMixedWithInheritedMonthlyVolumesIsAWarning() {
		FunnelFile file = parse("""
				template funnel Base {
				    stage Lead { entering 100 per month moves to W 50% }
				    won stage W
				}
				funnel F extends Base {
				    stage Referral { entering 20 moves to W 50% }
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.MIXED_VOLUME_PERIODS);
		assertThat(issue.getMessage()).isEqualTo("Entering volumes mix per month and one-off cohorts; the analysis"
				+ " cannot add a one-off cohort to a rate. Give all volumes the same period.");
		assertAt(issue, "20");
	}

	@Test
	void aVolumeBeyondWhatTheAnalysisHoldsIsAnError() {
		FunnelFile file = parse("""
				funnel F {
				    stage Lead { entering 1e309 moves to W 50% }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.VOLUME_TOO_LARGE);
		assertThat(issue.getSeverity()).isEqualTo(Severity.ERROR);
		assertAt(issue, "1e309");
	}
}

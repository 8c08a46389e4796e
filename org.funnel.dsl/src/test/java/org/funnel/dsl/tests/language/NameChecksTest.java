package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.validation.FunnelIssueCodes;
import org.junit.jupiter.api.Test;

class NameChecksTest extends CheckTestSupport {

	@Test
	void duplicateStageNameIsAnError() {
		FunnelFile file = parse("""
				funnel F {
				    stage Demo { moves to W 100% }
				    stage Demo { moves to W 100% }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.DUPLICATE_NAME);
		assertThat(issue.getSeverity()).isEqualTo(Severity.ERROR);
		assertThat(issue.getMessage()).isEqualTo(
				"Duplicate stage 'Demo': a stage of that name is declared earlier in this funnel. Rename one of them.");
		assertAt(issue, "Demo", 1);
	}

	@Test
	void stageNameAlreadyInheritedIsAnError() {
		FunnelFile file = parse("""
				template funnel Outcomes { won stage Won }
				funnel F extends Outcomes {
				    stage A { moves to Won 100% }
				    won stage Won
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.DUPLICATE_NAME);
		assertThat(issue.getMessage()).isEqualTo("Duplicate stage 'Won': a stage of that name is declared in"
				+ " 'Outcomes', which this funnel extends. Rename one of them.");
		assertAt(issue, "Won", 2);
	}

	@Test
	void sameStageNameInDifferentFunnelsPasses() {
		FunnelFile file = parse("""
				funnel A { stage S { moves to W 100% } won stage W }
				funnel B { stage S { moves to W 100% } won stage W }
				""");
		assertNone(file, FunnelIssueCodes.DUPLICATE_NAME);
	}

	@Test
	void duplicateChannelOrFunnelNameInAFileIsAnError() {
		FunnelFile file = parse("""
				channel Webinar
				channel Webinar "Webinar (recorded)"
				""");
		Issue issue = single(file, FunnelIssueCodes.DUPLICATE_NAME);
		assertThat(issue.getMessage()).isEqualTo(
				"Duplicate name 'Webinar': a channel of that name is declared earlier in this file. Rename one of them.");
		assertAt(issue, "Webinar", 1);
	}

	@Test
	void channelHidingABuiltinChannelIsAWarning() {
		FunnelFile file = parse("""
				channel TV "Television"
				""");
		Issue issue = single(file, FunnelIssueCodes.SHADOWS_BUILTIN_CHANNEL);
		assertThat(issue.getSeverity()).isEqualTo(Severity.WARNING);
		assertThat(issue.getMessage()).isEqualTo("Channel 'TV' hides the built-in channel of the same name."
				+ " Rename it, or drop it and use the built-in one.");
		assertAt(issue, "TV");
	}

	@Test
	void settingGivenTwiceIsAnErrorOnTheSecond() {
		FunnelFile file = parse("""
				funnel F {
				    stage A {
				        probability 40%
				        moves to W 45%
				        probability 45%
				    }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.DUPLICATE_SETTING);
		assertThat(issue.getSeverity()).isEqualTo(Severity.ERROR);
		assertThat(issue.getMessage()).isEqualTo("'probability' is already given above; only one counts. Remove one of them.");
		assertAt(issue, "probability 45%");
	}

	@Test
	void everySettingThatTakesOneValueIsGivenOnceAndRepeatableOnesMayRepeat() {
		// A setting given twice, on one line: the second one is marked whole, whatever its words.
		FunnelFile file = parse("""
				funnel F {
				    hubspot pipeline "a" for deals hubspot pipeline "b"
				    crm hubspot crm salesforce
				    stage A {
				        deal value 100 EUR deal value 200
				        channels TV channels Radio
				        moves to W 45%
				    }
				    won stage W
				}
				""");
		assertThat(issues(file).stream().filter(i -> FunnelIssueCodes.DUPLICATE_SETTING.equals(i.getCode()))
				.map(i -> text.substring(i.getOffset(), i.getOffset() + i.getLength())))
				.containsExactlyInAnyOrder("hubspot pipeline \"b\"", "deal value 200");
	}

	@Test
	void emptyLabelIsAnError() {
		FunnelFile file = parse("""
				funnel F {
				    stage A "" { moves to W 100% }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.EMPTY_LABEL);
		assertThat(issue.getMessage()).isEqualTo(
				"The label is empty: the CRM would show nothing. Write a label or leave it out to use the name.");
		assertAt(issue, "\"\"");
	}

	@Test
	void funnelExtendingItselfIsAnError() {
		FunnelFile file = parse("""
				template funnel A extends B { won stage W }
				template funnel B extends A { lost stage L }
				""");
		var issues = issues(file).stream().filter(i -> FunnelIssueCodes.CYCLIC_EXTENDS.equals(i.getCode())).toList();
		assertThat(issues).hasSize(2);
		assertThat(issues.get(0).getMessage())
				.isEqualTo("Funnel 'A' extends itself through 'B'. Remove one of the extends clauses.");
		assertAt(issues.get(0), "B", 0);
		assertAt(issues.get(1), "A", 1);
	}
}

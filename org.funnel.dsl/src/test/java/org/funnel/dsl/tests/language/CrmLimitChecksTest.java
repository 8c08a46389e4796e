package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.validation.FunnelIssueCodes;
import org.junit.jupiter.api.Test;
import org.funnel.dsl.model.SalesforceNames;

class CrmLimitChecksTest extends CheckTestSupport {

	@Test
	void hubspotPipelineLabelOver36CharactersIsAnError() {
		FunnelFile file = parse("""
				funnel F "Enterprise new business, EMEA & APAC 2027" {
				    stage A { moves to W 100% }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.HUBSPOT_LABEL_TOO_LONG);
		assertThat(issue.getSeverity()).isEqualTo(Severity.ERROR);
		assertThat(issue.getMessage()).isEqualTo("HubSpot limits pipeline labels to 36 characters;"
				+ " 'Enterprise new business, EMEA & APAC 2027' has 41. Shorten it.");
		assertThat(issue.getData()).containsExactly("Enterprise new business, EMEA & APAC");
		assertAt(issue, "\"Enterprise new business, EMEA & APAC 2027\"");
	}

	@Test
	void longLabelIsFineWhenTheFunnelIsOnlyForSalesforce() {
		FunnelFile file = parse("""
				funnel F "Enterprise new business, EMEA & APAC 2027" {
				    crm salesforce
				    stage A { moves to W 100% }
				    won stage W
				}
				""");
		assertNoIssues(file);
	}

	@Test
	void moreThan100StagesIsAnErrorForHubSpot() {
		StringBuilder text = new StringBuilder("funnel Big {\n");
		for (int i = 0; i < 100; i++) {
			text.append("    stage S").append(i).append(" { moves to S").append(i + 1).append(" 100% }\n");
		}
		text.append("    won stage S100\n}\n");
		FunnelFile file = parse(text.toString());
		Issue issue = single(file, FunnelIssueCodes.HUBSPOT_TOO_MANY_STAGES);
		assertThat(issue.getMessage()).isEqualTo("HubSpot allows at most 100 stages in a pipeline; 'Big' has 101."
				+ " Merge stages or split the funnel, or add 'crm salesforce' if it is not for HubSpot.");
		assertAt(issue, "Big");
	}

	@Test
	void hubspotDealStageNeedsAProbability() {
		FunnelFile file = parse("""
				funnel F {
				    crm hubspot
				    stage A { moves to Parked 50% moves to W 50% }
				    stage Parked
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.HUBSPOT_PROBABILITY_FORMAT);
		assertThat(issue.getMessage()).isEqualTo("HubSpot needs a probability for every deal stage, and 'Parked'"
				+ " declares none and has no transitions to imply one. Add 'probability'.");
		assertAt(issue, "Parked", 1);
		assertNone(parse("""
				funnel F {
				    crm hubspot
				    hubspot pipeline for tickets
				    stage A { moves to Parked 50% moves to W 50% }
				    stage Parked
				    won stage W
				}
				"""), FunnelIssueCodes.HUBSPOT_PROBABILITY_FORMAT);
	}

	@Test
	void sameLabelTwiceIsAnError() {
		FunnelFile file = parse("""
				funnel F {
				    stage Demo "Demo" { moves to Demo2 100% }
				    stage Demo2 "Demo" { moves to W 100% }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.DUPLICATE_LABEL);
		assertThat(issue.getMessage()).isEqualTo("Stages 'Demo' and 'Demo2' have the same label 'Demo';"
				+ " the CRMs need a different label for every stage. Change one.");
		assertAt(issue, "\"Demo\"", 1);
	}

	@Test
	void sameHubSpotIdTwiceIsAnError() {
		FunnelFile file = parse("""
				funnel F {
				    stage A { hubspot id "qualified" moves to B 100% }
				    stage B { hubspot id "qualified" moves to W 100% }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.DUPLICATE_HUBSPOT_ID);
		assertThat(issue.getMessage())
				.isEqualTo("HubSpot id 'qualified' is already used by 'A'; each stage needs its own. Change one.");
		assertAt(issue, "\"qualified\"", 1);
	}

	@Test
	void salesforceStageNameOver40CharactersIsAnError() {
		FunnelFile file = parse("""
				funnel F {
				    crm salesforce
				    stage A "Proposal sent, waiting for procurement review" { moves to W 100% }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.SALESFORCE_LABEL_TOO_LONG);
		assertThat(issue.getMessage()).isEqualTo("Salesforce limits stage names to 40 characters;"
				+ " 'Proposal sent, waiting for procurement review' has 45. Shorten the label.");
		assertAt(issue, "\"Proposal sent, waiting for procurement review\"");
	}

	@Test
	void salesforceRoundsToWholePercents() {
		FunnelFile file = parse("""
				funnel F {
				    crm salesforce
				    stage A { probability 66.67% moves to W 66.67% }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.SALESFORCE_WHOLE_PERCENT);
		assertThat(issue.getSeverity()).isEqualTo(Severity.WARNING);
		assertThat(issue.getMessage()).isEqualTo("Salesforce stores whole percents: 66.67% is deployed as 67%.");
		assertAt(issue, "66.67");
		assertNone(parse("""
				funnel F {
				    crm hubspot
				    stage A { probability 66.67% moves to W 66.67% }
				    won stage W
				}
				"""), FunnelIssueCodes.SALESFORCE_WHOLE_PERCENT);
	}

	@Test
	void wonStageInAnotherForecastCategoryIsAnError() {
		FunnelFile file = parse("""
				funnel F {
				    stage A { moves to W 100% }
				    won stage W { salesforce forecast BestCase }
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.SALESFORCE_FORECAST_CATEGORY);
		assertThat(issue.getSeverity()).isEqualTo(Severity.ERROR);
		assertThat(issue.getMessage())
				.isEqualTo("A won stage belongs in the Salesforce forecast category Closed, not BestCase.");
		assertThat(issue.getData()).containsExactly("Closed");
		assertAt(issue, "BestCase");
	}

	@Test
	void lostAndOpenStagesInTheWrongForecastCategoryAreErrors() {
		FunnelFile file = parse("""
				funnel F {
				    stage A { salesforce forecast Closed moves to W 50% moves to L 50% }
				    stage B { salesforce forecast BestCase moves to W 100% }
				    won stage W
				    lost stage L { salesforce forecast Pipeline }
				}
				""");
		List<Issue> issues = issues(file).stream().filter(i -> FunnelIssueCodes.SALESFORCE_FORECAST_CATEGORY.equals(i.getCode()))
				.toList();
		assertThat(issues).extracting(Issue::getMessage).containsExactly("An open stage cannot be in the Salesforce forecast"
				+ " category Closed (Salesforce counts it as closed business); Pipeline, BestCase, MostLikely, Forecast or"
				+ " Omitted fit.", "A lost stage belongs in the Salesforce forecast category Omitted, not Pipeline.");
		assertThat(issues).allMatch(i -> i.getSeverity() == Severity.ERROR);
		assertThat(issues.get(0).getData()).containsExactly("Pipeline");
		assertThat(issues.get(1).getData()).containsExactly("Omitted");
		assertAt(issues.get(0), "Closed");
		assertNone(parse("""
				funnel F {
				    crm hubspot
				    stage A { salesforce forecast Closed moves to W 100% }
				    won stage W
				}
				"""), FunnelIssueCodes.SALESFORCE_FORECAST_CATEGORY);
	}

	@Test
	void aTemplatesStageInTheWrongCategoryIsAnErrorWhereItIsDeployed() {
		FunnelFile file = parse("""
				template funnel Outcomes {
				    won stage W { salesforce forecast Forecast }
				}
				funnel F extends Outcomes {
				    stage A { moves to W 100% }
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.SALESFORCE_FORECAST_CATEGORY);
		assertThat(issue.getMessage()).isEqualTo("Stage 'W' of 'Outcomes' is deployed with this funnel, but a won stage"
				+ " belongs in the Salesforce forecast category Closed, not Forecast. Change it there.");
		assertAt(issue, "Outcomes", 1);
	}

	@Test
	void aStandardStageSpelledOtherwiseIsAnErrorNamingBothSpellings() {
		FunnelFile file = parse("""
				funnel F {
				    stage A "PROSPECTING" { moves to W 100% }
				    won stage W "Closed won"
				}
				""");
		List<Issue> issues = issues(file).stream().filter(i -> FunnelIssueCodes.SALESFORCE_STANDARD_STAGE.equals(i.getCode()))
				.toList();
		assertThat(issues).extracting(Issue::getMessage).containsExactly(
				"Salesforce's standard stage is spelled 'Prospecting'; 'PROSPECTING' would be deployed over it (Salesforce"
						+ " compares stage names ignoring case). Write 'Prospecting'.",
				"Salesforce's standard stage is spelled 'Closed Won'; 'Closed won' would be deployed over it (Salesforce"
						+ " compares stage names ignoring case). Write 'Closed Won'.");
		assertThat(issues).allMatch(i -> i.getSeverity() == Severity.ERROR);
		assertThat(issues.get(1).getData()).containsExactly("Closed Won");
		assertAt(issues.get(1), "\"Closed won\"");
		// HubSpot's own default pipeline says "Closed won": no problem there.
		assertNone(parse("""
				funnel F {
				    crm hubspot
				    stage A { probability 50% moves to W 50% }
				    won stage W "Closed won"
				}
				"""), FunnelIssueCodes.SALESFORCE_STANDARD_STAGE);
		Issue inherited = single(parse("""
				template funnel Outcomes {
				    won stage W "closed won"
				}
				funnel F extends Outcomes {
				    crm salesforce
				    stage A { moves to W 100% }
				}
				"""), FunnelIssueCodes.SALESFORCE_STANDARD_STAGE);
		assertThat(inherited.getMessage()).startsWith("Stage 'W' of 'Outcomes' is deployed with this funnel. Salesforce's"
				+ " standard stage is spelled 'Closed Won'; 'closed won' would be deployed over it");
	}

	@Test
	void aSalesProcessHasOneDefaultStage() {
		FunnelFile file = parse("""
				funnel F {
				    crm salesforce
				    stage A { salesforce default moves to B 100% }
				    stage B { salesforce default moves to W 100% }
				    won stage W
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.SALESFORCE_DEFAULT_STAGE);
		assertThat(issue.getMessage()).isEqualTo("A Salesforce sales process has one default stage, and 'A' already is it."
				+ " Remove 'salesforce default' from one of them.");
		assertAt(issue, "salesforce", 2);
		assertNone(parse("""
				funnel F {
				    crm salesforce
				    stage A { salesforce default moves to W 100% }
				    won stage W
				}
				"""), FunnelIssueCodes.SALESFORCE_DEFAULT_STAGE);
	}

	@Test
	void recordTypeAndPathApiNamesFollowSalesforcesRules() {
		String funnel = """
				funnel F {
				    crm salesforce
				    salesforce record type "RECORD_TYPE"
				    salesforce path "PATH"
				    stage A { moves to W 100% }
				    won stage W
				}
				""";
		assertNone(parse(funnel.replace("RECORD_TYPE", "Sales_EMEA").replace("PATH", "Sales_EMEA_Path")),
				FunnelIssueCodes.SALESFORCE_API_NAME);
		Map<String, String> bad = Map.of("Sales__EMEA", "it may not have two underscores in a row", "Sales_", "it may not"
				+ " end with an underscore", "2Sales", "it must begin with a letter", "Sales EMEA",
				"it may only have the"
						+ " letters A-Z and a-z, digits and underscores",
				"Vertrieb_Ö", "it may only have the letters A-Z and a-z,"
						+ " digits and underscores",
				"A".repeat(81), "it has 81 characters, more than 80");
		bad.forEach((name, why) -> {
			Issue issue = single(parse(funnel.replace("RECORD_TYPE", name).replace("PATH", "Path")),
					FunnelIssueCodes.SALESFORCE_API_NAME);
			assertThat(issue.getSeverity()).isEqualTo(Severity.ERROR);
			assertThat(issue.getMessage())
					.isEqualTo("A Salesforce record type API name '" + name + "' is not valid: " + why + ".");
			assertThat(SalesforceNames.apiNameProblem(issue.getData()[0])).as(name).isNull();
		});
		Issue path = single(parse(funnel.replace("RECORD_TYPE", "Sales").replace("PATH", "_Path")),
				FunnelIssueCodes.SALESFORCE_API_NAME);
		assertThat(path.getMessage()).isEqualTo("A Salesforce path API name '_Path' is not valid: it must begin with a letter.");
		assertAt(path, "\"_Path\"");
	}

	@Test
	void salesforceProcessNamesTakeWhatSalesforceTakes() {
		// Retrieves encode these (Partner Sales v2%2E0): every one is a name Salesforce allows.
		for (String name : List.of("Partner Sales v2.0", "EMEA/APAC", "A, B", "Bob's", "Stage: 1", "C++", "#1", "Q1 – Q2")) {
			FunnelFile file = parse("""
					funnel F {
					    salesforce process "NAME"
					    stage A { moves to W 100% }
					    won stage W
					}
					""".replace("NAME", name));
			assertNone(file, FunnelIssueCodes.SALESFORCE_PROCESS_NAME);
		}
		FunnelFile file = parse("""
				funnel F {
				    salesforce process "%s"
				    stage A { moves to W 100%% }
				    won stage W
				}
				""".formatted("x".repeat(81)));
		Issue issue = single(file, FunnelIssueCodes.SALESFORCE_PROCESS_NAME);
		assertThat(issue.getMessage()).isEqualTo("Salesforce does not take '" + "x".repeat(81)
				+ "' as a sales process name: it has 81 characters, more than 80.");
		assertAt(issue, "\"" + "x".repeat(81) + "\"");
	}
}

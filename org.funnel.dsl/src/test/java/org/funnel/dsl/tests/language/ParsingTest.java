package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Crm;
import org.funnel.dsl.funnel.ForecastCategory;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.HubSpotObject;
import org.funnel.dsl.funnel.Period;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.funnel.TimeUnit;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;
import org.junit.jupiter.api.Test;

import com.google.inject.Inject;

class ParsingTest extends CheckTestSupport {

	@Inject
	private IEObjectDocumentationProvider documentation;

	@Inject
	private AnalysisCache analyses;

	@Test
	void everyPartOfAStageIsRead() {
		FunnelFile file = parse("""
				import "shared/channels.funnel"

				/** Ads on LinkedIn. */
				channel LinkedInAds "LinkedIn ads"

				/** New business. */
				funnel Sales "Sales pipeline" {
				    crm hubspot, salesforce
				    hubspot pipeline "sales" for tickets
				    salesforce process "New Business"

				    /** First call. */
				    stage Lead "Lead \\"hot\\" & <new> – Grüße" {
				        probability 0.25
				        channels LinkedInAds, TV
				        entering 1200.5 per week
				        deal value 18000 EUR
				        duration 3 days
				        guidance "Call within 24 hours.\\nLog the source."
				        hubspot id "lead"
				        salesforce forecast BestCase
				        moves to Won 25% via LinkedInAds
				        moves to Lost 1e-1
				    }

				    won stage Won
				    lost stage Lost { entering 5 }
				    open stage Parked
				}
				""");
		assertThat(file.getImports()).extracting(i -> i.getImportURI()).containsExactly("shared/channels.funnel");
		Channel channel = (Channel) file.getElements().get(0);
		assertThat(channel.getName()).isEqualTo("LinkedInAds");
		assertThat(channel.getLabel()).isEqualTo("LinkedIn ads");
		assertThat(documentation.getDocumentation(channel)).isEqualTo("Ads on LinkedIn.");

		Funnel funnel = (Funnel) file.getElements().get(1);
		assertThat(funnel.getCrms()).containsExactly(Crm.HUBSPOT, Crm.SALESFORCE);
		assertThat(funnel.isHubspot()).isTrue();
		assertThat(funnel.getHubspotPipelineId()).isEqualTo("sales");
		assertThat(funnel.getHubspotObject()).isEqualTo(HubSpotObject.TICKETS);
		assertThat(funnel.getSalesforceProcess()).isEqualTo("New Business");

		everySettingOfTheLead(funnel.getStages().get(0));

		Stage won = funnel.getStages().get(1);
		assertThat(won.getKind()).isEqualTo(StageKind.WON);
		assertThat(Stages.label(won)).isEqualTo("Won");
		assertThat(Stages.declaredProbability(won)).isEqualByComparingTo(BigDecimal.ONE);
		Stage lost = funnel.getStages().get(2);
		assertThat(lost.getEntering().isPeriodic()).isFalse();
		assertThat(Stages.declaredProbability(lost)).isEqualByComparingTo(BigDecimal.ZERO);
		assertThat(funnel.getStages().get(3).getKind()).isEqualTo(StageKind.OPEN);
	}

	private void everySettingOfTheLead(Stage lead) {
		assertThat(lead.getKind()).isEqualTo(StageKind.OPEN);
		assertThat(lead.getLabel()).isEqualTo("Lead \"hot\" & <new> – Grüße");
		assertThat(documentation.getDocumentation(lead)).isEqualTo("First call.");
		assertThat(Probabilities.fraction(lead.getProbability())).isEqualByComparingTo("0.25");
		assertThat(lead.getProbability().isPercent()).isFalse();
		assertThat(lead.getChannels()).extracting(Channel::getName).containsExactly("LinkedInAds", "TV");
		assertThat(lead.getEntering().getAmount()).isEqualByComparingTo("1200.5");
		assertThat(lead.getEntering().isPeriodic()).isTrue();
		assertThat(lead.getEntering().getPeriod()).isEqualTo(Period.WEEK);
		assertThat(lead.getDealValue().getAmount()).isEqualByComparingTo("18000");
		assertThat(lead.getDealValue().getCurrency()).isEqualTo("EUR");
		assertThat(lead.getDuration().getAmount()).isEqualByComparingTo("3");
		assertThat(lead.getDuration().getUnit()).isEqualTo(TimeUnit.DAYS);
		assertThat(lead.getGuidance()).isEqualTo("Call within 24 hours.\nLog the source.");
		assertThat(lead.getHubspotId()).isEqualTo("lead");
		assertThat(lead.getForecastCategory()).isEqualTo(ForecastCategory.BEST_CASE);
		assertThat(lead.getTransitions()).hasSize(2);
		assertThat(lead.getTransitions().get(0).getTarget().getName()).isEqualTo("Won");
		assertThat(Probabilities.fraction(lead.getTransitions().get(0).getProbability())).isEqualByComparingTo("0.25");
		assertThat(lead.getTransitions().get(0).getChannel().getName()).isEqualTo("LinkedInAds");
		assertThat(Probabilities.fraction(lead.getTransitions().get(1).getProbability())).isEqualByComparingTo("0.1");
	}

	@Test
	void singularTimeUnitsAndEscapedKeywordsAreAccepted() {
		FunnelFile file = parse("""
				funnel F {
				    stage ^value { duration 1 week moves to ^stage 100% }
				    won stage ^stage
				}
				""");
		Stage stage = ((Funnel) file.getElements().get(0)).getStages().get(0);
		assertThat(stage.getName()).isEqualTo("value");
		assertThat(stage.getDuration().getUnit()).isEqualTo(TimeUnit.WEEKS);
		assertThat(stage.getTransitions().get(0).getTarget().getName()).isEqualTo("stage");
	}

	@Test
	void syntaxErrorsCarryTheirPosition() throws Exception {
		String text = """
				funnel F {
				    stage A {
				        moves to 50%
				    }
				}
				""";
		FunnelFile file = parseHelper.parse(text, URI.createURI("memory:/broken.funnel"), resourceSets.get());
		List<Resource.Diagnostic> errors = file.eResource().getErrors();
		assertThat(errors).isNotEmpty();
		assertThat(errors.get(0).getLine()).isEqualTo(3);
		assertThat(errors.get(0).getMessage()).contains("50");
	}

	@Test
	void numbersStayExactDecimals() {
		FunnelFile file = parse("""
				funnel F {
				    stage A { probability 66.6667% moves to W 0.000000000001 }
				    won stage W
				}
				""");
		Stage a = ((Funnel) file.getElements().get(0)).getStages().get(0);
		assertThat(Probabilities.fraction(a.getProbability())).isEqualByComparingTo("0.666667");
		assertThat(Probabilities.fraction(a.getTransitions().get(0).getProbability())).isEqualByComparingTo("1E-12");
	}

	@Test
	void analysisOfAParsedFunnelUsesItsVolumesAndInheritedStages() {
		FunnelFile file = parse("""
				template funnel Outcomes {
				    won stage Won
				    lost stage Lost
				}
				funnel Sales extends Outcomes {
				    stage Lead { entering 100 per month moves to Demo 50% moves to Lost 50% }
				    stage Referral { entering 25 per week moves to Demo 80% }
				    stage Demo { moves to Won 40% moves to Lost 60% }
				}
				""");
		Funnel sales = (Funnel) file.getElements().get(1);
		EffectiveFunnel structure = analyses.structure(sales);
		assertThat(structure.stages()).extracting(Stage::getName).containsExactly("Won", "Lost", "Lead", "Referral",
				"Demo");
		assertThat(structure.volumeUnit()).isEqualTo("per month");
		FunnelAnalysis analysis = analyses.analysis(sales);
		// 25 per week is 25 * 52.1775 / 12 per month.
		double referral = 25 * 52.1775 / 12;
		assertThat(analysis.graph().entering(3)).isCloseTo(referral, within(1e-9));
		int demo = structure.indexOf(sales.getStages().get(2));
		assertThat(analysis.expectedFlow(demo)).isCloseTo(50 + 0.8 * referral, within(1e-9));
		assertThat(analysis.winProbability(structure.indexOf(sales.getStages().get(0)))).isCloseTo(0.2, within(1e-12));
		assertThat(analyses.analysis(sales)).isSameAs(analysis);
		assertThat(((XtextResource) sales.eResource()).getParseResult().hasSyntaxErrors()).isFalse();
	}
}

package org.funnel.dsl.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.funnel.TimeUnit;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.history.fit.FitOptions;
import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.history.fit.FunnelFitter;
import org.funnel.dsl.history.fit.TransitionFit;
import org.funnel.dsl.history.read.EventLogReader;
import org.funnel.dsl.model.EffectiveFunnel;
import org.junit.jupiter.api.Test;

/**
 * A funnel's shape keeps the language's indexes, so that an editor can take a fitted transition back to
 * its {@code moves to} line: inherited stages first, transitions as {@link EffectiveFunnel#transitions()}.
 */
class FunnelShapeTest {

	static final String TEXT = """
			template funnel Base {
			    won stage Won
			    lost stage Lost
			}
			funnel Sales extends Base {
			    hubspot pipeline "default"
			    stage Lead "New lead" {
			        probability 20%
			        duration 2 weeks
			        deal value 1000 EUR
			        hubspot id "lead"
			        moves to Demo 60%
			        moves to Lost 40%
			    }
			    stage Demo { moves to Won 30%  moves to Lost 70% }
			}
			""";

	@Test
	void inheritedStagesComeFirstAndTransitionsKeepTheLanguagesOrder() throws Exception {
		EffectiveFunnel structure = EffectiveFunnel.of(Funnels.funnels(TEXT).get(0));
		FunnelShape shape = FunnelShape.of(structure);
		assertThat(shape.stages()).extracting(FunnelShape.StageInfo::name).containsExactly("Won", "Lost", "Lead", "Demo");
		FunnelShape.StageInfo lead = shape.stage(2);
		assertThat(lead.label()).isEqualTo("New lead");
		assertThat(lead.hubspotId()).isEqualTo("lead");
		assertThat(lead.probability()).isEqualByComparingTo("0.2");
		assertThat(lead.duration().days()).isEqualTo(14);
		assertThat(lead.dealValue()).isEqualByComparingTo("1000");
		assertThat(lead.currency()).isEqualTo("EUR");
		assertThat(shape.stage(0).outcome()).isEqualTo(Outcome.WON);
		assertThat(shape.hubSpotPipelineId()).isEqualTo("default");

		History history = EventLogReader.read(new StringReader("deal,stage,time\na,Lead,2025-01-01\na,Demo,2025-01-02\n"
				+ "a,Won,2025-01-03\n"), "log.csv", shape, HistoryOptions.defaults());
		FunnelFit fit = FunnelFitter.fit(history, FitOptions.defaults().withDraws(100));
		for (int t = 0; t < structure.transitions().size(); t++) {
			Transition declared = structure.transitions().get(t);
			TransitionFit fitted = fit.declaredTransition(t);
			assertThat(fitted.fromName()).isEqualTo(((org.funnel.dsl.funnel.Stage) declared.eContainer()).getName());
			assertThat(fitted.toName()).isEqualTo(declared.getTarget().getName());
		}
		assertThat(fit.declaredTransition(2).count()).isEqualTo(1);
	}

	/** An editor keeps a fit while the shape is equal: the same funnel parsed again, comments and guidance changed. */
	@Test
	void shapesOfTheSameFunnelAreEqualAndADeclaredShareMakesThemDiffer() {
		FunnelShape shape = Funnels.shape(TEXT);
		FunnelShape again = Funnels
				.shape("// a comment\n" + TEXT.replace("duration 2 weeks", "duration 2 weeks guidance \"Call\""));
		assertThat(again).isEqualTo(shape).hasSameHashCodeAs(shape);
		assertThat(Funnels.shape(TEXT.replace("moves to Demo 60%", "moves to Demo 65%"))).isNotEqualTo(shape);
		assertThat(Funnels.shape(TEXT.replace("probability 20%", "probability 25%"))).isNotEqualTo(shape);
		assertThat(Funnels.shape(TEXT.replace("stage Lead \"New lead\"", "stage Lead \"Lead\""))).isNotEqualTo(shape);
	}

	@Test
	void aDurationIsWrittenAsTheFunnelWritesIt() {
		assertThat(new FunnelShape.Duration(new BigDecimal("2"), TimeUnit.WEEKS).written()).isEqualTo("2 weeks");
		assertThat(new FunnelShape.Duration(new BigDecimal("1"), TimeUnit.DAYS).written()).isEqualTo("1 day");
		assertThat(new FunnelShape.Duration(new BigDecimal("1.50"), TimeUnit.MONTHS).written()).isEqualTo("1.5 months");
	}
}

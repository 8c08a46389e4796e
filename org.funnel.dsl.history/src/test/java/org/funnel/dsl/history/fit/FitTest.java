package org.funnel.dsl.history.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;

import org.funnel.dsl.funnel.TimeUnit;
import org.funnel.dsl.history.Funnels;
import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.History;
import org.funnel.dsl.history.HistoryOptions;
import org.funnel.dsl.history.read.EventLogReader;
import org.funnel.dsl.history.read.HubSpotReader;
import org.funnel.dsl.history.stats.Interval;
import org.junit.jupiter.api.Test;

/** Declared against observed: undeclared transitions, open deals, enough deals, values to write back. */
class FitTest {

	static final FunnelShape FUNNEL = Funnels.shape("""
			funnel Sales {
			    stage Lead {
			        deal value 1000 EUR
			        moves to Demo 60%
			        moves to Lost 40%
			    }
			    stage Demo {
			        deal value 5000 EUR
			        duration 3 days
			        moves to Won 50%
			        moves to Lost 50%
			    }
			    won stage Won
			    lost stage Lost
			}
			""");

	/** 40 deals: Lead → Demo for 20, → Won (a skip) for 8, → Lost for 8, 4 still in Lead; Demo → Won 10, Lost 6, 4 open. */
	static FunnelFit fit() throws Exception {
		StringBuilder csv = new StringBuilder("deal,stage,time,amount\n");
		for (int d = 0; d < 40; d++) {
			String day = String.format("2025-01-%02d", 1 + d % 20);
			csv.append("d").append(d).append(",Lead,").append(day).append("T00:00:00Z,2000\n");
			String next = d < 20 ? "Demo" : d < 28 ? "Won" : d < 36 ? "Lost" : null;
			if (next != null) {
				csv.append("d").append(d).append(',').append(next).append(',').append(day).append("T12:00:00Z,2000\n");
			}
			if (d < 16) {
				csv.append("d").append(d).append(',').append(d < 10 ? "Won" : "Lost").append(',').append(day)
						.append("T23:00:00Z,2000\n");
			}
		}
		History history = EventLogReader.read(new StringReader(csv.toString()), "fit.csv", FUNNEL,
				HistoryOptions.defaults().withAsOf(java.time.Instant.parse("2025-02-01T00:00:00Z").toEpochMilli()));
		return FunnelFitter.fit(history, FitOptions.defaults());
	}

	@Test
	void aSkipTheFunnelDoesNotDeclareIsATransitionOfItsOwn() throws Exception {
		FunnelFit fit = fit();
		assertThat(fit.undeclaredTransitions()).hasSize(1);
		TransitionFit skip = fit.undeclaredTransitions().get(0);
		assertThat(skip.fromName() + " → " + skip.toName()).isEqualTo("Lead → Won");
		assertThat(skip.declared()).isFalse();
		assertThat(skip.count()).isEqualTo(8);
		assertThat(skip.exits()).isEqualTo(36);
		assertThat(skip.share()).isCloseTo(8 / 36.0, within(1e-12));
		assertThat(fit.stage(0).transitions()).extracting(TransitionFit::toName).containsExactly("Demo", "Lost", "Won");
	}

	@Test
	void openDealsAddNothingToAShareAndAreCountedAsOpen() throws Exception {
		StageFit lead = fit().stage(0);
		assertThat(lead.visits()).isEqualTo(40);
		assertThat(lead.exits()).isEqualTo(36);
		assertThat(lead.open()).isEqualTo(4);
		assertThat(lead.entries()).isEqualTo(40);
		TransitionFit toDemo = lead.transitions().get(0);
		assertThat(toDemo.share()).isCloseTo(20 / 36.0, within(1e-12));
		assertThat(toDemo.declaredShare()).isEqualTo(0.6);
		assertThat(toDemo.declaredOutside()).isFalse();
		// Time in Lead: 36 left after half a day, 4 censored at the export (2025-02-01).
		assertThat(lead.time().left()).isEqualTo(36);
		assertThat(lead.time().censored()).isEqualTo(4);
		assertThat(lead.time().median().point()).isCloseTo(0.5, within(1e-9));
		// Aalen–Johansen: the 4 still open all stayed longer than every exit, so the remainder is 4/40.
		assertThat(lead.unresolved()).isCloseTo(0.1, within(1e-12));
		assertThat(toDemo.censoringCorrected()).isCloseTo(20 / 40.0, within(1e-12));
	}

	@Test
	void underTheMinimumOfDealsADeviationIsMarkedNotEnough() throws Exception {
		FunnelFit fit = fit();
		StageFit demo = fit.stage(1);
		assertThat(demo.exits()).isEqualTo(16);
		assertThat(demo.enoughDeals()).isFalse();
		assertThat(fit.stage(0).enoughDeals()).isTrue();
		// Demo's declared 3 days against about 11 hours observed: outside, but with 16 deals not enough to judge.
		Deviation duration = fit.deviations().stream().filter(d -> d.kind() == Deviation.Kind.DURATION).findFirst()
				.orElseThrow();
		assertThat(duration.subject()).isEqualTo("Demo");
		assertThat(duration.declared()).isEqualTo(3);
		assertThat(duration.enoughDeals()).isFalse();
		assertThat(demo.time().observed().unit()).isEqualTo(TimeUnit.DAYS);
		assertThat(demo.time().observed().amount()).isEqualByComparingTo("0.5");
	}

	@Test
	void dealValueBecomesExpectedRevenue() throws Exception {
		FunnelFit fit = fit();
		StageFit demo = fit.stage(1);
		assertThat(demo.revenuePerDeal().point()).isCloseTo(5000 * demo.winProbability().point(), within(1e-6));
		// The open deals: 4 in Lead and 4 in Demo, 2000 each, times their stage's win probability.
		assertThat(fit.openDeals()).isEqualTo(8);
		assertThat(fit.openPipelineRevenue().point()).isCloseTo(
				8000 * fit.stage(0).winProbability().point() + 8000 * demo.winProbability().point(), within(1e-6));
		assertThat(fit.openPipelineRevenue().interval().contains(fit.openPipelineRevenue().point())).isTrue();
	}

	@Test
	void valuesAreWrittenAsTheLanguageWritesThem() {
		assertThat(LanguageValues.percent(0.2710, new Interval(0.225, 0.323))).hasToString("27");
		assertThat(LanguageValues.percent(0.2714, new Interval(0.265, 0.278))).hasToString("27.1");
		assertThat(LanguageValues.percent(0.5, new Interval(0.49, 0.51))).hasToString("50");
		assertThat(LanguageValues.percent(Double.NaN, Interval.NONE)).isNull();
		assertThat(LanguageValues.duration(0.25, null).unit()).isEqualTo(TimeUnit.HOURS);
		assertThat(LanguageValues.duration(0.25, null).amount()).isEqualByComparingTo("6");
		assertThat(LanguageValues.duration(30, null).unit()).isEqualTo(TimeUnit.WEEKS);
		assertThat(LanguageValues.duration(30, null).amount()).isEqualByComparingTo("4.3");
		assertThat(LanguageValues.duration(91.3125, TimeUnit.MONTHS).amount()).isEqualByComparingTo("3");
	}

	@Test
	void theHubSpotHistoryFitsTheHubSpotFunnel() throws Exception {
		FunnelShape funnel = Funnels.example("hubspot-default.funnel");
		History history = HubSpotReader.read(org.funnel.dsl.history.read.HubSpotReaderTestFiles.BATCH, funnel,
				HistoryOptions.defaults());
		FunnelFit fit = FunnelFitter.fit(history, FitOptions.defaults());
		assertThat(fit.deals()).isEqualTo(9);
		assertThat(fit.counts().flagged()).hasSize(6);
		// The unknown stage is a stage of the fit too, after the funnel's.
		assertThat(fit.stages()).extracting(StageFit::name).endsWith("unknown:1234567");
		assertThat(fit.stage(fit.stages().size() - 1).inFunnel()).isFalse();
		assertThat(fit.undeclaredTransitions()).extracting(t -> t.fromName() + " → " + t.toName()).contains(
				"AppointmentScheduled → PresentationScheduled", "AppointmentScheduled → unknown:1234567",
				"unknown:1234567 → ClosedLost");
	}
}

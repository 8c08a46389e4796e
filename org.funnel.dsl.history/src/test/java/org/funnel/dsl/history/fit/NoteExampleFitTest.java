package org.funnel.dsl.history.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.util.List;

import org.funnel.dsl.history.Funnels;
import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.History;
import org.funnel.dsl.history.HistoryOptions;
import org.funnel.dsl.history.read.EventLogReader;
import org.funnel.dsl.history.stats.Estimate;
import org.junit.jupiter.api.Test;

/**
 * The worked example of shared/notes/deal-history.md §4, from an event log through the fit:
 * Demo → {Proposal 140, Won 10, Lost 160}, Proposal → {Demo 10, Won 74, Lost 56} gives B[Demo, Won] = 28 %
 * (95 % 23–33 %) against a declared 40 %, P(B &lt; 0.40) ≈ 1.
 */
class NoteExampleFitTest {

	static final String FUNNEL = """
			funnel Sales {
			    stage Demo {
			        probability 40%
			        duration 2 weeks
			        moves to Proposal 45%
			        moves to Won 5%
			        moves to Lost 50%
			    }
			    stage Proposal {
			        moves to Won 50%
			        moves to Lost 40%
			        moves to Demo 10%
			    }
			    won stage Won
			    lost stage Lost
			}
			""";

	/**
	 * 300 deals enter at Demo: 150 lost and 10 won from there, 140 to Proposal; of those 74 won, 56 lost, 10
	 * back to Demo and then lost. A day per stage change, one deal an hour.
	 */
	static String eventLog() {
		StringBuilder csv = new StringBuilder("deal,stage,time\n");
		for (int d = 0; d < 300; d++) {
			List<String> path = d < 150 ? List.of("Demo", "Lost")
					: d < 160 ? List.of("Demo", "Won")
							: d < 234 ? List.of("Demo", "Proposal", "Won")
									: d < 290 ? List.of("Demo", "Proposal", "Lost") : List.of("Demo", "Proposal", "Demo", "Lost");
			for (int k = 0; k < path.size(); k++) {
				csv.append("D").append(d).append(',').append(path.get(k)).append(',')
						.append(java.time.Instant.ofEpochMilli(1_735_689_600_000L + d * 3_600_000L + k * 86_400_000L))
						.append('\n');
			}
		}
		return csv.toString();
	}

	static FunnelFit fit(FitOptions options) throws Exception {
		FunnelShape shape = Funnels.shape(FUNNEL);
		History history = EventLogReader.read(new StringReader(eventLog()), "note.csv", shape, HistoryOptions.defaults());
		return FunnelFitter.fit(history, options);
	}

	@Test
	void impliedWinProbabilityOfDemoIs28PercentWithThe23To33OfTheNote() throws Exception {
		FunnelFit fit = fit(FitOptions.defaults());
		StageFit demo = fit.stage(0);
		assertThat(demo.exits()).isEqualTo(310);
		assertThat(fit.stage(1).exits()).isEqualTo(140);
		Estimate win = demo.winProbability();
		// B = (10/310 + 140/310 · 74/140) / (1 − 140/310 · 10/140) = 84/300
		assertThat(win.point()).isCloseTo(0.28, within(1e-9));
		assertThat(Math.round(win.lower() * 100)).isEqualTo(23);
		assertThat(Math.round(win.upper() * 100)).isEqualTo(33);
		assertThat(demo.probabilityBelowDeclared()).isGreaterThan(0.999);
		assertThat(demo.probabilityOutside()).isTrue();
		assertThat(demo.observedProbability()).hasToString("28");
	}

	@Test
	void theSameHistoryAndSeedGiveTheSameIntervals() throws Exception {
		FunnelFit first = fit(FitOptions.defaults());
		FunnelFit second = fit(FitOptions.defaults());
		assertThat(second.stage(0).winProbability()).isEqualTo(first.stage(0).winProbability());
		assertThat(second.daysToClose()).isEqualTo(first.daysToClose());
		FunnelFit otherSeed = fit(FitOptions.defaults().withSeed(7));
		assertThat(otherSeed.stage(0).winProbability().lower()).isNotEqualTo(first.stage(0).winProbability().lower());
		assertThat(otherSeed.stage(0).winProbability().point()).isEqualTo(first.stage(0).winProbability().point());
	}

	@Test
	void sharesWithIntervalsBesideTheDeclaredOnes() throws Exception {
		FunnelFit fit = fit(FitOptions.defaults());
		TransitionFit demoToWon = fit.stage(0).transitions().get(1);
		assertThat(demoToWon.toName()).isEqualTo("Won");
		assertThat(demoToWon.count()).isEqualTo(10);
		assertThat(demoToWon.share()).isCloseTo(10 / 310.0, within(1e-12));
		assertThat(demoToWon.declaredShare()).isEqualTo(0.05);
		assertThat(demoToWon.declaredOutside()).isFalse();
		TransitionFit demoToLost = fit.stage(0).transitions().get(2);
		assertThat(demoToLost.share()).isCloseTo(160 / 310.0, within(1e-12));
		assertThat(demoToLost.declaredOutside()).isFalse();
		TransitionFit proposalToDemo = fit.stage(1).transitions().get(2);
		assertThat(proposalToDemo.toName()).isEqualTo("Demo");
		assertThat(proposalToDemo.count()).isEqualTo(10);
		assertThat(fit.undeclaredTransitions()).isEmpty();
		// The declared 50% from Proposal to Won lies in 74/140's interval; 40% to Lost too: no deviation there.
		assertThat(fit.deviations()).extracting(Deviation::subject).containsExactly("Demo", "Demo");
		assertThat(fit.deviations()).extracting(Deviation::kind).containsExactly(Deviation.Kind.PROBABILITY,
				Deviation.Kind.DURATION);
	}

	@Test
	void timeInStageAndDaysToClose() throws Exception {
		FunnelFit fit = fit(FitOptions.defaults());
		TimeInStage demo = fit.stage(0).time();
		// Every stay is exactly one day.
		assertThat(demo.median().point()).isCloseTo(1, within(1e-9));
		assertThat(demo.visits()).isEqualTo(310);
		assertThat(demo.censored()).isZero();
		assertThat(demo.declaredOutside()).isTrue();
		assertThat(demo.observed().amount()).isEqualByComparingTo("0.1");
		assertThat(demo.observed().unit()).hasToString("weeks");
		// Expected visits per entering deal: Demo 310/300, Proposal 140/300, a day each.
		assertThat(fit.daysToClose().point()).isCloseTo(450 / 300.0, within(1e-6));
		assertThat(fit.stage(0).expectedFlow().point()).isCloseTo(310 / 300.0, within(1e-9));
		assertThat(fit.winRate().point()).isCloseTo(0.28, within(1e-9));
		// The chain conditioned on winning (P*ᵢⱼ = Pᵢⱼ Bⱼ / Bᵢ, B_Demo = 0.28, B_Proposal = 74/140 + 10/140 · 0.28):
		// T_Demo = 1 + P*(Demo, Proposal) · (1 + P*(Proposal, Demo) · T_Demo), a day per stage.
		double bProposal = 74 / 140.0 + 10 / 140.0 * 0.28;
		double toProposal = 140 / 310.0 * bProposal / 0.28;
		double back = 10 / 140.0 * 0.28 / bProposal;
		assertThat(fit.daysToWin().point()).isCloseTo((1 + toProposal) / (1 - toProposal * back), within(1e-6));
	}
}

package org.funnel.dsl.tests.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.generator.GeneratedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Probabilities and volumes at the edges: a 1e-12 chance, 99.9999%, numbers too large for a double,
 * a stage's shares adding up to exactly 100% from many small parts. The analysis is exact where the
 * numbers allow, never NaN, and what cannot be represented is an error with a clear message.
 */
class ExtremeNumbersTest {

	private static Files2.Loaded load(Path dir, String text) {
		return Files2.load(Files2.write(dir.resolve("numbers.funnel"), text));
	}

	private static FunnelAnalysis analysis(Files2.Loaded loaded) {
		return loaded.workspace().analyses().analysis(loaded.workspace().funnels().get(0).funnel());
	}

	@Test
	void tinyAndNearlyCertainProbabilitiesAreKeptExactly(@TempDir Path dir) {
		Files2.Loaded loaded = load(dir, """
				funnel Edge "Edge" {
				    crm hubspot
				    stage Long {
				        entering 1000000000000 per year
				        moves to Won 0.0000000001%
				        moves to Lost 99.9999999999%
				    }
				    stage Sure {
				        moves to Won 99.9999%
				        moves to Lost 0.0001%
				    }
				    won stage Won
				    lost stage Lost
				}
				""");
		assertThat(loaded.errors()).as(loaded.diagnostics().toString()).isEmpty();
		FunnelAnalysis analysis = analysis(loaded);
		assertThat(analysis.winProbability(0)).isEqualTo(1e-12);
		assertThat(analysis.winProbability(1)).isCloseTo(0.999999, within(1e-15));
		// One in 1e12 of the 1e12 a year is won (all volumes are per year, so the unit stays a year).
		assertThat(analysis.expectedWon()).isCloseTo(1.0, within(1e-12));
		GeneratedFiles files = loaded.generate();
		HugeFunnelsTest.readBack(files);
		JsonNode stages = Outputs.json("hubspot/Edge.json", files.files().get("hubspot/Edge.json")).get("stages");
		// HubSpot takes probabilities on its 0.1 grid, and an open stage stays between 0.1 and 0.9.
		assertThat(stages.get(0).get("metadata").get("probability").asText()).isEqualTo("0.1");
		assertThat(stages.get(1).get("metadata").get("probability").asText()).isEqualTo("0.9");
	}

	@Test
	void sharesAddingUpToExactlyAHundredPercentLeaveNoDropOff(@TempDir Path dir) {
		Files2.Loaded loaded = load(dir, """
				funnel Thirds {
				    stage A {
				        moves to Won 33.3333%
				        moves to Lost 33.3333%
				        moves to B 33.3333%
				        moves to Won 0.0001%
				    }
				    stage B {
				        moves to Won 100%
				    }
				    won stage Won
				    lost stage Lost
				}
				""");
		FunnelAnalysis analysis = analysis(loaded);
		assertThat(analysis.dropOff(0)).isCloseTo(0, within(1e-15));
		assertThat(analysis.winProbability(0)).isCloseTo(0.666667, within(1e-12));
		assertThat(analysis.winProbability(1)).isEqualTo(1.0);
	}

	@Test
	void aProbabilityTooLargeForADoubleIsAnErrorAndTheAnalysisStaysANumber(@TempDir Path dir) {
		// 1e1000% is infinite as a double; the analysis used to turn into NaN (found by fuzzing).
		Files2.Loaded loaded = load(dir, """
				funnel Huge {
				    stage A {
				        entering 10
				        moves to Won 1e1000%
				        moves to Lost 50%
				    }
				    won stage Won
				    lost stage Lost
				}
				""");
		assertThat(loaded.codes()).contains("probability-out-of-range");
		FunnelAnalysis analysis = analysis(loaded);
		assertThat(analysis.winProbability(0)).isBetween(0.999, 1.0);
		assertThat(analysis.lossProbability(0)).isBetween(0.0, 0.001);
		assertThat(analysis.expectedWon()).isBetween(9.99, 10.0);
		for (int i = 0; i < analysis.graph().stageCount(); i++) {
			assertThat(analysis.expectedFlow(i)).isNotNaN();
			assertThat(analysis.expectedSteps(i)).isNotNaN();
			assertThat(analysis.dropOff(i)).isNotNaN();
		}
	}

	@Test
	void aCycleThatIsLeftOnlyRarelyStillGivesProbabilities(@TempDir Path dir) {
		// Found by fuzzing: 1 − (a share that stays of 0.9999999999999) lost most digits, and the win
		// probability came out as 100.05%.
		Files2.Loaded loaded = load(dir, """
				funnel Loop {
				    stage A {
				        entering 10
				        moves to Won 0.000000000001
				        moves to A 970%
				        moves to A 33.3333%
				    }
				    stage B {
				        entering 10
				        moves to B 99.99999999999%
				        moves to Won 0.00000000001%
				    }
				    won stage Won
				}
				""");
		FunnelAnalysis analysis = analysis(loaded);
		// A: all that leaves is won. B: what leaves is won or drops off, about half each.
		assertThat(analysis.winProbability(0)).isCloseTo(1.0, within(1e-9));
		assertThat(analysis.winProbability(1)).isBetween(0.0, 1.0);
		assertThat(analysis.expectedWon()).isBetween(0.0, 20.0);
	}

	@Test
	void aLongCycleLeftOnlyRarelyGivesNumbersInRange(@TempDir Path dir) {
		// Found by fuzzing: elimination in a cycle of several stages that is left with a chance near
		// 1e-15 gave expected steps of -1e18.
		StringBuilder text = new StringBuilder("funnel Ring {\n");
		for (int i = 0; i < 6; i++) {
			text.append("    stage R").append(i).append(" {\n        entering 5\n        moves to R").append((i + 1) % 6)
					.append(" 99.9999999999999%\n        moves to Won 0.00000000000001%\n    }\n");
		}
		text.append("    won stage Won\n}\n");
		FunnelAnalysis analysis = analysis(load(dir, text.toString()));
		for (int i = 0; i < 6; i++) {
			assertThat(analysis.winProbability(i)).isBetween(0.0, 1.0);
			assertThat(analysis.lossProbability(i)).isBetween(0.0, 1.0);
			assertThat(analysis.expectedSteps(i)).isGreaterThanOrEqualTo(1.0);
			assertThat(analysis.expectedFlow(i)).isGreaterThanOrEqualTo(0.0);
		}
	}

	@Test
	void aStageThatNeverLeavesButNamesAZeroTransitionIsTrapped(@TempDir Path dir) {
		// Found by fuzzing: the 0% transition made A part of B's cycle, whose system was then singular
		// (an ArithmeticException inside a check).
		Files2.Loaded loaded = load(dir, """
				funnel Zero {
				    stage A {
				        entering 10
				        moves to A 100%
				        moves to B 0%
				    }
				    stage B {
				        moves to A 50%
				        moves to Won 50%
				    }
				    won stage Won
				}
				""");
		FunnelAnalysis analysis = analysis(loaded);
		assertThat(analysis.isTrapped(0)).isTrue();
		assertThat(analysis.winProbability(0)).isZero();
		assertThat(analysis.isTrapped(1)).isFalse();
		assertThat(analysis.winProbability(1)).isCloseTo(0.5, within(1e-15));
		assertThat(loaded.diagnostics()).allSatisfy(d -> assertThat(d.code()).isNotBlank());
	}

	@Test
	void numbersBeyondTheSupportedRangeAreAnErrorAtTheNumber(@TempDir Path dir) {
		Files2.Loaded loaded = load(dir, """
				funnel Range {
				    stage A {
				        entering 1e-5000
				        moves to Won 1e-1001%
				    }
				    won stage Won
				}
				""");
		assertThat(loaded.errors()).isNotEmpty();
		assertThat(loaded.errors()).allSatisfy(d -> assertThat(d.message()).contains("is out of range"));
		assertThat(loaded.errors()).extracting(d -> d.line()).containsExactly(3, 4);
	}
}

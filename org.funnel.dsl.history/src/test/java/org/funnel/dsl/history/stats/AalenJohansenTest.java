package org.funnel.dsl.history.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AalenJohansenTest {

	@Test
	void withoutCensoringTheIncidencesAreTheShares() {
		double[] times = { 1, 2, 3, 4, 5 };
		int[] ways = { 0, 1, 0, 0, 1 };
		AalenJohansen aj = AalenJohansen.of(times, ways, 2);
		assertThat(aj.incidence(0)).isCloseTo(0.6, within(1e-12));
		assertThat(aj.incidence(1)).isCloseTo(0.4, within(1e-12));
		assertThat(aj.unresolved()).isCloseTo(0, within(1e-12));
	}

	@Test
	void aCensoredStayIsSharedOutByWhatHappensAfterIt() {
		// Four deals: to A at 1; censored at 2; to B at 3; to A at 4. Hand computation:
		// t=1: Y=4, S(1−)=1, F_A += 1/4 → S = 3/4; t=3: Y=2, F_B += 3/4·1/2 = 3/8 → S = 3/8;
		// t=4: Y=1, F_A += 3/8 → F_A = 5/8, S = 0. Leaving the censored deal out would give A 2/3, B 1/3.
		AalenJohansen aj = AalenJohansen.of(new double[] { 1, 2, 3, 4 }, new int[] { 0, -1, 1, 0 }, 2);
		assertThat(aj.incidence(0)).isCloseTo(0.625, within(1e-12));
		assertThat(aj.incidence(1)).isCloseTo(0.375, within(1e-12));
		assertThat(aj.unresolved()).isCloseTo(0, within(1e-12));
	}

	@Test
	void theRemainderIsTheKaplanMeierCurveAtTheEnd() {
		double[] times = { 1, 2, 3, 5, 6 };
		int[] ways = { 0, -1, 1, -1, -1 };
		AalenJohansen aj = AalenJohansen.of(times, ways, 2);
		KaplanMeier km = KaplanMeier.of(times, new boolean[] { true, false, true, false, false }, 0.95,
				KaplanMeier.Transform.LOG_LOG);
		assertThat(aj.unresolved()).isCloseTo(km.survival(6), within(1e-12));
		assertThat(aj.incidence(0) + aj.incidence(1) + aj.unresolved()).isCloseTo(1, within(1e-12));
	}
}

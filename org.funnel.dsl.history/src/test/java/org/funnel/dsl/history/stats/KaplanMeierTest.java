package org.funnel.dsl.history.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Kaplan–Meier against published tables.
 * <ul>
 * <li>Freireich et al. (1963), the 6-MP group of the leukaemia remission trial (Kleinbaum and Klein,
 * Survival Analysis, ch. 2; Klein and Moeschberger's {@code drug6mp}): 6, 6, 6, 6+, 7, 9+, 10, 10+, 11+, 13,
 * 16, 17+, 19+, 20+, 22, 23, 25+, 32+, 32+, 34+, 35+ weeks. Table as R's survival package prints it
 * ({@code summary(survfit(Surv(t2, relapse) ~ 1, data = drug6mp))}, default log intervals).</li>
 * <li>The {@code aml} data of R's survival package, group Maintained: 9, 13, 13+, 18, 23, 28+, 31, 34, 45+,
 * 48, 161+ weeks; {@code summary(survfit(Surv(time, status) ~ x, data = aml))}.</li>
 * </ul>
 */
class KaplanMeierTest {

	private static final double[] SIX_MP = { 6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35 };
	private static final boolean[] SIX_MP_RELAPSE = { true, true, true, false, true, false, true, false, false, true, true,
			false, false, false, true, true, false, false, false, false, false };

	/** time, n.risk, n.event, survival, std.err, lower 95%, upper 95% (published, rounded as printed). */
	private static final double[][] SIX_MP_TABLE = { { 6, 21, 3, 0.857, 0.0764, 0.720, 1.000 },
			{ 7, 17, 1, 0.807, 0.0869, 0.653, 0.996 }, { 10, 15, 1, 0.753, 0.0963, 0.586, 0.968 },
			{ 13, 12, 1, 0.690, 0.1068, 0.510, 0.935 }, { 16, 11, 1, 0.627, 0.1141, 0.439, 0.896 },
			{ 22, 7, 1, 0.538, 0.1282, 0.337, 0.858 }, { 23, 6, 1, 0.448, 0.1346, 0.249, 0.807 } };

	private static final double[] AML = { 9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161 };
	private static final boolean[] AML_EVENT = { true, true, false, true, true, false, true, true, false, true, false };
	private static final double[][] AML_TABLE = { { 9, 11, 1, 0.909, 0.0867, 0.7541, 1.000 },
			{ 13, 10, 1, 0.818, 0.1163, 0.6192, 1.000 }, { 18, 8, 1, 0.716, 0.1397, 0.4884, 1.000 },
			{ 23, 7, 1, 0.614, 0.1526, 0.3769, 0.999 }, { 31, 5, 1, 0.491, 0.1642, 0.2549, 0.946 },
			{ 34, 4, 1, 0.368, 0.1627, 0.1549, 0.875 }, { 48, 2, 1, 0.184, 0.1535, 0.0359, 0.944 } };

	private static void assertTable(KaplanMeier km, double[][] table) {
		List<KaplanMeier.Step> steps = km.steps();
		assertThat(steps).hasSize(table.length);
		for (int k = 0; k < table.length; k++) {
			KaplanMeier.Step step = steps.get(k);
			double[] row = table[k];
			assertThat(step.time()).isEqualTo(row[0]);
			assertThat(step.atRisk()).isEqualTo((int) row[1]);
			assertThat(step.events()).isEqualTo((int) row[2]);
			assertThat(step.survival()).isCloseTo(row[3], within(0.0005));
			assertThat(step.standardError()).isCloseTo(row[4], within(0.00005));
			double digits = row[5] < 0.1 || row[0] < 10 && table == AML_TABLE ? 0.00005 : 0.0005;
			assertThat(km.interval(step).lower()).isCloseTo(row[5], within(Math.max(digits, 0.00005)));
			assertThat(km.interval(step).upper()).isCloseTo(row[6], within(0.0005));
		}
	}

	@Test
	void sixMpGroupAsRPrintsIt() {
		KaplanMeier km = KaplanMeier.of(SIX_MP, SIX_MP_RELAPSE, 0.95, KaplanMeier.Transform.LOG);
		assertTable(km, SIX_MP_TABLE);
		assertThat(km.median()).isEqualTo(23);
		assertThat(km.count()).isEqualTo(21);
		assertThat(km.events()).isEqualTo(9);
	}

	@Test
	void amlMaintainedAsRPrintsIt() {
		KaplanMeier km = KaplanMeier.of(AML, AML_EVENT, 0.95, KaplanMeier.Transform.LOG);
		assertTable(km, AML_TABLE);
		// R: median 31, 0.95LCL 18, 0.95UCL NA.
		assertThat(km.median()).isEqualTo(31);
		assertThat(km.medianInterval().lower()).isEqualTo(18);
		assertThat(km.medianInterval().upper()).isNaN();
	}

	@Test
	void logLogIntervalFromThePublishedSurvivalAndGreenwoodError() {
		// exp(−exp(log(−log S) ± z·se/(S·|log S|))), from the table's S and se (Kleinbaum and Klein's formula).
		KaplanMeier km = KaplanMeier.of(SIX_MP, SIX_MP_RELAPSE, 0.95, KaplanMeier.Transform.LOG_LOG);
		for (int k = 0; k < SIX_MP_TABLE.length; k++) {
			double s = SIX_MP_TABLE[k][3];
			double se = SIX_MP_TABLE[k][4] / (s * Math.abs(Math.log(s)));
			double theta = Math.log(-Math.log(s));
			double lower = Math.exp(-Math.exp(theta + 1.96 * se));
			double upper = Math.exp(-Math.exp(theta - 1.96 * se));
			Interval interval = km.interval(km.steps().get(k));
			assertThat(interval.lower()).isCloseTo(lower, within(0.004));
			assertThat(interval.upper()).isCloseTo(upper, within(0.004));
			assertThat(interval.upper()).isLessThan(1);
		}
	}

	@Test
	void restrictedMeanIsTheAreaUnderThePublishedCurve() {
		// 6·1 + 1·0.857 + 3·0.807 + 3·0.753 + 3·0.690 + 6·0.627 + 1·0.538 + 12·0.448 up to 35 weeks
		// (exact survival values 18/21, ...): 23.287, R's rmean for the group.
		KaplanMeier km = KaplanMeier.of(SIX_MP, SIX_MP_RELAPSE, 0.95, KaplanMeier.Transform.LOG_LOG);
		double[][] t = SIX_MP_TABLE;
		double area = 6;
		for (int k = 0; k < t.length; k++) {
			double next = k + 1 < t.length ? t[k + 1][0] : 35;
			area += km.steps().get(k).survival() * (next - t[k][0]);
		}
		assertThat(km.restrictedMean(35)).isCloseTo(area, within(1e-9));
		assertThat(km.restrictedMean(35)).isCloseTo(23.287, within(0.001));
		assertThat(km.restrictedMean(10)).isCloseTo(6 + 0.857142857 + 3 * 0.806722689, within(1e-6));
	}

	@Test
	void restrictedMeanVarianceBySumOverEventTimes() {
		// One event at 1 of two at risk, the other censored at 2: S = ½ from 1; τ = 2.
		// A₁ = ∫₁² S = ½, Var = A₁²·d/(Y(Y−d)) = ¼·1/(2·1) = ⅛.
		KaplanMeier km = KaplanMeier.of(new double[] { 1, 2 }, new boolean[] { true, false }, 0.95,
				KaplanMeier.Transform.LOG_LOG);
		assertThat(km.restrictedMean(2)).isCloseTo(1.5, within(1e-12));
		assertThat(km.restrictedMeanVariance(2)).isCloseTo(0.125, within(1e-12));
	}

	@Test
	void medianDoesNotExistWhenMostAreStillThere() {
		KaplanMeier km = KaplanMeier.of(new double[] { 1, 5, 5, 5 }, new boolean[] { true, false, false, false }, 0.95,
				KaplanMeier.Transform.LOG_LOG);
		assertThat(km.median()).isNaN();
		assertThat(km.survival(3)).isCloseTo(0.75, within(1e-12));
	}

	@Test
	void medianWhereTheCurveIsExactlyOneHalfIsTheMidpointToTheNextEvent() {
		KaplanMeier km = KaplanMeier.of(new double[] { 1, 2, 3, 4 }, new boolean[] { true, true, true, true }, 0.95,
				KaplanMeier.Transform.LOG_LOG);
		assertThat(km.median()).isEqualTo(2.5);
	}
}

package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.funnel.dsl.validation.FixData;
import org.junit.jupiter.api.Test;

/** What a check writes for its quick fix reads back as the same value; what it did not write reads as nothing. */
class FixDataTest {

	@Test
	void everyTypeReadsBackWhatItWrote() {
		assertThat(FixData.Suggestions.read(list(new FixData.Suggestions(List.of("Demo", "Deal")).write())).names())
				.containsExactly("Demo", "Deal");
		assertThat(FixData.MeantAsPercent.read(list(new FixData.MeantAsPercent().write()))).isNotNull();
		assertThat(FixData.OutgoingSum.read(list(new FixData.OutgoingSum(new BigDecimal("1.25")).write())).sum())
				.isEqualByComparingTo("1.25");
		FixData.ImpliedProbability hubspot = FixData.ImpliedProbability.read(list(
				new FixData.ImpliedProbability(new BigDecimal("0.1"), true).write()));
		assertThat(hubspot.fraction()).isEqualByComparingTo("0.1");
		assertThat(hubspot.hubSpotStep()).isTrue();
		assertThat(FixData.ImpliedProbability.read(list(new FixData.ImpliedProbability(BigDecimal.valueOf(0.015), false)
				.write())).hubSpotStep()).isFalse();
		FixData.PreviousStage previous = FixData.PreviousStage
				.read(list(new FixData.PreviousStage(new BigDecimal("0.4"), "Demo").write()));
		assertThat(previous.fraction()).isEqualByComparingTo("0.4");
		assertThat(previous.stage()).isEqualTo("Demo");
		FixData.DropOffTarget target = FixData.DropOffTarget.read(list(
				new FixData.DropOffTarget("Lost", new BigDecimal("0.75"), "^Lost").write()));
		assertThat(target).isEqualTo(new FixData.DropOffTarget("Lost", new BigDecimal("0.75"), "^Lost"));
		assertThat(FixData.Probability.read(list(new FixData.Probability(new BigDecimal("0.9")).write())).fraction())
				.isEqualByComparingTo("0.9");
		assertThat(FixData.Label.read(list(new FixData.Label("Closed Won").write())).label()).isEqualTo("Closed Won");
		assertThat(FixData.Replacement.read(list(new FixData.Replacement("Omitted").write())).text()).isEqualTo("Omitted");
	}

	@Test
	void missingOrForeignDataReadsAsNothing() {
		assertThat(FixData.MeantAsPercent.read(List.of())).isNull();
		assertThat(FixData.MeantAsPercent.read(List.of("0.5"))).isNull();
		assertThat(FixData.OutgoingSum.read(List.of("not a number"))).isNull();
		assertThat(FixData.PreviousStage.read(List.of("0.4"))).isNull();
		assertThat(FixData.DropOffTarget.read(List.of("Lost", "0.75"))).isNull();
		assertThat(FixData.Label.read(List.of(" "))).isNull();
		assertThat(FixData.Suggestions.read(Arrays.asList("", null, "Demo")).names()).containsExactly("Demo");
	}

	private static List<String> list(String[] data) {
		return Arrays.asList(data);
	}
}

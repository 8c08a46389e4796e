package org.funnel.dsl.history.fit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.funnel.dsl.model.Probabilities;

/**
 * Observed shares written into a stage ({@code funnel fit --write}, the editor's quick fix): the shares leaving one stage
 * must not add up to more than 100% once written. Rounding can take observed shares over (three thirds written as 33.3%
 * each are fine, as 34% each are not), and so can shares left as declared beside a written one (a quick fix writes one
 * share of its stage).
 */
public final class WrittenShares {

	private WrittenShares() {
	}

	/**
	 * The percents to write, in the order given: the observed ones, the largest lowered by what the stage's shares would
	 * have over 100% (then the next largest, none below 0).
	 *
	 * @param observed the observed percents to write into some of the stage's declared shares
	 * @param kept     the sum of the stage's other declared shares, in percent, left as they are
	 */
	public static List<BigDecimal> atMostHundred(List<BigDecimal> observed, BigDecimal kept) {
		List<BigDecimal> percents = new ArrayList<>(observed);
		BigDecimal excess = percents.stream().reduce(kept, BigDecimal::add).subtract(Probabilities.HUNDRED);
		List<Integer> largestFirst = new ArrayList<>();
		for (int k = 0; k < percents.size(); k++) {
			largestFirst.add(k);
		}
		largestFirst.sort(Comparator.comparing(percents::get, Comparator.reverseOrder()));
		for (int k : largestFirst) {
			if (excess.signum() <= 0) {
				break;
			}
			BigDecimal lowered = percents.get(k).subtract(excess).max(BigDecimal.ZERO);
			excess = excess.subtract(percents.get(k).subtract(lowered));
			percents.set(k, lowered);
		}
		return percents;
	}
}

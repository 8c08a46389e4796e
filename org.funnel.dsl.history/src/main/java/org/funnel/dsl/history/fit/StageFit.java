package org.funnel.dsl.history.fit;

import java.math.BigDecimal;
import java.util.List;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.history.stats.Estimate;

/**
 * One stage of the fit: how many deals, where they went (with intervals), what that implies, and how
 * long they stayed, beside the funnel's declared values.
 *
 * @param stage                 index into the history's stages (the funnel's come first)
 * @param inFunnel              false for a stage only the history has (unknown:&lt;id&gt;)
 * @param visits                visits to the stage
 * @param exits                 visits that ended with a move (nᵢ)
 * @param open                  visits of deals still in the stage at the export (censored)
 * @param movedOut              visits ended by a move to another pipeline (censored)
 * @param entries               deals that entered the funnel here
 * @param transitions           the ways out: declared ones (in declared order), then the others
 * @param winProbability        the implied win probability B[stage, won] with its interval
 * @param declaredProbability   the declared {@code probability} (fraction), or null
 * @param probabilityBelowDeclared the posterior probability that B is below the declared one (NaN without)
 * @param probabilityOutside    the declared probability lies outside the win probability's interval
 * @param expectedSteps         expected stage changes until closing (N·1)
 * @param expectedFlow          expected visits per deal entering the funnel (x₀N)
 * @param daysToClose           expected days until won or lost (N·m)
 * @param daysToWin             expected days until won, for the deals that win
 * @param revenuePerDeal        B × the stage's deal value (declared, else the mean amount of won deals)
 * @param unresolved            the Aalen–Johansen remainder: share not resolved within the longest stay
 * @param enoughDeals           at least the options' minimum of deals left the stage
 * @param observedProbability   the win probability in the language's units (percent), for writing back
 */
public record StageFit(int stage, String name, boolean inFunnel, Outcome outcome, int visits, int exits, int open,
		int movedOut, int entries, List<TransitionFit> transitions, Estimate winProbability,
		BigDecimal declaredProbability, double probabilityBelowDeclared, boolean probabilityOutside,
		Estimate expectedSteps, Estimate expectedFlow, Estimate daysToClose, Estimate daysToWin,
		Estimate revenuePerDeal, TimeInStage time, double unresolved, boolean enoughDeals,
		BigDecimal observedProbability) {

	public boolean isTerminal() {
		return outcome.isTerminal();
	}
}

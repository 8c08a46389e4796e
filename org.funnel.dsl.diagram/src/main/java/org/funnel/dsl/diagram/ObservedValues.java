package org.funnel.dsl.diagram;

import java.util.List;
import java.util.Map;

/**
 * What a deal history shows beside the funnel's declared values, for the picture that draws both ({@code funnel fit
 * --svg}): observed shares with their 95% intervals, transitions seen but not declared, and the median time in stage.
 * Stages are named by their names in the source; the picture leaves out what names a stage the funnel does not have.
 *
 * @param shares     observed shares of declared transitions, by {@link DiagramOptions#transitionKey}
 * @param undeclared transitions the history shows and the funnel does not declare, in the fit's order
 * @param times      time in stage, by stage name
 * @param minDeals   deals a value needs behind it to be judged (the fit's {@code --min-deals})
 */
public record ObservedValues(Map<String, Share> shares, List<Share> undeclared, Map<String, Time> times, int minDeals) {

	/**
	 * An observed share: {@code moved} of the {@code left} deals that left {@code from} went to {@code to}.
	 *
	 * @param flagged the declared share lies outside [lower, upper] and at least {@code minDeals} deals left
	 */
	public record Share(String from, String to, double share, double lower, double upper, int moved, int left,
			boolean flagged) {

		/** "27% (22–33%, n 310)", as {@link ObservedText} writes it. */
		public String text() {
			return ObservedText.share(share, lower, upper, left);
		}
	}

	/**
	 * Time in a stage: the Kaplan–Meier median in days with its interval (NaN when there is none), the declared
	 * {@code duration} as written (null when none).
	 *
	 * @param flagged the declared duration lies outside the interval and at least {@code minDeals} deals stayed
	 */
	public record Time(double median, double lower, double upper, int stays, String declared, boolean flagged) {
	}

	public ObservedValues {
		shares = Map.copyOf(shares);
		undeclared = List.copyOf(undeclared);
		times = Map.copyOf(times);
	}
}

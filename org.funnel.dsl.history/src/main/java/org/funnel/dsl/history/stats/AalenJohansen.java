package org.funnel.dsl.history.stats;

/**
 * Cumulative incidence of each way out of a stage with censoring (Aalen and Johansen 1978):
 * F̂ⱼ(t) = Σ over u ≤ t of Ŝ(u−) · dⱼ(u) / Y(u), Ŝ the Kaplan–Meier estimate of staying. At the last time,
 * F̂ⱼ is the share of deals that leave to j with open deals accounted for rather than left out; what is
 * left, 1 − Σ F̂ⱼ, is the share not resolved within the longest stay observed.
 */
public final class AalenJohansen {

	private final double[] incidence;
	private final double unresolved;

	private AalenJohansen(double[] incidence, double unresolved) {
		this.incidence = incidence;
		this.unresolved = unresolved;
	}

	/**
	 * @param times        time in the stage of each visit
	 * @param destinations the way out taken (0..k−1), or −1 for a censored visit
	 * @param k            the number of ways out
	 */
	public static AalenJohansen of(double[] times, int[] destinations, int k) {
		int n = times.length;
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		java.util.Arrays.sort(order, (a, b) -> Double.compare(times[a], times[b]));
		double[] incidence = new double[k];
		int[] events = new int[k];
		double survival = 1;
		int atRisk = n;
		int i = 0;
		while (i < n) {
			double t = times[order[i]];
			int leaving = 0;
			int total = 0;
			java.util.Arrays.fill(events, 0);
			while (i < n && times[order[i]] == t) {
				int destination = destinations[order[i]];
				if (destination >= 0) {
					events[destination]++;
					total++;
				}
				leaving++;
				i++;
			}
			if (total > 0) {
				for (int j = 0; j < k; j++) {
					incidence[j] += survival * events[j] / atRisk;
				}
				survival *= 1 - (double) total / atRisk;
			}
			atRisk -= leaving;
		}
		return new AalenJohansen(incidence, n == 0 ? 1 : survival);
	}

	/** F̂ⱼ at the last time observed. */
	public double incidence(int destination) {
		return incidence[destination];
	}

	/** 1 − Σ F̂ⱼ: still in the stage after the longest stay observed (Ŝ there). */
	public double unresolved() {
		return unresolved;
	}
}

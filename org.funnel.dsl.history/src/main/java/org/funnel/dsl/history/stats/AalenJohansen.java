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
		// Times per way out and censored, each sorted (primitive sorts), walked together.
		int[] sizes = new int[k + 1];
		for (int destination : destinations) {
			sizes[destination < 0 ? k : destination]++;
		}
		double[][] byWay = new double[k + 1][];
		for (int j = 0; j <= k; j++) {
			byWay[j] = new double[sizes[j]];
		}
		int[] filled = new int[k + 1];
		for (int i = 0; i < n; i++) {
			int way = destinations[i] < 0 ? k : destinations[i];
			byWay[way][filled[way]++] = times[i];
		}
		for (double[] way : byWay) {
			java.util.Arrays.sort(way);
		}
		double[] incidence = new double[k];
		int[] head = new int[k + 1];
		double survival = 1;
		int atRisk = n;
		while (true) {
			double t = Double.POSITIVE_INFINITY;
			for (int j = 0; j < k; j++) {
				if (head[j] < byWay[j].length) {
					t = Math.min(t, byWay[j][head[j]]);
				}
			}
			if (t == Double.POSITIVE_INFINITY) {
				break;
			}
			while (head[k] < byWay[k].length && byWay[k][head[k]] < t) {
				head[k]++;
				atRisk--;
			}
			int total = 0;
			double before = survival;
			for (int j = 0; j < k; j++) {
				int d = 0;
				while (head[j] < byWay[j].length && byWay[j][head[j]] == t) {
					head[j]++;
					d++;
				}
				incidence[j] += before * d / atRisk;
				total += d;
			}
			survival *= 1 - (double) total / atRisk;
			atRisk -= total;
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

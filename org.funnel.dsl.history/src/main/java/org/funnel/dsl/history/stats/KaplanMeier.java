package org.funnel.dsl.history.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Kaplan–Meier estimate of staying (Kaplan and Meier 1958): Ŝ(t) = Π over event times tₖ ≤ t of
 * (1 − dₖ/Yₖ), censored times counted at risk up to and including their time. Greenwood's variance
 * Ŝ(t)² Σ dₖ/(Yₖ(Yₖ − dₖ)); pointwise intervals on log(−log Ŝ) (or on log Ŝ, R's default, for
 * comparing with its tables); the median (first t with Ŝ ≤ ½, may not exist) with the interval where
 * the pointwise bounds cross ½ (Brookmeyer and Crowley); the restricted mean ∫₀^τ Ŝ with its variance.
 */
public final class KaplanMeier {

	/** How the pointwise interval is made. */
	public enum Transform {
		LOG_LOG, LOG
	}

	/**
	 * One event time.
	 *
	 * @param atRisk     Yₖ: still in the stage just before t
	 * @param events     dₖ: left at t
	 * @param survival   Ŝ(t)
	 * @param greenwood  Σ dⱼ/(Yⱼ(Yⱼ − dⱼ)) up to t (Var Ŝ = Ŝ² · this)
	 */
	public record Step(double time, int atRisk, int events, double survival, double greenwood) {

		/** Greenwood's standard error of Ŝ(t). */
		public double standardError() {
			return survival * Math.sqrt(greenwood);
		}
	}

	private final List<Step> steps;
	private final int count;
	private final int eventCount;
	private final double lastTime;
	private final double confidence;
	private final double z;
	private final Transform transform;

	private KaplanMeier(List<Step> steps, int count, int eventCount, double lastTime, double confidence,
			Transform transform) {
		this.steps = Collections.unmodifiableList(steps);
		this.count = count;
		this.eventCount = eventCount;
		this.lastTime = lastTime;
		this.confidence = confidence;
		this.z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
		this.transform = transform;
	}

	/**
	 * The estimate from times and whether each ended in an event (true) or was censored (false);
	 * {@code confidence} e.g. 0.95.
	 */
	public static KaplanMeier of(double[] times, boolean[] events, double confidence, Transform transform) {
		int n = times.length;
		int eventCount = 0;
		for (boolean event : events) {
			eventCount += event ? 1 : 0;
		}
		// Event and censored times sorted apart (primitive sorts), then walked together.
		double[] ended = new double[eventCount];
		double[] censored = new double[n - eventCount];
		for (int i = 0, e = 0, c = 0; i < n; i++) {
			if (events[i]) {
				ended[e++] = times[i];
			} else {
				censored[c++] = times[i];
			}
		}
		java.util.Arrays.sort(ended);
		java.util.Arrays.sort(censored);
		List<Step> steps = new ArrayList<>();
		double survival = 1;
		double sum = 0;
		int atRisk = n;
		int c = 0;
		for (int e = 0; e < ended.length;) {
			double t = ended[e];
			while (c < censored.length && censored[c] < t) {
				c++;
				atRisk--;
			}
			int d = 0;
			while (e < ended.length && ended[e] == t) {
				d++;
				e++;
			}
			survival *= 1 - (double) d / atRisk;
			sum += atRisk == d ? Double.POSITIVE_INFINITY : (double) d / ((double) atRisk * (atRisk - d));
			steps.add(new Step(t, atRisk, d, survival, sum));
			atRisk -= d;
		}
		double last = Math.max(ended.length > 0 ? ended[ended.length - 1] : Double.NEGATIVE_INFINITY,
				censored.length > 0 ? censored[censored.length - 1] : Double.NEGATIVE_INFINITY);
		return new KaplanMeier(steps, n, eventCount, n == 0 ? Double.NaN : last, confidence, transform);
	}

	/** The pointwise interval of Ŝ at a step (computed when asked: a large history has a step per stay). */
	public Interval interval(Step step) {
		return bounds(step.survival(), step.greenwood(), z, transform);
	}

	private static Interval bounds(double s, double greenwood, double z, Transform transform) {
		if (s <= 0 || Double.isInfinite(greenwood)) {
			return Interval.NONE;
		}
		if (s >= 1) {
			return new Interval(1, 1);
		}
		if (transform == Transform.LOG) {
			double half = z * Math.sqrt(greenwood);
			return new Interval(s * Math.exp(-half), Math.min(1, s * Math.exp(half)));
		}
		double se = Math.sqrt(greenwood) / Math.abs(Math.log(s));
		return new Interval(Math.pow(s, Math.exp(z * se)), Math.pow(s, Math.exp(-z * se)));
	}

	public List<Step> steps() {
		return steps;
	}

	/** Visits observed (events and censored). */
	public int count() {
		return count;
	}

	/** Visits that ended (left the stage). */
	public int events() {
		return eventCount;
	}

	public double confidence() {
		return confidence;
	}

	/** Ŝ(t). */
	public double survival(double t) {
		double s = 1;
		for (Step step : steps) {
			if (step.time() > t) {
				break;
			}
			s = step.survival();
		}
		return s;
	}

	/**
	 * The median: the first event time with Ŝ ≤ ½ (where Ŝ is exactly ½ up to the next event time, their
	 * mean, as R's survival package does); NaN when Ŝ stays above ½.
	 */
	public double median() {
		return firstBelowHalf(Step::survival, true);
	}

	/**
	 * The median's interval: where the lower and the upper pointwise bound first reach ½ (NaN: not reached,
	 * the interval is open above).
	 */
	public Interval medianInterval() {
		return new Interval(firstBelowHalf(step -> interval(step).lower(), false),
				firstBelowHalf(step -> interval(step).upper(), false));
	}

	private double firstBelowHalf(java.util.function.ToDoubleFunction<Step> value, boolean midpoint) {
		for (int k = 0; k < steps.size(); k++) {
			double v = value.applyAsDouble(steps.get(k));
			if (Double.isNaN(v) && steps.get(k).survival() > 0) {
				continue;
			}
			if (Double.isNaN(v) || v <= 0.5 + 1e-12) {
				if (midpoint && Math.abs(v - 0.5) <= 1e-12 && k + 1 < steps.size()) {
					return (steps.get(k).time() + steps.get(k + 1).time()) / 2;
				}
				return steps.get(k).time();
			}
		}
		return Double.NaN;
	}

	/** The longest time observed (event or censored). */
	public double lastTime() {
		return lastTime;
	}

	/** The restricted mean ∫₀^τ Ŝ(t) dt. */
	public double restrictedMean(double tau) {
		double area = 0;
		double previous = 0;
		double s = 1;
		for (Step step : steps) {
			if (step.time() >= tau) {
				break;
			}
			area += s * (step.time() - previous);
			previous = step.time();
			s = step.survival();
		}
		return area + s * Math.max(0, tau - previous);
	}

	/**
	 * The variance of the restricted mean: Σ over event times tₖ ≤ τ of Aₖ² dₖ/(Yₖ(Yₖ − dₖ)), with Aₖ the
	 * area under Ŝ from tₖ to τ (one pass from τ backwards).
	 */
	public double restrictedMeanVariance(double tau) {
		int last = -1;
		while (last + 1 < steps.size() && steps.get(last + 1).time() <= tau) {
			last++;
		}
		double variance = 0;
		double areaAfter = 0;
		double end = tau;
		for (int k = last; k >= 0; k--) {
			Step step = steps.get(k);
			areaAfter += step.survival() * (end - step.time());
			end = step.time();
			int y = step.atRisk();
			int d = step.events();
			if (y > d) {
				variance += areaAfter * areaAfter * d / ((double) y * (y - d));
			}
		}
		return variance;
	}
}

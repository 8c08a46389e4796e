package org.funnel.dsl.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a check passes to the quick fix of its problem: one small type per issue code that carries
 * anything, written by the check ({@code write()}) and read by the quick fix ({@code read(data)}), so
 * the two sides cannot disagree about which string means what. Issue data travel as strings (Xtext's
 * {@code Issue.getData()}, an LSP diagnostic's {@code data}); {@code read} returns null for data that
 * is missing or not what the type writes.
 */
public final class FixData {

	private FixData() {
	}

	/** {@code unresolved-reference}: names in scope close to the one written, best first. */
	public record Suggestions(List<String> names) {
		public String[] write() {
			return names.toArray(String[]::new);
		}

		public static Suggestions read(List<String> data) {
			List<String> names = new ArrayList<>();
			for (String name : data) {
				if (name != null && !name.isEmpty()) {
					names.add(name);
				}
			}
			return new Suggestions(List.copyOf(names));
		}
	}

	/** {@code probability-out-of-range}: a plain number over 1 that is a percentage without its '%'. */
	public record MeantAsPercent() {
		private static final String MARK = "percent";

		public String[] write() {
			return new String[] { MARK };
		}

		public static MeantAsPercent read(List<String> data) {
			return !data.isEmpty() && MARK.equals(data.get(0)) ? new MeantAsPercent() : null;
		}
	}

	/** {@code outgoing-over-100}: what the transitions of the stage add up to, as a fraction. */
	public record OutgoingSum(BigDecimal sum) {
		public String[] write() {
			return new String[] { plain(sum) };
		}

		public static OutgoingSum read(List<String> data) {
			BigDecimal sum = decimal(data, 0);
			return sum == null ? null : new OutgoingSum(sum);
		}
	}

	/**
	 * {@code implied-probability-mismatch}: the probability to declare, as a fraction: the implied one, or
	 * in a HubSpot deal pipeline the step of HubSpot's grid closest to it.
	 */
	public record ImpliedProbability(BigDecimal fraction, boolean hubSpotStep) {
		private static final String HUBSPOT = "hubspot";

		public String[] write() {
			return hubSpotStep ? new String[] { plain(fraction), HUBSPOT } : new String[] { plain(fraction) };
		}

		public static ImpliedProbability read(List<String> data) {
			BigDecimal fraction = decimal(data, 0);
			return fraction == null ? null : new ImpliedProbability(fraction, data.size() > 1 && HUBSPOT.equals(data.get(1)));
		}
	}

	/** {@code probability-falls}: the probability of the stage before it on the main path, and its name. */
	public record PreviousStage(BigDecimal fraction, String stage) {
		public String[] write() {
			return new String[] { plain(fraction), stage };
		}

		public static PreviousStage read(List<String> data) {
			BigDecimal fraction = decimal(data, 0);
			return fraction == null || data.size() < 2 || data.get(1) == null ? null : new PreviousStage(fraction, data.get(1));
		}
	}

	/**
	 * {@code no-path-to-outcome} of a dead end: the lost stage to send what drops off to, the share that
	 * drops off (a fraction), and how to refer to the lost stage from the stage's text.
	 */
	public record DropOffTarget(String lostStage, BigDecimal dropOff, String reference) {
		public String[] write() {
			return new String[] { lostStage, plain(dropOff), reference };
		}

		public static DropOffTarget read(List<String> data) {
			BigDecimal dropOff = decimal(data, 1);
			return dropOff == null || data.size() < 3 || data.get(0) == null || data.get(2) == null ? null
					: new DropOffTarget(data.get(0), dropOff, data.get(2));
		}
	}

	/** {@code hubspot-probability-grid}, {@code hubspot-open-stage-closed}: the probability to set, as a fraction. */
	public record Probability(BigDecimal fraction) {
		public String[] write() {
			return new String[] { plain(fraction) };
		}

		public static Probability read(List<String> data) {
			BigDecimal fraction = decimal(data, 0);
			return fraction == null ? null : new Probability(fraction);
		}
	}

	/**
	 * A label to give the funnel or stage: {@code hubspot-label-too-long} and {@code salesforce-label-too-long}
	 * (the label shortened), {@code salesforce-standard-stage} (Salesforce's spelling).
	 */
	public record Label(String label) {
		public String[] write() {
			return new String[] { label };
		}

		public static Label read(List<String> data) {
			return data.isEmpty() || data.get(0) == null || data.get(0).isBlank() ? null : new Label(data.get(0));
		}
	}

	/** A text to write in place of the problem: {@code salesforce-forecast-category}, {@code salesforce-api-name}. */
	public record Replacement(String text) {
		public String[] write() {
			return new String[] { text };
		}

		public static Replacement read(List<String> data) {
			return data.isEmpty() || data.get(0) == null || data.get(0).isEmpty() ? null : new Replacement(data.get(0));
		}
	}

	/** Without exponent and trailing zeros: 1.20 -> "1.2". */
	private static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	private static BigDecimal decimal(List<String> data, int index) {
		if (data.size() <= index || data.get(index) == null) {
			return null;
		}
		try {
			return new BigDecimal(data.get(index));
		} catch (NumberFormatException e) {
			return null;
		}
	}
}

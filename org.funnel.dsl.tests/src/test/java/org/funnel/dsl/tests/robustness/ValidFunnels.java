package org.funnel.dsl.tests.robustness;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Turns fuzzer data into a .funnel file that is meant to have no errors, so that the generators, the
 * importers reading their files back and the formatter get to work on nearly every input: channels, an
 * optional template with the won and lost stages, and funnels of one to nine open stages where each
 * stage moves on to the next (so every stage is reached) and may also skip ahead, go back (a cycle) or
 * close; the shares of a stage sum to at most 100%. Labels carry {@code &}, {@code <}, quotes and
 * non-ASCII letters; funnels get HubSpot and Salesforce settings. Probabilities of open stages are left to
 * the transitions (a declared one would have to agree with them).
 */
final class ValidFunnels {

	// Short enough for HubSpot's 36 and Salesforce's 40 characters with a suffix; none a standard stage name.
	private static final String[] LABELS = { "Lead", "Demo & trial", "Offer <draft>", "Say \\\"yes\\\"", "Zürich Straße",
			"Négociation", "見積もり", "O'Brien's call", "A > B", "Tom & Jerry <b>", "Ünïcödé ✓", "]]> end", "50% off",
			"Back\\\\slash", "Emoji 😀", "Тест", "Step: one; two", "Call {x}" };
	private static final String[] PERIODS = { "day", "week", "month", "quarter", "year" };
	private static final String[] UNITS = { "hours", "day", "days", "week", "weeks", "months" };
	private static final String[] FORECASTS = { "Pipeline", "BestCase", "MostLikely", "Forecast" };
	private static final String[] CHANNELS = { "Web", "Phone", "Events" };

	private final FuzzedDataProvider data;
	private final StringBuilder text = new StringBuilder();
	private int labels;

	private ValidFunnels(FuzzedDataProvider data) {
		this.data = data;
	}

	/** The text of a file meant to validate without errors. */
	static String of(FuzzedDataProvider data) {
		return new ValidFunnels(data).file();
	}

	private String file() {
		for (String channel : CHANNELS) {
			text.append("channel ").append(channel).append(' ').append(label()).append('\n');
		}
		boolean template = data.consumeBoolean();
		if (template) {
			text.append("\n/** Outcomes shared by the funnels. */\ntemplate funnel Outcomes {\n")
					.append("    won stage Won ").append(label()).append(" { probability 100% }\n")
					.append("    lost stage Lost ").append(label()).append(" { probability 0% }\n}\n");
		}
		int funnels = data.consumeInt(1, 3);
		// One period for every volume: mixing them is a warning that also changes nothing here.
		String period = data.pickValue(PERIODS);
		for (int f = 0; f < funnels; f++) {
			funnel(f, template && data.consumeBoolean(), period);
		}
		return text.toString();
	}

	private void funnel(int index, boolean extending, String period) {
		String name = "F" + index;
		boolean hubspot = data.consumeBoolean();
		boolean salesforce = data.consumeBoolean();
		text.append("\n/** Funnel ").append(index).append(". */\nfunnel ").append(name).append(' ').append(label());
		text.append(extending ? " extends Outcomes {\n" : " {\n");
		if (hubspot || salesforce) {
			text.append("    crm ").append(hubspot ? "hubspot" : "").append(hubspot && salesforce ? ", " : "")
					.append(salesforce ? "salesforce" : "").append('\n');
		}
		if (hubspot && data.consumeBoolean()) {
			text.append("    hubspot pipeline \"pipe-").append(index).append('"')
					.append(data.consumeBoolean() ? " for deals" : "")
					.append('\n');
		}
		if (salesforce) {
			text.append("    salesforce process \"Process ").append(index)
					.append(data.pickValue(new String[] { "", " & co", " ü" }))
					.append("\"\n");
			if (data.consumeBoolean()) {
				text.append("    salesforce description ").append(label()).append('\n');
			}
		}
		int open = data.consumeInt(1, 9);
		String won = extending ? "Won" : "W";
		String lost = extending ? "Lost" : "L";
		boolean hasLost = extending || data.consumeBoolean();
		for (int i = 0; i < open; i++) {
			stage(i, open, won, hasLost ? lost : null, hubspot, salesforce, period);
		}
		if (!extending) {
			text.append("    won stage W ").append(label()).append(data.consumeBoolean() ? " { probability 100% }\n" : "\n");
			if (hasLost) {
				text.append("    lost stage L ").append(label()).append(" { probability 0% }\n");
			}
		}
		text.append("}\n");
	}

	private void stage(int i, int open, String won, String lost, boolean hubspot, boolean salesforce, String period) {
		text.append("    /** Stage ").append(i).append(". */\n    stage S").append(i).append(' ').append(label())
				.append(" {\n");
		if (i == 0 || data.consumeInt(0, 5) == 0) {
			text.append("        entering ").append(data.consumeInt(0, 100_000)).append(" per ").append(period).append('\n');
		}
		if (data.consumeBoolean()) {
			text.append("        channels ").append(data.pickValue(CHANNELS)).append('\n');
		}
		if (data.consumeBoolean()) {
			text.append("        deal value ").append(data.consumeInt(0, 1_000_000)).append(" EUR\n");
		}
		if (data.consumeBoolean()) {
			text.append("        duration ").append(data.consumeInt(1, 60)).append(' ').append(data.pickValue(UNITS))
					.append('\n');
		}
		if (data.consumeBoolean()) {
			text.append("        guidance ").append(label()).append('\n');
		}
		if (hubspot && data.consumeBoolean()) {
			text.append("        hubspot id \"st").append(i).append('-').append(data.consumeInt(0, 999)).append("\"\n");
		}
		if (salesforce && data.consumeBoolean()) {
			text.append("        salesforce forecast ").append(data.pickValue(FORECASTS)).append('\n');
		}
		transitions(i, open, won, lost);
		text.append("    }\n");
	}

	/** The way on to the next stage first; then, while shares are left, other ways: ahead, back, to an outcome. */
	private void transitions(int i, int open, String won, String lost) {
		List<String> targets = new ArrayList<>();
		targets.add(i + 1 < open ? "S" + (i + 1) : won);
		int more = data.consumeInt(0, 3);
		for (int m = 0; m < more; m++) {
			String target = switch (data.consumeInt(0, 3)) {
			case 0 -> won;
			case 1 -> lost;
			default -> "S" + data.consumeInt(0, open - 1);
			};
			if (target != null && !targets.contains(target)) {
				targets.add(target);
			}
		}
		int left = 100;
		for (int t = 0; t < targets.size() && left > targets.size() - t; t++) {
			int share = t == targets.size() - 1 && data.consumeBoolean() ? left
					: data.consumeInt(1, left - (targets.size() - t - 1));
			left -= share;
			text.append("        moves to ").append(targets.get(t)).append(' ').append(share);
			if (left > 0 && data.consumeInt(0, 4) == 0) {
				text.append('.').append(data.consumeInt(1, 9));
				left--;
			}
			text.append("%\n");
		}
	}

	/** A label not used before in the file. */
	private String label() {
		return "\"" + data.pickValue(LABELS) + " " + ++labels + "\"";
	}
}

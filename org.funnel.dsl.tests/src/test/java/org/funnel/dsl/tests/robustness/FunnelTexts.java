package org.funnel.dsl.tests.robustness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.Arrays;

/**
 * Turns fuzzer bytes into the text of a .funnel file. The first byte chooses how:
 * <ul>
 * <li>{@code 0} ({@link #RAW}): the rest is the file, byte for byte (invalid UTF-8, BOMs and CRLF
 * included) — libFuzzer's own mutations, seeded with the examples;
 * <li>{@code 1} ({@link #GRAMMAR}): the rest drives a generator that writes funnels from the
 * grammar's shapes (imports, channels, funnels with extends, stages of every kind and every setting,
 * transitions forming cycles), with nasty labels and numbers, and now and then a token dropped or
 * one too many;
 * <li>{@code 2} ({@link #SPLICE}): an example with lines of another example spliced in, and numbers
 * replaced by extreme ones.
 * </ul>
 */
final class FunnelTexts {

	static final int RAW = 0;
	static final int GRAMMAR = 1;
	static final int SPLICE = 2;
	static final int MODES = 3;

	/** The examples (paths relative to the repository root) and their text. */
	static final List<Path> EXAMPLE_PATHS = examplePaths();
	static final List<String> EXAMPLES = EXAMPLE_PATHS.stream().map(FunnelTexts::read).toList();

	static final String[] KEYWORDS = { "import", "channel", "template", "funnel", "extends", "crm", "hubspot",
			"salesforce", "pipeline", "for", "deals", "tickets", "process", "open", "won", "lost", "stage", "probability",
			"channels", "entering", "per", "day", "week", "month", "quarter", "year", "deal", "value", "duration",
			"hours", "days", "weeks", "months", "guidance", "id", "forecast", "Omitted", "Pipeline", "BestCase",
			"MostLikely", "Forecast", "Closed", "moves", "to", "via", "{", "}", ",", "%" };

	static final String[] NUMBERS = { "0", "1", "0.5", "40", "99.9999", "100", "100.0001", "1e-12", "0.000000000001",
			"1E+3", "1e2", "1e-1000", "1e1000", "1e-1001", "12345678901234567890", "3", "66.6667", "33.3333", "0.999999",
			"999999999999", "0.0", "00", "1.0e0", "5E-324", "2e308" };

	static final String[] LABELS = { "Lead", "Closed won", "\\\"quoted\\\"", "]]>", "<!-- x -->", "-->", "*/", "/*",
			"\\\\u0022", "\\\\", "a|b", "a;b", "x[y]z", "(paren)", "Zürich Straße", "😀 emoji", "line\\nbreak",
			"tab\there", "&amp; <b>bold</b>", "`code`", "#hash", "%s %n", "${x}", "'single'", "{{mustache}}",
			"end\\\\", "\u200b zero width", "\u202e rtl", "\\\"]; click s1 call alert(1) %%",
			"x".repeat(300), "</name><evil>", "<?xml?>", "@Override", "\\\\u000a", "*", "_", "~", "\u0085 nel",
			"\u2028 ls", " ", "" };

	static final String[] STAGE_NAMES = { "S0", "S1", "S2", "S3", "Lead", "Won", "Lost", "^value", "^stage", "s",
			"Stage_with_a_long_name_" + "x".repeat(60), "ClosedWon", "ClosedLost", "Unknown" };
	static final String[] FUNNEL_NAMES = { "F0", "F1", "Base", "Sales", "^funnel", "Funnel", "f" };
	static final String[] CHANNEL_NAMES = { "C0", "C1", "TV", "Webinar", "Events", "Referral", "Missing" };
	static final String[] IMPORTS = { "shared/channels.funnel", "shared/outcomes.funnel", "missing.funnel", "",
			"fuzz.funnel", "../fuzz.funnel", "/", "shared", "shared/../shared/channels.funnel", "%zz", "a b.funnel",
			"file:///nonexistent/x.funnel", "C:\\\\x.funnel", "#frag" };

	private FunnelTexts() {
	}

	/** The bytes of the .funnel file an input stands for. */
	static byte[] file(byte[] input) {
		if (input.length == 0) {
			return input;
		}
		int mode = (input[0] & 0xff) % MODES;
		return switch (mode) {
		case RAW -> Arrays.copyOfRange(input, 1, input.length);
		case GRAMMAR -> generate(new Choices(input, 1)).getBytes(StandardCharsets.UTF_8);
		default -> splice(new Choices(input, 1)).getBytes(StandardCharsets.UTF_8);
		};
	}

	static int mode(byte[] input) {
		return input.length == 0 ? RAW : (input[0] & 0xff) % MODES;
	}

	// ---- grammar-shaped generation ----

	static String generate(Choices c) {
		// One input in three gets a token dropped or added now and then; the others stay grammatical,
		// so that many of them get through the checks to the generators.
		Tokens out = new Tokens(c, c.next(3) == 0);
		int imports = c.next(3);
		for (int i = 0; i < imports; i++) {
			out.add("import").add(quoted(c.pick(IMPORTS))).newline();
		}
		int elements = 1 + c.next(4);
		for (int e = 0; e < elements && !(e > 0 && c.exhausted()); e++) {
			if (c.oneIn(3)) {
				out.add("channel").add(c.pick(CHANNEL_NAMES));
				if (c.next(2) == 0) {
					out.add(label(c));
				}
				out.newline();
			} else {
				funnel(c, out);
			}
		}
		return out.toString();
	}

	private static void funnel(Choices c, Tokens out) {
		if (c.oneIn(4)) {
			out.add("template");
		}
		out.add("funnel").add(c.pick(FUNNEL_NAMES));
		if (c.next(2) == 0) {
			out.add(label(c));
		}
		if (c.oneIn(3)) {
			out.add("extends").add(c.pick(FUNNEL_NAMES));
		}
		out.add("{").newline();
		int headers = c.next(4);
		for (int h = 0; h < headers; h++) {
			switch (c.next(3)) {
			case 0 -> {
				out.add("crm").add(c.next(2) == 0 ? "hubspot" : "salesforce");
				if (c.next(2) == 0) {
					out.add(",").add(c.next(2) == 0 ? "salesforce" : "hubspot");
				}
			}
			case 1 -> {
				out.add("hubspot").add("pipeline");
				if (c.next(2) == 0) {
					out.add(label(c));
				}
				if (c.next(2) == 0) {
					out.add("for").add(c.next(2) == 0 ? "deals" : "tickets");
				}
			}
			default -> out.add("salesforce").add("process").add(label(c));
			}
			out.newline();
		}
		int stages = 1 + c.next(8);
		// Grammatical inputs mostly name their stages S0, S1, ... and lead only to those, Won and Lost,
		// so that many funnels are whole and reach the generators.
		String[] names = null;
		if (!out.corrupt && c.next(4) > 0) {
			names = new String[stages + 2];
			for (int s = 0; s < stages; s++) {
				names[s] = "S" + s;
			}
			names[stages] = "Won";
			names[stages + 1] = "Lost";
		}
		for (int s = 0; s < stages && !(s > 1 && c.exhausted()); s++) {
			stage(c, out, names == null ? null : names[s], names);
		}
		if (names != null) {
			out.add("won").add("stage").add("Won").newline().add("lost").add("stage").add("Lost").newline();
		}
		out.add("}").newline();
	}

	private static void stage(Choices c, Tokens out, String name, String[] targets) {
		switch (c.next(name == null ? 6 : 12)) {
		case 0 -> out.add("won");
		case 1 -> out.add("lost");
		case 2 -> out.add("open");
		default -> {
		}
		}
		out.add("stage").add(name != null ? name : c.pick(STAGE_NAMES));
		if (c.next(2) == 0) {
			out.add(label(c));
		}
		if (c.oneIn(4)) {
			out.newline();
			return;
		}
		out.add("{").newline();
		int settings = c.next(9);
		for (int i = 0; i < settings; i++) {
			setting(c, out, targets);
			out.newline();
		}
		out.add("}").newline();
	}

	/** One setting of a stage, or its transitions (each on a line). */
	private static void setting(Choices c, Tokens out, String[] targets) {
		switch (c.next(10)) {
		case 0 -> out.add("probability").add(probability(c));
		case 1 -> {
			out.add("channels").add(c.pick(CHANNEL_NAMES));
			int more = c.next(3);
			for (int m = 0; m < more; m++) {
				out.add(",").add(c.pick(CHANNEL_NAMES));
			}
		}
		case 2 -> {
			out.add("entering").add(number(c));
			if (c.next(2) == 0) {
				out.add("per").add(c.pick(new String[] { "day", "week", "month", "quarter", "year" }));
			}
		}
		case 3 -> {
			out.add("deal").add("value").add(number(c));
			if (c.next(2) == 0) {
				out.add(c.pick(new String[] { "EUR", "USD", "JPY", "x" }));
			}
		}
		case 4 -> out.add("duration").add(number(c))
				.add(c.pick(new String[] { "hours", "hour", "days", "day", "weeks", "week", "months", "month" }));
		case 5 -> out.add("guidance").add(label(c));
		case 6 -> out.add("hubspot").add("id").add(label(c));
		case 7 -> out.add("salesforce").add("forecast")
				.add(c.pick(new String[] { "Omitted", "Pipeline", "BestCase", "MostLikely", "Forecast", "Closed" }));
		default -> {
			int transitions = 1 + c.next(4);
			for (int t = 0; t < transitions; t++) {
				out.add("moves").add("to").add(targets != null ? c.pick(targets) : c.pick(STAGE_NAMES)).add(probability(c));
				if (c.oneIn(3)) {
					out.add("via").add(c.pick(CHANNEL_NAMES));
				}
				out.newline();
			}
		}
		}
	}

	private static String probability(Choices c) {
		return number(c) + (c.next(3) == 0 ? "" : "%");
	}

	private static String number(Choices c) {
		if (c.oneIn(4)) {
			return Integer.toString(c.next(1000)) + (c.next(2) == 0 ? "" : "." + c.next(100));
		}
		return c.pick(NUMBERS);
	}

	/** A label in quotes: one of the nasty ones, or characters the fuzzer chose. */
	private static String label(Choices c) {
		if (c.next(3) > 0) {
			return quoted(c.pick(LABELS));
		}
		StringBuilder text = new StringBuilder();
		int length = c.next(24);
		for (int i = 0; i < length; i++) {
			int kind = c.next(8);
			char ch = switch (kind) {
			case 0 -> (char) (0x20 + c.next(0x5f));
			case 1 -> (char) (0xa0 + c.next(0x160));
			case 2 -> (char) c.next(0x20);
			case 3 -> (char) (0x3000 + c.next(0x100));
			default -> (char) ('a' + c.next(26));
			};
			if (ch == '"' || ch == '\\') {
				text.append('\\');
			}
			text.append(ch);
		}
		return quoted(text.toString());
	}

	private static String quoted(String escaped) {
		return "\"" + escaped + "\"";
	}

	/** Tokens with the fuzzer's choice of separators, and the odd token dropped or added. */
	private static final class Tokens {
		private static final String[] SEPARATORS = { " ", " ", " ", "  ", "\t", " /* c */ ", "\r\n", "\n// note\n" };
		private final Choices c;
		final boolean corrupt;
		private final StringBuilder text = new StringBuilder();

		Tokens(Choices c, boolean corrupt) {
			this.c = c;
			this.corrupt = corrupt;
		}

		Tokens add(String token) {
			if (corrupt && c.oneIn(64)) {
				return this; // dropped
			}
			if (corrupt && c.oneIn(64)) {
				text.append(c.pick(KEYWORDS)).append(' ');
			}
			text.append(token).append(c.pick(SEPARATORS));
			return this;
		}

		Tokens newline() {
			text.append(c.oneIn(8) ? "\r\n" : "\n");
			return this;
		}

		@Override
		public String toString() {
			return text.toString();
		}
	}

	// ---- splicing examples ----

	private static final Pattern NUMBER = Pattern.compile("\\b\\d+(\\.\\d+)?\\b");

	static String splice(Choices c) {
		List<String> base = new ArrayList<>(EXAMPLES.get(c.next(EXAMPLES.size())).lines().toList());
		int splices = 1 + c.next(3);
		for (int s = 0; s < splices; s++) {
			List<String> donor = EXAMPLES.get(c.next(EXAMPLES.size())).lines().toList();
			int from = c.next(donor.size() + 1);
			int to = Math.min(donor.size(), from + c.next(40));
			int at = c.next(base.size() + 1);
			if (c.oneIn(3) && at < base.size()) {
				// Replace instead of insert.
				int cut = Math.min(base.size(), at + c.next(10));
				base.subList(at, cut).clear();
			}
			base.addAll(Math.min(at, base.size()), donor.subList(from, to));
		}
		String text = String.join(c.oneIn(4) ? "\r\n" : "\n", base) + "\n";
		int replacements = c.next(6);
		for (int r = 0; r < replacements; r++) {
			Matcher numbers = NUMBER.matcher(text);
			List<int[]> found = new ArrayList<>();
			while (numbers.find()) {
				found.add(new int[] { numbers.start(), numbers.end() });
			}
			if (found.isEmpty()) {
				break;
			}
			int[] at = found.get(c.next(found.size()));
			text = text.substring(0, at[0]) + c.pick(NUMBERS) + text.substring(at[1]);
		}
		return text;
	}

	// ---- the examples ----

	private static List<Path> examplePaths() {
		try (Stream<Path> walk = Files.walk(Path.of("examples"))) {
			return walk.filter(p -> p.toString().endsWith(".funnel")).sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

package org.funnel.dsl.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.analysis.FunnelPaths;
import org.funnel.dsl.analysis.MarkovAnalyzer;

/**
 * Writes a deterministic workspace of realistic funnels: a shared channel catalogue and outcome
 * template, and funnel files that import them, with stages fed by channels, one to five transitions
 * per stage, cycles back to earlier stages, and declared probabilities that agree with what the
 * transitions imply.
 * <p>
 * A share of the stages carries one injected problem each, and the generator records where it put
 * it (file, line, severity, code), so a benchmark can check that exactly these diagnostics come
 * out, no more and no fewer. For that the funnels are built so that nothing else is reported:
 * <ul>
 * <li>every stage moves on to the next one, so every stage is reached and can close;</li>
 * <li>declared probabilities are worked out with the language's own analysis on the funnel as the
 * checks will see it, injected problems included (a transition that does not resolve is missing, a
 * stage whose transitions add up to more than 100% is scaled down), and rise along the main path;
 * where the implied probability falls along the main path by more than the tolerance, the stage
 * declares none;</li>
 * <li>problems that would have knock-on effects are placed where they have none: a probability over
 * 100% and a declared probability far from the implied one only off the main path, an unresolved
 * transition only on a transition to the lost stage, a duplicate stage with its own entering volume
 * (so it is not "never reached").</li>
 * </ul>
 */
public final class WorkloadGenerator {

	/** One expected diagnostic: the file (relative, with '/'), its 1-based line, severity and issue code. */
	public record Expected(String file, int line, String severity, String code) implements Comparable<Expected> {

		public static final String ERROR = "ERROR";
		public static final String WARNING = "WARNING";

		@Override
		public int compareTo(Expected other) {
			int c = file.compareTo(other.file);
			if (c == 0) {
				c = Integer.compare(line, other.line);
			}
			if (c == 0) {
				c = severity.compareTo(other.severity);
			}
			return c != 0 ? c : code.compareTo(other.code);
		}

		@Override
		public String toString() {
			return file + ":" + line + ": " + severity.toLowerCase(Locale.ROOT) + " [" + code + "]";
		}
	}

	/** What was written. */
	public record Workload(Path root, List<Path> files, long bytes, int stages, List<Expected> expected) {

		public long errors() {
			return expected.stream().filter(e -> e.severity().equals(Expected.ERROR)).count();
		}

		public long warnings() {
			return expected.stream().filter(e -> e.severity().equals(Expected.WARNING)).count();
		}
	}

	/** One generated file that is not written yet: the single-file benchmarks keep it in memory. */
	public record Text(String name, String content, int stages, List<Expected> expected) {
	}

	private static final String[] CHANNELS = { "Webinar", "Events", "Referral", "LinkedInAds", "Seo", "Email",
			"SalesCall", "Partner", "Podcast", "Community" };
	private static final String[] BUILTIN = { "TV", "Radio", "Print", "OOH", "Digital", "POS", "Mobile",
			"DirectResponse", "DirectMail", "WordOfMouth" };
	private static final String[] WORDS = { "Lead", "Qualified", "Demo", "Trial", "Proposal", "Negotiation",
			"Review", "Approval", "Onboarding", "Renewal", "Discovery", "Workshop", "Pilot", "Quote", "Contract" };

	/** Kinds of injected problems. */
	private static final int DUPLICATE_STAGE = 0, PROBABILITY_OVER_100 = 1, UNKNOWN_CHANNEL = 2, OUTGOING_OVER_100 = 3,
			UNKNOWN_TARGET = 4, MISMATCH_WARNING = 5, KINDS = 6;

	/** The checks' tolerance between declared and implied probability, with a margin for rounding. */
	private static final double TOLERANCE = 0.045;

	private final SplittableRandom random;
	private final double errorRate;

	/**
	 * @param seed      the same seed writes the same files
	 * @param errorRate the share of stages that get an injected problem (0.01: one in a hundred)
	 */
	public WorkloadGenerator(long seed, double errorRate) {
		this.random = new SplittableRandom(seed);
		this.errorRate = errorRate;
	}

	/**
	 * Writes {@code fileCount} funnel files of about {@code bytesPerFile} each into {@code root}
	 * ({@code funnels/f0000.funnel}, ...), plus the shared catalogue and template they import.
	 */
	public Workload write(Path root, int fileCount, long bytesPerFile) {
		List<Path> files = new ArrayList<>();
		List<Expected> expected = new ArrayList<>();
		long bytes = 0;
		int stages = 0;
		try {
			Files.createDirectories(root.resolve("shared"));
			bytes += write(root.resolve("shared/channels.funnel"), catalogue(), files);
			bytes += write(root.resolve("shared/outcomes.funnel"), outcomes(), files);
			for (int f = 0; f < fileCount; f++) {
				String name = String.format(Locale.ROOT, "funnels/f%04d.funnel", f);
				Path path = root.resolve(name);
				Files.createDirectories(path.getParent());
				FileText text = new FileText(name);
				text.line("// Generated workload file " + f + ".");
				text.line("import \"../shared/channels.funnel\"");
				text.line("import \"../shared/outcomes.funnel\"");
				text.line("");
				int funnel = 0;
				while (text.size() < bytesPerFile) {
					int n = stageCount(bytesPerFile - text.size());
					funnel(text, "F" + f + "_" + funnel++, n, expected);
					stages += n;
				}
				bytes += write(path, text.toString(), files);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return new Workload(root, List.copyOf(files), bytes, stages, List.copyOf(expected));
	}

	/**
	 * One file with one funnel of {@code stageCount} open stages, without imports (its outcome
	 * template and channels are in the file): the shape of the language-server benchmark.
	 */
	public Text singleFunnel(String fileName, String funnelName, int stageCount) {
		List<Expected> expected = new ArrayList<>();
		FileText text = singleFileHeader(fileName);
		funnel(text, funnelName, stageCount, expected);
		return new Text(fileName, text.toString(), stageCount, List.copyOf(expected));
	}

	/**
	 * One file of at least {@code bytes} bytes (UTF-8; the text is ASCII), without imports: funnels
	 * of 20 to 80 stages one after the other, like a large hand-written file.
	 */
	public Text singleFile(String fileName, long bytes) {
		List<Expected> expected = new ArrayList<>();
		FileText text = singleFileHeader(fileName);
		int stages = 0;
		int funnel = 0;
		while (text.size() < bytes) {
			int n = 20 + random.nextInt(60);
			funnel(text, "Big" + funnel++, n, expected);
			stages += n;
		}
		return new Text(fileName, text.toString(), stages, List.copyOf(expected));
	}

	/** About this many bytes a stage takes in the text. */
	private static final int BYTES_PER_STAGE = 230;

	/**
	 * 20 to 79 stages, or fewer (at least 5) when the file has room for fewer, so that files come out
	 * at about the size asked for.
	 */
	private int stageCount(long room) {
		int n = 20 + random.nextInt(60);
		long fits = room / BYTES_PER_STAGE;
		return fits >= n ? n : (int) Math.max(5, fits + random.nextInt(5));
	}

	private static FileText singleFileHeader(String fileName) {
		FileText text = new FileText(fileName);
		text.line("template funnel Outcomes {");
		text.line("    won stage ClosedWon \"Closed Won\"");
		text.line("    lost stage ClosedLost \"Closed Lost\"");
		text.line("}");
		text.line("");
		for (String channel : CHANNELS) {
			text.line("channel " + channel);
		}
		text.line("");
		return text;
	}

	private long write(Path path, String content, List<Path> files) throws IOException {
		byte[] data = content.getBytes(StandardCharsets.UTF_8);
		Files.write(path, data);
		files.add(path);
		return data.length;
	}

	private static String catalogue() {
		StringBuilder text = new StringBuilder("// The channel catalogue every workload funnel imports.\n");
		for (String channel : CHANNELS) {
			text.append("\n/** The ").append(channel).append(" channel. */\nchannel ").append(channel).append(" \"")
					.append(channel).append("\"\n");
		}
		return text.toString();
	}

	private static String outcomes() {
		return """
				/** Won and lost stages shared by every workload funnel. */
				template funnel Outcomes {
				    won stage ClosedWon "Closed Won" {
				        probability 100%
				    }

				    lost stage ClosedLost "Closed Lost" {
				        probability 0%
				    }
				}
				""";
	}

	/**
	 * One funnel of {@code n} open stages S0 .. S(n-1) extending the outcome template. Stage i moves
	 * to i+1 (the last one to the won stage), then to the lost stage, then forward a few stages or
	 * back to an earlier one (a cycle); the rest drops off.
	 */
	private void funnel(FileText text, String name, int n, List<Expected> expected) {
		Layout layout = layout(n);
		Integer[] declared = declared(layout);
		text.line("/** Workload funnel " + name + ". */");
		text.line("funnel " + name + " \"" + name + "\" extends Outcomes {");
		text.line("    crm salesforce");
		for (int i = 0; i < n; i++) {
			stage(text, name, layout, declared, i, expected);
		}
		text.line("}");
		text.line("");
	}

	/**
	 * A funnel's stages before they are written: stage i's transitions (targets, n the won and n+1 the lost stage,
	 * and shares in permille), its injected problem (or -1), and the channels of its transitions and of itself.
	 */
	private record Layout(int n, int[][] targets, int[][] permille, int[] kind, String[] via, String[] channel,
			int unknownChannel) {
	}

	/** Each stage's transitions, injected problem and channels, drawn from the seeded random numbers. */
	private Layout layout(int n) {
		// 1. The structure and where the problems go.
		int[][] targets = new int[n][];
		int[][] permille = new int[n][];
		int[] kind = new int[n];
		final int won = n;
		final int lost = n + 1;
		for (int i = 0; i < n; i++) {
			int count = 1 + random.nextInt(5);
			targets[i] = new int[count];
			permille[i] = new int[count];
			// Whole tenths of a percent, adding up to at most 95%: the rest drops off.
			int budget = 600 + random.nextInt(350);
			for (int t = 0; t < count; t++) {
				int target;
				if (t == 0) {
					target = i + 1 < n ? i + 1 : won;
				} else if (t == 1) {
					target = lost;
				} else if (i > 2 && random.nextInt(4) == 0) {
					target = random.nextInt(i); // back to an earlier stage: a cycle
				} else {
					target = Math.min(n - 1, i + 1 + random.nextInt(4));
					if (target == i) {
						target = won;
					}
				}
				int share = t == count - 1 ? budget : Math.max(1, budget * (t == 0 ? 6 : 2) / 10);
				budget -= share;
				targets[i][t] = target;
				permille[i][t] = share;
			}
			kind[i] = random.nextDouble() < errorRate ? random.nextInt(KINDS) : -1;
			if (kind[i] == UNKNOWN_TARGET && count < 2) {
				kind[i] = UNKNOWN_CHANNEL; // only a transition to the lost stage may go missing
			}
		}
		String[] via = new String[n * 5];
		String[] channel = new String[n];
		for (int i = 0; i < n; i++) {
			channel[i] = random.nextBoolean() ? CHANNELS[random.nextInt(CHANNELS.length)]
					: BUILTIN[random.nextInt(BUILTIN.length)];
			for (int t = 0; t < targets[i].length; t++) {
				via[i * 5 + t] = random.nextInt(3) == 0 ? CHANNELS[random.nextInt(CHANNELS.length)] : null;
			}
		}
		int unknownChannel = random.nextInt(1000);
		return new Layout(n, targets, permille, kind, via, channel, unknownChannel);
	}

	/**
	 * The declared probabilities: the implied ones in whole percents, never falling along the main path (where an
	 * injected problem that would change what the main path checks see is turned into an unknown channel).
	 */
	private static Integer[] declared(Layout layout) {
		int n = layout.n();
		int[] kind = layout.kind();
		int[] index = new int[n];
		FunnelGraph graph = graph(layout, index);
		FunnelAnalysis analysis = MarkovAnalyzer.analyze(graph);
		boolean[] onMainPath = new boolean[graph.stageCount()];
		for (int stage : new FunnelPaths(graph).mainPath(index[0], analysis)) {
			onMainPath[stage] = true;
		}

		// 3. Declared probabilities: the implied ones in whole percents, never falling along the main path.
		Integer[] declared = new Integer[n];
		int previousOnPath = -1;
		for (int i = 0; i < n; i++) {
			double implied = analysis.winProbability(index[i]);
			if (onMainPath[index[i]]) {
				if (kind[i] == PROBABILITY_OVER_100 || kind[i] == MISMATCH_WARNING) {
					kind[i] = UNKNOWN_CHANNEL; // these would change what the main path checks see
				}
				int percent = (int) Math.max(Math.round(implied * 100), previousOnPath);
				if (Math.abs(percent / 100.0 - implied) <= TOLERANCE) {
					declared[i] = percent;
					previousOnPath = percent;
				}
			} else if (kind[i] == MISMATCH_WARNING) {
				declared[i] = (int) Math.round((implied < 0.5 ? implied + 0.25 : implied - 0.25) * 100);
			} else {
				declared[i] = (int) Math.round(implied * 100);
			}
		}
		return declared;
	}

	/**
	 * The funnel as the checks will see it: inherited outcomes first, then the own stages in declaration order (a
	 * duplicate right after its original), injected problems included; {@code index} gets each stage's place in it.
	 */
	private static FunnelGraph graph(Layout layout, int[] index) {
		int n = layout.n();
		int[][] targets = layout.targets();
		int[][] permille = layout.permille();
		int[] kind = layout.kind();
		final int won = n;
		final int lost = n + 1;
		FunnelGraph.Builder builder = FunnelGraph.builder();
		int graphWon = builder.addStage("ClosedWon", Outcome.WON, 0);
		int graphLost = builder.addStage("ClosedLost", Outcome.LOST, 0);
		int[] copyIndex = new int[n];
		for (int i = 0; i < n; i++) {
			index[i] = builder.addStage("S" + i, Outcome.OPEN, i == 0 ? 1000 : 0);
			copyIndex[i] = kind[i] == DUPLICATE_STAGE ? builder.addStage("S" + i, Outcome.OPEN, 10) : -1;
		}
		for (int i = 0; i < n; i++) {
			for (int t = 0; t < targets[i].length; t++) {
				if (kind[i] == UNKNOWN_TARGET && t == 1) {
					continue; // does not resolve: not part of the graph
				}
				int target = targets[i][t] == won ? graphWon : targets[i][t] == lost ? graphLost : index[targets[i][t]];
				builder.addTransition(index[i], target, share(kind[i], permille[i], t) / 1000.0);
			}
			if (kind[i] == OUTGOING_OVER_100 && targets[i].length == 1) {
				builder.addTransition(index[i], graphLost, 0.05);
			}
			if (copyIndex[i] >= 0) {
				builder.addTransition(copyIndex[i], graphWon, 0.10);
			}
		}
		return builder.build();
	}

	/** Stage i as written, with the problem injected into it (and what the checks must report). */
	private void stage(FileText text, String name, Layout layout, Integer[] declared, int i, List<Expected> expected) {
		int[] kind = layout.kind();
		String first = layout.channel()[i];
		text.line("");
		String word = WORDS[i % WORDS.length];
		text.line("    /** " + word + " step " + i + " of " + name + ". */");
		int stageLine = text.lineNumber();
		// Labels name the funnel too: Salesforce has one set of stages for the whole org, so funnels that
		// share a label must agree on its probability.
		text.line("    stage S" + i + " \"" + word + " " + i + " " + name + "\" {");
		if (kind[i] == PROBABILITY_OVER_100) {
			expected.add(text.expect(Expected.ERROR, "probability-out-of-range"));
			text.line("        probability 140%");
		} else if (declared[i] != null) {
			if (kind[i] == MISMATCH_WARNING) {
				expected.add(text.expect(Expected.WARNING, "implied-probability-mismatch"));
			}
			text.line("        probability " + declared[i] + "%");
		}
		if (kind[i] == UNKNOWN_CHANNEL) {
			expected.add(text.expect(Expected.ERROR, "unresolved-reference"));
			first = "Chanel" + layout.unknownChannel();
		}
		text.line("        channels " + first + ", " + CHANNELS[i % CHANNELS.length]);
		if (i == 0) {
			text.line("        entering 1000 per month");
		}
		if (kind[i] == OUTGOING_OVER_100) {
			expected.add(new Expected(text.file, stageLine, Expected.ERROR, "outgoing-over-100"));
		}
		transitions(text, layout, i, expected);
		if (kind[i] == OUTGOING_OVER_100 && layout.targets()[i].length == 1) {
			text.line("        moves to ClosedLost 5%");
		}
		text.line("    }");
		if (kind[i] == DUPLICATE_STAGE) {
			text.line("");
			expected.add(text.expect(Expected.ERROR, "duplicate-name"));
			text.line("    stage S" + i + " \"Copy " + i + " " + name + "\" {");
			text.line("        entering 10 per month");
			text.line("        moves to ClosedWon 10%");
			text.line("    }");
		}
	}

	/** The transitions of stage i, one of them to an unknown stage where that problem is injected. */
	private static void transitions(FileText text, Layout layout, int i, List<Expected> expected) {
		int[] kind = layout.kind();
		int won = layout.n();
		int lost = layout.n() + 1;
		for (int t = 0; t < layout.targets()[i].length; t++) {
			int target = layout.targets()[i][t];
			String targetName = target == won ? "ClosedWon" : target == lost ? "ClosedLost" : "S" + target;
			if (kind[i] == UNKNOWN_TARGET && t == 1) {
				expected.add(text.expect(Expected.ERROR, "unresolved-reference"));
				targetName = targetName + "x";
			}
			String through = layout.via()[i * 5 + t] == null ? "" : " via " + layout.via()[i * 5 + t];
			text.line("        moves to " + targetName + " " + percent(share(kind[i], layout.permille()[i], t)) + through);
		}
	}

	/** The share of transition t in permille; the first one of an over-100% stage is 99%. */
	private static int share(int kind, int[] permille, int t) {
		return kind == OUTGOING_OVER_100 && t == 0 ? 990 : permille[t];
	}

	private static String percent(int permille) {
		return permille % 10 == 0 ? permille / 10 + "%" : permille / 10 + "." + permille % 10 + "%";
	}

	/** Text with line counting, so injected problems know their line. */
	private static final class FileText {
		private final String file;
		private final StringBuilder text = new StringBuilder();
		private int lines;

		FileText(String file) {
			this.file = file;
		}

		void line(String line) {
			text.append(line).append('\n');
			lines++;
		}

		/** The 1-based number of the next line to be written. */
		int lineNumber() {
			return lines + 1;
		}

		/** A diagnostic expected on the next line to be written. */
		Expected expect(String severity, String code) {
			return new Expected(file, lineNumber(), severity, code);
		}

		long size() {
			return text.length();
		}

		@Override
		public String toString() {
			return text.toString();
		}
	}
}

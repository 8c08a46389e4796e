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
import org.funnel.dsl.analysis.MarkovAnalyzer;

/**
 * Writes a deterministic workspace of realistic funnels: a shared channel catalogue and outcome
 * template, and funnel files that import them, with stages fed by channels, one to five transitions
 * per stage, cycles back to earlier stages, and declared probabilities that match what the
 * transitions imply. A share of the stages carries one injected error each, and the generator
 * records where it put them, so a benchmark can check that exactly those errors come out.
 */
public final class WorkloadGenerator {

	/** One injected error: the file, its 1-based line, and the issue code it must produce. */
	public record InjectedError(String file, int line, String code) {
	}

	/** What was written. */
	public record Workload(Path root, List<Path> files, long bytes, int stages, List<InjectedError> errors) {
	}

	private static final String[] CHANNELS = { "Webinar", "Events", "Referral", "LinkedInAds", "Seo", "Email",
			"SalesCall", "Partner", "Podcast", "Community" };
	private static final String[] BUILTIN = { "TV", "Radio", "Print", "OOH", "Digital", "POS", "Mobile",
			"DirectResponse", "DirectMail", "WordOfMouth" };
	private static final String[] WORDS = { "Lead", "Qualified", "Demo", "Trial", "Proposal", "Negotiation",
			"Review", "Approval", "Onboarding", "Renewal", "Discovery", "Workshop", "Pilot", "Quote", "Contract" };

	private final SplittableRandom random;
	private final double errorRate;

	public WorkloadGenerator(long seed, double errorRate) {
		this.random = new SplittableRandom(seed);
		this.errorRate = errorRate;
	}

	/**
	 * Writes {@code fileCount} funnel files of about {@code bytesPerFile} each into {@code root}, plus
	 * the shared catalogue and template they import.
	 */
	public Workload write(Path root, int fileCount, long bytesPerFile) {
		List<Path> files = new ArrayList<>();
		List<InjectedError> errors = new ArrayList<>();
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
					stages += funnel(text, "F" + f + "_" + funnel++, errors);
				}
				bytes += write(path, text.toString(), files);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return new Workload(root, files, bytes, stages, errors);
	}

	/**
	 * One funnel of {@code stageCount} open stages in a single file, without imports: the shape of
	 * the large single-file benchmarks.
	 */
	public String singleFunnel(String name, int stageCount, List<InjectedError> errors, String fileName) {
		FileText text = new FileText(fileName);
		text.line("template funnel Outcomes {");
		text.line("    won stage ClosedWon \"Closed won\"");
		text.line("    lost stage ClosedLost \"Closed lost\"");
		text.line("}");
		text.line("");
		for (String channel : CHANNELS) {
			text.line("channel " + channel);
		}
		text.line("");
		funnel(text, name, stageCount, errors);
		return text.toString();
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
				    won stage ClosedWon "Closed won" {
				        probability 100%
				    }

				    lost stage ClosedLost "Closed lost" {
				        probability 0%
				    }
				}
				""";
	}

	private int funnel(FileText text, String name, List<InjectedError> errors) {
		int stageCount = 20 + random.nextInt(60);
		funnel(text, name, stageCount, errors);
		return stageCount;
	}

	/**
	 * Stage i moves forward to one of the next few stages, sometimes back to an earlier one (a
	 * cycle), and to the outcomes; the rest drops off. Declared probabilities are the implied ones.
	 */
	private void funnel(FileText text, String name, int n, List<InjectedError> errors) {
		int won = n;
		int lost = n + 1;
		int[][] targets = new int[n][];
		double[][] shares = new double[n][];
		FunnelGraph.Builder graph = FunnelGraph.builder();
		for (int i = 0; i < n; i++) {
			graph.addStage("S" + i, Outcome.OPEN, i == 0 ? 1000 : 0);
		}
		graph.addStage("ClosedWon", Outcome.WON, 0);
		graph.addStage("ClosedLost", Outcome.LOST, 0);
		for (int i = 0; i < n; i++) {
			int count = 1 + random.nextInt(5);
			targets[i] = new int[count];
			shares[i] = new double[count];
			// Whole tenths of a percent, adding up to at most 95%: the rest drops off.
			int budget = 600 + random.nextInt(350);
			for (int t = 0; t < count; t++) {
				int target;
				if (t == 0) {
					target = i + 1 < n ? i + 1 : won; // the main way forward
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
				shares[i][t] = share / 1000.0;
				graph.addTransition(i, target, shares[i][t]);
			}
		}
		FunnelAnalysis analysis = MarkovAnalyzer.analyze(graph.build());

		text.line("/** Workload funnel " + name + ". */");
		text.line("funnel " + name + " \"" + name + "\" extends Outcomes {");
		text.line("    crm salesforce");
		for (int i = 0; i < n; i++) {
			text.line("");
			boolean inject = random.nextDouble() < errorRate;
			int kind = inject ? random.nextInt(5) : -1;
			text.line("    /** " + WORDS[i % WORDS.length] + " step " + i + " of " + name + ". */");
			int stageLine = text.lineNumber();
			text.line("    stage S" + i + " \"" + WORDS[i % WORDS.length] + " " + i + "\" {");
			if (kind == 1) {
				errors.add(new InjectedError(text.file, text.lineNumber(), "probability-out-of-range"));
				text.line("        probability 140%");
			} else {
				// Whole percents: Salesforce stores no more, and rounding stays well within the 5-point tolerance.
				text.line("        probability " + Math.round(analysis.winProbability(i) * 100) + "%");
			}
			String channel = random.nextBoolean() ? CHANNELS[random.nextInt(CHANNELS.length)]
					: BUILTIN[random.nextInt(BUILTIN.length)];
			if (kind == 2) {
				errors.add(new InjectedError(text.file, text.lineNumber(), "unresolved-reference"));
				channel = "Chanel" + random.nextInt(1000);
			}
			text.line("        channels " + channel + ", " + CHANNELS[i % CHANNELS.length]);
			if (i == 0) {
				text.line("        entering 1000 per month");
			}
			if (kind == 3) {
				// Reported on the stage's name.
				errors.add(new InjectedError(text.file, stageLine, "outgoing-over-100"));
			}
			for (int t = 0; t < targets[i].length; t++) {
				int target = targets[i][t];
				String targetName = target == won ? "ClosedWon" : target == lost ? "ClosedLost" : "S" + target;
				double share = kind == 3 && t == 0 ? 0.99 : shares[i][t];
				if (kind == 4 && t == 0) {
					errors.add(new InjectedError(text.file, text.lineNumber(), "unresolved-reference"));
					targetName = targetName + "x";
				}
				String via = random.nextInt(3) == 0 ? " via " + CHANNELS[random.nextInt(CHANNELS.length)] : "";
				text.line("        moves to " + targetName + " " + percent(share) + via);
			}
			if (kind == 3 && targets[i].length == 1) {
				// Over 100% needs two transitions; a single one would be reported as out of range instead.
				text.line("        moves to ClosedLost 5%");
			}
			text.line("    }");
			if (kind == 0) {
				// A second stage of the same name (nothing leads to it, so no other error follows).
				text.line("");
				errors.add(new InjectedError(text.file, text.lineNumber(), "duplicate-name"));
				text.line("    stage S" + i + " \"Copy " + i + "\" {");
				text.line("        moves to ClosedWon 10%");
				text.line("    }");
			}
		}
		text.line("}");
		text.line("");
	}

	private static String percent(double fraction) {
		String text = String.format(Locale.ROOT, "%.4f", fraction * 100);
		text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
		return text + "%";
	}

	/** Text with line counting, so injected errors know their line. */
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

		long size() {
			return text.length();
		}

		@Override
		public String toString() {
			return text.toString();
		}
	}
}

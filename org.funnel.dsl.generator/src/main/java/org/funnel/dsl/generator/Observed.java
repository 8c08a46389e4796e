package org.funnel.dsl.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.Stages;
import java.nio.charset.MalformedInputException;
import java.util.Arrays;

/**
 * Observed stage counts against the model. A stage's observed conversion is the count at the stage
 * divided by the count at its previous stage; the model's is the expected flow at the stage divided
 * by the expected flow at the previous stage. The previous stage is the one sending the most
 * volume into it (ties: the earlier). The generated Java code computes the same.
 */
public final class Observed {

	private Observed() {
	}

	/** Counts by stage index (null where the CSV has none), and what was wrong with the CSV. */
	public record Counts(Long[] counts, List<Diagnostic> problems) {
	}

	/** One compared stage. */
	public record Row(String stage, String previous, Long count, Long previousCount, double observed, double expected) {
		public double difference() {
			return observed - expected;
		}
	}

	/**
	 * Reads {@code stage,count} lines. A stage is named by its name or its label; fields may be
	 * quoted ("Proposal, priced",12). A first line whose count is not a number is a header.
	 */
	public static Counts read(Path csv, List<Stage> stages) throws IOException {
		String path = SourceFile.display(csv);
		if (!Files.isRegularFile(csv)) {
			throw new InputException((Files.exists(csv) ? "Not a file: " : "No such file: ") + path);
		}
		Map<String, Integer> byKey = new HashMap<>();
		for (int i = 0; i < stages.size(); i++) {
			byKey.putIfAbsent(stages.get(i).getName(), i);
		}
		for (int i = 0; i < stages.size(); i++) {
			byKey.putIfAbsent(Stages.label(stages.get(i)), i);
		}
		CountsReader reader = new CountsReader(path, byKey, new Long[stages.size()]);
		List<String> lines;
		try {
			lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		} catch (MalformedInputException e) {
			reader.problems.add(Diagnostic.ofFile(path, "The counts file is not UTF-8 text.", "observed-csv"));
			return new Counts(reader.counts, reader.problems);
		}
		for (int n = 0; n < lines.size(); n++) {
			String line = n == 0 && lines.get(n).startsWith("\uFEFF") ? lines.get(n).substring(1) : lines.get(n);
			if (!line.isBlank() && !line.startsWith("#")) {
				reader.line(n + 1, line);
			}
		}
		return new Counts(reader.counts, reader.problems);
	}

	/** The counts of a CSV file, line by line, and what was wrong with its lines. */
	private static final class CountsReader {
		private final String path;
		private final Map<String, Integer> byKey;
		final Long[] counts;
		final List<Diagnostic> problems = new ArrayList<>();
		/** Whether a line with a count was read: until then, a line whose count is not a number is a header. */
		private boolean dataSeen;

		CountsReader(String path, Map<String, Integer> byKey, Long[] counts) {
			this.path = path;
			this.byKey = byKey;
			this.counts = counts;
		}

		void line(int n, String line) {
			List<String> fields = fields(line);
			if (fields == null || fields.size() != 2) {
				problem(n, 1, line.length() + 1, "Expected two fields, stage and count, like: Qualified,120");
				return;
			}
			String stage = fields.get(0).strip();
			String countText = fields.get(1).strip();
			long count;
			try {
				count = Long.parseLong(countText);
			} catch (NumberFormatException e) {
				if (!dataSeen) {
					dataSeen = true; // a header
				} else {
					problem(n, line.indexOf(countText) + 1, line.length() + 1, "'" + countText + "' is not a whole number.");
				}
				return;
			}
			dataSeen = true;
			Integer index = byKey.get(stage);
			if (count < 0) {
				problem(n, line.indexOf(countText) + 1, line.length() + 1, "A count cannot be negative.");
			} else if (index == null) {
				problem(n, 1, stage.length() + 1, "No stage named or labelled '" + stage + "' in the funnel.");
			} else if (counts[index] != null) {
				problem(n, 1, stage.length() + 1, "Stage '" + stage + "' has a count already.");
			} else {
				counts[index] = count;
			}
		}

		private void problem(int line, int column, int endColumn, String message) {
			problems.add(new Diagnostic(path, line, column, line, endColumn, Diagnostic.Severity.ERROR, message, "observed-csv"));
		}
	}

	/** RFC 4180 fields of one line; null when a quote is not closed. */
	static List<String> fields(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				} else if (c == '"') {
					quoted = false;
				} else {
					field.append(c);
				}
			} else if (c == '"' && field.toString().isBlank()) {
				quoted = true;
				field.setLength(0);
			} else if (c == ',' || c == ';') {
				fields.add(field.toString());
				field.setLength(0);
			} else {
				field.append(c);
			}
		}
		if (quoted) {
			return null;
		}
		fields.add(field.toString());
		return fields;
	}

	/** The stage each stage's conversion is measured against, by index (-1: none). */
	public static int[] previous(FunnelAnalysis analysis) {
		FunnelGraph graph = analysis.graph();
		int[] previous = new int[graph.stageCount()];
		double[] best = new double[graph.stageCount()];
		Arrays.fill(previous, -1);
		Arrays.fill(best, -1);
		for (int t = 0; t < graph.transitionCount(); t++) {
			int from = graph.source(t);
			int to = graph.target(t);
			if (from == to) {
				continue;
			}
			double flow = analysis.transitionFlow(t);
			flow = Double.isNaN(flow) ? 0 : flow;
			if (flow > best[to] || (flow == best[to] && from < previous[to])) {
				best[to] = flow;
				previous[to] = from;
			}
		}
		return previous;
	}

	/** Every open or won stage with a previous stage, in stage order. */
	public static List<Row> compare(List<Stage> stages, FunnelAnalysis analysis, Long[] counts) {
		int[] previous = previous(analysis);
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < stages.size(); i++) {
			int p = previous[i];
			if (p < 0 || analysis.graph().outcome(i) == Outcome.LOST) {
				continue;
			}
			Long count = counts[i];
			Long before = counts[p];
			double observed = count != null && before != null && before > 0 ? (double) count / before : Double.NaN;
			double flowBefore = analysis.expectedFlow(p);
			double expected = flowBefore > 0 && Double.isFinite(flowBefore) ? analysis.expectedFlow(i) / flowBefore : Double.NaN;
			rows.add(new Row(Stages.label(stages.get(i)), Stages.label(stages.get(p)), count, before, observed, expected));
		}
		return rows;
	}

	/** A difference of fractions in percentage points: 0.05 -> "+5 pp". */
	public static String points(double difference) {
		String number = Text.number(difference * 100);
		return (difference > 0 && !number.equals("0") ? "+" : "") + number + " pp";
	}

	static String lower(String s) {
		return s.toLowerCase(Locale.ROOT);
	}
}

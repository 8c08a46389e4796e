package org.funnel.dsl.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.history.DealFlag;
import org.funnel.dsl.history.HistoryCounts;
import org.funnel.dsl.history.SkippedRow;
import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.history.fit.StageFit;
import org.funnel.dsl.history.fit.TimeInStage;
import org.funnel.dsl.history.fit.TransitionFit;
import org.funnel.dsl.history.stats.Estimate;
import org.funnel.dsl.history.stats.Interval;
import org.funnel.dsl.model.Stages;

/**
 * {@code funnel fit}'s report for people: the same tables as plain text for a terminal or as Markdown for a pull
 * request. Every share shows n beside it; a declared value outside its interval is flagged.
 */
final class FitReport {

	/** A table with its title; cells are plain text (Markdown escapes them when printing). */
	private record Section(String title, String[] header, List<String[]> rows) {
	}

	private FitReport() {
	}

	static void text(FunnelFit fit, FunnelWorkspace.Unit unit, PrintWriter out) {
		out.println(heading(fit, unit));
		for (Section section : sections(fit)) {
			out.println();
			out.println(section.title() + ":");
			Table table = new Table(section.header());
			section.rows().forEach(table::row);
			table.print(out);
		}
		out.println();
		summary(fit).forEach(out::println);
	}

	static void markdown(FunnelFit fit, FunnelWorkspace.Unit unit, PrintWriter out) {
		out.println("## " + Text.markdown(heading(fit, unit)));
		for (Section section : sections(fit)) {
			out.println();
			out.println("**" + Text.markdown(section.title()) + "**");
			out.println();
			out.println(markdownRow(section.header()));
			out.println("|" + " --- |".repeat(section.header().length));
			section.rows().forEach(row -> out.println(markdownRow(row)));
		}
		out.println();
		summary(fit).forEach(line -> out.println("- " + Text.markdown(line)));
	}

	/** Rows the reading left out, with their place, on stderr (the first ones; all are counted in the report). */
	static void skippedRows(FunnelFit fit, PrintWriter err) {
		HistoryCounts counts = fit.counts();
		for (SkippedRow row : counts.skippedRows()) {
			err.println(row + " (row left out)");
		}
		if (counts.skippedRowCount() > counts.skippedRows().size()) {
			err.println("funnel: " + (counts.skippedRowCount() - counts.skippedRows().size()) + " more rows left out.");
		}
	}

	private static String markdownRow(String[] cells) {
		StringBuilder line = new StringBuilder("|");
		for (String cell : cells) {
			line.append(' ').append(Text.markdown(cell)).append(" |");
		}
		return line.toString();
	}

	private static String heading(FunnelFit fit, FunnelWorkspace.Unit unit) {
		return "Fit of " + Table.flat(Stages.label(unit.funnel())) + " (" + unit.funnel().getName() + ", " + unit.path()
				+ ") to " + fit.deals() + " deals (" + fit.openDeals() + " open), history as of " + date(fit.asOf());
	}

	private static List<Section> sections(FunnelFit fit) {
		List<Section> sections = new ArrayList<>();
		sections.add(transitions(fit));
		sections.add(stages(fit));
		sections.add(times(fit));
		return sections;
	}

	private static Section transitions(FunnelFit fit) {
		List<String[]> rows = new ArrayList<>();
		for (TransitionFit t : fit.transitions()) {
			if (!t.declared() && t.count() == 0) {
				continue;
			}
			rows.add(new String[] { label(fit, t.from()), label(fit, t.to()),
					t.declared() ? percent(t.declaredShare()) : "-", percent(t.share()), interval(t.interval()),
					t.count() + " of " + t.exits(), Integer.toString(fit.stage(t.from()).open()), flag(t) });
		}
		return new Section("Transitions (observed share of the deals that left the stage, 95% interval)",
				new String[] { "From", "To", "Declared", "Observed", "Interval", "n", "Open", "Note" }, rows);
	}

	private static String flag(TransitionFit t) {
		if (!t.declared()) {
			return "not declared";
		}
		if (t.declaredOutside()) {
			return t.enoughDeals() ? "declared outside" : "declared outside (few deals)";
		}
		return t.enoughDeals() ? "" : "few deals";
	}

	private static Section stages(FunnelFit fit) {
		List<String[]> rows = new ArrayList<>();
		for (StageFit stage : fit.stages()) {
			String declared = stage.declaredProbability() == null ? "-" : percent(stage.declaredProbability().doubleValue());
			String note = stage.probabilityOutside() ? stage.enoughDeals() ? "declared outside" : "declared outside (few deals)"
					: stage.inFunnel() ? "" : "not in the funnel";
			rows.add(new String[] { label(fit, stage.stage()), stage.outcome().name().toLowerCase(Locale.ROOT),
					Integer.toString(stage.visits()), Integer.toString(stage.exits()), Integer.toString(stage.open()), declared,
					estimate(stage.winProbability(), true), estimate(stage.expectedSteps(), false), note });
		}
		return new Section("Stages (implied win probability from 4,000 seeded posterior draws)",
				new String[] { "Stage", "Kind", "Visits", "Left", "Open", "Declared", "Implied win", "Steps to close", "Note" },
				rows);
	}

	private static Section times(FunnelFit fit) {
		List<String[]> rows = new ArrayList<>();
		for (StageFit stage : fit.stages()) {
			TimeInStage time = stage.time();
			if (time == null || stage.isTerminal()) {
				continue;
			}
			String declared = time.declared() == null ? "-" : days(time.declared().days());
			String note = time.declaredOutside() ? time.enoughDeals() ? "declared outside" : "declared outside (few deals)" : "";
			rows.add(new String[] { label(fit, stage.stage()), Integer.toString(time.visits()), Integer.toString(time.censored()),
					declared, days(time.median().point()), dayInterval(time.median().interval()),
					days(time.restrictedMean()), estimateDays(stage.daysToClose()), note });
		}
		return new Section("Time in stage in days (Kaplan-Meier; open stays censored)", new String[] { "Stage", "Stays",
				"Open", "Declared", "Median", "Interval", "Restricted mean", "Days to close", "Note" }, rows);
	}

	private static List<String> summary(FunnelFit fit) {
		List<String> lines = new ArrayList<>();
		lines.add("Win rate of a deal entering the funnel: " + estimate(fit.winRate(), true) + "; expected days to close "
				+ estimateDays(fit.daysToClose()) + ", to win " + estimateDays(fit.daysToWin()) + ".");
		if (fit.openPipelineRevenue().exists()) {
			Estimate revenue = fit.openPipelineRevenue();
			lines.add("Expected revenue of the open deals: " + Math.round(revenue.point()) + (revenue.interval().exists()
					? " (" + Math.round(revenue.lower()) + "–" + Math.round(revenue.upper()) + ")." : "."));
		}
		lines.addAll(reading(fit.counts()));
		long outside = fit.deviations().stream().filter(d -> d.enoughDeals()).count();
		lines.add("Declared values outside their interval with at least " + fit.options().minDeals() + " deals: " + outside
				+ " (of " + fit.deviations().size() + " outside in all).");
		return lines;
	}

	/** What the reading kept, dropped and flagged, one line each. */
	private static List<String> reading(HistoryCounts counts) {
		List<String> lines = new ArrayList<>();
		lines.add("Read " + counts.rows() + " rows, " + counts.dealsRead() + " deals; kept " + counts.dealsKept()
				+ "; rows left out " + counts.skippedRowCount() + ".");
		lines.add("Dropped: " + list(counts.dropped()) + ".");
		List<String> flags = new ArrayList<>();
		for (Map.Entry<DealFlag, Integer> flag : counts.flagged().entrySet()) {
			flags.add(flag.getValue() + " " + flag.getKey().description());
		}
		lines.add("Flagged: " + (flags.isEmpty() ? "none" : String.join(", ", flags)) + ".");
		lines.add("Stages the funnel does not have (visits): " + list(counts.unknownStages()) + ".");
		return lines;
	}

	private static String list(Map<String, Integer> counts) {
		if (counts.isEmpty()) {
			return "none";
		}
		List<String> parts = new ArrayList<>();
		counts.forEach((what, count) -> parts.add(Table.flat(what) + " " + count));
		return String.join(", ", parts);
	}

	/** A stage in users' words: the funnel stage's label, else the history's name (unknown:<id>). */
	static String label(FunnelFit fit, int stage) {
		return Table.flat(stage < fit.funnel().stageCount() ? fit.funnel().stage(stage).label() : fit.stage(stage).name());
	}

	static String date(long epochMillis) {
		return epochMillis == Long.MIN_VALUE || epochMillis == Long.MAX_VALUE ? "-"
				: Instant.ofEpochMilli(epochMillis).toString();
	}

	private static String percent(double fraction) {
		return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
	}

	private static String interval(Interval interval) {
		return interval.exists() ? percent(interval.lower()) + "–" + percent(interval.upper()) : "-";
	}

	private static String estimate(Estimate estimate, boolean share) {
		if (!estimate.exists()) {
			return "-";
		}
		return share ? percent(estimate.point()) + " (" + interval(estimate.interval()) + ")"
				: Text.number(estimate.point())
						+ (estimate.interval().exists() ? " (" + numberInterval(estimate.interval()) + ")" : "");
	}

	private static String estimateDays(Estimate estimate) {
		return !estimate.exists() ? "-"
				: days(estimate.point()) + (estimate.interval().exists() ? " (" + dayInterval(estimate.interval()) + ")" : "");
	}

	private static String days(double days) {
		return Double.isNaN(days) || Double.isInfinite(days) ? "-" : String.format(Locale.ROOT, "%.1f", days);
	}

	private static String dayInterval(Interval interval) {
		if (Double.isNaN(interval.lower())) {
			return "-";
		}
		return days(interval.lower()) + "–" + (Double.isNaN(interval.upper()) || Double.isInfinite(interval.upper()) ? "open"
				: days(interval.upper()));
	}

	private static String numberInterval(Interval interval) {
		return interval.exists() ? Text.number(interval.lower()) + "–" + Text.number(interval.upper()) : "-";
	}
}

package org.funnel.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.analysis.MarkovAnalyzer;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.CrmOrder;
import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.Observed;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.cli.UsageException;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "analyze", mixinStandardHelpOptions = true,
		description = { "Prints what a funnel implies, as a table: declared and implied win probability, expected flow,",
				"drop-off and expected steps per stage, the flow along each transition, the bottleneck.",
				"With --observed, compares observed stage counts (CSV: stage,count) with the model." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:analysed", "1:errors in the file or in the counts", "2:wrong usage" })
public final class AnalyzeCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "FILE", description = "The .funnel file.")
	String file;

	@Option(names = "--funnel", paramLabel = "NAME", description = "Analyse only this funnel of the file.")
	String funnelName;

	@Option(names = "--entering", paramLabel = "N",
			description = "Volume entering, instead of the declared volumes: split over the entering stages in proportion to their volumes (or all at the first stage).")
	Double entering;

	@Option(names = "--observed", paramLabel = "COUNTS.csv",
			description = "Observed counts per stage (CSV lines 'stage,count'; stage by name or label; a header line is allowed).")
	Path observed;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		if (entering != null && (entering.isNaN() || entering.isInfinite() || entering < 0)) {
			throw new UsageException("--entering must be a number of 0 or more, not " + entering + ".");
		}
		List<SourceFile> files = SourceFile.collect(List.of(file));
		if (files.size() != 1) {
			throw new UsageException("analyze takes one .funnel file, and " + file + " holds " + files.size() + ".");
		}
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.NONE).load(files);
		List<Diagnostic> diagnostics = workspace.validate();
		diagnostics.forEach(d -> err.println(d.toText()));
		if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
			err.println("funnel: not analysing a file with errors.");
			return ExitCodes.PROBLEMS;
		}
		List<FunnelWorkspace.Unit> units = new ArrayList<>(workspace.funnels());
		if (funnelName != null) {
			units.removeIf(u -> !u.funnel().getName().equals(funnelName));
			if (units.isEmpty()) {
				throw new UsageException(file + " has no funnel named " + funnelName + ".");
			}
		}
		if (units.isEmpty()) {
			err.println("funnel: " + file + " has no funnel to analyse (templates are not analysed).");
			return ExitCodes.PROBLEMS;
		}
		if (observed != null && units.size() > 1) {
			throw new UsageException(
					file + " has " + units.size() + " funnels; choose the one the counts belong to with --funnel.");
		}
		boolean first = true;
		for (FunnelWorkspace.Unit unit : units) {
			if (!first) {
				out.println();
			}
			first = false;
			EffectiveFunnel structure = workspace.analyses().structure(unit.funnel());
			FunnelGraph graph = structure.graph();
			String unitText = structure.volumeUnit();
			if (entering != null) {
				graph = withEntering(graph, entering, entryStage(structure));
				unitText = "of " + Text.number(entering) + " entering";
			}
			FunnelAnalysis analysis = entering != null ? MarkovAnalyzer.analyze(graph)
					: workspace.analyses().analysis(unit.funnel());
			print(out, unit, structure, analysis, unitText);
			if (observed != null) {
				Observed.Counts counts = Observed.read(observed, structure.stages());
				if (!counts.problems().isEmpty()) {
					counts.problems().forEach(d -> err.println(d.toText()));
					return ExitCodes.PROBLEMS;
				}
				printObserved(out, Observed.compare(structure.stages(), analysis, counts.counts()));
			}
		}
		out.flush();
		return ExitCodes.OK;
	}

	/**
	 * The same stages and transitions with {@code total} entering, split like the declared volumes; all at the entry
	 * stage when no volume is declared, or every declared one is 0.
	 */
	public static FunnelGraph withEntering(FunnelGraph graph, double total, int entry) {
		double declared = 0;
		for (int i = 0; i < graph.stageCount(); i++) {
			declared += graph.entering(i);
		}
		double[] volumes = new double[graph.stageCount()];
		for (int i = 0; i < volumes.length; i++) {
			volumes[i] = declared > 0 ? total * graph.entering(i) / declared : i == entry ? total : 0;
		}
		return graph.withEntering(volumes);
	}

	/** Where deals enter when no volume says: the first open entry stage, else the first open stage. */
	static int entryStage(EffectiveFunnel structure) {
		for (Stage stage : structure.entries()) {
			if (!Stages.isTerminal(stage)) {
				return structure.indexOf(stage);
			}
		}
		for (Stage stage : structure.stages()) {
			if (!Stages.isTerminal(stage)) {
				return structure.indexOf(stage);
			}
		}
		return 0;
	}

	private static void print(PrintWriter out, FunnelWorkspace.Unit unit, EffectiveFunnel structure, FunnelAnalysis analysis,
			String unitText) {
		List<Stage> stages = structure.stages();
		out.println(Stages.label(unit.funnel()) + " (" + unit.funnel().getName() + ", " + unit.path() + "), volumes "
				+ unitText);
		Table table = new Table("Stage", "Kind", "Declared", "Implied win", "Expected flow", "Drop-off", "Steps to close");
		for (int i : CrmOrder.of(stages)) {
			Stage stage = stages.get(i);
			boolean terminal = Stages.isTerminal(stage);
			var declared = Stages.declaredProbability(stage);
			table.row(Table.flat(Stages.label(stage)) + (i == analysis.bottleneck() ? " (bottleneck)" : ""),
					Stages.outcome(stage).name().toLowerCase(Locale.ROOT),
					declared == null ? "-" : Probabilities.formatExact(declared),
					analysis.isTrapped(i) ? "never closes" : Text.percent(analysis.winProbability(i)),
					Text.number(analysis.expectedFlow(i)), terminal ? "-" : Text.percent(analysis.dropOff(i)),
					terminal ? "-" : Text.number(analysis.expectedSteps(i)));
		}
		table.print(out);
		FunnelGraph graph = analysis.graph();
		if (graph.transitionCount() > 0) {
			out.println();
			Table transitions = new Table("From", "To", "Conversion", "Expected flow");
			for (int t = 0; t < graph.transitionCount(); t++) {
				transitions.row(Table.flat(Stages.label(stages.get(graph.source(t)))),
						Table.flat(Stages.label(stages.get(graph.target(t)))), Text.percent(analysis.conversion(t)),
						Text.number(analysis.transitionFlow(t)));
			}
			transitions.print(out);
		}
		out.println();
		int bottleneck = analysis.bottleneck();
		out.println("Bottleneck: " + (bottleneck < 0 ? "none"
				: Table.flat(Stages.label(stages.get(bottleneck))) + ", loses " + Text.number(analysis.expectedLoss(bottleneck))
						+ " (" + Text.percent(analysis.forwardConversion(bottleneck)) + " move on)"));
		out.println("Entering " + Text.number(analysis.totalEntering()) + ", expected won " + Text.number(analysis.expectedWon())
				+ ", lost " + Text.number(analysis.expectedLost()) + ", dropped off " + Text.number(analysis.expectedDropOff())
				+ "; overall win rate " + Text.percent(analysis.overallWinRate()) + ".");
	}

	private static void printObserved(PrintWriter out, List<Observed.Row> rows) {
		out.println();
		out.println("Observed conversion (count at a stage / count at the previous stage) against the model:");
		Table table = new Table("Stage", "Previous", "Count", "Previous count", "Observed", "Model", "Difference");
		for (Observed.Row row : rows) {
			table.row(Table.flat(row.stage()), Table.flat(row.previous()), row.count() == null ? "-" : Long.toString(row.count()),
					row.previousCount() == null ? "-" : Long.toString(row.previousCount()), Text.percent(row.observed()),
					Text.percent(row.expected()), Double.isNaN(row.difference()) ? "-" : Observed.points(row.difference()));
		}
		table.print(out);
	}
}

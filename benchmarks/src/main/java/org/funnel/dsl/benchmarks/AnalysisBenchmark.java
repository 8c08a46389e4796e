package org.funnel.dsl.benchmarks;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.analysis.MarkovAnalyzer;
import org.funnel.dsl.benchmarks.WorkloadGenerator.Text;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The implied win probabilities (with flows, drop-off and steps: one analysis) of a generated
 * funnel of 5,000 stages with cycles: from its graph, and from the parsed model (building the graph
 * included), as a hover or code lens on a changed file needs them. The setup checks the answer:
 * every declared probability agrees with the implied one within the checks' tolerance, except
 * exactly the stages where the generator put a mismatch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xss4m", "-Xmx2g" })
public class AnalysisBenchmark {

	static final int STAGES = 5000;

	private Funnel funnel;
	private FunnelGraph graph;

	@Setup
	public void setUp() {
		Text text = new WorkloadGenerator(BuildBenchmarks.SEED, BuildBenchmarks.ERROR_RATE).singleFunnel("large.funnel",
				"Large", STAGES);
		funnel = Models.funnel(text.name(), text.content(), "Large");
		graph = EffectiveFunnel.of(funnel).graph();
		FunnelAnalysis analysis = MarkovAnalyzer.analyze(graph);
		long expectedMismatches = text.expected().stream().filter(e -> e.code().equals("implied-probability-mismatch"))
				.count();
		EffectiveFunnel structure = EffectiveFunnel.of(funnel);
		long mismatches = 0;
		for (Stage stage : funnel.getStages()) {
			BigDecimal declared = Probabilities.fraction(stage.getProbability());
			if (declared == null || declared.compareTo(BigDecimal.ONE) > 0 || Stages.isTerminal(stage)) {
				continue;
			}
			double implied = analysis.winProbability(structure.indexOf(stage));
			if (Math.abs(declared.doubleValue() - implied) > 0.05 + 1e-9) {
				mismatches++;
			}
		}
		if (graph.stageCount() < STAGES || mismatches != expectedMismatches) {
			throw new IllegalStateException("wrong analysis: " + mismatches + " stages far from the implied probability, "
					+ expectedMismatches + " expected, " + graph.stageCount() + " stages");
		}
	}

	/** The analysis of the funnel's graph. */
	@Benchmark
	public FunnelAnalysis fromGraph() {
		return MarkovAnalyzer.analyze(graph);
	}

	/** The graph built from the model, then analysed. */
	@Benchmark
	public FunnelAnalysis fromModel() {
		return MarkovAnalyzer.analyze(EffectiveFunnel.of(funnel).graph());
	}
}

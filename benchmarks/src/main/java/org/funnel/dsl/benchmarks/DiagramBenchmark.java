package org.funnel.dsl.benchmarks;

import java.util.concurrent.TimeUnit;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.MarkovAnalyzer;
import org.funnel.dsl.benchmarks.WorkloadGenerator.Text;
import org.funnel.dsl.diagram.DiagramLayout;
import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.diagram.DiagramSvg;
import org.funnel.dsl.diagram.FunnelDiagram;
import org.funnel.dsl.model.EffectiveFunnel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The picture of a generated funnel (cycles, skips, transitions to won and lost from most stages):
 * the diagram model from the analysis, the layout by ELK and the SVG, as an editor's diagram panel
 * or {@code generate --target svg} needs them. The setup checks every stage is drawn.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xss4m", "-Xmx2g" })
public class DiagramBenchmark {

	@Param({ "200", "1000" })
	int stages;

	private EffectiveFunnel structure;
	private FunnelAnalysis analysis;

	@Setup
	public void setUp() {
		Text text = new WorkloadGenerator(BuildBenchmarks.SEED, 0).singleFunnel("diagram.funnel", "Diagram", stages);
		structure = EffectiveFunnel.of(Models.funnel(text.name(), text.content(), "Diagram"));
		analysis = MarkovAnalyzer.analyze(structure.graph());
		String svg = picture();
		int drawn = svg.split("<g class=\"fd-stage ", -1).length - 1;
		if (drawn != structure.stages().size() || drawn < stages) {
			throw new IllegalStateException("wrong picture: " + drawn + " stages drawn of " + structure.stages().size());
		}
	}

	/**
	 * CPU time of the picturing thread per picture, after warm-up, in this JVM: unlike JMH's wall-clock
	 * time it does not grow when other processes share the cores.
	 */
	static List<Double> cpuMillis(int stageCount, int warmUps, int runs) {
		DiagramBenchmark benchmark = new DiagramBenchmark();
		benchmark.stages = stageCount;
		benchmark.setUp();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (int i = 0; i < warmUps; i++) {
			benchmark.picture();
		}
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			long start = threads.getCurrentThreadCpuTime();
			benchmark.picture();
			millis.add((threads.getCurrentThreadCpuTime() - start) / 1e6);
		}
		return millis;
	}

	/** Model, layout and SVG of the funnel. */
	@Benchmark
	public String picture() {
		FunnelDiagram diagram = FunnelDiagram.of(structure, analysis, DiagramOptions.DEFAULT);
		return DiagramSvg.render(DiagramLayout.layout(diagram, () -> false), DiagramOptions.Theme.AUTO);
	}
}

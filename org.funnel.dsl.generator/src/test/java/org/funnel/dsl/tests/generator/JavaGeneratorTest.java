package org.funnel.dsl.tests.generator;

import org.funnel.dsl.testing.JavaCompiler;
import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.Observed;
import org.funnel.dsl.generator.targets.Target;
import org.funnel.dsl.generator.java.JavaAnalysisGenerator;
import org.funnel.dsl.generator.java.sample.SampleFunnel;
import org.funnel.dsl.model.EffectiveFunnel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.funnel.dsl.generator.SourceFile;

/**
 * The generated Java analysis code: compiled with javax.tools (ASCII, no lint warnings, release 17),
 * loaded and run, its numbers checked against the language's analysis for every example and against
 * values worked out by hand for HubSpot's default pipeline.
 */
class JavaGeneratorTest {

	@TempDir
	static Path temp;

	static FunnelWorkspace examples;
	static ClassLoader loader;

	@BeforeAll
	static void compileExamples() {
		examples = Funnels.load("examples");
		GeneratedFiles files = Funnels.generate(examples, Target.java);
		Map<String, String> sources = new TreeMap<>();
		files.files().keySet().forEach(path -> sources.put(path.substring("java/".length()), files.text(path)));
		assertThat(sources).hasSize(examples.funnels().size()).containsKey("DealPipelineFunnel.java");
		loader = JavaCompiler.compile(temp, sources);
	}

	/** Reflective access to one generated class. */
	static final class Generated {
		final Class<?> type;
		final Map<String, Object> stages = new HashMap<>();
		final Class<?> stageType;

		Generated(ClassLoader loader, String className) throws Exception {
			type = loader.loadClass(className);
			stageType = loader.loadClass(className + "$Stage");
			for (Object constant : stageType.getEnumConstants()) {
				stages.put((String) stageType.getField("id").get(constant), constant);
			}
		}

		Object stage(String id) {
			assertThat(stages).containsKey(id);
			return stages.get(id);
		}

		double number(String method, String stage) throws Exception {
			return (double) type.getMethod(method, stageType).invoke(null, stage(stage));
		}

		Object call(String method, Class<?>[] types, Object... args) throws Exception {
			Method m = type.getMethod(method, types);
			return m.invoke(null, args);
		}

		String id(Object stage) throws Exception {
			return stage == null ? null : (String) stageType.getField("id").get(stage);
		}

		List<?> transitions() throws Exception {
			return (List<?>) type.getField("TRANSITIONS").get(null);
		}
	}

	@Test
	void everyExampleAgreesWithTheAnalysis() throws Exception {
		for (FunnelWorkspace.Unit unit : examples.funnels()) {
			Generated generated = new Generated(loader, JavaAnalysisGenerator.className(unit.funnel()));
			EffectiveFunnel structure = examples.analyses().structure(unit.funnel());
			FunnelAnalysis analysis = examples.analyses().analysis(unit.funnel());
			FunnelGraph graph = structure.graph();
			List<Stage> stages = structure.stages();
			assertThat(generated.stages).hasSize(stages.size());
			double[] flow = (double[]) generated.call("expectedFlow", new Class<?>[0]);
			for (int i = 0; i < stages.size(); i++) {
				String id = stages.get(i).getName();
				String where = unit.funnel().getName() + "." + id;
				assertThat(generated.number("winProbability", id)).as(where + " win").isCloseTo(analysis.winProbability(i),
						within(1e-9));
				assertThat(generated.number("lossProbability", id)).as(where + " loss").isCloseTo(analysis.lossProbability(i),
						within(1e-9));
				assertThat(generated.number("dropOff", id)).as(where + " drop-off").isCloseTo(analysis.dropOff(i), within(1e-12));
				assertThat(generated.number("expectedSteps", id)).as(where + " steps").isCloseTo(analysis.expectedSteps(i),
						within(1e-9));
				assertThat(flow[i]).as(where + " flow").isCloseTo(analysis.expectedFlow(i),
						within(1e-9 * Math.max(1, analysis.expectedFlow(i))));
				assertThat((double) generated.call("dropOffProbability", new Class<?>[] { generated.stageType },
						generated.stage(id)))
						.as(where + " drop-off probability").isCloseTo(analysis.dropOffProbability(i), within(1e-9));
			}
			List<?> transitions = generated.transitions();
			assertThat(transitions).hasSize(graph.transitionCount());
			Class<?> transitionType = loader.loadClass(JavaAnalysisGenerator.className(unit.funnel()) + "$Transition");
			for (int t = 0; t < transitions.size(); t++) {
				Object transition = transitions.get(t);
				assertThat(generated.id(transitionType.getMethod("from").invoke(transition)))
						.isEqualTo(graph.name(graph.source(t)));
				assertThat(generated.id(transitionType.getMethod("to").invoke(transition)))
						.isEqualTo(graph.name(graph.target(t)));
				assertThat((double) generated.call("conversion", new Class<?>[] { transitionType }, transition))
						.as(unit.funnel().getName() + " conversion " + t).isCloseTo(analysis.conversion(t), within(1e-12));
				assertThat((double) generated.call("transitionFlow", new Class<?>[] { transitionType, double[].class },
						transition, flow))
						.isCloseTo(analysis.transitionFlow(t), within(1e-9 * Math.max(1, analysis.transitionFlow(t))));
			}
			Object bottleneck = generated.call("bottleneck", new Class<?>[0]);
			assertThat(generated.id(bottleneck)).as(unit.funnel().getName() + " bottleneck")
					.isEqualTo(analysis.bottleneck() < 0 ? null : graph.name(analysis.bottleneck()));
			// The previous stage of the observed comparison is the one the command line uses.
			int[] previous = Observed.previous(analysis);
			for (int i = 0; i < stages.size(); i++) {
				Object p = generated.call("previous", new Class<?>[] { generated.stageType },
						generated.stage(stages.get(i).getName()));
				assertThat(generated.id(p)).as(unit.funnel().getName() + " previous of " + stages.get(i).getName())
						.isEqualTo(previous[i] < 0 ? null : graph.name(previous[i]));
			}
		}
	}

	/** HubSpot's default pipeline, worked out by hand from 20% -> 40% -> 60% -> 80% -> 90% -> 100%. */
	@Test
	void hubspotDefaultByHand() throws Exception {
		Generated g = new Generated(loader, "DealPipelineFunnel");
		// Win probability: the product of the step conversions ahead (0.5 * 0.666667 * 0.75 * 0.888889 * 0.9 = 0.2).
		assertThat(g.number("winProbability", "AppointmentScheduled")).isCloseTo(0.2, within(1e-6));
		assertThat(g.number("winProbability", "QualifiedToBuy")).isCloseTo(0.4, within(1e-6));
		assertThat(g.number("winProbability", "PresentationScheduled")).isCloseTo(0.6, within(1e-6));
		assertThat(g.number("winProbability", "DecisionMakerBoughtIn")).isCloseTo(0.8, within(1e-6));
		assertThat(g.number("winProbability", "ContractSent")).isCloseTo(0.9, within(1e-12));
		assertThat(g.number("winProbability", "ClosedWon")).isEqualTo(1.0);
		assertThat(g.number("winProbability", "ClosedLost")).isEqualTo(0.0);
		// Steps to close: 1 from Contract sent, 1 + 0.888889 from Decision maker bought-in.
		assertThat(g.number("expectedSteps", "ContractSent")).isCloseTo(1.0, within(1e-12));
		assertThat(g.number("expectedSteps", "DecisionMakerBoughtIn")).isCloseTo(1.888889, within(1e-9));
		// 400 a month enter: 200 qualify, 133.33 get a presentation, 100 buy in, 88.89 get a contract, 80 win.
		double[] flow = (double[]) g.call("expectedFlow", new Class<?>[0]);
		Map<String, Double> byId = new HashMap<>();
		for (Object stage : g.stageType.getEnumConstants()) {
			byId.put(g.id(stage), flow[((Enum<?>) stage).ordinal()]);
		}
		assertThat(byId.get("QualifiedToBuy")).isCloseTo(200, within(1e-9));
		assertThat(byId.get("PresentationScheduled")).isCloseTo(133.3334, within(1e-9));
		assertThat(byId.get("ContractSent")).isCloseTo(400 * 0.5 * 0.666667 * 0.75 * 0.888889, within(1e-9));
		assertThat(byId.get("ClosedWon")).isCloseTo(80, within(1e-3));
		assertThat(byId.get("ClosedLost")).isCloseTo(320, within(1e-3));
		// Another entering volume: 1000 at the first stage.
		double[] thousand = (double[]) g.call("expectedFlow", new Class<?>[] { g.stageType, double.class },
				g.stage("AppointmentScheduled"), 1000.0);
		assertThat(thousand[((Enum<?>) g.stage("QualifiedToBuy")).ordinal()]).isCloseTo(500, within(1e-9));
		// The first stage loses the most: 200 of 400.
		assertThat(g.id(g.call("bottleneck", new Class<?>[0]))).isEqualTo("AppointmentScheduled");
		assertThat((double) g.call("expectedLoss", new Class<?>[] { g.stageType, double[].class },
				g.stage("AppointmentScheduled"), flow))
				.isCloseTo(200, within(1e-9));
		weightedPipelineAndObserved(g);
		String report = (String) g.call("report", new Class<?>[0]);
		assertThat(report).contains("Appointment scheduled", "bottleneck: Appointment scheduled (loses 200.00)");
	}

	/** HubSpot's default pipeline: the weighted pipeline of open amounts, and observed counts against the model. */
	private static void weightedPipelineAndObserved(Generated g) throws Exception {
		// Weighted pipeline: 1000 open in Appointment scheduled (20%) and 500 in Contract sent (90%).
		double[] amounts = new double[7];
		amounts[((Enum<?>) g.stage("AppointmentScheduled")).ordinal()] = 1000;
		amounts[((Enum<?>) g.stage("ContractSent")).ordinal()] = 500;
		assertThat((double) g.call("weightedPipeline", new Class<?>[] { double[].class }, (Object) amounts)).isCloseTo(650,
				within(1e-9));
		assertThat((double) g.call("weightedPipelineImplied", new Class<?>[] { double[].class }, (Object) amounts)).isCloseTo(650,
				within(1e-3));
		// Observed: 400 appointments, 180 qualified (45% against the model's 50%), 120 presentations (66.7% as modelled).
		long[] counts = new long[7];
		counts[((Enum<?>) g.stage("AppointmentScheduled")).ordinal()] = 400;
		counts[((Enum<?>) g.stage("QualifiedToBuy")).ordinal()] = 180;
		counts[((Enum<?>) g.stage("PresentationScheduled")).ordinal()] = 120;
		List<?> rows = (List<?>) g.call("compareObserved", new Class<?>[] { long[].class }, (Object) counts);
		Object qualified = rows.stream().filter(r -> {
			try {
				return g.id(r.getClass().getMethod("stage").invoke(r)).equals("QualifiedToBuy");
			} catch (Exception e) {
				throw new AssertionError(e);
			}
		}).findFirst().orElseThrow();
		Class<?> row = qualified.getClass();
		assertThat(g.id(row.getMethod("previous").invoke(qualified))).isEqualTo("AppointmentScheduled");
		assertThat((double) row.getMethod("observed").invoke(qualified)).isCloseTo(0.45, within(1e-12));
		assertThat((double) row.getMethod("expected").invoke(qualified)).isCloseTo(0.5, within(1e-12));
		assertThat((double) row.getMethod("difference").invoke(qualified)).isCloseTo(-0.05, within(1e-12));
	}

	@Test
	void simulationIsSeededAndAgreesWithTheModel() throws Exception {
		Generated g = new Generated(loader, "WinBackFunnel");
		Class<?> simulation = loader.loadClass("WinBackFunnel$Simulation");
		Class<?>[] types = { long.class, long.class };
		Object first = g.call("simulate", types, 200_000L, 7L);
		Object second = g.call("simulate", types, 200_000L, 7L);
		Object other = g.call("simulate", types, 200_000L, 8L);
		assertThat((long[]) simulation.getMethod("visits").invoke(first))
				.isEqualTo((long[]) simulation.getMethod("visits").invoke(second));
		assertThat((long[]) simulation.getMethod("visits").invoke(first))
				.isNotEqualTo((long[]) simulation.getMethod("visits").invoke(other));
		// The win rate of a million simulated deals lies within 5 standard errors of the model's.
		Object big = g.call("simulate", types, 1_000_000L, 42L);
		double model = g.number("winProbability", "Cancelled");
		double rate = (double) simulation.getMethod("winRate").invoke(big);
		double error = Math.sqrt(model * (1 - model) / 1_000_000);
		assertThat(rate).isCloseTo(model, within(5 * error));
		long won = (long) simulation.getMethod("won").invoke(big);
		long lost = (long) simulation.getMethod("lost").invoke(big);
		long dropped = (long) simulation.getMethod("droppedOff").invoke(big);
		assertThat(won + lost + dropped + (long) simulation.getMethod("unfinished").invoke(big)).isEqualTo(1_000_000L);
		// Visits per entering deal approximate the expected flow per entering deal.
		double[] flow = (double[]) g.call("expectedFlow", new Class<?>[0]);
		long[] visits = (long[]) simulation.getMethod("visits").invoke(big);
		int offer = ((Enum<?>) g.stage("Offer")).ordinal();
		assertThat(visits[offer] / 1e6).isCloseTo(flow[offer] / 400, within(0.01));
	}

	@Test
	void closedCycleIsTrappedNotAHang(@TempDir Path dir) throws Exception {
		// A warning, not an error: the stages Loop and Spin pass deals back and forth for ever.
		List<String> paths = FileTrees.write(dir, Map.of("loop.funnel", """
				funnel Looping "Looping" {
				    crm salesforce
				    stage Start "Start" {
				        probability 50%
				        entering 10 per month
				        moves to Won 50%
				        moves to Loop 50%
				    }
				    stage Loop "Loop" {
				        probability 10%
				        moves to Spin 100%
				    }
				    stage Spin "Spin" {
				        probability 10%
				        moves to Loop 100%
				    }
				    won stage Won "Won"
				}
				"""));
		FunnelWorkspace workspace = Funnels.load(paths.get(0));
		GeneratedFiles files = Funnels.generate(workspace, Target.java);
		ClassLoader classes = JavaCompiler.compile(dir.resolve("build"),
				Map.of("LoopingFunnel.java", files.text("java/LoopingFunnel.java")));
		Generated g = new Generated(classes, "LoopingFunnel");
		assertThat((boolean) g.call("isTrapped", new Class<?>[] { g.stageType }, g.stage("Loop"))).isTrue();
		assertThat((boolean) g.call("isTrapped", new Class<?>[] { g.stageType }, g.stage("Start"))).isFalse();
		assertThat(g.number("winProbability", "Start")).isCloseTo(0.5, within(1e-12));
		assertThat(g.number("expectedSteps", "Start")).isInfinite();
		assertThat(g.number("expectedSteps", "Loop")).isInfinite();
		double[] flow = (double[]) g.call("expectedFlow", new Class<?>[0]);
		assertThat(flow[((Enum<?>) g.stage("Loop")).ordinal()]).isInfinite();
		assertThat(flow[((Enum<?>) g.stage("Won")).ordinal()]).isCloseTo(5, within(1e-12));
		Object simulation = g.call("simulate", new Class<?>[] { long.class, long.class }, 100L, 1L);
		assertThat((long) simulation.getClass().getMethod("unfinished").invoke(simulation)).isGreaterThan(20L);
		FunnelAnalysis analysis = workspace.analyses().analysis(Funnels.unit(workspace, "Looping").funnel());
		assertThat(analysis.isTrapped(1)).isTrue();
	}

	@Test
	void namesAndLabelsThatAreHardForJava(@TempDir Path dir) throws Exception {
		String label = "Quote \"best & final\" */ \\u0041 <b>é</b> 😀\nsecond line";
		List<String> paths = FileTrees.write(dir, Map.of("odd.funnel", """
				funnel ^template "Odd \\\\ funnel" {
				    crm hubspot
				    stage ^stage "%s" {
				        probability 40%%
				        moves to Stage 50%%
				        moves to _ 50%%
				    }
				    stage Stage "Plain" {
				        probability 90%%
				        moves to Done 90%%
				    }
				    won stage _ "Underscore"
				    won stage Done "Done"
				}
				""".formatted(label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))));
		FunnelWorkspace workspace = new FunnelWorkspace(null).load(SourceFile.collect(paths));
		assertThat(workspace.validate().stream().filter(d -> d.isError()).toList()).isEmpty();
		GeneratedFiles files = Funnels.generate(workspace, Target.java);
		String source = files.text("java/TemplateFunnel.java");
		assertThat(source).isNotNull();
		assertThat(source.chars().allMatch(c -> c < 128)).as("pure ASCII").isTrue();
		ClassLoader classes = JavaCompiler.compile(dir.resolve("build"), Map.of("TemplateFunnel.java", source));
		Generated g = new Generated(classes, "TemplateFunnel");
		assertThat(g.stages).containsOnlyKeys("stage", "Stage", "_", "Done");
		assertThat(g.stageType.getField("label").get(g.stage("stage"))).isEqualTo(label);
		assertThat(g.type.getField("LABEL").get(null)).isEqualTo("Odd \\ funnel");
		assertThat(g.type.getField("NAME").get(null)).isEqualTo("template");
		// Two stage names that map to the same constant get different constants.
		assertThat(((Enum<?>) g.stage("stage")).name()).isNotEqualTo(((Enum<?>) g.stage("Stage")).name());
	}

	/**
	 * The generated class's shared text is a real class of the generator, compiled with it: for HubSpot's
	 * default pipeline (the sample's own funnel) the generator writes exactly that source, its regions
	 * filled, so the sample can neither drift from what is generated nor fail to compile.
	 */
	@Test
	void theSampleClassIsWhatTheGeneratorWritesForItsFunnel() throws Exception {
		String sample;
		try (var in = SampleFunnel.class.getResourceAsStream("SampleFunnel.java")) {
			sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		String expected = sample.substring(sample.indexOf("// @funnel header\n")).lines()
				.filter(line -> !line.strip().startsWith("// @funnel ") && !line.strip().equals("// @end"))
				.map(line -> line + "\n").collect(Collectors.joining())
				.replace("SampleFunnel", "DealPipelineFunnel");
		GeneratedFiles files = Funnels.generate(Funnels.load("examples/hubspot-default.funnel"), Target.java);
		assertThat(files.text("java/DealPipelineFunnel.java")).isEqualTo(expected);
		// And the compiled sample computes what the language's analysis does.
		FunnelAnalysis analysis = examples.analyses().analysis(Funnels.unit(examples, "DealPipeline").funnel());
		for (SampleFunnel.Stage stage : SampleFunnel.Stage.values()) {
			assertThat(SampleFunnel.winProbability(stage)).as(stage.id).isCloseTo(analysis.winProbability(stage.ordinal()),
					within(1e-12));
		}
	}
}

package org.funnel.dsl.tests.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.targets.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Funnels far larger and more tangled than any real one: thousands of stages in a chain, a cycle of
 * thousands of stages, a cycle nobody leaves. Each gives the exact numbers the Markov chain implies,
 * generates every target, and stays within generous bounds of time and heap (ten times what was
 * seen; speed itself is for the benchmarks).
 */
class HugeFunnelsTest {

	/** Generous: about 10 times the 2 to 9 s seen here, from parsing to the last generated file. */
	static final long SECONDS = 90;

	/** Heap in use after a collection at the end: under 100 MB was seen. */
	static final long HEAP_MB = 1000;

	private static String chain(int n) {
		StringBuilder text = new StringBuilder("funnel Chain \"Chain\" {\n    crm salesforce\n\n");
		for (int i = 0; i < n - 1; i++) {
			text.append("    stage S").append(i).append(" {\n");
			if (i == 0) {
				text.append("        entering 1000 per month\n");
			}
			text.append("        moves to S").append(i + 1).append(" 90%\n        moves to Lost 5%\n    }\n\n");
		}
		text.append("    stage S").append(n - 1).append(" {\n        moves to Won 50%\n        moves to Lost 50%\n    }\n\n");
		text.append("    won stage Won\n    lost stage Lost\n}\n");
		return text.toString();
	}

	@Test
	void aChainOfThousandsOfStages(@TempDir Path dir) {
		int n = 3000;
		long start = System.nanoTime();
		Files2.Loaded loaded = Files2.load(Files2.write(dir.resolve("chain.funnel"), chain(n)));
		assertThat(loaded.errors()).isEmpty();
		Funnel funnel = loaded.workspace().funnels().get(0).funnel();
		FunnelAnalysis analysis = loaded.workspace().analyses().analysis(funnel);
		FunnelGraph graph = analysis.graph();
		assertThat(graph.stageCount()).isEqualTo(n + 2);
		for (int i : new int[] { 0, 1, n / 2, n - 10, n - 1 }) {
			double expected = 0.5 * Math.pow(0.9, n - 1 - i);
			assertThat(analysis.winProbability(i)).as("win probability of S" + i).isCloseTo(expected, within(expected * 1e-9));
			double flow = 1000 * Math.pow(0.9, i);
			assertThat(analysis.expectedFlow(i)).as("flow through S" + i).isCloseTo(flow, within(flow * 1e-9));
		}
		assertThat(analysis.bottleneck()).isEqualTo(0); // loses 5% + 5% drop-off of the most deals
		// Every target but java, which cannot hold that many constants and says so.
		GeneratedFiles files = Target.generate(loaded.workspace().funnels(),
				EnumSet.of(Target.hubspot, Target.salesforce, Target.mermaid, Target.report), loaded.workspace().analyses());
		readBack(files);
		assertThat(files.files().keySet()).contains("mermaid/Chain.mmd", "report/Chain.md", "salesforce/package.xml");
		assertThatThrownBy(() -> Target.generate(loaded.workspace().funnels(), EnumSet.of(Target.java),
				loaded.workspace().analyses())).isInstanceOf(GenerationException.class)
				.hasMessage("The java target holds funnels of up to 1000 stages and 2000 transitions (a Java class "
						+ "initializes its constants in one method of at most 64 KB); funnel Chain ("
						+ dir.resolve("chain.funnel")
						+ ") has 3002 stages and 6000 transitions. Generate the other targets, or split the funnel.");
		long seconds = (System.nanoTime() - start) / 1_000_000_000;
		System.out.println("3000-stage chain: " + seconds + " s, heap " + heapMb() + " MB");
		assertThat(seconds).isLessThan(SECONDS);
		assertThat(heapMb()).isLessThan(HEAP_MB);
	}

	@Test
	void theLargestFunnelTheJavaTargetHoldsCompiles(@TempDir Path dir) {
		// 998 + Won + Lost = 1000 stages, 1995 transitions: the generated class compiles.
		Files2.Loaded loaded = Files2.load(Files2.write(dir.resolve("chain.funnel"), chain(998)));
		assertThat(loaded.errors()).isEmpty();
		GeneratedFiles files = Target.generate(loaded.workspace().funnels(), EnumSet.of(Target.java),
				loaded.workspace().analyses());
		assertThat(files.files().keySet()).containsExactly("java/ChainFunnel.java");
		readBack(files);
	}

	@Test
	void aCycleOfThousandsOfStages(@TempDir Path dir) {
		// Every stage: 1% won, 98% on to the next (the last to the first), 1% drop off. So from every
		// stage half the deals are won (0.01 / (1 - 0.98)) and a deal takes 1 / 0.02 = 50 steps.
		int n = 2000;
		StringBuilder text = new StringBuilder("funnel Ring \"Ring\" {\n    crm salesforce\n\n");
		for (int i = 0; i < n; i++) {
			text.append("    stage R").append(i).append(" {\n");
			if (i == 0) {
				text.append("        entering 100 per month\n");
			}
			text.append("        moves to R").append((i + 1) % n).append(" 98%\n        moves to Won 1%\n    }\n\n");
		}
		text.append("    won stage Won\n    lost stage Lost\n}\n");
		long start = System.nanoTime();
		Files2.Loaded loaded = Files2.load(Files2.write(dir.resolve("ring.funnel"), text.toString()));
		assertThat(loaded.errors()).isEmpty();
		FunnelAnalysis analysis = loaded.workspace().analyses().analysis(loaded.workspace().funnels().get(0).funnel());
		for (int i : new int[] { 0, 1, n / 2, n - 1 }) {
			assertThat(analysis.winProbability(i)).as("win probability of R" + i).isCloseTo(0.5, within(1e-9));
			assertThat(analysis.expectedSteps(i)).as("steps from R" + i).isCloseTo(50, within(1e-6));
			assertThat(analysis.isTrapped(i)).isFalse();
		}
		// Around the ring once more with probability 0.98^2000 (about 3e-18): the flows are those of one pass.
		assertThat(analysis.expectedFlow(0)).isCloseTo(100, within(1e-9));
		assertThat(analysis.expectedFlow(n - 1)).isCloseTo(100 * Math.pow(0.98, n - 1), within(1e-12));
		assertThat(analysis.expectedWon()).isCloseTo(50, within(1e-9));
		readBack(Target.generate(loaded.workspace().funnels(),
				EnumSet.of(Target.hubspot, Target.salesforce, Target.mermaid, Target.report), loaded.workspace().analyses()));
		long seconds = (System.nanoTime() - start) / 1_000_000_000;
		System.out.println("2000-stage ring: " + seconds + " s, heap " + heapMb() + " MB");
		assertThat(seconds).isLessThan(SECONDS);
		assertThat(heapMb()).isLessThan(HEAP_MB);
	}

	@Test
	void aCycleNobodyLeaves(@TempDir Path dir) {
		// Half of the entering deals go round T0 -> T1 -> ... -> T499 -> T0 for ever.
		int n = 500;
		StringBuilder text = new StringBuilder("funnel Trap \"Trap\" {\n    crm salesforce\n\n");
		text.append(
				"    stage Entry {\n        entering 10 per month\n        moves to T0 50%\n        moves to Won 50%\n    }\n\n");
		for (int i = 0; i < n; i++) {
			text.append("    stage T").append(i).append(" {\n        moves to T").append((i + 1) % n).append(" 100%\n    }\n\n");
		}
		text.append("    won stage Won\n    lost stage Lost\n}\n");
		Files2.Loaded loaded = Files2.load(Files2.write(dir.resolve("trap.funnel"), text.toString()));
		FunnelAnalysis analysis = loaded.workspace().analyses().analysis(loaded.workspace().funnels().get(0).funnel());
		assertThat(analysis.winProbability(0)).isCloseTo(0.5, within(1e-12));
		assertThat(analysis.isTrapped(0)).isFalse();
		for (int i : new int[] { 1, 2, n }) {
			assertThat(analysis.isTrapped(i)).as("T" + (i - 1) + " is trapped").isTrue();
			assertThat(analysis.winProbability(i)).isZero();
			assertThat(analysis.expectedSteps(i)).isInfinite();
		}
		assertThat(analysis.expectedWon()).isCloseTo(5, within(1e-12));
		// The checks say where: every trapped stage is reported, as an error or a warning with a code.
		assertThat(loaded.diagnostics()).isNotEmpty();
		assertThat(loaded.diagnostics()).allSatisfy(d -> assertThat(d.code()).isNotBlank());
		assertThat(loaded.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("T0"));
		if (loaded.errors().isEmpty()) {
			readBack(loaded.generate());
		}
	}

	/** Every generated file reads back (JSON, XML, Mermaid, Markdown); the Java is compiled. */
	static void readBack(GeneratedFiles files) {
		try {
			Outputs.readBack(files, Files.createTempDirectory("funnel-javac-"));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static long heapMb() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
	}
}

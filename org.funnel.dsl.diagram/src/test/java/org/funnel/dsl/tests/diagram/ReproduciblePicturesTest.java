package org.funnel.dsl.tests.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.diagram.FunnelDiagrams;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.tests.Workspace;
import org.junit.jupiter.api.Test;

/**
 * The pictures of the examples are the same bytes in every run of the JVM: the layout's hash orders change from one
 * process to the next (identity hash codes), so the pictures are drawn in 20 fresh JVMs and compared.
 */
class ReproduciblePicturesTest {

	private static final int RUNS = 20;

	@Test
	void theExamplesArePaintedTheSameInTwentyRuns() throws Exception {
		List<String> outputs = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<String>> runs = new ArrayList<>();
			for (int run = 0; run < RUNS; run++) {
				runs.add(pool.submit(ReproduciblePicturesTest::paintInAFreshJvm));
			}
			for (Future<String> run : runs) {
				outputs.add(run.get());
			}
		} finally {
			pool.shutdownNow();
		}
		assertThat(outputs.get(0)).contains("Revenue ");
		assertThat(outputs).as("SHA-256 of each example's SVG, per run").containsOnly(outputs.get(0));
	}

	private static String paintInAFreshJvm() throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				ReproduciblePicturesTest.class.getName()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return output;
	}

	/** One run: each example funnel's name and the SHA-256 of its SVG. */
	public static void main(String[] args) throws NoSuchAlgorithmException {
		Workspace examples = Workspace.load("examples");
		StringBuilder out = new StringBuilder();
		for (Funnel funnel : examples.funnels()) {
			String svg = FunnelDiagrams.svg(examples.analyses(), funnel, DiagramOptions.DEFAULT);
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(svg.getBytes(StandardCharsets.UTF_8));
			out.append(funnel.getName()).append(' ').append(HexFormat.of().formatHex(hash)).append('\n');
		}
		System.out.print(out);
	}
}

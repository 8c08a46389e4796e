package org.funnel.dsl.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand files: validate and generate everything within the 15 seconds the command line is
 * designed for (nothing in the pipeline is quadratic in the number of files or stages). Measured as
 * the CPU time of the thread running the command, so that other processes on a busy build machine
 * do not decide the outcome; the wall time is printed.
 */
class LargeInputTest {

	@Test
	void thousandFiles(@TempDir Path dir) throws Exception {
		Path shared = Files.createDirectories(dir.resolve("shared"));
		Files.copy(Path.of("examples/shared/channels.funnel"), shared.resolve("channels.funnel"));
		Files.copy(Path.of("examples/shared/outcomes.funnel"), shared.resolve("outcomes.funnel"));
		String[] templates = { "b2b", "online-shop", "tripwire", "win-back", "revenue", "hubspot-default", "aida" };
		for (int i = 0; i < 1000; i++) {
			String template = templates[i % templates.length];
			String text = Files.readString(Path.of("examples/" + template + ".funnel"));
			// Unique funnel names, labels and HubSpot stage ids, so that the generated files and stages do not collide.
			text = text.replaceFirst("funnel (\\w+) \"([^\"]*)\"", "funnel $1N" + i + " \"$2 " + i + "\"")
					.replaceAll("hubspot id \"([^\"]*)\"", "hubspot id \"$1-" + i + "\"")
					.replace("salesforce process \"B2B New Business\"", "salesforce process \"B2B New Business " + i + "\"")
					.replace("\"Win-back\"", "\"Win-back " + i + "\"");
			Files.writeString(dir.resolve("funnel-" + i + ".funnel"), text);
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long wall = System.nanoTime();
		long cpu = threads.getCurrentThreadCpuTime();
		Cli.Result validate = Cli.run("validate", dir.toString());
		double validateCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
		double validateWall = (System.nanoTime() - wall) / 1e9;
		assertThat(validate.code()).as(validate.toString()).isZero();
		wall = System.nanoTime();
		cpu = threads.getCurrentThreadCpuTime();
		Cli.Result generate = Cli.run("generate", "-t", "all", "-o", dir.resolve("out").toString(), dir.toString());
		double generateCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
		double generateWall = (System.nanoTime() - wall) / 1e9;
		assertThat(generate.code()).as(generate.toString()).isZero();
		assertThat(generate.out()).contains("from 1000 funnels");
		System.out.printf("1000 files: validate %.1f s CPU (%.1f s wall), generate all targets %.1f s CPU (%.1f s wall)%n",
				validateCpu, validateWall, generateCpu, generateWall);
		assertThat(validateCpu).isLessThan(15);
		assertThat(generateCpu).isLessThan(15);
	}
}

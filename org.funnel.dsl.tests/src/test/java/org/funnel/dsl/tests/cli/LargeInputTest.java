package org.funnel.dsl.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand files: validate and generate everything well within the 15 seconds the command line is
 * designed for (nothing in the pipeline is quadratic in the number of files or stages).
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
			// Unique funnel names and labels, so that the generated files do not collide.
			text = text.replaceFirst("funnel (\\w+) \"([^\"]*)\"", "funnel $1N" + i + " \"$2 " + i + "\"")
					.replace("salesforce process \"B2B New Business\"", "salesforce process \"B2B New Business " + i + "\"")
					.replace("\"Win-back\"", "\"Win-back " + i + "\"");
			Files.writeString(dir.resolve("funnel-" + i + ".funnel"), text);
		}
		long start = System.nanoTime();
		Cli.Result validate = Cli.run("validate", dir.toString());
		double validateSeconds = (System.nanoTime() - start) / 1e9;
		assertThat(validate.code()).as(validate.toString()).isZero();
		start = System.nanoTime();
		Cli.Result generate = Cli.run("generate", "-t", "all", "-o", dir.resolve("out").toString(), dir.toString());
		double generateSeconds = (System.nanoTime() - start) / 1e9;
		assertThat(generate.code()).as(generate.toString()).isZero();
		assertThat(generate.out()).contains("from 1000 funnels");
		System.out.printf("1000 files: validate %.1f s, generate %.1f s%n", validateSeconds, generateSeconds);
		assertThat(validateSeconds).isLessThan(15);
		assertThat(generateSeconds).isLessThan(15);
	}
}

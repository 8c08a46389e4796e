package org.funnel.dsl.tests.cli;

import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./funnel} script in a separate process, as the README and CI use it (the script
 * builds the jar first if it is missing or older than the sources).
 */
class LauncherScriptTest {

	record Run(int code, String out, String err) {
	}

	static Run funnel(Path workingDirectory, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of("funnel").toAbsolutePath().toString());
		command.addAll(List.of(args));
		Path out = Files.createTempFile("funnel-out", ".txt");
		Path err = Files.createTempFile("funnel-err", ".txt");
		try {
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
					.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
			assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
			return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		} finally {
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}

	@Test
	void readmeCommands(@TempDir Path dir) throws Exception {
		Path root = Path.of("").toAbsolutePath();
		Run validate = funnel(root, "validate", "examples/");
		assertThat(validate.code()).as(validate.err()).isZero();
		assertThat(validate.err()).contains("0 errors");
		Path out = dir.resolve("out");
		Run generate = funnel(root, "generate", "--target", "all", "--out", out.toString(), "examples/hubspot-default.funnel");
		assertThat(generate.code()).as(generate.err()).isZero();
		assertThat(FileTrees.tree(out)).containsKeys("hubspot/DealPipeline.json", "java/DealPipelineFunnel.java",
				"mermaid/DealPipeline.mmd", "report/DealPipeline.md");
		// Nothing on stderr in a successful run: no JVM or library warnings.
		assertThat(generate.err()).isEmpty();
		Run broken = funnel(dir, "validate", "no-such.funnel");
		assertThat(broken.code()).isEqualTo(2);
		assertThat(broken.err()).isEqualTo("funnel: No such file or directory: no-such.funnel\n");
		Files.writeString(dir.resolve("bad.funnel"), "funnel X {");
		Run syntax = funnel(dir, "validate", "bad.funnel");
		assertThat(syntax.code()).isEqualTo(1);
		assertThat(syntax.out()).startsWith("bad.funnel:1:").contains("[syntax-error]");
	}
}

package org.funnel.dsl.tests.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.funnel.dsl.testing.crm.HubSpotTestServer;
import org.junit.jupiter.api.Test;

/** The real {@code ./funnel} script, as CI runs it: the token comes from the process environment, and stays out of the output. */
class HubSpotLauncherTest extends HubSpotAccountTest {

	@Test
	void theTokenComesFromTheEnvironmentVariable() throws Exception {
		Path out = dir.resolve("out.txt");
		Path err = dir.resolve("err.txt");
		ProcessBuilder builder = new ProcessBuilder(List.of(Path.of("funnel").toAbsolutePath().toString(), "apply", "hubspot",
				"--api-base", server.apiBase(), "examples/hubspot-default.funnel")).redirectOutput(out.toFile())
				.redirectError(err.toFile());
		builder.environment().put("HUBSPOT_TOKEN", HubSpotTestServer.TOKEN);
		Process process = builder.start();
		assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
		String output = Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("funnel: applied 7 calls").doesNotContain(HubSpotTestServer.TOKEN);
		assertThat(server.writes()).hasSize(7);

		builder.environment().remove("HUBSPOT_TOKEN");
		Process without = builder.start();
		assertThat(without.waitFor(10, TimeUnit.MINUTES)).isTrue();
		assertThat(without.exitValue()).isEqualTo(2);
		assertThat(Files.readString(err, StandardCharsets.UTF_8)).contains("funnel: HUBSPOT_TOKEN is not set");
	}
}

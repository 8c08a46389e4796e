package org.funnel.dsl.history.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The example histories of examples/history are what the vendors' contracts accept. */
class ExampleHistoriesTest {

	@Test
	void theHubSpotExampleAnswersMatchTheDealsApiSpec() throws IOException {
		List<Path> answers;
		try (Stream<Path> files = Files.list(Path.of("examples/history/hubspot"))) {
			answers = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
		}
		assertThat(answers).hasSize(12);
		for (Path file : answers) {
			assertThat(HubSpotContract.problems(new ObjectMapper().readTree(file.toFile()), "BatchResponseSimplePublicObject"))
					.as(file.toString()).isEmpty();
			// A batch read with property history takes at most 50 inputs.
			assertThat(new ObjectMapper().readTree(file.toFile()).get("results").size()).isBetween(1, 50);
		}
	}
}

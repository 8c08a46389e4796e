package org.funnel.dsl.testing.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Deals with their stage history for the test server: the project's example of saved HubSpot batch read answers
 * ({@code examples/history/hubspot}, 600 deals of the default and a second pipeline), and as many copies of them as a
 * test needs, under new ids.
 */
public final class ExampleDeals {

	/** The saved answers of the example. */
	public static final Path ANSWERS = Path.of("examples/history/hubspot");

	private ExampleDeals() {
	}

	/** The example's deals, in file and answer order. */
	public static ArrayNode all() {
		ArrayNode deals = TestAccount.JSON.createArrayNode();
		try (Stream<Path> files = Files.list(ANSWERS)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
				deals.addAll((ArrayNode) TestAccount.JSON.readTree(file.toFile()).get("results"));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return deals;
	}

	/** {@code count} deals: the example's in turn, each copy with the next id from {@code firstId}. */
	public static ArrayNode copies(int count, long firstId) {
		ArrayNode examples = all();
		ArrayNode deals = TestAccount.JSON.createArrayNode();
		for (int i = 0; i < count; i++) {
			ObjectNode copy = examples.get(i % examples.size()).deepCopy();
			String id = String.valueOf(firstId + i);
			copy.put("id", id);
			((ObjectNode) copy.get("properties")).put("hs_object_id", id);
			deals.add(copy);
		}
		return deals;
	}
}

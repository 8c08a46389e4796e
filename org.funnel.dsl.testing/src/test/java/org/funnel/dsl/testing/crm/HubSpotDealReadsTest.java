package org.funnel.dsl.testing.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The test server's CRM search and batch read of deals with history keep HubSpot's published rules, whatever a client
 * sends: at most 200 results a page, at most 10,000 per query, at most 50 inputs with history, the search's own rate
 * limit (429 with Retry-After), sorts as HubSpot's guide writes them; the answers fit the spec's schemas.
 */
class HubSpotDealReadsTest {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String DEALS = "/crm/objects/2026-09/0-3";
	private final HttpClient http = HttpClient.newHttpClient();
	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
	private HubSpotTestServer server;

	@BeforeEach
	void start() throws Exception {
		server = HubSpotTestServer.start();
		server.putDeals(JSON.readTree(Path.of("examples/history/hubspot/batch-read-001.json").toFile()));
		ArrayNode many = JSON.createArrayNode();
		for (int i = 0; i < 10_050; i++) {
			ObjectNode deal = many.addObject();
			deal.put("id", String.valueOf(20_000_000 + i));
			deal.putObject("properties").put("pipeline", "bulk").put("createdate", "2025-06-01T00:00:00Z");
			deal.put("createdAt", "2025-06-01T00:00:00Z").put("updatedAt", "2025-06-01T00:00:00Z").put("archived", false);
		}
		server.putDeals(many);
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(server.apiBase() + DEALS + path))
				.header("Authorization", "Bearer " + HubSpotTestServer.TOKEN).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String search(String pipeline, int limit, String after) {
		return "{\"filterGroups\": [{\"filters\": [{\"propertyName\": \"pipeline\", \"operator\": \"EQ\", \"value\": \""
				+ pipeline + "\"}]}], \"sorts\": [{\"propertyName\": \"hs_object_id\", \"direction\": \"ASCENDING\"}],"
				+ " \"properties\": [\"hs_object_id\"], \"limit\": " + limit + ", \"after\": \"" + after + "\"}";
	}

	@Test
	void searchPagesStopAtTenThousandResultsPerQuery() throws Exception {
		HttpResponse<String> last = post("/search", search("bulk", 200, "9800"));
		assertThat(last.statusCode()).isEqualTo(200);
		JsonNode page = JSON.readTree(last.body());
		assertThat(page.get("total").asInt()).isEqualTo(10_050);
		assertThat(page.get("results")).hasSize(200);
		assertThat(page.get("results").get(0).get("id").asText()).isEqualTo("20009800");
		HttpResponse<String> past = post("/search", search("bulk", 200, "10000"));
		assertThat(past.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(past.body()).get("category").asText()).isEqualTo("VALIDATION_ERROR");
		// The next window of ids: the way past the cap.
		HttpResponse<String> above = post("/search", "{\"filterGroups\": [{\"filters\": [{\"propertyName\": \"pipeline\","
				+ " \"operator\": \"EQ\", \"value\": \"bulk\"}, {\"propertyName\": \"hs_object_id\", \"operator\": \"GT\","
				+ " \"value\": \"20009999\"}]}], \"sorts\": [{\"propertyName\": \"hs_object_id\", \"direction\": \"ASCENDING\"}],"
				+ " \"properties\": [\"hs_object_id\"], \"limit\": 200, \"after\": \"0\"}");
		assertThat(JSON.readTree(above.body()).get("total").asInt()).isEqualTo(50);
		assertThat(server.violations()).isEmpty();
	}

	@Test
	void searchLimitAboveTwoHundredAndMalformedSortsAreRefused() throws Exception {
		assertThat(post("/search", search("bulk", 201, "0")).statusCode()).isEqualTo(400);
		assertThat(post("/search", search("bulk", 10, "0").replace("\"ASCENDING\"", "\"UP\"")).statusCode()).isEqualTo(400);
		assertThat(server.violations()).singleElement().asString().contains("a sort must be");
	}

	@Test
	void batchReadsTakeFiftyDealsWithHistoryAndAnswerTheSpecsSchema() throws Exception {
		StringBuilder inputs = new StringBuilder();
		for (int i = 0; i < 51; i++) {
			inputs.append(i == 0 ? "" : ", ").append("{\"id\": \"").append(20_000_000 + i).append("\"}");
		}
		String tooMany = "{\"inputs\": [" + inputs
				+ "], \"properties\": [\"dealstage\"], \"propertiesWithHistory\": [\"dealstage\"]}";
		HttpResponse<String> refused = post("/batch/read", tooMany);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(refused.body()).get("message").asText())
				.startsWith("The maximum number of inputs supported in a batch request for property histories is 50");

		HttpResponse<String> read = post("/batch/read", "{\"inputs\": [{\"id\": \"9000001\"}, {\"id\": \"1\"}], \"properties\":"
				+ " [\"dealstage\", \"pipeline\"], \"propertiesWithHistory\": [\"dealstage\"]}");
		assertThat(read.statusCode()).isEqualTo(207);
		JsonNode answer = JSON.readTree(read.body());
		JsonNode deal = answer.get("results").get(0);
		assertThat(deal.get("properties").get("dealstage").asText()).isEqualTo("closedlost");
		assertThat(deal.get("properties").has("amount")).as("not asked for").isFalse();
		// The whole history, newest first, as kept.
		assertThat(deal.get("propertiesWithHistory").get("dealstage").findValuesAsText("value")).containsExactly("closedlost",
				"presentationscheduled", "qualifiedtobuy", "appointmentscheduled");
		assertThat(deal.get("propertiesWithHistory").has("pipeline")).as("its history was not asked for").isFalse();
		assertThat(answer.get("errors").get(0).get("context").get("ids").get(0).asText()).isEqualTo("1");
		assertThat(server.violations()).as("the answers fit the spec").isEmpty();
	}

	@Test
	void searchesFasterThanFourASecondAreRefusedWithRetryAfter() throws Exception {
		server.rateLimits(now::get);
		for (int i = 0; i < 4; i++) {
			assertThat(post("/search", search("bulk", 1, "0")).statusCode()).isEqualTo(200);
		}
		HttpResponse<String> fifth = post("/search", search("bulk", 1, "0"));
		assertThat(fifth.statusCode()).isEqualTo(429);
		assertThat(fifth.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(JSON.readTree(fifth.body()).get("policyName").asText()).isEqualTo("SECONDLY");
		now.set(now.get().plus(Duration.ofSeconds(1)));
		assertThat(post("/search", search("bulk", 1, "0")).statusCode()).isEqualTo(200);
		// Batch reads count against the ten-second burst limit, not the search's.
		String read = "{\"inputs\": [{\"id\": \"9000001\"}], \"properties\": [], \"propertiesWithHistory\": []}";
		for (int i = 0; i < 100; i++) {
			assertThat(post("/batch/read", read).statusCode()).isEqualTo(200);
		}
		now.set(now.get().plus(Duration.ofSeconds(3)));
		HttpResponse<String> burst = post("/batch/read", read);
		assertThat(burst.statusCode()).isEqualTo(429);
		assertThat(burst.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(server.violations()).isEmpty();
	}
}

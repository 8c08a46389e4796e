package org.funnel.dsl.testing.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

import org.funnel.dsl.testing.crm.HubSpotTestServer.DealCheck;
import org.funnel.dsl.testing.crm.HubSpotTestServer.Fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The test server stands in for HubSpot only if it refuses what HubSpot's spec does not allow: each
 * kind of wrong request here is recorded as a violation (which fails the plan and apply tests), and
 * the rules HubSpot's descriptions give are kept, per API version: v3, 2026-03 and 2026-09 each as its
 * own documents say.
 */
class HubSpotTestServerTest {

	private static final ObjectMapper JSON = new ObjectMapper();
	private final HttpClient http = HttpClient.newHttpClient();
	private HubSpotTestServer server;

	@BeforeEach
	void start() throws Exception {
		if (server != null) {
			server.close();
		}
		server = HubSpotTestServer.start();
		server.load("deals",
				JSON.readTree(Path.of("org.funnel.dsl.testing/src/main/resources/crm/hubspot/deals-pipelines.json").toFile()));
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private HttpResponse<String> send(String method, String target, String body) throws Exception {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.apiBase() + target))
				.header("Authorization", "Bearer " + HubSpotTestServer.TOKEN);
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void requestsHubSpotWouldRejectAreViolations() throws Exception {
		String stage = "/crm/v3/pipelines/deals/default/stages/contractsent";
		// A stage PATCH without the metadata PipelineStagePatchInput requires.
		assertThat(send("PATCH", stage, "{\"label\": \"Sent\"}").statusCode()).isEqualTo(400);
		// A field the schema does not name.
		assertThat(send("POST", "/crm/v3/pipelines/deals/default/stages",
				"{\"label\": \"X\", \"displayOrder\": 9, \"metadata\": {\"probability\": \"0.5\"}, \"color\": \"red\"}")
				.statusCode())
				.isEqualTo(400);
		// A query parameter the stage DELETE does not have in v3, and a check that is not a boolean.
		assertThat(send("DELETE", stage + "?validateDealStageUsagesBeforeDelete=true", null).statusCode()).isEqualTo(400);
		assertThat(send("DELETE", stage + "?validateReferencesBeforeDelete=yes", null).statusCode()).isEqualTo(400);
		// A method the path does not have, a path the API does not have, a body where none is taken.
		assertThat(send("POST", stage, "{}").statusCode()).isEqualTo(400);
		assertThat(send("GET", "/crm/v3/pipeline/deals", null).statusCode()).isEqualTo(400);
		assertThat(send("DELETE", stage, "{\"label\": \"x\"}").statusCode()).isEqualTo(400);
		// The metadata values are strings in the schema.
		assertThat(send("PATCH", stage, "{\"metadata\": {\"probability\": 0.5}}").statusCode()).isEqualTo(400);
		assertThat(server.violations()).hasSize(8).anyMatch(v -> v.contains("required property 'metadata' not found"))
				.anyMatch(v -> v.contains("$.color: not a field of the schema"))
				.anyMatch(v -> v.contains("query parameter validateDealStageUsagesBeforeDelete is not one of DELETE"))
				.anyMatch(v -> v.contains("query parameter validateReferencesBeforeDelete is 'yes', not a boolean"))
				.anyMatch(v -> v
						.contains("POST is not an operation of /crm/v3/pipelines/{objectType}/{pipelineId}/stages/{stageId}"))
				.anyMatch(v -> v.contains("no path of HubSpot's spec matches /crm/v3/pipeline/deals"))
				.anyMatch(v -> v.contains("the operation takes no body"));
		assertThat(server.writes()).hasSize(7);
		// Nothing of it reached the account.
		assertThat(server.pipelines("deals")).isEqualTo(
				JSON.readTree(Path.of("org.funnel.dsl.testing/src/main/resources/crm/hubspot/deals-pipelines.json").toFile()));
	}

	@Test
	void whatHubSpotsDescriptionsSayIsKept() throws Exception {
		// Ids are the server's; answers carry createdAt, updatedAt and isClosed, and match the response schemas.
		HttpResponse<String> created = send("POST", "/crm/v3/pipelines/deals/default/stages",
				"{\"label\": \"Negotiation\", \"displayOrder\": 5, \"metadata\": {\"probability\": \"0.9\"}}");
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode stage = JSON.readTree(created.body());
		assertThat(stage.get("id").asText()).matches("\\d+");
		assertThat(stage.get("createdAt").asText()).isEqualTo(stage.get("updatedAt").asText());
		assertThat(stage.at("/metadata/isClosed").asText()).isEqualTo("false");
		// Off HubSpot's 0.1 grid, a label the pipeline has, an unknown or archived pipeline.
		assertThat(send("PATCH", "/crm/v3/pipelines/deals/default/stages/" + stage.get("id").asText(),
				"{\"metadata\": {\"probability\": \"0.25\"}}").statusCode()).isEqualTo(400);
		assertThat(send("PATCH", "/crm/v3/pipelines/deals/default/stages/" + stage.get("id").asText(),
				"{\"label\": \"closed won\", \"metadata\": {\"probability\": \"0.9\"}}").statusCode()).isEqualTo(400);
		assertThat(send("GET", "/crm/v3/pipelines/deals/no-such", null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/crm/v3/pipelines/deals/12345678", null).statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(send("GET", "/crm/v3/pipelines/deals", null).body()).get("results")).hasSize(3);
		// A stage that holds deals: deleted regardless by default, refused when the check is asked for.
		server.putRecords("deals", "default", "contractsent", 3);
		HttpResponse<String> refused = send("DELETE",
				"/crm/v3/pipelines/deals/default/stages/contractsent?validateReferencesBeforeDelete=true", null);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("is in use");
		assertThat(send("DELETE", "/crm/v3/pipelines/deals/default/stages/contractsent", null).statusCode()).isEqualTo(204);
		// Without the token: 401.
		HttpResponse<String> anonymous = http.send(
				HttpRequest.newBuilder(URI.create(server.apiBase() + "/crm/v3/pipelines/deals")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(server.violations()).isEmpty();
	}

	private static final String V3_STAGE = "/crm/v3/pipelines/deals/default/stages/contractsent";
	private static final String V2026_03_STAGE = "/crm/pipelines/2026-03/deals/default/stages/contractsent";
	private static final String V2026_09_STAGE = "/crm/pipelines/2026-09/deals/default/stages/contractsent";

	@Test
	void v3And2026_03DeleteAStageWithDealsUnlessTheReferenceCheckIsAskedFor() throws Exception {
		for (String stage : new String[] { V3_STAGE, V2026_03_STAGE }) {
			start();
			server.putRecords("deals", "default", "contractsent", 3);
			// The deal check is not a parameter of the stage DELETE in these specs.
			assertThat(send("DELETE", stage + "?validateDealStageUsagesBeforeDelete=true", null).statusCode()).isEqualTo(400);
			assertThat(server.violations()).singleElement().asString()
					.contains("query parameter validateDealStageUsagesBeforeDelete is not one of DELETE");
			assertThat(send("DELETE", stage + "?validateReferencesBeforeDelete=true", null).statusCode()).isEqualTo(400);
			// The default is false: deleted, deals and all.
			assertThat(send("DELETE", stage, null).statusCode()).isEqualTo(204);
			assertThat(send("GET", stage, null).statusCode()).isEqualTo(404);
			stop();
		}
	}

	@Test
	void in2026_09TheChecksAreOnByDefaultAndWhichFlagADealStageHonoursIsChosen() throws Exception {
		server.putRecords("deals", "default", "contractsent", 3);
		// The guide's reading (the default): the deal check decides; the reference check alone does not bypass it.
		assertThat(send("DELETE", V2026_09_STAGE, null).statusCode()).isEqualTo(400);
		assertThat(send("DELETE", V2026_09_STAGE + "?validateReferencesBeforeDelete=false", null).statusCode()).isEqualTo(400);
		HttpResponse<String> refused = send("DELETE", V2026_09_STAGE + "?validateDealStageUsagesBeforeDelete=true", null);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(refused.body()).get("category").asText()).isEqualTo("VALIDATION_ERROR");
		// The spec's reading: the reference check decides.
		server.dealCheck(DealCheck.SPEC);
		assertThat(send("DELETE", V2026_09_STAGE + "?validateDealStageUsagesBeforeDelete=false", null).statusCode())
				.isEqualTo(400);
		assertThat(
				send("DELETE", V2026_09_STAGE + "?validateDealStageUsagesBeforeDelete=false&validateReferencesBeforeDelete=false",
						null).statusCode())
				.isEqualTo(204);
		assertThat(server.violations()).isEmpty();

		start();
		server.putRecords("deals", "default", "contractsent", 3);
		server.dealCheck(DealCheck.GUIDE);
		assertThat(send("DELETE", V2026_09_STAGE + "?validateDealStageUsagesBeforeDelete=false", null).statusCode())
				.isEqualTo(204);
		start();
		server.putRecords("deals", "default", "contractsent", 3);
		server.dealCheck(DealCheck.IGNORED);
		assertThat(
				send("DELETE", V2026_09_STAGE + "?validateDealStageUsagesBeforeDelete=true&validateReferencesBeforeDelete=true",
						null).statusCode())
				.isEqualTo(204);
		assertThat(server.violations()).isEmpty();
	}

	@Test
	void theDealSearchCountsTheDealsInAStage() throws Exception {
		server.putRecords("deals", "default", "contractsent", 12);
		server.putRecords("deals", "default", "closedwon", 2);
		String search = "/crm/objects/2026-09/0-3/search";
		String body = "{\"filterGroups\": [{\"filters\": [{\"propertyName\": \"dealstage\", \"operator\": \"EQ\", \"value\":"
				+ " \"contractsent\"}, {\"propertyName\": \"pipeline\", \"operator\": \"EQ\", \"value\": \"default\"}]}],"
				+ " \"properties\": [\"dealstage\"], \"sorts\": [], \"limit\": LIMIT, \"after\": \"0\"}";
		JsonNode one = JSON.readTree(send("POST", search, body.replace("LIMIT", "1")).body());
		assertThat(one.get("total").asInt()).isEqualTo(12);
		assertThat(one.get("results")).singleElement().satisfies(d -> assertThat(d.at("/properties/dealstage").asText())
				.isEqualTo("contractsent"));
		assertThat(one.at("/paging/next/after").asText()).isEqualTo("1");
		assertThat(send("POST", "/crm/v3/objects/0-3/search", body.replace("LIMIT", "200")).statusCode()).isEqualTo(200);
		// The spec: "up to 200 objects".
		assertThat(send("POST", search, body.replace("LIMIT", "201")).statusCode()).isEqualTo(400);
		// Every field of the request is required by the spec.
		assertThat(send("POST", search, "{\"filterGroups\": []}").statusCode()).isEqualTo(400);
		assertThat(server.violations()).hasSize(4).allMatch(v -> v.contains("required property"));
		assertThat(server.writes()).isEmpty();
	}

	@Test
	void aStageHubSpotMarksReadOnlyIsNotChanged() throws Exception {
		server.writePermissions("deals", "default", "contractsent", "READ_ONLY");
		assertThat(send("PATCH", V2026_09_STAGE, "{\"label\": \"Sent\", \"metadata\": {\"probability\": \"0.9\"}}").statusCode())
				.isEqualTo(400);
		assertThat(send("DELETE", V2026_09_STAGE, null).statusCode()).isEqualTo(400);
		JsonNode stage = JSON.readTree(send("GET", V2026_09_STAGE, null).body());
		assertThat(stage.get("label").asText()).isEqualTo("Contract Sent");
		assertThat(stage.get("writePermissions").asText()).isEqualTo("READ_ONLY");
		assertThat(server.violations()).isEmpty();
	}

	@Test
	void aStalledBodyStopsAfterTheHeaders() throws Exception {
		server.fault(Fault.stalledBody("GET", "/crm/pipelines/2026-09/deals"));
		HttpResponse<InputStream> response = http.send(
				HttpRequest.newBuilder(URI.create(server.apiBase() + "/crm/pipelines/2026-09/deals"))
						.header("Authorization", "Bearer " + HubSpotTestServer.TOKEN).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		long length = Long.parseLong(response.headers().firstValue("Content-Length").orElseThrow());
		try (InputStream body = response.body()) {
			byte[] half = body.readNBytes((int) (length / 2));
			assertThat(half).hasSize((int) (length / 2));
			// Then nothing, until the server closes.
			server.close();
			assertThatThrownByReading(body);
		}
	}

	private static void assertThatThrownByReading(InputStream body) {
		try {
			body.readAllBytes();
			throw new AssertionError("the rest of the body came");
		} catch (IOException expected) {
			// The connection ended before the body was complete.
		}
	}

	@Test
	void anUnknownTokenGetsHubSpotsAnswer() throws Exception {
		HttpResponse<String> anonymous = http.send(
				HttpRequest.newBuilder(URI.create(server.apiBase() + "/crm/pipelines/2026-09/deals"))
						.header("Authorization", "Bearer pat-na1-revoked").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("X-HubSpot-Auth-Failure")).hasValue("401 Unauthorized");
		assertThat(JSON.readTree(anonymous.body()).get("category").asText()).isEqualTo("INVALID_AUTHENTICATION");
		assertThat(server.violations()).isEmpty();
	}
}

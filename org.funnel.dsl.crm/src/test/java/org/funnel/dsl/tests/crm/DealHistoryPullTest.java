package org.funnel.dsl.tests.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.crm.hubspot.DealHistoryPull;
import org.funnel.dsl.crm.hubspot.DealHistoryPull.Query;
import org.funnel.dsl.crm.hubspot.HubSpotClient;
import org.funnel.dsl.crm.hubspot.HubSpotException;
import org.funnel.dsl.testing.crm.ExampleDeals;
import org.funnel.dsl.testing.crm.HubSpotTestServer;
import org.funnel.dsl.testing.crm.HubSpotTestServer.Fault;
import org.funnel.dsl.tests.plan.CountingSleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The live read of deal history against the test server, which holds HubSpot's rules (its spec's schemas, 200 results a
 * page, 10,000 per query, 50 inputs with history, the search's and the burst rate limits by the client's own clock): all
 * deals read once, past the search's cap, paced so that HubSpot never has to refuse, 429 and server errors waited out
 * as documented, a refused token said clearly and never shown. The clock only counts: no test really waits.
 */
class DealHistoryPullTest {

	private static final String SEARCH = "/crm/objects/2026-09/0-3/search";
	private static final String BATCH_READ = "/crm/objects/2026-09/0-3/batch/read";

	private HubSpotTestServer server;
	private final CountingSleeper sleeper = new CountingSleeper();
	private final List<String> progress = new ArrayList<>();

	@BeforeEach
	void start() throws IOException {
		server = HubSpotTestServer.start();
		server.rateLimits(sleeper::now);
	}

	@AfterEach
	void stop() {
		server.close();
		assertThat(server.violations()).as("requests HubSpot's spec does not allow").isEmpty();
	}

	private HubSpotClient client(String token) {
		return new HubSpotClient(java.net.URI.create(server.apiBase()), token, Duration.ofSeconds(10), sleeper);
	}

	/** Pulls with the server's token; the ids of every deal handed on, in order. */
	private List<String> pull(Query query, DealHistoryPull.Summary[] summary) throws Exception {
		List<String> ids = new ArrayList<>();
		DealHistoryPull.Listener listener = new DealHistoryPull.Listener() {
			@Override
			public void searched(long found, long total) {
				progress.add("searched " + found + "/" + total);
			}

			@Override
			public void read(long read, long total) {
				progress.add("read " + read + "/" + total);
			}
		};
		summary[0] = new DealHistoryPull(client(HubSpotTestServer.TOKEN), listener).pull(query, (number, answer) -> {
			assertThat(answer.get("results").size()).isLessThanOrEqualTo(DealHistoryPull.BATCH);
			answer.get("results").forEach(d -> ids.add(d.get("id").asText()));
		});
		return ids;
	}

	@Test
	void readsEveryDealOncePastTheSearchCapOfTenThousandPacedSoThatHubSpotNeverRefuses() throws Exception {
		server.putDeals(ExampleDeals.copies(10_250, 30_000_000L));
		DealHistoryPull.Summary[] summary = new DealHistoryPull.Summary[1];
		List<String> ids = pull(new Query(null, null, null), summary);

		List<String> expected = new ArrayList<>();
		for (long id = 30_000_000L; id < 30_010_250L; id++) {
			expected.add(String.valueOf(id));
		}
		assertThat(ids).containsExactlyElementsOf(expected);
		// 50 pages of 200 reach the cap; the query above the last id seen has the other 250: 2 pages.
		assertThat(summary[0]).isEqualTo(new DealHistoryPull.Summary(10_250, 52, 205));
		// No call was refused and repeated: one request per search and per batch read.
		assertThat(server.requests()).filteredOn(r -> r.equals("POST " + SEARCH)).hasSize(52);
		assertThat(server.requests()).filteredOn(r -> r.equals("POST " + BATCH_READ)).hasSize(205);
		// Four searches a second, a hundred other calls per ten seconds: the clock moved at least 12 s for the searches
		// and 20 s for the batch reads, by the pacing's waits alone.
		assertThat(sleeper.sleeps().stream().reduce(Duration.ZERO, Duration::plus))
				.isGreaterThanOrEqualTo(Duration.ofSeconds(32));
		assertThat(progress).contains("searched 10250/10250", "read 10250/10250");
	}

	@Test
	void searchesOnlyThePipelineAndTheCreationWindowAsked() throws Exception {
		JsonNode deals = ExampleDeals.all();
		server.putDeals(deals);
		long from = Instant.parse("2025-03-01T00:00:00Z").toEpochMilli();
		long before = Instant.parse("2025-09-01T00:00:00Z").toEpochMilli();
		List<String> expected = new ArrayList<>();
		for (JsonNode deal : deals) {
			long created = Instant.parse(deal.get("properties").get("createdate").asText()).toEpochMilli();
			if (deal.get("properties").get("pipeline").asText().equals("default") && created >= from && created < before) {
				expected.add(deal.get("id").asText());
			}
		}
		assertThat(expected).hasSizeBetween(50, 500);
		DealHistoryPull.Summary[] summary = new DealHistoryPull.Summary[1];
		assertThat(pull(new Query("default", from, before), summary)).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void aRateLimitIsWaitedAsRetryAfterSaysElseForADoublingWait() throws Exception {
		server.putDeals(ExampleDeals.copies(40, 40_000_000L));
		server.fault(Fault.status("POST", SEARCH, 429, Map.of("Retry-After", "3"), rateLimited("SECONDLY")));
		server.fault(Fault.status("POST", SEARCH, 429, Map.of(), rateLimited("SECONDLY")));
		server.fault(Fault.status("POST", SEARCH, 429, Map.of(), rateLimited("SECONDLY")));
		server.fault(Fault.status("POST", BATCH_READ, 429, Map.of(), rateLimited("TEN_SECONDLY_ROLLING")));
		DealHistoryPull.Summary[] summary = new DealHistoryPull.Summary[1];
		assertThat(pull(new Query(null, null, null), summary)).hasSize(40);
		// The doubling counts every 429 of the call: after a Retry-After of 3 s, 2 s, then 4 s; the batch read's first
		// 429 waits one burst window.
		assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(4),
				Duration.ofSeconds(10));
	}

	@Test
	void aServerErrorOnAReadIsTriedAgainABoundedNumberOfTimes() throws Exception {
		server.putDeals(ExampleDeals.copies(40, 40_000_000L));
		server.fault(Fault.status("POST", BATCH_READ, 503, Map.of(), internalError()));
		DealHistoryPull.Summary[] summary = new DealHistoryPull.Summary[1];
		assertThat(pull(new Query(null, null, null), summary)).hasSize(40);
		assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));

		for (int i = 0; i < 4; i++) {
			server.fault(Fault.status("POST", BATCH_READ, 502, Map.of(), internalError()));
		}
		assertThatThrownBy(() -> pull(new Query(null, null, null), summary)).isInstanceOf(HubSpotException.class)
				.hasMessage("HubSpot answered 502 to POST " + BATCH_READ + ": internal error (correlation id"
						+ " 4c7e6c1a-1b2f-4d3e-9f00-0a1b2c3d4e5f) HubSpot had a server error; try again later.");
		assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4));
	}

	@Test
	void aRefusedTokenIsAClearMessageThatDoesNotShowIt() {
		String token = "pat-na1-0badc0de-0000-4000-8000-000000000000";
		server.putDeals(ExampleDeals.copies(5, 40_000_000L));
		assertThatThrownBy(() -> new DealHistoryPull(client(token), DealHistoryPull.Listener.NONE)
				.pull(new Query(null, null, null), (n, a) -> {
				})).isInstanceOfSatisfying(HubSpotException.class, e -> {
					assertThat(e.status()).isEqualTo(401);
					assertThat(e.getMessage()).startsWith("HubSpot answered 401 to POST " + SEARCH
							+ ": Authentication credentials not found.")
							.contains("HUBSPOT_TOKEN was not accepted: it must be the access token of a HubSpot private app");
					assertThat(e.toString()).doesNotContain(token);
				});
		assertThat(server.requests()).hasSize(1);
	}

	private static String rateLimited(String policy) {
		return "{\"status\": \"error\", \"message\": \"You have reached your limit.\", \"errorType\": \"RATE_LIMIT\","
				+ " \"correlationId\": \"c033cdaa-2c40-4a64-ae48-b4cec88dad24\", \"policyName\": \"" + policy + "\"}";
	}

	private static String internalError() {
		return "{\"message\": \"internal error\", \"correlationId\": \"4c7e6c1a-1b2f-4d3e-9f00-0a1b2c3d4e5f\","
				+ " \"category\": \"INTERNAL_ERROR\"}";
	}
}

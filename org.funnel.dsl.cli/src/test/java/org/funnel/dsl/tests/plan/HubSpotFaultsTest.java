package org.funnel.dsl.tests.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.funnel.dsl.tests.cli.Cli;
import org.funnel.dsl.testing.crm.HubSpotTestServer;
import org.funnel.dsl.testing.crm.HubSpotTestServer.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What plan and apply do when HubSpot does not simply answer: a token it refuses, rate limits (429
 * with Retry-After, the daily limit), an error in the middle of an apply, no answer at all, no
 * server. Nothing is claimed that was not done, the token never shows, and no time is really waited
 * (the clock only counts).
 */
class HubSpotFaultsTest extends HubSpotAccountTest {

	private static final Path EXAMPLE = Path.of("examples/hubspot-default.funnel");
	private static final String STAGE = "/crm/pipelines/2026-09/deals/default/stages/";

	@Test
	void aRefusedTokenIsAClearMessage() {
		variables.put("HUBSPOT_TOKEN", "pat-na1-revoked-token");
		Cli.Result plan = hubspot("plan", EXAMPLE);
		assertThat(plan.code()).isEqualTo(1);
		assertThat(plan.err()).contains("funnel: error: HubSpot answered 401 to GET /crm/pipelines/2026-09/deals:"
				+ " Authentication credentials not found.",
				"HUBSPOT_TOKEN was not accepted: it must be the access token of a"
						+ " HubSpot private app")
				.doesNotContain("pat-na1-revoked-token");
		assertThat(plan.out()).isEmpty();
		Cli.Result apply = hubspot("apply", EXAMPLE);
		assertThat(apply.code()).isEqualTo(1);
		assertThat(server.writes()).isEmpty();
	}

	@Test
	void aRateLimitIsWaitedOutAsRetryAfterSays() {
		server.fault(
				Fault.status("GET", "/crm/pipelines/2026-09/deals", 429, Map.of("Retry-After", "7"), rateLimited("SECONDLY")));
		// The second one gives the time as an HTTP date, 3 s after the counting clock's now.
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(sleeper.now().plusSeconds(7 + 3).atOffset(ZoneOffset.UTC));
		server.fault(Fault.status("PATCH", STAGE + "qualifiedtobuy", 429, Map.of("Retry-After", date), rateLimited("SECONDLY")));
		Cli.Result apply = hubspot("apply", EXAMPLE);
		assertThat(apply.code()).as(apply.toString()).isZero();
		assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3));
		assertThat(server.requests()).filteredOn(r -> r.equals("PATCH " + STAGE + "qualifiedtobuy")).hasSize(2);
		assertThat(stageLabel("deals", "default", "qualifiedtobuy")).isEqualTo("Qualified to buy");
	}

	@Test
	void withoutRetryAfterTheBurstWindowIsWaitedAndTheDailyLimitStopsTheRun() {
		server.fault(Fault.status("GET", "/crm/pipelines/2026-09/deals", 429, Map.of(), rateLimited("TEN_SECONDLY_ROLLING")));
		assertThat(hubspot("plan", EXAMPLE).code()).isZero();
		assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(10));

		server.fault(
				Fault.status("PATCH", STAGE + "presentationscheduled", 429, Map.of("Retry-After", "1"), rateLimited("DAILY")));
		Cli.Result apply = hubspot("apply", EXAMPLE);
		assertThat(apply.code()).isEqualTo(1);
		assertThat(sleeper.sleeps()).hasSize(1);
		assertThat(apply.out()).contains("failed    PATCH " + STAGE + "presentationscheduled",
				"You have reached your daily limit.",
				"The account's daily API limit is used up; it resets at midnight in the account's time zone.");
		assertThat(apply.err()).contains("funnel: error: apply stopped. 2 of 7 calls done, 1 failed, 4 not sent.");
	}

	@Test
	void anErrorInTheMiddleStopsTheApplyAndClaimsOnlyWhatWasDone() {
		server.fault(Fault.status("PATCH", STAGE + "presentationscheduled", 400, Map.of(),
				"{\"message\": \"Stage is locked\", \"correlationId\": \"4c7e6c1a-1b2f-4d3e-9f00-0a1b2c3d4e5f\", \"category\": \"VALIDATION_ERROR\"}"));
		Cli.Result apply = hubspot("apply", EXAMPLE);
		assertThat(apply.code()).isEqualTo(1);
		assertThat(apply.out()).contains("done      PATCH " + STAGE + "appointmentscheduled",
				"done      PATCH " + STAGE + "qualifiedtobuy",
				"failed    PATCH " + STAGE + "presentationscheduled",
				"HubSpot answered 400 to PATCH " + STAGE + "presentationscheduled: Stage is locked (correlation id"
						+ " 4c7e6c1a-1b2f-4d3e-9f00-0a1b2c3d4e5f)",
				"not sent  PATCH " + STAGE + "decisionmakerboughtin", "not sent  PATCH " + STAGE + "closedlost");
		assertThat(apply.err()).contains("funnel: error: apply stopped. 2 of 7 calls done, 1 failed, 4 not sent. The calls done"
				+ " stay done in HubSpot. Run 'funnel plan hubspot' to see what is left; running apply again carries it out.");
		// What the report says is what HubSpot has.
		assertThat(stageLabel("deals", "default", "appointmentscheduled")).isEqualTo("Appointment scheduled");
		assertThat(stageLabel("deals", "default", "qualifiedtobuy")).isEqualTo("Qualified to buy");
		assertThat(stageLabel("deals", "default", "presentationscheduled")).isEqualTo("Presentation Scheduled");
		assertThat(stageLabel("deals", "default", "closedlost")).isEqualTo("Closed Lost");

		Cli.Result plan = hubspot("plan", EXAMPLE);
		assertThat(plan.out()).contains("**5 changes** in 1 pipeline");
		int before = server.writes().size();
		Cli.Result rest = hubspot("apply", EXAMPLE);
		assertThat(rest.code()).as(rest.toString()).isZero();
		assertThat(server.writes().size() - before).isEqualTo(5);
	}

	@Test
	void noAnswerWithinTheTimeoutIsReportedAsUnknown() {
		server.fault(Fault.hang("PATCH", STAGE + "qualifiedtobuy"));
		// Short, but long enough for the calls that are answered, even on a busy machine.
		Cli.Result apply = hubspot("apply", EXAMPLE, "--timeout", "2.5");
		assertThat(apply.code()).isEqualTo(1);
		assertThat(apply.out()).contains("done      PATCH " + STAGE + "appointmentscheduled",
				"unknown   PATCH " + STAGE + "qualifiedtobuy",
				"no answer from HubSpot within 2.5 s to PATCH " + STAGE
						+ "qualifiedtobuy. HubSpot may or may not have carried it out",
				"not sent  PATCH " + STAGE + "presentationscheduled");
		assertThat(apply.err()).contains("1 of 7 calls done, 1 outcome unknown, 5 not sent",
				"Whether the call with an unknown outcome was carried out is not known");
	}

	@Test
	void theTokenNeverShowsEvenWhenHubSpotRepeatsIt() {
		server.fault(Fault.status("GET", "/crm/pipelines/2026-09/deals", 400, Map.of(),
				"{\"message\": \"bad header Authorization: Bearer " + HubSpotTestServer.TOKEN + "\", \"correlationId\":"
						+ " \"4c7e6c1a-1b2f-4d3e-9f00-0a1b2c3d4e5f\", \"category\": \"VALIDATION_ERROR\"}"));
		Cli.Result plan = hubspot("plan", EXAMPLE);
		assertThat(plan.code()).isEqualTo(1);
		assertThat(plan.err()).contains("bad header Authorization: Bearer [HUBSPOT_TOKEN]");
	}

	@Test
	void wrongUsageAndAnUnreachableServer() {
		Cli.Result plain = funnel("plan", "hubspot", "--api-base", "http://hubspot.example.com", EXAMPLE.toString());
		assertThat(plain.code()).isEqualTo(2);
		assertThat(plain.err()).contains("--api-base must be an https:// address (http:// only for localhost)");
		variables.put("HUBSPOT_TOKEN", "two words");
		Cli.Result spaces = hubspot("plan", EXAMPLE);
		assertThat(spaces.code()).isEqualTo(2);
		assertThat(spaces.err()).contains("HUBSPOT_TOKEN contains spaces").doesNotContain("two words");
		variables.put("HUBSPOT_TOKEN", HubSpotTestServer.TOKEN);
		assertThat(funnel("plan", "hubspot", "--timeout", "0", EXAMPLE.toString()).code()).isEqualTo(2);
		assertThat(funnel("plan", "hubspot", "--current", "contacts=x.json", EXAMPLE.toString()).err())
				.contains("--current takes deals=FILE or tickets=FILE, not contacts=...");
		assertThat(funnel("plan").code()).isEqualTo(2);
		assertThat(funnel("apply").code()).isEqualTo(2);
		for (String[] help : new String[][] { { "plan", "--help" }, { "plan", "hubspot", "--help" },
				{ "apply", "hubspot", "--help" } }) {
			Cli.Result result = funnel(help);
			assertThat(result.code()).isZero();
			assertThat(result.out()).contains("Usage: funnel " + help[0]);
		}
		assertThat(funnel("plan", "hubspot", "--help").out()).contains("Exit codes:",
				"3   with --detailed-exitcode: planned, and there are changes");

		server.close();
		Cli.Result gone = hubspot("plan", EXAMPLE, "--timeout", "2");
		assertThat(gone.code()).isEqualTo(1);
		assertThat(gone.err()).contains("funnel: error: cannot reach " + server.apiBase(),
				"(GET /crm/pipelines/2026-09/deals was not sent)");
	}

	@Test
	@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void aStalledAnswerEndsAtTheDeadlineForPlan() {
		server.fault(Fault.stalledBody("GET", "/crm/pipelines/2026-09/deals"));
		long start = System.nanoTime();
		Cli.Result plan = hubspot("plan", EXAMPLE, "--timeout", "3");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(plan.code()).isEqualTo(1);
		assertThat(plan.err())
				.contains("funnel: error: no complete answer from HubSpot within 3 s to GET /crm/pipelines/2026-09/deals");
		// The deadline covers the whole exchange, body included: the stall itself lasts until the server closes, so
		// without one the run would end only at the 60 s timeout (the upper bound leaves room for a busy machine).
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(30));
	}

	@Test
	@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void aStalledAnswerToAWriteEndsAtTheDeadlineAsAnUnknownOutcome() {
		// HubSpot carries out the PATCH, sends the headers and half the body, then nothing.
		server.fault(Fault.stalledBody("PATCH", STAGE + "qualifiedtobuy"));
		long start = System.nanoTime();
		Cli.Result apply = hubspot("apply", EXAMPLE, "--timeout", "3");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(apply.code()).isEqualTo(1);
		assertThat(apply.out()).contains("done      PATCH " + STAGE + "appointmentscheduled",
				"unknown   PATCH " + STAGE + "qualifiedtobuy",
				"no complete answer from HubSpot within 3 s to PATCH " + STAGE + "qualifiedtobuy",
				"not sent  PATCH " + STAGE + "presentationscheduled");
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(30));
		assertThat(stageLabel("deals", "default", "qualifiedtobuy")).isEqualTo("Qualified to buy");
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 502, 503, 504 })
	void aServerErrorOnAWriteIsAnUnknownOutcomeNotARefusal(int status) {
		// HubSpot did the write, then answered with a server error.
		server.fault(Fault.status("PATCH", STAGE + "qualifiedtobuy", status, Map.of(),
				"{\"message\": \"internal error\", \"correlationId\": \"4c7e6c1a-1b2f-4d3e-9f00-0a1b2c3d4e5f\", \"category\":"
						+ " \"INTERNAL_ERROR\"}"));
		Cli.Result apply = hubspot("apply", EXAMPLE);
		assertThat(apply.code()).isEqualTo(1);
		assertThat(apply.out()).contains("unknown   PATCH " + STAGE + "qualifiedtobuy",
				"HubSpot answered " + status + " to PATCH " + STAGE + "qualifiedtobuy: internal error (correlation id"
						+ " 4c7e6c1a-1b2f-4d3e-9f00-0a1b2c3d4e5f). A server error does not say whether HubSpot carried the call"
						+ " out")
				.doesNotContain("failed ");
		assertThat(apply.err()).contains("funnel: error: apply stopped. 1 of 7 calls done, 1 outcome unknown, 5 not sent.",
				"Whether the call with an unknown outcome was carried out is not known: run 'funnel plan hubspot' to see"
						+ " what HubSpot has now");
	}

	@Test
	void whenTheConfirmingReadFailsTheReportSaysEveryCallWasCarriedOut() {
		// The first read is the plan's; the second, after the calls, fails.
		server.fault(Fault.status("GET", "/crm/pipelines/2026-09/deals", 503, Map.of(),
				"{\"message\": \"try again\", \"correlationId\": \"4c7e6c1a-1b2f-4d3e-9f00-0a1b2c3d4e5f\", \"category\":"
						+ " \"INTERNAL_ERROR\"}")
				.skipping(1));
		Cli.Result apply = hubspot("apply", EXAMPLE);
		assertThat(apply.code()).isEqualTo(1);
		assertThat(apply.err()).contains("funnel: error: all 7 calls were carried out (HubSpot answered each with success),"
				+ " but reading the account again to confirm failed: HubSpot answered 503 to GET /crm/pipelines/2026-09/deals",
				"Run 'funnel plan hubspot' to see whether HubSpot matches the funnels.");
		assertThat(server.writes()).hasSize(7);
		assertThat(hubspot("plan", EXAMPLE, "--detailed-exitcode").code()).isZero();
	}

	/** HubSpot's 429 answer (its usage guidelines show this body): which limit was hit is in policyName. */
	private static String rateLimited(String policy) {
		String message = policy.equals("DAILY") ? "You have reached your daily limit." : "You have reached your secondly limit.";
		return "{\"status\": \"error\", \"message\": \"" + message + "\", \"errorType\": \"RATE_LIMIT\", \"correlationId\":"
				+ " \"c033cdaa-2c40-4a64-ae48-b4cec88dad24\", \"policyName\": \"" + policy + "\", \"requestId\":"
				+ " \"3d3e35b7-0dae-4b9f-a6e3-9c230cbcf8dd\"}";
	}
}

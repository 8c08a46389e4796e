package org.funnel.dsl.tests.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.funnel.dsl.cli.Environment;
import org.funnel.dsl.crm.hubspot.DealHistoryPull;
import org.funnel.dsl.crm.hubspot.HubSpotClient;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.History;
import org.funnel.dsl.history.HistoryOptions;
import org.funnel.dsl.history.read.HubSpotReader;
import org.funnel.dsl.history.read.Timestamps;
import org.funnel.dsl.testing.crm.ExampleDeals;
import org.funnel.dsl.testing.crm.HubSpotTestServer;
import org.funnel.dsl.testing.crm.HubSpotTestServer.Fault;
import org.funnel.dsl.tests.cli.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code funnel fit --hubspot}: the history read from the account (the test server, holding the 600 deals of the saved
 * example answers, with HubSpot's rate limits by the command's own clock) fits exactly as the saved answers of the same
 * deals do; {@code --save-history} keeps answers that fit the same again without a token; progress only on a terminal;
 * a refused token or a failure on the way leaves a clear message and no directory. The token is never in any output
 * (checked by every run, {@link HubSpotAccountTest#funnel}).
 */
class HubSpotFitTest extends HubSpotAccountTest {

	private static final Path FUNNEL = Path.of("examples/hubspot-default.funnel");
	private static final String AS_OF = "2026-01-01";

	@BeforeEach
	void putDeals() {
		server.putDeals(ExampleDeals.all());
		server.rateLimits(sleeper::now);
	}

	private Cli.Result fit(String... options) {
		List<String> args = new ArrayList<>(List.of("fit", FUNNEL.toString(), "--as-of", AS_OF, "--format", "json"));
		args.addAll(List.of(options));
		return funnel(args.toArray(String[]::new));
	}

	private Cli.Result live(String... options) {
		List<String> args = new ArrayList<>(List.of("--hubspot", "--api-base", server.apiBase()));
		args.addAll(List.of(options));
		return fit(args.toArray(String[]::new));
	}

	/** The example's deals in the funnel's pipeline ("default"). */
	private static int dealsInDefault() {
		int n = 0;
		for (JsonNode deal : ExampleDeals.all()) {
			n += deal.get("properties").get("pipeline").asText().equals("default") ? 1 : 0;
		}
		return n;
	}

	@Test
	void theLiveReadFitsAsTheSavedAnswersAndSavesAnswersThatFitTheSame() throws IOException {
		Path saved = dir.resolve("answers");
		Cli.Result live = live("--save-history", saved.toString());
		assertThat(live.code()).as(live.toString()).isZero();
		Cli.Result fromExample = fit("--history", ExampleDeals.ANSWERS.toString());
		assertThat(fromExample.code()).isZero();
		// The same fit; the reading differs only in what the search left out: the other pipeline's deals.
		ObjectNode liveFit = (ObjectNode) JSON.readTree(live.out());
		ObjectNode exampleFit = (ObjectNode) JSON.readTree(fromExample.out());
		JsonNode liveReading = liveFit.remove("reading");
		JsonNode exampleReading = exampleFit.remove("reading");
		assertThat(liveFit).isEqualTo(exampleFit);
		assertThat(liveFit.path("stages").size()).isGreaterThan(0);
		int deals = dealsInDefault();
		assertThat(liveReading.get("dealsRead").asInt()).isEqualTo(deals);
		assertThat(liveReading.get("dropped")).isEmpty();
		assertThat(exampleReading.get("dealsRead").asInt()).isEqualTo(600);
		assertThat(exampleReading.get("dropped").get("other pipeline").asInt()).isEqualTo(600 - deals);
		assertThat(liveReading.get("dealsKept")).isEqualTo(exampleReading.get("dealsKept"));
		int batches = (deals + 49) / 50;
		int searches = (deals + 199) / 200;
		assertThat(live.err()).contains("funnel: read " + deals + " deals from HubSpot at " + server.apiBase() + " (" + searches
				+ " searches, "
				+ batches + " batch reads); saved in " + saved + ".").doesNotContain("\r");
		// Only the funnel's pipeline was asked for.
		assertThat(server.requests()).filteredOn(r -> r.endsWith("/batch/read")).hasSize(batches);

		variables.remove("HUBSPOT_TOKEN");
		Cli.Result fromSaved = fit("--history", saved.toString());
		assertThat(fromSaved.code()).isZero();
		assertThat(fromSaved.out()).isEqualTo(live.out());
		assertThat(saved.resolve("batch-read-00001.json")).exists();
		assertThat(saved.resolve(String.format(Locale.ROOT, "batch-read-%05d.json", batches + 1))).doesNotExist();
	}

	@Test
	void theLiveReadGivesTheSameHistoryAsTheSavedAnswersOfTheSameDeals() throws Exception {
		FunnelShape shape = FunnelShape.builder("Sales").hubSpotPipelineId("default").build();
		HistoryOptions options = HistoryOptions.defaults().withAsOf(Timestamps.parse(AS_OF));
		HubSpotClient client = new HubSpotClient(URI.create(server.apiBase()), HubSpotTestServer.TOKEN, Duration.ofSeconds(10),
				sleeper);
		Path answers = Files.createDirectory(dir.resolve("pulled"));
		new DealHistoryPull(client, DealHistoryPull.Listener.NONE).pull(new DealHistoryPull.Query(null, null, null),
				(number, answer) -> Files
						.writeString(answers.resolve(String.format(Locale.ROOT, "answer-%03d.json", number)),
								Json.write(answer)));

		History live = HubSpotReader.read(answers, shape, options);
		History saved = HubSpotReader.read(ExampleDeals.ANSWERS, shape, options);
		assertThat(live.deals()).hasSize(dealsInDefault()).isEqualTo(saved.deals());
		assertThat(live.stages()).isEqualTo(saved.stages());
		assertThat(live.counts().dealsRead()).isEqualTo(saved.counts().dealsRead()).isEqualTo(600);
		assertThat(live.counts().flagged()).isEqualTo(saved.counts().flagged());
		assertThat(live.counts().dropped()).isEqualTo(saved.counts().dropped());
		assertThat(live.counts().pipelines()).isEqualTo(saved.counts().pipelines());
		assertThat(live.asOf()).isEqualTo(saved.asOf());
	}

	@Test
	void progressIsShownOnATerminalOnly() {
		Cli.Result onTerminal = Cli.run(new Environment(variables::get, sleeper, true), "fit", FUNNEL.toString(), "--hubspot",
				"--api-base", server.apiBase());
		assertThat(onTerminal.code()).as(onTerminal.toString()).isZero();
		int deals = dealsInDefault();
		assertThat(onTerminal.err()).contains("\rfunnel: HubSpot: found " + deals + " of " + deals + " deal ids",
				"\rfunnel: HubSpot: read " + deals + " of " + deals + " deals with their history")
				.doesNotContain(HubSpotTestServer.TOKEN);
		Cli.Result inCi = live();
		assertThat(inCi.err()).doesNotContain("funnel: HubSpot:").contains("funnel: read " + deals + " deals");
	}

	@Test
	void aRefusedTokenIsAClearMessageAndLeavesNoDirectory() throws IOException {
		variables.put("HUBSPOT_TOKEN", "pat-na1-revoked-0000-token");
		Path saved = dir.resolve("answers");
		Cli.Result result = live("--save-history", saved.toString());
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).contains("funnel: error: HubSpot answered 401 to POST /crm/objects/2026-09/0-3/search:"
				+ " Authentication credentials not found.", "HUBSPOT_TOKEN was not accepted")
				.doesNotContain("pat-na1-revoked-0000-token");
		assertThat(result.out()).isEmpty();
		assertThat(saved).doesNotExist();
		assertThat(listing(dir)).isEmpty();
	}

	@Test
	void aFailureOnTheWayLeavesNoHalfFilledDirectory() throws IOException {
		server.fault(Fault.status("POST", "/crm/objects/2026-09/0-3/batch/read", 400, Map.of(),
				"{\"message\": \"Bad request\", \"correlationId\": \"4c7e6c1a-1b2f-4d3e-9f00-0a1b2c3d4e5f\", \"category\":"
						+ " \"VALIDATION_ERROR\"}")
				.skipping(2));
		Path saved = dir.resolve("answers");
		Cli.Result result = live("--save-history", saved.toString());
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).contains("funnel: error: HubSpot answered 400 to POST /crm/objects/2026-09/0-3/batch/read:"
				+ " Bad request (correlation id 4c7e6c1a-1b2f-4d3e-9f00-0a1b2c3d4e5f)");
		assertThat(server.requests()).filteredOn(r -> r.endsWith("/batch/read")).hasSize(3);
		assertThat(listing(dir)).isEmpty();
	}

	@Test
	void wrongUsesAreToldBeforeAnyCall() throws IOException {
		assertThat(live("--history", ExampleDeals.ANSWERS.toString()).err())
				.contains("--hubspot and --history do not go together");
		assertThat(fit().err()).contains("Missing the history: --history SOURCE");
		assertThat(fit("--history", ExampleDeals.ANSWERS.toString(), "--save-history", dir.resolve("x").toString()).code())
				.isEqualTo(2);
		Cli.Result apiBase = fit("--history", ExampleDeals.ANSWERS.toString(), "--api-base", "https://proxy.example.com");
		assertThat(apiBase.code()).isEqualTo(2);
		assertThat(apiBase.err()).contains("--api-base belongs to --hubspot");
		assertThat(fit("--history", ExampleDeals.ANSWERS.toString(), "--timeout", "5").err())
				.contains("--timeout belongs to --hubspot");
		Files.writeString(Files.createDirectory(dir.resolve("full")).resolve("notes.txt"), "mine");
		Cli.Result full = live("--save-history", dir.resolve("full").toString());
		assertThat(full.code()).isEqualTo(2);
		assertThat(full.err()).contains("is not empty: name a new directory");
		variables.remove("HUBSPOT_TOKEN");
		Cli.Result noToken = live();
		assertThat(noToken.code()).isEqualTo(2);
		assertThat(noToken.err()).contains("HUBSPOT_TOKEN is not set");
		assertThat(server.requests()).isEmpty();
	}

	@Test
	void theHelpNamesTheCallsTheCommandMakes() {
		Cli.Result help = funnel("fit", "--help");
		assertThat(help.out()).contains("--hubspot", "--save-history=DIR", "/crm/objects/2026-09/0-3/search",
				"/crm/objects/2026-09/0-3/batch/read", "/crm/pipelines/2026-09/deals", "--api-base=URL")
				.doesNotContain("/crm/v3/pipelines");
	}

	private static List<Path> listing(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}
}

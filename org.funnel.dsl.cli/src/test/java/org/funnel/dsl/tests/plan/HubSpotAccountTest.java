package org.funnel.dsl.tests.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.funnel.dsl.cli.Environment;
import org.funnel.dsl.tests.cli.Cli;
import org.funnel.dsl.testing.crm.HubSpotTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A HubSpot account for {@code funnel plan hubspot} and {@code funnel apply hubspot} to work on: the
 * test server holding the deal and ticket pipelines of a real-shaped account (the default sales
 * pipeline with HubSpot's stage ids, a renewals pipeline, an archived one; the support pipeline),
 * and the command line run in this JVM with the server's token in HUBSPOT_TOKEN and a clock that
 * only counts. After each test no request may have broken HubSpot's spec, and no output may contain
 * the token.
 */
abstract class HubSpotAccountTest {

	static final ObjectMapper JSON = new ObjectMapper();
	static final Path DEALS = Path.of("org.funnel.dsl.testing/src/main/resources/crm/hubspot/deals-pipelines.json");
	static final Path TICKETS = Path.of("org.funnel.dsl.testing/src/main/resources/crm/hubspot/tickets-pipelines.json");

	/** HubSpot's default deal pipeline as the account has it: no changes to plan. */
	static final String SALES = """
			funnel Sales "Sales Pipeline" {
			    crm hubspot
			    hubspot pipeline "default" for deals

			    stage AppointmentScheduled "Appointment Scheduled" {
			        probability 20%
			        hubspot id "appointmentscheduled"
			        moves to QualifiedToBuy 50%
			        moves to ClosedLost 50%
			    }

			    stage QualifiedToBuy "Qualified To Buy" {
			        probability 40%
			        hubspot id "qualifiedtobuy"
			        moves to PresentationScheduled 66.6667%
			        moves to ClosedLost 33.3333%
			    }

			    stage PresentationScheduled "Presentation Scheduled" {
			        probability 60%
			        hubspot id "presentationscheduled"
			        moves to DecisionMakerBoughtIn 75%
			        moves to ClosedLost 25%
			    }

			    stage DecisionMakerBoughtIn "Decision Maker Bought-In" {
			        probability 80%
			        hubspot id "decisionmakerboughtin"
			        moves to ContractSent 88.8889%
			        moves to ClosedLost 11.1111%
			    }

			    stage ContractSent "Contract Sent" {
			        probability 90%
			        hubspot id "contractsent"
			        moves to ClosedWon 90%
			        moves to ClosedLost 10%
			    }

			    won stage ClosedWon "Closed Won" {
			        probability 100%
			        hubspot id "closedwon"
			    }

			    lost stage ClosedLost "Closed Lost" {
			        probability 0%
			        hubspot id "closedlost"
			    }
			}
			""";

	@TempDir
	Path dir;

	HubSpotTestServer server;
	CountingSleeper sleeper;
	final Map<String, String> variables = new HashMap<>();

	@BeforeEach
	void openAccount() throws IOException {
		server = HubSpotTestServer.start();
		server.load("deals", JSON.readTree(DEALS.toFile()));
		server.load("tickets", JSON.readTree(TICKETS.toFile()));
		sleeper = new CountingSleeper();
		variables.put("HUBSPOT_TOKEN", HubSpotTestServer.TOKEN);
	}

	@AfterEach
	void closeAccount() {
		server.close();
		assertThat(server.violations()).as("requests HubSpot's spec does not allow, answers it does not describe").isEmpty();
	}

	/** {@code funnel ARGS} against the test server; the token must appear in no output. */
	Cli.Result funnel(String... args) {
		Cli.Result result = Cli.run(new Environment(variables::get, sleeper), args);
		assertThat(result.out() + result.err()).as("the output shows the token").doesNotContain(HubSpotTestServer.TOKEN);
		assertThat(result.err()).as("a stack trace").doesNotContain("\tat ").doesNotContain("internal error");
		return result;
	}

	/** {@code funnel plan|apply hubspot ... --api-base SERVER FILES}. */
	Cli.Result hubspot(String command, Path funnel, String... options) {
		String[] args = new String[options.length + 5];
		args[0] = command;
		args[1] = "hubspot";
		System.arraycopy(options, 0, args, 2, options.length);
		args[options.length + 2] = "--api-base";
		args[options.length + 3] = server.apiBase();
		args[options.length + 4] = funnel.toString();
		return funnel(args);
	}

	Path write(String name, String text) throws IOException {
		return Files.writeString(dir.resolve(name), text);
	}

	/** The live pipeline with this id, as GET answers it. */
	JsonNode pipeline(String objectType, String id) {
		for (JsonNode pipeline : server.pipelines(objectType).get("results")) {
			if (pipeline.get("id").asText().equals(id)) {
				return pipeline;
			}
		}
		throw new AssertionError("no " + objectType + " pipeline " + id);
	}

	/** The label of the live stage with this id. */
	String stageLabel(String objectType, String pipelineId, String stageId) {
		for (JsonNode stage : pipeline(objectType, pipelineId).get("stages")) {
			if (stage.get("id").asText().equals(stageId)) {
				return stage.get("label").asText();
			}
		}
		throw new AssertionError("no stage " + stageId);
	}
}

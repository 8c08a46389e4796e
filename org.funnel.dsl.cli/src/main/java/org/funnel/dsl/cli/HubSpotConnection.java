package org.funnel.dsl.cli;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.funnel.dsl.crm.hubspot.HubSpotClient;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The options of the commands that talk to HubSpot, and how they reach it: the token from the
 * environment variable HUBSPOT_TOKEN only (never an option, which would end up in shell histories
 * and CI logs), the API base, a timeout per call.
 */
final class HubSpotConnection {

	static final String TOKEN_VARIABLE = "HUBSPOT_TOKEN";

	@Option(names = "--api-base", paramLabel = "URL", defaultValue = "https://api.hubapi.com",
			description = { "Where HubSpot's API is (default: ${DEFAULT-VALUE}). Only for a proxy or a test server;",
					"https:// only (http:// only for localhost)." })
	String apiBase;

	@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
			description = "How long to wait for each answer of HubSpot (default: ${DEFAULT-VALUE} s).")
	BigDecimal timeout;

	@Spec(Spec.Target.MIXEE)
	CommandSpec command;

	/** The options of this connection the command line gives (not their defaults): for a command where they may not apply. */
	List<String> given() {
		ParseResult parsed = command.commandLine().getParseResult();
		return Stream.of("--api-base", "--timeout").filter(parsed::hasMatchedOption).toList();
	}

	HubSpotClient client(Environment environment) {
		if (timeout.signum() <= 0 || timeout.compareTo(BigDecimal.valueOf(3600)) > 0) {
			throw new UsageException("--timeout must be more than 0 and at most 3600 seconds: " + timeout.toPlainString());
		}
		URI base;
		try {
			base = new URI(apiBase);
		} catch (URISyntaxException e) {
			throw new UsageException("--api-base is not an address: " + apiBase);
		}
		String problem = HubSpotClient.baseProblem(base);
		if (problem != null) {
			throw new UsageException("--api-base " + problem);
		}
		String token = environment.variable(TOKEN_VARIABLE);
		problem = HubSpotClient.tokenProblem(token);
		if (problem != null) {
			throw new UsageException(TOKEN_VARIABLE + " " + problem);
		}
		Duration perCall = Duration.ofMillis(timeout.movePointRight(3).longValue());
		return new HubSpotClient(base, token, perCall, environment.sleeper());
	}
}

package org.funnel.dsl.generator.cli;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.funnel.dsl.generator.UsageException;
import org.funnel.dsl.generator.imports.JsonPositions;
import org.funnel.dsl.generator.plan.hubspot.HubSpotClient;
import org.funnel.dsl.generator.plan.hubspot.Portal;
import org.funnel.dsl.generator.plan.hubspot.Portal.LivePipeline;
import org.funnel.dsl.generator.plan.hubspot.Request;

import picocli.CommandLine.Option;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The options of the commands that talk to HubSpot, and how they reach it: the token from the
 * environment variable HUBSPOT_TOKEN only (never an option, which would end up in shell histories
 * and CI logs), the API base, a timeout per call.
 */
final class HubSpotAccount {

	static final String TOKEN_VARIABLE = "HUBSPOT_TOKEN";

	@Option(names = "--api-base", paramLabel = "URL", defaultValue = "https://api.hubapi.com",
			description = { "Where HubSpot's API is (default: ${DEFAULT-VALUE}). Only for a proxy or a test server;",
					"https:// only (http:// only for localhost)." })
	String apiBase;

	@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
			description = "How long to wait for each answer of HubSpot (default: ${DEFAULT-VALUE} s).")
	BigDecimal timeout;

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
		String token = environment.variable(TOKEN_VARIABLE);
		Duration perCall = Duration.ofMillis(timeout.movePointRight(3).longValue());
		return new HubSpotClient(base, token, perCall, environment.sleeper());
	}

	/** The account's pipelines of each object type, as HubSpot answers GET /crm/v3/pipelines/{objectType} now. */
	static Map<String, List<LivePipeline>> read(HubSpotClient client, Set<String> objectTypes) throws InterruptedException {
		Map<String, List<LivePipeline>> portal = new LinkedHashMap<>();
		for (String objectType : objectTypes) {
			Request get = Request.get(Request.path(objectType), "read the " + objectType + " pipelines");
			HubSpotClient.Answer answer = client.send(get);
			try {
				JsonPositions json = JsonPositions.of("HubSpot's answer to " + get.line(),
						answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8));
				portal.put(objectType, Portal.read(objectType, json));
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return portal;
	}
}

package org.funnel.dsl.crm.hubspot;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLException;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.crm.hubspot.HubSpotException.Outcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Talks to HubSpot's CRM APIs (date-based version {@link Request#VERSION}) with a private app's access token (JDK HTTP
 * client). Every exchange has one deadline, from sending the request to the last byte of the answer; requests are paced to HubSpot's burst limit ({@link RateLimit}), CRM
 * searches to the search's own limit ({@link #SEARCHES_PER_SECOND} a second; searches are exempt from the burst limit);
 * a 429 is retried after the {@code Retry-After} HubSpot sends, else after a wait that doubles with each attempt (from
 * one second for the per-second limits, one burst window otherwise), except when the daily limit is used up. A server
 * error (5xx) is retried only by {@link #read}, for calls that change nothing. Redirects are not followed, so the token
 * goes to the API base only. The token never appears in a message: HubSpot's own messages are scrubbed of it too.
 */
public final class HubSpotClient {

	public static final URI DEFAULT_API_BASE = URI.create("https://api.hubapi.com");
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
	/** How often a request refused with 429 is tried again. */
	static final int RATE_LIMIT_RETRIES = 5;
	/** A longer Retry-After is not waited for: the run stops and says so. */
	static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
	/** How often {@link #read} tries a call again after a server error (waiting 1, 2, 4 s). */
	static final int SERVER_ERROR_RETRIES = 3;
	/** HubSpot's limit for CRM searches: four a second per token (its changelog "CRM Search API Rate Limit Increase"). */
	public static final int SEARCHES_PER_SECOND = 4;

	private final String base;
	private final String token;
	private final Duration timeout;
	private final Sleeper sleeper;
	private final RateLimit rateLimit;
	private final RateLimit searchLimit;
	private final HttpClient http;

	/** HubSpot's answer to a call that succeeded: the status and the JSON body (null when there is none). */
	public record Answer(int status, String body, JsonNode json) {
	}

	/**
	 * @throws IllegalArgumentException when the API base or the token is not one to send calls to
	 *         ({@link #baseProblem}, {@link #tokenProblem})
	 */
	public HubSpotClient(URI apiBase, String token, Duration timeout, Sleeper sleeper) {
		String problem = baseProblem(apiBase);
		if (problem != null) {
			throw new IllegalArgumentException("The API base " + problem);
		}
		problem = tokenProblem(token);
		if (problem != null) {
			throw new IllegalArgumentException("The access token " + problem);
		}
		String text = apiBase.toString();
		this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
		this.token = token;
		this.timeout = timeout;
		this.sleeper = sleeper;
		this.rateLimit = new RateLimit(sleeper);
		this.searchLimit = new RateLimit(sleeper, SEARCHES_PER_SECOND, Duration.ofSeconds(1));
		this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/**
	 * What is wrong with an API base for the token to be sent to, completing "The API base ...", or null: it must be
	 * https (plain http only to this machine, for tests and local proxies), without user, query or fragment.
	 */
	public static String baseProblem(URI base) {
		String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
		String host = base.getHost();
		boolean loopback = host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
		if (host == null || base.getRawUserInfo() != null || base.getRawQuery() != null || base.getRawFragment() != null
				|| !(scheme.equals("https") || scheme.equals("http") && loopback)) {
			return "must be an https:// address (http:// only for localhost), without query: " + base;
		}
		return null;
	}

	/** What is wrong with an access token, completing "The access token ...", or null. */
	public static String tokenProblem(String token) {
		if (token == null || token.isBlank()) {
			return "is not set: it must hold the access token of a HubSpot private app (see docs/deploy.md).";
		}
		if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
			return "contains spaces, line breaks or other characters an access token does not have.";
		}
		return null;
	}

	/** Where the calls go (the API base, without the token): for messages. */
	public String base() {
		return base;
	}

	public Answer send(Request request) throws InterruptedException {
		return send(request, 0);
	}

	/**
	 * {@link #send}, and a server error (5xx) tried again up to {@link #SERVER_ERROR_RETRIES} times: only for calls that
	 * change nothing (GET, search, batch read), which can be repeated whatever HubSpot did with the first.
	 */
	public Answer read(Request request) throws InterruptedException {
		if (request.writes()) {
			throw new IllegalArgumentException(request.line() + " may change the account; it is not retried");
		}
		return send(request, SERVER_ERROR_RETRIES);
	}

	private Answer send(Request request, int serverErrorRetries) throws InterruptedException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.target())).timeout(timeout)
				.header("Authorization", "Bearer " + token).header("Accept", "application/json");
		if (request.body() != null) {
			builder.header("Content-Type", "application/json")
					.method(request.method(),
							HttpRequest.BodyPublishers.ofString(compact(request.body()), StandardCharsets.UTF_8));
		} else {
			builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
		}
		HttpRequest httpRequest = builder.build();
		RateLimit limit = request.isSearch() ? searchLimit : rateLimit;
		int rateLimited = 0;
		int serverErrors = 0;
		while (true) {
			limit.acquire();
			HttpResponse<String> response = exchange(httpRequest, request);
			if (!request.isSearch()) {
				rateLimit.update(response.headers());
			}
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return new Answer(status, response.body(), json(response.body()));
			}
			if (status == 429 && rateLimited < RATE_LIMIT_RETRIES && !dailyLimit(response.body())) {
				Duration wait = retryAfter(response).orElse(backoff(request, response, rateLimited++));
				if (wait.compareTo(LONGEST_WAIT) > 0) {
					throw refused(request, response, " HubSpot asks to wait " + wait.toSeconds() + " s; not waiting that long.");
				}
				sleeper.sleep(wait);
				continue;
			}
			if (status >= 500 && status < 600 && serverErrors < serverErrorRetries) {
				sleeper.sleep(Duration.ofSeconds(1L << serverErrors++));
				continue;
			}
			throw refused(request, response, hint(request, response));
		}
	}

	/**
	 * The wait after a 429 without Retry-After: one second for a per-second limit (searches, policy SECONDLY), else one
	 * burst window, doubled with each attempt.
	 */
	private Duration backoff(Request request, HttpResponse<String> response, int attempt) {
		JsonNode json = json(response.body());
		boolean secondly = request.isSearch() || json != null && "SECONDLY".equalsIgnoreCase(json.path("policyName").asText());
		return (secondly ? Duration.ofSeconds(1) : rateLimit.window()).multipliedBy(1L << attempt);
	}

	/**
	 * One exchange within the deadline, body included: the JDK client's own request timeout ends when the headers
	 * arrive, so an answer whose body stalls would otherwise hold the run for as long as the server keeps it open.
	 */
	private HttpResponse<String> exchange(HttpRequest httpRequest, Request request) throws InterruptedException {
		AtomicBoolean answered = new AtomicBoolean();
		CompletableFuture<HttpResponse<String>> answer = http.sendAsync(httpRequest, info -> {
			answered.set(true);
			return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
		});
		try {
			return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		} catch (TimeoutException e) {
			answer.cancel(true);
			throw noAnswer(request, answered.get());
		} catch (InterruptedException e) {
			answer.cancel(true);
			throw e;
		} catch (ExecutionException e) {
			throw failure(request, e.getCause(), answered.get());
		}
	}

	private HubSpotException noAnswer(Request request, boolean began) {
		return new HubSpotException(Outcome.UNKNOWN, 0, (began ? "no complete answer" : "no answer") + " from HubSpot within "
				+ seconds(timeout) + " to " + request.line() + (began ? " (its answer began, then stopped)." : "."));
	}

	private HubSpotException failure(Request request, Throwable cause, boolean began) {
		if (cause instanceof HttpConnectTimeoutException) {
			return new HubSpotException(Outcome.UNREACHABLE, 0, "could not connect to " + base + " within " + seconds(timeout)
					+ " (" + request.line() + " was not sent).");
		}
		if (cause instanceof HttpTimeoutException) {
			return noAnswer(request, began);
		}
		if (cause instanceof ConnectException || cause instanceof SSLException) {
			return new HubSpotException(Outcome.UNREACHABLE, 0, "cannot reach " + base + ": " + describe(cause) + " ("
					+ request.line() + " was not sent).");
		}
		return new HubSpotException(Outcome.UNKNOWN, 0, "the connection to " + base + " broke off during " + request.line()
				+ ": " + describe(cause) + ".");
	}

	/** An error answer: a refusal, except a server error (5xx), after which HubSpot may have carried the call out. */
	private HubSpotException refused(Request request, HttpResponse<String> response, String hint) {
		int status = response.statusCode();
		boolean serverError = status >= 500 && status < 600;
		return new HubSpotException(serverError ? Outcome.UNKNOWN : Outcome.REFUSED, status, "HubSpot answered " + status
				+ " to " + request.line() + ": " + scrub(hubspotMessage(response.body())) + (hint.isEmpty() ? "" : hint));
	}

	/** What the user can do about an error answer. */
	private static String hint(Request request, HttpResponse<String> response) {
		return switch (response.statusCode()) {
		case 401 -> " HUBSPOT_TOKEN was not accepted: it must be the access token of a HubSpot private app"
				+ " (Settings > Integrations > Private apps > the app > Auth), and not revoked or rotated.";
		case 403 -> request.path().startsWith(Request.OBJECTS)
				? " The private app lacks a scope: reading deals needs crm.objects.deals.read."
				: " The private app lacks a scope: reading pipelines needs crm.schemas.deals.read (ticket pipelines:"
						+ " crm.schemas.tickets.read), changing them crm.schemas.deals.write (crm.schemas.tickets.write).";
		case 429 -> dailyLimit(response.body())
				? " The account's daily API limit is used up; it resets at midnight in the account's time zone."
				: " Still rate-limited after " + RATE_LIMIT_RETRIES + " retries.";
		default -> response.statusCode() >= 500 && request.writes()
				? ". A server error does not say whether HubSpot carried the call out."
				: response.statusCode() >= 500 ? " HubSpot had a server error; try again later." : "";
		};
	}

	/** The message and correlation id of HubSpot's {@code Error} body, else the start of the body. */
	private static String hubspotMessage(String body) {
		JsonNode json = json(body);
		if (json != null && json.hasNonNull("message")) {
			String message = json.get("message").asText();
			return Diagnostic.oneLine(message) + (json.hasNonNull("correlationId")
					? " (correlation id " + json.get("correlationId").asText() + ")" : "");
		}
		String text = Diagnostic.oneLine(body == null ? "" : body);
		return text.isEmpty() ? "(no message)" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
	}

	private static boolean dailyLimit(String body) {
		JsonNode json = json(body);
		return json != null && "DAILY".equalsIgnoreCase(json.path("policyName").asText());
	}

	/** Retry-After as seconds or as an HTTP date. */
	private Optional<Duration> retryAfter(HttpResponse<String> response) {
		Optional<String> value = response.headers().firstValue("Retry-After").map(String::strip);
		if (value.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
		} catch (NumberFormatException e) {
			try {
				Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(sleeper.now(), at);
				return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
			} catch (DateTimeParseException notADate) {
				return Optional.empty();
			}
		}
	}

	private String scrub(String text) {
		return text.replace(token, "[HUBSPOT_TOKEN]");
	}

	private String describe(Throwable e) {
		String message = e.getMessage();
		return scrub(message == null || message.isBlank() ? e.getClass().getSimpleName() : Diagnostic.oneLine(message));
	}

	private static String seconds(Duration duration) {
		return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
	}

	private static JsonNode json(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			return Json.mapper().readTree(body);
		} catch (JsonProcessingException e) {
			return null;
		}
	}

	private static String compact(JsonNode body) {
		try {
			return Json.mapper().writeValueAsString(body);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}
}

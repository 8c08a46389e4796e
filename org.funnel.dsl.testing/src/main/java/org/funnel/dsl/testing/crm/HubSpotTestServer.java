package org.funnel.dsl.testing.crm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.funnel.dsl.testing.crm.HubSpotContract.Version;
import org.funnel.dsl.testing.crm.TestAccount.Refusal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * HubSpot's CRM Pipelines API and the CRM search of deals inside the tests (JDK HTTP server on 127.0.0.1), in each
 * version whose documents are kept (v3, 2026-03, 2026-09; {@link HubSpotContract}), chosen by the request's path as
 * HubSpot chooses it. Every request is checked against that version's OpenAPI spec before anything happens: the
 * operation (method and path template), its path and query parameters (undocumented ones included), and the body
 * against the operation's request schema, with no field the schema does not name. A request HubSpot would reject is
 * answered with 400 and recorded in {@link #violations()}, which the tests require to be empty. Every answer is checked
 * against the operation's response schema too.
 * <p>
 * What the documents say is modelled: ids assigned by the server, 404 for a pipeline id that does not exist or is
 * archived, archived pipelines and stages in GET answers, {@code createdAt}/{@code updatedAt} (a fixed clock that
 * ticks a second per change), deal stage probabilities between 0.0 and 1.0 in steps of 0.1, unique stage labels per
 * pipeline and pipeline labels per object type, stages sorted by display order and then alphabetically by label,
 * {@code isClosed} in deal stage metadata, {@code writePermissions} (a stage not {@code CRM_PERMISSIONS_ENFORCEMENT}
 * is not changed). Records (deals, tickets) can be put into stages; whether a delete of a stage that holds them is
 * refused follows the version ({@link DeleteChecks}): in v3 and 2026-03 only when a check parameter says true, in
 * 2026-09 unless it says false. For 2026-09 the stage DELETE also takes {@code validateDealStageUsagesBeforeDelete},
 * which the guide and changelog document and the spec does not; which flag a deal stage's DELETE honours is
 * {@link #dealCheck}. The deal search counts the deals in the account ({@link DealSearch}).
 * <p>
 * Deals with their stage history ({@link #putDeals}) are found by the search (filters on {@code pipeline},
 * {@code createdate}, {@code hs_object_id}; at most 10,000 results per query) and read by the batch read
 * ({@link DealHistories}: at most 50 inputs with history). With {@link #rateLimits} the server enforces HubSpot's rate
 * limits by the test's clock ({@link Pacing}): 429 with {@code Retry-After} for a client that does not pace itself.
 * <p>
 * HubSpot's search guide sorts with objects ({@code {"propertyName": ..., "direction": "ASCENDING"}}) where its spec
 * says "array of string", and public clients report that strings are not read as sorts: the server takes the guide's
 * objects (checked for their two fields) and validates the rest of the body against the spec.
 * <p>
 * Faults can be injected for the next matching request: an error status with headers (Retry-After) and body, no
 * answer at all, or headers and the start of the body followed by nothing.
 */
public final class HubSpotTestServer implements AutoCloseable {

	/** The private app token the server accepts. */
	public static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";

	/** Which flag a 2026-09 DELETE of a deal stage honours: HubSpot's guide and its spec disagree. */
	public enum DealCheck {
		/** The guide and changelog: {@code validateDealStageUsagesBeforeDelete} (default true) decides for deals. */
		GUIDE,
		/** The spec: {@code validateReferencesBeforeDelete} (default true) decides, whatever the object. */
		SPEC,
		/** Neither: HubSpot's check does not see the deals (a fault, for the client's own check to be tested alone). */
		IGNORED
	}

	private final HttpServer server;
	private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
		Thread thread = new Thread(r, "hubspot-test-server");
		thread.setDaemon(true);
		return thread;
	});
	private final CountDownLatch released = new CountDownLatch(1);
	private final AtomicBoolean closed = new AtomicBoolean();
	private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
	private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
	private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
	private final TestAccount account = new TestAccount();
	private final DealHistories histories = new DealHistories();
	private volatile Supplier<Instant> clock = Instant::now;
	private volatile Pacing pacing;
	private volatile DealCheck dealCheck = DealCheck.GUIDE;
	private long correlation = 1;

	/** An answer given instead of the real one to the next request that matches {@code method} and {@code path} (a regex). */
	public record Fault(String method, String path, int status, Map<String, String> headers, String body, Kind kind,
			int skip) {

		public enum Kind {
			/** The status, headers and body given. */
			ANSWER,
			/** No answer at all (until the server closes). */
			HANG,
			/** The request is carried out; the answer's headers and half its body are sent, then nothing until the server closes. */
			STALLED_BODY
		}

		public static Fault status(String method, String path, int status, Map<String, String> headers, String body) {
			return new Fault(method, path, status, headers, body, Kind.ANSWER, 0);
		}

		/** No answer at all (until the server closes): for client timeouts. */
		public static Fault hang(String method, String path) {
			return new Fault(method, path, 0, Map.of(), null, Kind.HANG, 0);
		}

		/** The request is carried out and its answer begins, then stops mid-body (until the server closes). */
		public static Fault stalledBody(String method, String path) {
			return new Fault(method, path, 0, Map.of(), null, Kind.STALLED_BODY, 0);
		}

		/** The same fault, for the matching request after the next {@code matches} ones. */
		public Fault skipping(int matches) {
			return new Fault(method, path, status, headers, body, kind, matches);
		}
	}

	/** What a handler answers. */
	private record Answer(int status, JsonNode body) {
	}

	/** An operation of a spec, the spec's version and the path parameters of the request. */
	private record Operation(HubSpotContract contract, String template, String method, JsonNode spec,
			Map<String, String> pathParameters) {

		/** "DELETE /{objectType}/{pipelineId}/stages/{stageId}": the operation within its API. */
		String route() {
			String prefix = template.startsWith(contract.version().pipelinesPrefix()) ? contract.version().pipelinesPrefix()
					: contract.version().dealsPrefix();
			return method + " " + template.substring(prefix.length());
		}

		Version version() {
			return contract.version();
		}
	}

	private HubSpotTestServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(executor);
		server.createContext("/", this::handle);
	}

	public static HubSpotTestServer start() throws IOException {
		HubSpotTestServer server = new HubSpotTestServer();
		server.server.start();
		return server;
	}

	/** Where the API is, for {@code --api-base}. */
	public String apiBase() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Puts the pipelines of a GET answer ({@code {"results": [...]}}) into the account, ids and dates as they are. */
	public synchronized HubSpotTestServer load(String objectType, JsonNode answer) {
		account.load(objectType, answer);
		return this;
	}

	/** Puts {@code count} deals (or tickets) into a stage. */
	public synchronized void putRecords(String objectType, String pipelineId, String stageId, int count) {
		account.putRecords(objectType, pipelineId, stageId, count);
	}

	/** Puts deals with their history into the account: a saved batch read answer ({@code results}) or a list of deals. */
	public synchronized HubSpotTestServer putDeals(JsonNode answer) {
		histories.put(answer.has("results") ? answer.get("results") : answer);
		return this;
	}

	/** How many deals with history the account holds. */
	public synchronized int dealCount() {
		return histories.size();
	}

	/**
	 * From now on HubSpot's rate limits are enforced by this clock (the client's, so that its waits count), which also
	 * dates the batch reads' answers.
	 */
	public void rateLimits(Supplier<Instant> clock) {
		this.clock = clock;
		this.pacing = new Pacing(clock);
	}

	/** Which flag a 2026-09 deal stage DELETE honours (HubSpot's guide's by default). */
	public void dealCheck(DealCheck check) {
		dealCheck = check;
	}

	/** The account's pipelines of a type as GET answers them (archived ones included). */
	public synchronized ObjectNode pipelines(String objectType) {
		return account.pipelinesJson(objectType);
	}

	/** The next request that matches is answered with the fault instead. */
	public void fault(Fault fault) {
		faults.add(fault);
	}

	/** Requests HubSpot would have rejected, and answers that do not match the spec; empty when all is well. */
	public List<String> violations() {
		return List.copyOf(violations);
	}

	/** Every request received, as "METHOD /path?query", in order. */
	public List<String> requests() {
		return List.copyOf(requests);
	}

	/** The requests that would change the account: everything but GET and search. */
	public List<String> writes() {
		return requests().stream()
				.filter(r -> !r.startsWith("GET ") && !r.endsWith("/search") && !r.contains("/batch/read")).toList();
	}

	@Override
	public void close() {
		if (closed.compareAndSet(false, true)) {
			released.countDown();
			server.stop(0);
			executor.shutdownNow();
		}
	}

	// ---------------------------------------------------------------- the exchange

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String rawPath = exchange.getRequestURI().getRawPath();
			String rawQuery = exchange.getRequestURI().getRawQuery();
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String target = rawPath + (rawQuery == null ? "" : "?" + rawQuery);
			requests.add(method + " " + target);
			List<String> problems = new ArrayList<>();
			Operation operation = operation(method, rawPath, problems);
			Map<String, String> query = query(rawQuery, problems);
			JsonNode json = null;
			if (operation != null) {
				checkParameters(operation, query, problems);
				json = checkBody(operation, exchange.getRequestHeaders().getFirst("Content-Type"), body, problems);
			}
			if (!problems.isEmpty()) {
				problems.forEach(p -> violations.add(method + " " + target + ": " + p));
				send(exchange, operation, new Answer(400, error("VALIDATION_ERROR", String.join("; ", problems))), false);
				return;
			}
			respond(exchange, operation, json, query, takeFault(method, rawPath));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (RuntimeException e) {
			violations.add("the test server failed: " + e);
			throw e;
		}
	}

	/** A valid request: the fault asked for, a 401 without the token, else what the account answers. */
	private void respond(HttpExchange exchange, Operation operation, JsonNode json, Map<String, String> query, Fault fault)
			throws IOException, InterruptedException {
		if (fault != null && fault.kind() == Fault.Kind.HANG) {
			released.await();
			return;
		}
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (!("Bearer " + TOKEN).equals(authorization)) {
			// As HubSpot answers an unknown token (its answers seen in HubSpot's own client libraries' issues).
			ObjectNode error = error("INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth"
					+ " 2.0 authentication and you can find more details at"
					+ " https://developers.hubspot.com/docs/methods/auth/oauth-overview");
			error.put("status", "error");
			exchange.getResponseHeaders().add("X-HubSpot-Auth-Failure", "401 Unauthorized");
			send(exchange, operation, new Answer(401, error), false);
			return;
		}
		if (fault != null && fault.kind() == Fault.Kind.ANSWER) {
			sendFault(exchange, fault);
			return;
		}
		Pacing.Refused refused = pacing == null ? null : pacing.take(operation.route().equals("POST /search"));
		if (refused != null) {
			exchange.getResponseHeaders().add("Retry-After", String.valueOf(refused.retryAfter()));
			send(exchange, operation, new Answer(429, rateLimited(refused.policy())), false);
			return;
		}
		Answer answer;
		try {
			answer = dispatch(operation, json, query);
		} catch (Refusal refusal) {
			answer = new Answer(refusal.status, error(refusal.category, refusal.getMessage()));
		}
		send(exchange, operation, answer, fault != null);
		if (fault != null) {
			released.await();
		}
	}

	/** The answer a test asked for instead of the spec's. */
	private static void sendFault(HttpExchange exchange, Fault fault) throws IOException {
		byte[] bytes = fault.body() == null ? new byte[0] : fault.body().getBytes(StandardCharsets.UTF_8);
		fault.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
		exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
		exchange.sendResponseHeaders(fault.status(), bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private synchronized Fault takeFault(String method, String rawPath) {
		for (int i = 0; i < faults.size(); i++) {
			Fault fault = faults.get(i);
			if (fault.method().equals(method) && rawPath.matches(fault.path())) {
				if (fault.skip() > 0) {
					faults.set(i, fault.skipping(fault.skip() - 1));
					continue;
				}
				faults.remove(i);
				return fault;
			}
		}
		return null;
	}

	/** Sends the answer; {@code stall}: its headers and the first half of its body only, the rest never. */
	private void send(HttpExchange exchange, Operation operation, Answer answer, boolean stall) throws IOException {
		if (operation != null) {
			checkAnswer(operation, answer);
		}
		byte[] bytes = answer.body() == null ? new byte[0] : TestAccount.JSON.writeValueAsBytes(answer.body());
		if (bytes.length > 0) {
			exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
		}
		exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
		OutputStream out = exchange.getResponseBody();
		if (stall) {
			out.write(bytes, 0, bytes.length / 2);
			out.flush();
			return;
		}
		try (out) {
			out.write(bytes);
		}
	}

	/**
	 * HubSpot's 429: the fields its answers carry in public reports ({@code status}, {@code errorType},
	 * {@code policyName}) and the {@code category} its changelog names and its spec's {@code Error} requires.
	 */
	private ObjectNode rateLimited(String policy) {
		ObjectNode error = error("RATE_LIMITS", policy.equals("SECONDLY") ? "You have reached your secondly limit."
				: "You have reached your ten_secondly_rolling limit.");
		error.put("status", "error");
		error.put("errorType", "RATE_LIMIT");
		error.put("policyName", policy);
		return error;
	}

	private ObjectNode error(String category, String message) {
		ObjectNode error = TestAccount.JSON.createObjectNode();
		error.put("message", message);
		error.put("correlationId",
				UUID.nameUUIDFromBytes(("request " + correlation++).getBytes(StandardCharsets.UTF_8)).toString());
		error.put("category", category);
		return error;
	}

	// ---------------------------------------------------------------- the spec's side

	private static final List<HubSpotContract> CONTRACTS = List.of(HubSpotContract.pipelines(Version.V3),
			HubSpotContract.pipelines(Version.V2026_03), HubSpotContract.pipelines(Version.V2026_09),
			HubSpotContract.deals(Version.V3), HubSpotContract.deals(Version.V2026_03), HubSpotContract.deals(Version.V2026_09));

	private static Operation operation(String method, String rawPath, List<String> problems) {
		for (HubSpotContract contract : CONTRACTS) {
			for (Iterator<String> it = contract.spec().get("paths").fieldNames(); it.hasNext();) {
				String template = it.next();
				Map<String, String> parameters = match(template, rawPath);
				if (parameters == null) {
					continue;
				}
				JsonNode spec = contract.spec().get("paths").get(template).get(method.toLowerCase(Locale.ROOT));
				if (spec == null) {
					problems.add(method + " is not an operation of " + template + " in HubSpot's spec");
					return null;
				}
				return new Operation(contract, template, method, spec, parameters);
			}
		}
		problems.add("no path of HubSpot's spec matches " + rawPath);
		return null;
	}

	/** The path parameters when {@code rawPath} fits the template, else null. */
	private static Map<String, String> match(String template, String rawPath) {
		List<String> names = new ArrayList<>();
		Matcher placeholders = Pattern.compile("\\{([^}]+)}").matcher(template);
		StringBuilder regex = new StringBuilder();
		int last = 0;
		while (placeholders.find()) {
			regex.append(Pattern.quote(template.substring(last, placeholders.start()))).append("([^/]+)");
			names.add(placeholders.group(1));
			last = placeholders.end();
		}
		regex.append(Pattern.quote(template.substring(last)));
		Matcher matcher = Pattern.compile(regex.toString()).matcher(rawPath);
		if (!matcher.matches()) {
			return null;
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		for (int i = 0; i < names.size(); i++) {
			parameters.put(names.get(i), URLDecoder.decode(matcher.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	private static Map<String, String> query(String rawQuery, List<String> problems) {
		Map<String, String> query = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			if (query.put(name, value) != null) {
				problems.add("query parameter " + name + " is given twice");
			}
		}
		return query;
	}

	/**
	 * The query parameters an operation takes: its spec's, and for the 2026-09 stage DELETE also
	 * {@code validateDealStageUsagesBeforeDelete}, which HubSpot's 2026-09 guide and changelog name for it.
	 */
	private static Map<String, JsonNode> queryParameters(Operation operation) {
		Map<String, JsonNode> documented = new HashMap<>();
		for (JsonNode parameter : operation.spec().path("parameters")) {
			if (parameter.get("in").asText().equals("query")) {
				documented.put(parameter.get("name").asText(), parameter);
			}
		}
		if (operation.version() == Version.V2026_09
				&& operation.route().equals("DELETE /{objectType}/{pipelineId}/stages/{stageId}")) {
			ObjectNode guide = TestAccount.JSON.createObjectNode().put("name", DeleteChecks.DEAL_STAGE_USAGES).put("in", "query");
			guide.putObject("schema").put("type", "boolean").put("default", true);
			documented.putIfAbsent(DeleteChecks.DEAL_STAGE_USAGES, guide);
		}
		return documented;
	}

	private static void checkParameters(Operation operation, Map<String, String> query, List<String> problems) {
		Map<String, JsonNode> documented = queryParameters(operation);
		for (JsonNode parameter : operation.spec().path("parameters")) {
			String name = parameter.get("name").asText();
			if (parameter.get("in").asText().equals("query") && parameter.path("required").asBoolean()
					&& !query.containsKey(name)) {
				problems.add("required query parameter " + name + " is missing");
			} else if (parameter.get("in").asText().equals("path")) {
				String value = operation.pathParameters().get(name);
				if (value == null || value.isEmpty()) {
					problems.add("path parameter " + name + " is empty");
				} else {
					checkValue("path parameter " + name, value, parameter.get("schema"), problems);
				}
			}
		}
		query.forEach((name, value) -> {
			JsonNode parameter = documented.get(name);
			if (parameter == null) {
				problems.add("query parameter " + name + " is not one of " + operation.method() + " " + operation.template()
						+ " in HubSpot's spec");
			} else {
				checkValue("query parameter " + name, value, parameter.get("schema"), problems);
			}
		});
	}

	private static void checkValue(String what, String value, JsonNode schema, List<String> problems) {
		String type = schema == null ? "string" : schema.path("type").asText("string");
		boolean ok = switch (type) {
		case "boolean" -> value.equals("true") || value.equals("false");
		case "integer" -> value.matches("-?\\d+");
		default -> true;
		};
		if (!ok) {
			problems.add(what + " is '" + value + "', not a " + type);
		}
		if (schema != null && schema.hasNonNull("pattern")
				&& !Pattern.compile(schema.get("pattern").asText()).matcher(value).find()) {
			problems.add(what + " does not match " + schema.get("pattern").asText());
		}
	}

	private static JsonNode checkBody(Operation operation, String contentType, byte[] body, List<String> problems) {
		JsonNode requestBody = operation.spec().get("requestBody");
		if (requestBody == null) {
			if (body.length > 0) {
				problems.add("the operation takes no body, but one was sent");
			}
			return null;
		}
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
			problems.add("the body must be application/json, was " + contentType);
			return null;
		}
		JsonNode json;
		try {
			json = TestAccount.JSON.readTree(body);
		} catch (IOException e) {
			problems.add("the body is not JSON: " + e.getMessage());
			return null;
		}
		String schema = schemaName(requestBody.at("/content/application~1json/schema"));
		JsonNode checked = schema.equals("PublicObjectSearchRequest") ? guideSorts(json, problems) : json;
		for (String problem : operation.contract().problems(checked, schema)) {
			problems.add("body (" + schema + "): " + problem);
		}
		return json;
	}

	/** A search body with the guide's sort objects checked and put as the spec's strings, for the schema to read the rest. */
	private static JsonNode guideSorts(JsonNode body, List<String> problems) {
		if (!body.path("sorts").isArray()) {
			return body;
		}
		ObjectNode copy = body.deepCopy();
		com.fasterxml.jackson.databind.node.ArrayNode sorts = copy.putArray("sorts");
		for (JsonNode sort : body.get("sorts")) {
			if (!sort.isObject()) {
				sorts.add(sort);
				continue;
			}
			String direction = sort.path("direction").asText();
			if (!sort.path("propertyName").isTextual() || !(direction.equals("ASCENDING") || direction.equals("DESCENDING"))
					|| sort.size() != 2) {
				problems.add("body: a sort must be {\"propertyName\": ..., \"direction\": \"ASCENDING\"|\"DESCENDING\"}, not "
						+ sort);
			}
			sorts.add(sort.path("propertyName").asText());
		}
		return copy;
	}

	private void checkAnswer(Operation operation, Answer answer) {
		JsonNode response = operation.spec().path("responses").get(String.valueOf(answer.status()));
		if (answer.status() < 200 || answer.status() >= 300) {
			check(operation, answer.body(), "Error");
			return;
		}
		if (response == null) {
			violations.add("answer: " + operation.method() + " " + operation.template() + " has no " + answer.status()
					+ " answer in HubSpot's spec");
			return;
		}
		JsonNode schema = response.at("/content/application~1json/schema");
		if (schema.isMissingNode()) {
			if (answer.body() != null) {
				violations.add("answer: " + answer.status() + " of " + operation.template() + " has no content in the spec");
			}
			return;
		}
		check(operation, answer.body(), schemaName(schema));
	}

	/** Schema validation only: HubSpot's answers may carry fields its spec does not name. */
	private void check(Operation operation, JsonNode node, String schema) {
		for (String problem : operation.contract().schemaProblems(node, schema)) {
			violations.add("answer (" + schema + "): " + problem);
		}
	}

	private static String schemaName(JsonNode schema) {
		String ref = schema.path("$ref").asText();
		return ref.substring(ref.lastIndexOf('/') + 1);
	}

	// ---------------------------------------------------------------- the account

	private synchronized Answer dispatch(Operation operation, JsonNode body, Map<String, String> query) {
		Map<String, String> path = operation.pathParameters();
		String route = operation.route();
		if (route.equals("POST /search")) {
			List<String> notModelled = new ArrayList<>();
			ObjectNode answer = DealSearch.answer(account, histories, body, notModelled);
			violations.addAll(notModelled);
			return new Answer(200, answer);
		}
		if (route.equals("POST /batch/read")) {
			DealHistories.Read read = histories.read(body, clock.get());
			return new Answer(read.status(), read.body());
		}
		String objectType = path.get("objectType");
		if (objectType == null) {
			return unknown(operation);
		}
		account.of(objectType);
		return switch (route) {
		case "GET /{objectType}" -> new Answer(200, account.pipelinesJson(objectType));
		case "POST /{objectType}" -> new Answer(201, account.json(objectType, account.createPipeline(objectType, body)));
		default -> path.containsKey("pipelineId") ? pipelineOperation(operation, objectType, body, query) : unknown(operation);
		};
	}

	private Answer pipelineOperation(Operation operation, String objectType, JsonNode body, Map<String, String> query) {
		String id = operation.pathParameters().get("pipelineId");
		boolean checked = DeleteChecks.pipelineCall(operation.version(), objectType, query, dealCheck);
		return switch (operation.route()) {
		case "GET /{objectType}/{pipelineId}" -> new Answer(200, account.json(objectType, account.pipeline(objectType, id)));
		case "PATCH /{objectType}/{pipelineId}" ->
			new Answer(200, account.json(objectType, account.updatePipeline(objectType, id, body)));
		case "PUT /{objectType}/{pipelineId}" ->
			new Answer(200, account.json(objectType, account.replacePipeline(objectType, id, body, checked)));
		case "DELETE /{objectType}/{pipelineId}" -> {
			account.archivePipeline(objectType, id, checked);
			yield new Answer(204, null);
		}
		default -> stageOperation(operation, objectType, account.pipeline(objectType, id), body, query);
		};
	}

	private Answer stageOperation(Operation operation, String objectType, TestAccount.Pipeline pipeline, JsonNode body,
			Map<String, String> query) {
		String stageId = operation.pathParameters().get("stageId");
		return switch (operation.route()) {
		case "GET /{objectType}/{pipelineId}/stages" -> new Answer(200, account.stagesJson(objectType, pipeline));
		case "POST /{objectType}/{pipelineId}/stages" ->
			new Answer(201, TestAccount.json(objectType, account.createStage(objectType, pipeline, body)));
		case "GET /{objectType}/{pipelineId}/stages/{stageId}" ->
			new Answer(200, TestAccount.json(objectType, TestAccount.stage(pipeline, stageId)));
		case "PATCH /{objectType}/{pipelineId}/stages/{stageId}", "PUT /{objectType}/{pipelineId}/stages/{stageId}" ->
			new Answer(200, TestAccount.json(objectType, account.updateStage(objectType, pipeline,
					TestAccount.stage(pipeline, stageId), body, operation.method().equals("PUT"))));
		case "DELETE /{objectType}/{pipelineId}/stages/{stageId}" -> {
			account.deleteStage(pipeline, TestAccount.stage(pipeline, stageId),
					DeleteChecks.stageDelete(operation.version(), objectType, query, dealCheck));
			yield new Answer(204, null);
		}
		default -> unknown(operation);
		};
	}

	private static Answer unknown(Operation operation) {
		throw new IllegalStateException("the test server does not implement " + operation.method() + " " + operation.template());
	}

	/** For tests of the server itself: the stage's write permissions become {@code value}. */
	public synchronized void writePermissions(String objectType, String pipelineId, String stageId, String value) {
		TestAccount.stage(account.pipeline(objectType, pipelineId), stageId).writePermissions = value;
	}
}

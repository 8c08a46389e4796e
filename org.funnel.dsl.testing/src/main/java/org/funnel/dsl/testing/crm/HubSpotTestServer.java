package org.funnel.dsl.testing.crm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HubSpot's CRM Pipelines API v3 inside the tests (JDK HTTP server on 127.0.0.1), as HubSpot's own
 * OpenAPI spec ({@link HubSpotContract}) describes it. Every request is checked against the spec
 * before anything happens: the operation (method and path template), its path and query parameters
 * (undocumented ones included), and the body against the operation's request schema, with no field
 * the schema does not name. A request HubSpot would reject is answered with 400 and recorded in
 * {@link #violations()}, which the tests require to be empty. Every answer is checked against the
 * operation's response schema too.
 * <p>
 * What the spec's descriptions say is modelled: ids assigned by the server, 404 for a pipeline id
 * that does not exist or is archived, archived pipelines and stages in GET answers,
 * {@code createdAt}/{@code updatedAt} (a fixed clock that ticks a second per change), deal stage
 * probabilities between 0.0 and 1.0 in steps of 0.1, unique stage labels per pipeline and pipeline
 * labels per object type, {@code isClosed} in deal stage metadata (HubSpot closes a deal at 0.0 and
 * 1.0). Records (deals, tickets) can be put into stages; a DELETE with
 * {@code validateReferencesBeforeDelete=true} (and a pipeline call with either check) is refused
 * while the stage holds records, as HubSpot's pipelines guide describes the check; the v3 spec's
 * defaults (false) delete regardless. Faults (an error status, headers such as Retry-After, or no
 * answer at all) can be injected for the next matching request.
 */
public final class HubSpotTestServer implements AutoCloseable {

	/** The private app token the server accepts. */
	public static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";

	private static final ObjectMapper JSON = new ObjectMapper();

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
	private final Map<String, List<Pipeline>> pipelines = new TreeMap<>();
	private long nextId = 90_000_001L;
	private long correlation = 1;
	private Instant now = Instant.parse("2026-11-30T09:00:00Z");

	/** An answer given instead of the real one to the next request that matches {@code method} and {@code path} (a regex). */
	public record Fault(String method, String path, int status, Map<String, String> headers, String body, boolean hang) {

		public static Fault status(String method, String path, int status, Map<String, String> headers, String body) {
			return new Fault(method, path, status, headers, body, false);
		}

		/** No answer at all (until the server closes): for client timeouts. */
		public static Fault hang(String method, String path) {
			return new Fault(method, path, 0, Map.of(), null, true);
		}
	}

	private static final class Pipeline {
		String id;
		String label;
		int displayOrder;
		boolean archived;
		String createdAt;
		String updatedAt;
		String archivedAt;
		final List<Stage> stages = new ArrayList<>();
	}

	private static final class Stage {
		String id;
		String label;
		int displayOrder;
		final Map<String, String> metadata = new TreeMap<>();
		boolean archived;
		String createdAt;
		String updatedAt;
		String archivedAt;
		String writePermissions = "CRM_PERMISSIONS_ENFORCEMENT";
		int records;
	}

	/** What a handler answers. */
	private record Answer(int status, JsonNode body, String schema) {
	}

	private static final class Refusal extends RuntimeException {
		private static final long serialVersionUID = 1L;
		final int status;
		final String category;

		Refusal(int status, String category, String message) {
			super(message);
			this.status = status;
			this.category = category;
		}
	}

	private HubSpotTestServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(executor);
		server.createContext("/", this::handle);
		pipelines.put("deals", new ArrayList<>());
		pipelines.put("tickets", new ArrayList<>());
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
		for (JsonNode node : answer.get("results")) {
			Pipeline pipeline = new Pipeline();
			pipeline.id = node.get("id").asText();
			pipeline.label = node.get("label").asText();
			pipeline.displayOrder = node.get("displayOrder").asInt();
			pipeline.archived = node.path("archived").asBoolean();
			pipeline.createdAt = node.get("createdAt").asText();
			pipeline.updatedAt = node.get("updatedAt").asText();
			pipeline.archivedAt = node.hasNonNull("archivedAt") ? node.get("archivedAt").asText() : null;
			for (JsonNode s : node.get("stages")) {
				Stage stage = new Stage();
				stage.id = s.get("id").asText();
				stage.label = s.get("label").asText();
				stage.displayOrder = s.get("displayOrder").asInt();
				s.get("metadata").fields().forEachRemaining(f -> {
					if (!f.getKey().equals("isClosed")) {
						stage.metadata.put(f.getKey(), f.getValue().asText());
					}
				});
				stage.archived = s.path("archived").asBoolean();
				stage.createdAt = s.get("createdAt").asText();
				stage.updatedAt = s.get("updatedAt").asText();
				stage.archivedAt = s.hasNonNull("archivedAt") ? s.get("archivedAt").asText() : null;
				if (s.hasNonNull("writePermissions")) {
					stage.writePermissions = s.get("writePermissions").asText();
				}
				pipeline.stages.add(stage);
			}
			pipelines.get(objectType).add(pipeline);
		}
		return this;
	}

	/** Puts {@code count} deals (or tickets) into a stage. */
	public synchronized void putRecords(String objectType, String pipelineId, String stageId, int count) {
		stage(pipeline(objectType, pipelineId), stageId).records = count;
	}

	/** The account's pipelines of a type as GET /crm/v3/pipelines/{objectType} answers (archived ones included). */
	public synchronized ObjectNode pipelines(String objectType) {
		ObjectNode answer = JSON.createObjectNode();
		ArrayNode results = answer.putArray("results");
		pipelines.get(objectType).forEach(p -> results.add(json(objectType, p)));
		return answer;
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

	/** The requests that would change the account (everything but GET). */
	public List<String> writes() {
		return requests().stream().filter(r -> !r.startsWith("GET ")).toList();
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
				send(exchange, operation, new Answer(400, error("VALIDATION_ERROR", String.join("; ", problems)), "Error"),
						Map.of());
				return;
			}
			Fault fault = takeFault(method, rawPath);
			if (fault != null && fault.hang()) {
				released.await();
				return;
			}
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (!("Bearer " + TOKEN).equals(authorization)) {
				ObjectNode error = error("INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports"
						+ " both API Key and OAuth 2.0 authentication.");
				error.put("status", "error");
				send(exchange, operation, new Answer(401, error, "Error"), Map.of());
				return;
			}
			if (fault != null) {
				sendFault(exchange, fault);
				return;
			}
			Answer answer;
			try {
				answer = dispatch(operation, json, query);
			} catch (Refusal refusal) {
				answer = new Answer(refusal.status, error(refusal.category, refusal.getMessage()), "Error");
			}
			send(exchange, operation, answer, Map.of());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (RuntimeException e) {
			violations.add("the test server failed: " + e);
			throw e;
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
		for (Iterator<Fault> it = faults.iterator(); it.hasNext();) {
			Fault fault = it.next();
			if (fault.method().equals(method) && rawPath.matches(fault.path())) {
				it.remove();
				return fault;
			}
		}
		return null;
	}

	private void send(HttpExchange exchange, Operation operation, Answer answer, Map<String, String> headers) throws IOException {
		if (operation != null) {
			checkAnswer(operation, answer);
		}
		headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
		byte[] bytes = answer.body() == null ? new byte[0] : JSON.writeValueAsBytes(answer.body());
		if (bytes.length > 0) {
			exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
		}
		exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private ObjectNode error(String category, String message) {
		ObjectNode error = JSON.createObjectNode();
		error.put("message", message);
		error.put("correlationId",
				UUID.nameUUIDFromBytes(("request " + correlation++).getBytes(StandardCharsets.UTF_8)).toString());
		error.put("category", category);
		return error;
	}

	// ---------------------------------------------------------------- the spec's side

	/** An operation of the spec and the path parameters of the request. */
	private record Operation(String template, String method, JsonNode spec, Map<String, String> pathParameters) {
		String id() {
			return spec.get("operationId").asText();
		}
	}

	private static Operation operation(String method, String rawPath, List<String> problems) {
		JsonNode paths = HubSpotContract.spec().get("paths");
		for (Iterator<String> it = paths.fieldNames(); it.hasNext();) {
			String template = it.next();
			List<String> names = new ArrayList<>();
			Matcher names1 = Pattern.compile("\\{([^}]+)}").matcher(template);
			StringBuilder regex = new StringBuilder();
			int last = 0;
			while (names1.find()) {
				regex.append(Pattern.quote(template.substring(last, names1.start()))).append("([^/]+)");
				names.add(names1.group(1));
				last = names1.end();
			}
			regex.append(Pattern.quote(template.substring(last)));
			Matcher matcher = Pattern.compile(regex.toString()).matcher(rawPath);
			if (!matcher.matches()) {
				continue;
			}
			JsonNode spec = paths.get(template).get(method.toLowerCase(Locale.ROOT));
			if (spec == null) {
				problems.add(method + " is not an operation of " + template + " in HubSpot's spec");
				return null;
			}
			Map<String, String> parameters = new LinkedHashMap<>();
			for (int i = 0; i < names.size(); i++) {
				parameters.put(names.get(i), URLDecoder.decode(matcher.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
			}
			return new Operation(template, method, spec, parameters);
		}
		problems.add("no path of HubSpot's spec matches " + rawPath);
		return null;
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

	private static void checkParameters(Operation operation, Map<String, String> query, List<String> problems) {
		Map<String, JsonNode> documented = new HashMap<>();
		for (JsonNode parameter : operation.spec().path("parameters")) {
			String name = parameter.get("name").asText();
			String in = parameter.get("in").asText();
			if (in.equals("query")) {
				documented.put(name, parameter);
				if (parameter.path("required").asBoolean() && !query.containsKey(name)) {
					problems.add("required query parameter " + name + " is missing");
				}
			} else if (in.equals("path")) {
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
			json = JSON.readTree(body);
		} catch (IOException e) {
			problems.add("the body is not JSON: " + e.getMessage());
			return null;
		}
		String schema = schemaName(requestBody.at("/content/application~1json/schema"));
		for (String problem : HubSpotContract.problems(json, schema)) {
			problems.add("body (" + schema + "): " + problem);
		}
		return json;
	}

	private void checkAnswer(Operation operation, Answer answer) {
		JsonNode response = operation.spec().path("responses").get(String.valueOf(answer.status()));
		if (answer.status() >= 200 && answer.status() < 300) {
			if (response == null) {
				violations.add("answer: " + operation.method() + " " + operation.template() + " has no " + answer.status()
						+ " answer in HubSpot's spec");
				return;
			}
			JsonNode schema = response.at("/content/application~1json/schema");
			if (schema.isMissingNode()) {
				if (answer.body() != null) {
					violations.add("answer: " + answer.status() + " of " + operation.id() + " has no content in the spec");
				}
				return;
			}
			check("answer", answer.body(), schemaName(schema));
		} else {
			check("answer", answer.body(), "Error");
		}
	}

	/** Schema validation only: HubSpot's answers may carry fields its spec does not name. */
	private void check(String what, JsonNode node, String schema) {
		for (ValidationMessage message : HubSpotContract.schema(schema).validate(node)) {
			violations.add(what + " (" + schema + "): " + message.getMessage());
		}
	}

	private static String schemaName(JsonNode schema) {
		String ref = schema.path("$ref").asText();
		return ref.substring(ref.lastIndexOf('/') + 1);
	}

	// ---------------------------------------------------------------- the account

	private synchronized Answer dispatch(Operation operation, JsonNode body, Map<String, String> query) {
		Map<String, String> path = operation.pathParameters();
		String objectType = path.get("objectType");
		if (!pipelines.containsKey(objectType)) {
			throw new Refusal(400, "VALIDATION_ERROR", "Unable to infer object type from: " + objectType);
		}
		String id = operation.id();
		String name = id.substring(id.lastIndexOf('_') + 1);
		boolean stages = operation.template().contains("/stages");
		if (operation.template().endsWith("/audit")) {
			throw new IllegalStateException("the audit endpoints are not implemented by the test server");
		}
		if (!stages) {
			return switch (name) {
			case "getAll" -> new Answer(200, pipelines(objectType), "CollectionResponsePipelineNoPaging");
			case "create" -> new Answer(201, json(objectType, createPipeline(objectType, body)), "Pipeline");
			case "getById" -> new Answer(200, json(objectType, pipeline(objectType, path.get("pipelineId"))), "Pipeline");
			case "update" ->
				new Answer(200, json(objectType, updatePipeline(objectType, path.get("pipelineId"), body)), "Pipeline");
			case "replace" -> new Answer(200, json(objectType, replacePipeline(objectType, path.get("pipelineId"), body, query)),
					"Pipeline");
			case "archive" -> {
				archivePipeline(objectType, path.get("pipelineId"), query);
				yield new Answer(204, null, null);
			}
			default -> throw new IllegalStateException(id);
			};
		}
		Pipeline pipeline = pipeline(objectType, path.get("pipelineId"));
		return switch (name) {
		case "getAll" -> {
			ObjectNode answer = JSON.createObjectNode();
			ArrayNode results = answer.putArray("results");
			pipeline.stages.forEach(s -> results.add(json(objectType, s)));
			yield new Answer(200, answer, "CollectionResponsePipelineStageNoPaging");
		}
		case "create" -> new Answer(201, json(objectType, createStage(objectType, pipeline, body)), "PipelineStage");
		case "getById" -> new Answer(200, json(objectType, stage(pipeline, path.get("stageId"))), "PipelineStage");
		case "update", "replace" -> new Answer(200, json(objectType, updateStage(objectType, pipeline,
				stage(pipeline, path.get("stageId")), body, name.equals("replace"))), "PipelineStage");
		case "archive" -> {
			Stage stage = stage(pipeline, path.get("stageId"));
			if ("true".equals(query.get("validateReferencesBeforeDelete")) && stage.records > 0) {
				throw new Refusal(400, "VALIDATION_ERROR", "Stage " + stage.id + " is in use by " + stage.records + " records"
						+ " and cannot be deleted.");
			}
			archive(stage);
			pipeline.updatedAt = tick();
			yield new Answer(204, null, null);
		}
		default -> throw new IllegalStateException(id);
		};
	}

	private Pipeline pipeline(String objectType, String id) {
		for (Pipeline pipeline : pipelines.get(objectType)) {
			if (pipeline.id.equals(id) && !pipeline.archived) {
				return pipeline;
			}
		}
		throw new Refusal(404, "OBJECT_NOT_FOUND", "Unable to find pipeline " + id + " for " + objectType + ".");
	}

	private static Stage stage(Pipeline pipeline, String id) {
		for (Stage stage : pipeline.stages) {
			if (stage.id.equals(id) && !stage.archived) {
				return stage;
			}
		}
		throw new Refusal(404, "OBJECT_NOT_FOUND", "Unable to find stage " + id + " in pipeline " + pipeline.id + ".");
	}

	private String tick() {
		now = now.plusSeconds(1);
		return now.toString();
	}

	private String newId() {
		return String.valueOf(nextId++);
	}

	private Pipeline createPipeline(String objectType, JsonNode body) {
		String label = body.get("label").asText();
		checkPipelineLabel(objectType, null, label);
		Pipeline pipeline = new Pipeline();
		if (body.hasNonNull("pipelineId")) {
			String wanted = body.get("pipelineId").asText();
			if (pipelines.get(objectType).stream().anyMatch(p -> p.id.equals(wanted))) {
				throw new Refusal(409, "CONFLICT", "A pipeline with id " + wanted + " already exists.");
			}
			pipeline.id = wanted;
		} else {
			pipeline.id = newId();
		}
		pipeline.label = label;
		pipeline.displayOrder = body.get("displayOrder").asInt();
		pipeline.createdAt = tick();
		pipeline.updatedAt = pipeline.createdAt;
		for (JsonNode stage : body.get("stages")) {
			pipeline.stages.add(newStage(objectType, pipeline, stage));
		}
		pipelines.get(objectType).add(pipeline);
		return pipeline;
	}

	private Pipeline updatePipeline(String objectType, String id, JsonNode body) {
		Pipeline pipeline = pipeline(objectType, id);
		if (body.has("archived")) {
			throw new Refusal(400, "VALIDATION_ERROR", "archived may only be given to restore an archived pipeline.");
		}
		if (body.has("label")) {
			checkPipelineLabel(objectType, pipeline, body.get("label").asText());
			pipeline.label = body.get("label").asText();
		}
		if (body.has("displayOrder")) {
			pipeline.displayOrder = body.get("displayOrder").asInt();
		}
		pipeline.updatedAt = tick();
		return pipeline;
	}

	private Pipeline replacePipeline(String objectType, String id, JsonNode body, Map<String, String> query) {
		Pipeline pipeline = pipeline(objectType, id);
		checkPipelineLabel(objectType, pipeline, body.get("label").asText());
		List<Stage> kept = new ArrayList<>();
		for (JsonNode node : body.get("stages")) {
			if (node.hasNonNull("stageId")) {
				pipeline.stages.stream().filter(s -> !s.archived && s.id.equals(node.get("stageId").asText())).findFirst()
						.ifPresent(kept::add);
			}
		}
		for (Stage stage : pipeline.stages) {
			if (!stage.archived && !kept.contains(stage) && stage.records > 0 && checks(query)) {
				throw new Refusal(400, "VALIDATION_ERROR", "Stage " + stage.id + " is in use and cannot be deleted.");
			}
		}
		pipeline.stages.stream().filter(s -> !s.archived && !kept.contains(s)).forEach(this::archive);
		pipeline.label = body.get("label").asText();
		pipeline.displayOrder = body.get("displayOrder").asInt();
		for (JsonNode node : body.get("stages")) {
			Stage existing = node.hasNonNull("stageId") ? kept.stream().filter(s -> s.id.equals(node.get("stageId").asText()))
					.findFirst().orElse(null) : null;
			if (existing == null) {
				pipeline.stages.add(newStage(objectType, pipeline, node));
			} else {
				updateStage(objectType, pipeline, existing, node, true);
			}
		}
		pipeline.updatedAt = tick();
		return pipeline;
	}

	private void archivePipeline(String objectType, String id, Map<String, String> query) {
		Pipeline pipeline = pipeline(objectType, id);
		if (checks(query) && pipeline.stages.stream().anyMatch(s -> !s.archived && s.records > 0)) {
			throw new Refusal(400, "VALIDATION_ERROR", "Pipeline " + id + " is in use and cannot be deleted.");
		}
		pipeline.archived = true;
		pipeline.archivedAt = tick();
		pipeline.updatedAt = pipeline.archivedAt;
	}

	private static boolean checks(Map<String, String> query) {
		return "true".equals(query.get("validateReferencesBeforeDelete"))
				|| "true".equals(query.get("validateDealStageUsagesBeforeDelete"));
	}

	private void archive(Stage stage) {
		stage.archived = true;
		stage.archivedAt = tick();
		stage.updatedAt = stage.archivedAt;
	}

	private void checkPipelineLabel(String objectType, Pipeline self, String label) {
		for (Pipeline other : pipelines.get(objectType)) {
			if (other != self && !other.archived && other.label.equalsIgnoreCase(label)) {
				throw new Refusal(400, "VALIDATION_ERROR", "A pipeline with label " + label + " already exists.");
			}
		}
	}

	private Stage createStage(String objectType, Pipeline pipeline, JsonNode body) {
		Stage stage = newStage(objectType, pipeline, body);
		pipeline.stages.add(stage);
		pipeline.updatedAt = stage.createdAt;
		return stage;
	}

	private Stage newStage(String objectType, Pipeline pipeline, JsonNode body) {
		Stage stage = new Stage();
		if (body.hasNonNull("stageId")) {
			String wanted = body.get("stageId").asText();
			boolean taken = pipelines.get(objectType).stream().flatMap(p -> p.stages.stream()).anyMatch(s -> s.id.equals(wanted))
					|| pipeline.stages.stream().anyMatch(s -> s.id.equals(wanted));
			if (taken) {
				throw new Refusal(409, "CONFLICT", "A stage with id " + wanted + " already exists.");
			}
			stage.id = wanted;
		} else {
			stage.id = newId();
		}
		stage.createdAt = tick();
		stage.updatedAt = stage.createdAt;
		apply(objectType, pipeline, stage, body, true);
		return stage;
	}

	private Stage updateStage(String objectType, Pipeline pipeline, Stage stage, JsonNode body, boolean replace) {
		if (body.has("archived") && body.get("archived").asBoolean()) {
			throw new Refusal(400, "VALIDATION_ERROR", "Use DELETE to archive a stage.");
		}
		apply(objectType, pipeline, stage, body, replace);
		stage.updatedAt = tick();
		pipeline.updatedAt = stage.updatedAt;
		return stage;
	}

	/** A stage's label, display order and metadata from a request, as HubSpot checks them. */
	private static void apply(String objectType, Pipeline pipeline, Stage stage, JsonNode body, boolean replace) {
		if (body.has("label")) {
			String label = body.get("label").asText();
			for (Stage other : pipeline.stages) {
				if (other != stage && !other.archived && other.label.equalsIgnoreCase(label)) {
					throw new Refusal(400, "VALIDATION_ERROR", "A stage with label " + label + " already exists in pipeline "
							+ pipeline.id + ".");
				}
			}
		}
		JsonNode metadata = body.get("metadata");
		if (metadata != null) {
			if (objectType.equals("deals")) {
				JsonNode probability = metadata.get("probability");
				if (probability == null) {
					throw new Refusal(400, "VALIDATION_ERROR", "Deal stages require metadata.probability.");
				}
				BigDecimal value;
				try {
					value = new BigDecimal(probability.asText());
				} catch (NumberFormatException e) {
					throw new Refusal(400, "VALIDATION_ERROR", "probability " + probability.asText() + " is not a number.");
				}
				if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0
						|| value.remainder(new BigDecimal("0.1")).signum() != 0) {
					throw new Refusal(400, "VALIDATION_ERROR", "probability " + probability.asText()
							+ " must be between 0.0 and 1.0 in increments of 0.1.");
				}
			} else if (metadata.has("ticketState") && !List.of("OPEN", "CLOSED").contains(metadata.get("ticketState").asText())) {
				throw new Refusal(400, "VALIDATION_ERROR", "ticketState must be OPEN or CLOSED.");
			}
			if (replace) {
				stage.metadata.clear();
			}
			metadata.fields().forEachRemaining(f -> stage.metadata.put(f.getKey(), f.getValue().asText()));
		}
		if (body.has("label")) {
			stage.label = body.get("label").asText();
		}
		if (body.has("displayOrder")) {
			stage.displayOrder = body.get("displayOrder").asInt();
		}
	}

	private ObjectNode json(String objectType, Pipeline pipeline) {
		ObjectNode node = JSON.createObjectNode();
		node.put("label", pipeline.label);
		node.put("displayOrder", pipeline.displayOrder);
		node.put("id", pipeline.id);
		ArrayNode stages = node.putArray("stages");
		pipeline.stages.stream()
				.sorted((a, b) -> a.displayOrder != b.displayOrder ? Integer.compare(a.displayOrder, b.displayOrder)
						: a.label.compareToIgnoreCase(b.label))
				.forEach(s -> stages.add(json(objectType, s)));
		node.put("createdAt", pipeline.createdAt);
		node.put("updatedAt", pipeline.updatedAt);
		if (pipeline.archivedAt != null) {
			node.put("archivedAt", pipeline.archivedAt);
		}
		node.put("archived", pipeline.archived);
		return node;
	}

	private static ObjectNode json(String objectType, Stage stage) {
		ObjectNode node = JSON.createObjectNode();
		node.put("label", stage.label);
		node.put("displayOrder", stage.displayOrder);
		ObjectNode metadata = node.putObject("metadata");
		if (objectType.equals("deals") && stage.metadata.containsKey("probability")) {
			BigDecimal probability = new BigDecimal(stage.metadata.get("probability"));
			metadata.put("isClosed", String.valueOf(probability.signum() == 0 || probability.compareTo(BigDecimal.ONE) == 0));
		}
		stage.metadata.forEach(metadata::put);
		node.put("id", stage.id);
		node.put("createdAt", stage.createdAt);
		node.put("updatedAt", stage.updatedAt);
		if (stage.archivedAt != null) {
			node.put("archivedAt", stage.archivedAt);
		}
		node.put("archived", stage.archived);
		node.put("writePermissions", stage.writePermissions);
		return node;
	}
}

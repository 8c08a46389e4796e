package org.funnel.dsl.testing.lsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@link LanguageServerConnection} message by message, as bytes and JSON: unlike lsp4j, this can also send what no
 * well-behaved client sends (broken JSON, wrong headers, unknown methods) and read every message the server sent.
 * Requests sent here have numeric ids (from 1001), so their answers stay here and do not confuse lsp4j.
 */
public final class RawMessages {

	public static final ObjectMapper JSON = new ObjectMapper();
	private static final AtomicInteger IDS = new AtomicInteger(1000);

	private final LanguageServerConnection<?> connection;
	/** The server's messages read so far, each parsed once. */
	private final List<JsonNode> parsed = new ArrayList<>();

	RawMessages(LanguageServerConnection<?> connection) {
		this.connection = connection;
	}

	/** Sends bytes as they are: a header and body, or anything else. */
	public void sendRaw(byte[] bytes) throws IOException {
		connection.send(bytes);
	}

	/** Sends a body with a correct header. */
	public void sendBody(String body) throws IOException {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(("Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		frame.write(content);
		sendRaw(frame.toByteArray());
	}

	/** Sends a request and returns its id. */
	public int request(String method, Object params) throws IOException {
		int id = IDS.incrementAndGet();
		connection.rawIds.add(id);
		ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
		if (params != null) {
			message.set("params", JSON.valueToTree(params));
		}
		sendBody(message.toString());
		return id;
	}

	public void notify(String method, Object params) throws IOException {
		ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
		if (params != null) {
			message.set("params", JSON.valueToTree(params));
		}
		sendBody(message.toString());
	}

	/** Sends a request and waits for its response (result or error). */
	public JsonNode call(String method, Object params, Duration timeout) throws Exception {
		return response(request(method, params), timeout);
	}

	public JsonNode response(int id, Duration timeout) throws InterruptedException {
		return await(message -> !message.has("method") && message.path("id").isInt() && message.path("id").asInt() == id,
				timeout, "no response to request " + id + " within " + timeout.toMillis() + " ms");
	}

	/** Waits for a message from the server that matches. */
	public JsonNode await(Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
		return await(condition, timeout, "no matching message within " + timeout.toMillis() + " ms");
	}

	private JsonNode await(Predicate<JsonNode> condition, Duration timeout, String failure) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		int seen = 0;
		while (true) {
			List<JsonNode> messages = received();
			for (; seen < messages.size(); seen++) {
				if (condition.test(messages.get(seen))) {
					return messages.get(seen);
				}
			}
			if (System.nanoTime() >= deadline) {
				throw new AssertionError(failure);
			}
			connection.awaitMore(seen, deadline);
		}
	}

	/** Every message the server sent so far, in order. */
	public synchronized List<JsonNode> received() {
		List<String> texts = connection.received();
		for (String text : texts.subList(parsed.size(), texts.size())) {
			try {
				parsed.add(JSON.readTree(text));
			} catch (JsonProcessingException e) {
				throw new AssertionError("the server sent a message that is not JSON: " + text, e);
			}
		}
		return List.copyOf(parsed);
	}

	/** The last diagnostics published for the document, waiting for ones that match. */
	public JsonNode diagnostics(String uri, Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			JsonNode last = null;
			List<JsonNode> messages = received();
			for (JsonNode message : messages) {
				if ("textDocument/publishDiagnostics".equals(message.path("method").asText())
						&& uri.equals(message.path("params").path("uri").asText())) {
					last = message.path("params").path("diagnostics");
				}
			}
			if (last != null && condition.test(last)) {
				return last;
			}
			if (System.nanoTime() >= deadline) {
				throw new AssertionError("no matching diagnostics for " + uri + "; last: " + last);
			}
			connection.awaitMore(messages.size(), deadline);
		}
	}

	// ---- the protocol's opening

	public JsonNode initialize(Path root) throws Exception {
		ObjectNode params = JSON.createObjectNode();
		params.put("processId", ProcessHandle.current().pid());
		params.set("capabilities", JSON.valueToTree(LanguageServerConnection.capabilities()));
		if (root != null) {
			String uri = LanguageServerConnection.uri(root);
			params.put("rootUri", uri);
			params.set("workspaceFolders", JSON.createArrayNode().add(JSON.createObjectNode().put("uri", uri).put("name", "w")));
		}
		JsonNode result = call("initialize", params, Duration.ofSeconds(60));
		notify("initialized", JSON.createObjectNode());
		return result;
	}

	public void open(String uri, String text) throws IOException {
		notify("textDocument/didOpen",
				Map.of("textDocument", Map.of("uri", uri, "languageId", "funnel", "version", 1, "text", text)));
	}

	public static Map<String, Object> position(String uri, int line, int character) {
		return Map.of("textDocument", Map.of("uri", uri), "position", Map.of("line", line, "character", character));
	}
}

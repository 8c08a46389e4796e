package org.funnel.dsl.tests.robustness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.funnel.dsl.tests.lsp.LanguageServerProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real language server jar, spoken to byte by byte: unlike the lsp4j client of the protocol
 * tests, this one can also send what no well-behaved client sends (broken JSON, wrong headers,
 * unknown methods), and watch the process itself (exit code, heap).
 */
final class RawLanguageServer implements AutoCloseable {

	static final ObjectMapper JSON = new ObjectMapper();
	private static final AtomicInteger COUNT = new AtomicInteger();

	private final Process process;
	private final OutputStream in;
	private final Path log;
	private final Map<Integer, JsonNode> responses = new ConcurrentHashMap<>();
	private final List<JsonNode> received = new CopyOnWriteArrayList<>();
	private final AtomicInteger ids = new AtomicInteger(1000);
	private final Thread reader;

	private RawLanguageServer(Process process, Path log) {
		this.process = process;
		this.in = process.getOutputStream();
		this.log = log;
		this.reader = new Thread(this::read, "raw-lsp-reader");
		reader.setDaemon(true);
		reader.start();
	}

	static RawLanguageServer start() throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path logs = Files.createDirectories(Path.of("org.funnel.dsl.tests", "target", "lsp-logs"));
		Path log = logs.resolve("raw-server-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet() + ".log");
		List<String> command = new ArrayList<>(List.of(java, "-Xss4m", "-Xmx512m"));
		if (Runtime.version().feature() >= 23) {
			command.add("--sun-misc-unsafe-memory-access=allow");
		}
		command.addAll(List.of("-jar", LanguageServerProcess.serverJar().toString(), "--stdio"));
		Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
		return new RawLanguageServer(process, log);
	}

	Process process() {
		return process;
	}

	String log() throws IOException {
		return Files.readString(log);
	}

	// ---- sending ----

	/** Sends bytes as they are: a header and body, or anything else. */
	synchronized void sendRaw(byte[] bytes) throws IOException {
		in.write(bytes);
		in.flush();
	}

	/** Sends a body with a correct header. */
	void sendBody(String body) throws IOException {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(("Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		frame.write(content);
		sendRaw(frame.toByteArray());
	}

	/** Sends a request and returns its id. */
	int request(String method, Object params) throws IOException {
		int id = ids.incrementAndGet();
		ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
		if (params != null) {
			message.set("params", JSON.valueToTree(params));
		}
		sendBody(message.toString());
		return id;
	}

	void notify(String method, Object params) throws IOException {
		ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
		if (params != null) {
			message.set("params", JSON.valueToTree(params));
		}
		sendBody(message.toString());
	}

	/** Sends a request and waits for its response (result or error). */
	JsonNode call(String method, Object params, Duration timeout) throws Exception {
		return response(request(method, params), timeout);
	}

	JsonNode response(int id, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (responses) {
			while (!responses.containsKey(id)) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("no response to request " + id + " within " + timeout.toMillis() + " ms");
				}
				responses.wait(Math.max(1, left / 1_000_000));
			}
			return responses.get(id);
		}
	}

	/** Waits for a message from the server that matches. */
	JsonNode await(Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (responses) {
			while (true) {
				for (JsonNode message : received) {
					if (condition.test(message)) {
						return message;
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("no matching message within " + timeout.toMillis() + " ms");
				}
				responses.wait(Math.max(1, left / 1_000_000));
			}
		}
	}

	List<JsonNode> received() {
		return List.copyOf(received);
	}

	/** The last diagnostics published for the document, waiting for ones that match. */
	JsonNode diagnostics(String uri, Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (responses) {
			while (true) {
				JsonNode last = null;
				for (JsonNode message : received) {
					if ("textDocument/publishDiagnostics".equals(message.path("method").asText())
							&& uri.equals(message.path("params").path("uri").asText())) {
						last = message.path("params").path("diagnostics");
					}
				}
				if (last != null && condition.test(last)) {
					return last;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("no matching diagnostics for " + uri + "; last: " + last);
				}
				responses.wait(Math.max(1, left / 1_000_000));
			}
		}
	}

	// ---- the protocol's opening and closing ----

	JsonNode initialize(Path root) throws Exception {
		ObjectNode params = JSON.createObjectNode();
		params.put("processId", ProcessHandle.current().pid());
		params.set("capabilities", JSON.valueToTree(LanguageServerProcess.capabilities()));
		if (root != null) {
			String uri = LanguageServerProcess.uri(root);
			params.put("rootUri", uri);
			params.set("workspaceFolders", JSON.createArrayNode().add(JSON.createObjectNode().put("uri", uri).put("name", "w")));
		}
		JsonNode result = call("initialize", params, Duration.ofSeconds(60));
		notify("initialized", JSON.createObjectNode());
		return result;
	}

	void open(String uri, String text) throws IOException {
		notify("textDocument/didOpen",
				Map.of("textDocument", Map.of("uri", uri, "languageId", "funnel", "version", 1, "text", text)));
	}

	static Map<String, Object> position(String uri, int line, int character) {
		return Map.of("textDocument", Map.of("uri", uri), "position", Map.of("line", line, "character", character));
	}

	/** Waits for the process to end; its exit code, or null if it is still running. */
	Integer waitForExit(Duration timeout) throws InterruptedException {
		return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
	}

	/** Heap in use after a full collection, in MB, as the JDK's jcmd reports it for the process. */
	long heapAfterGcMb() throws Exception {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		run(jcmd, Long.toString(process.pid()), "GC.run");
		String info = run(jcmd, Long.toString(process.pid()), "GC.heap_info");
		// e.g. " garbage-first heap   total reserved 524288K, committed 65536K, used 23456K [0x..."
		Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
		if (!used.find()) {
			throw new AssertionError("jcmd GC.heap_info said: " + info);
		}
		return Long.parseLong(used.group(1)) / 1024;
	}

	private static String run(String... command) throws Exception {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
			throw new AssertionError(String.join(" ", command) + " failed: " + out);
		}
		return out;
	}

	// ---- receiving ----

	private void read() {
		try (InputStream out = process.getInputStream()) {
			while (true) {
				int length = -1;
				StringBuilder line = new StringBuilder();
				while (true) {
					int c = out.read();
					if (c < 0) {
						return;
					}
					if (c == '\n') {
						String header = line.toString().strip();
						if (header.isEmpty()) {
							break;
						}
						if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
							length = Integer.parseInt(header.substring(header.indexOf(':') + 1).strip());
						}
						line.setLength(0);
					} else {
						line.append((char) c);
					}
				}
				byte[] body = out.readNBytes(length);
				JsonNode message = JSON.readTree(body);
				answerServerRequests(message);
				received.add(message);
				if (message.has("id") && !message.has("method") && message.get("id").canConvertToInt()) {
					responses.put(message.get("id").asInt(), message);
				}
				synchronized (responses) {
					responses.notifyAll();
				}
			}
		} catch (IOException e) {
			// The process ended.
		} finally {
			synchronized (responses) {
				responses.notifyAll();
			}
		}
	}

	/** What VS Code answers to the server's own requests (configuration, registration, progress). */
	private void answerServerRequests(JsonNode message) throws IOException {
		if (!message.has("method") || !message.has("id")) {
			return;
		}
		ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
		answer.set("id", message.get("id"));
		if ("workspace/configuration".equals(message.get("method").asText())) {
			answer.set("result", JSON.createArrayNode());
		} else {
			answer.putNull("result");
		}
		sendBody(answer.toString());
	}

	@Override
	public void close() throws Exception {
		try {
			if (process.isAlive()) {
				request("shutdown", null);
				notify("exit", null);
			}
		} catch (IOException e) {
			// Already gone.
		}
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}
}

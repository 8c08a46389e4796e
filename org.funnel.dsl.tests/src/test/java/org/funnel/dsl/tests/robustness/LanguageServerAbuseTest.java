package org.funnel.dsl.tests.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import org.eclipse.lsp4j.services.LanguageServer;
import org.funnel.dsl.testing.lsp.LanguageServerConnection;
import org.funnel.dsl.testing.lsp.RawMessages;

/**
 * The language server jar under a client that misbehaves: broken JSON, unknown methods, requests for
 * documents never opened, ten thousand edits in a burst, requests cancelled as soon as sent, a client
 * that disappears. The server answers with JSON-RPC errors where one is due, keeps serving, keeps its
 * heap flat, and exits as the protocol says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguageServerAbuseTest {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	private Path workspace;
	private LanguageServerConnection<LanguageServer> connection;
	private RawMessages server;

	@BeforeAll
	void start() throws Exception {
		workspace = Files.createTempDirectory("funnel-lsp-abuse-");
		Files2.copyShared(workspace);
		connection = startJar();
		server = connection.raw();
		server.initialize(workspace);
	}

	@AfterAll
	void stop() throws Exception {
		if (connection != null) {
			connection.close();
		}
	}

	/** The real jar, with a heap small enough for a leak to show. */
	private static LanguageServerConnection<LanguageServer> startJar() throws Exception {
		Path log = Path.of(System.getProperty("funnel.buildDirectory", "target"), "lsp-logs",
				"raw-server-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".log");
		return LanguageServerConnection.start(LanguageServer.class,
				LanguageServerConnection.javaCommand(LanguageServerConnection.serverJar(), "-Xmx512m"), log);
	}

	private String uri(String name) {
		return LanguageServerConnection.uri(workspace.resolve(name));
	}

	/** The server still works: a hover on an open document answers with the stage's figures. */
	private void assertStillServing() throws Exception {
		String uri = uri("alive-" + System.nanoTime() + ".funnel");
		server.open(uri, "funnel F {\n    stage Lead {\n        moves to Won 40%\n    }\n    won stage Won\n}\n");
		JsonNode hover = server.call("textDocument/hover", RawMessages.position(uri, 1, 11), TIMEOUT);
		assertThat(hover.has("error")).as(hover.toString()).isFalse();
		assertThat(hover.path("result").path("contents").toString()).contains("40%");
	}

	@Test
	void brokenJsonIsAParseErrorAndTheServerGoesOn() throws Exception {
		server.sendBody("{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": \"textDocument/hover\", \"params\": {");
		server.sendBody("this is not JSON at all");
		server.sendBody("[1, 2, 3]");
		assertStillServing();
	}

	@Test
	void unknownMethodsAreMethodNotFound() throws Exception {
		JsonNode response = server.call("funnel/doesNotExist", Map.of("x", 1), TIMEOUT);
		assertThat(response.path("error").path("code").asInt()).as(response.toString()).isEqualTo(-32601);
		// An unknown notification gets no answer and does no harm.
		server.notify("funnel/unknownNotification", Map.of("x", 1));
		assertStillServing();
	}

	@Test
	void invalidParamsAreAnErrorNotACrash() throws Exception {
		JsonNode response = server.call("textDocument/hover", Map.of("bogus", true), TIMEOUT);
		assertThat(response.has("error") || response.path("result").isNull()).as(response.toString()).isTrue();
		JsonNode negative = server.call("textDocument/hover", RawMessages.position(uri("x.funnel"), -5, -1), TIMEOUT);
		assertThat(negative.has("error") || negative.path("result").isNull()).as(negative.toString()).isTrue();
		assertStillServing();
	}

	@Test
	void requestsForDocumentsNeverOpenedAreAnswered() throws Exception {
		String never = uri("never-opened.funnel");
		for (String method : List.of("textDocument/hover", "textDocument/completion", "textDocument/definition",
				"textDocument/references", "textDocument/documentHighlight")) {
			Map<String, Object> params = new HashMap<>(RawMessages.position(never, 0, 0));
			if (method.endsWith("references")) {
				params.put("context", Map.of("includeDeclaration", true));
			}
			JsonNode response = server.call(method, params, TIMEOUT);
			assertThat(response.has("result") || response.has("error")).as(method + ": " + response).isTrue();
		}
		for (String method : List.of("textDocument/documentSymbol", "textDocument/formatting", "textDocument/codeLens",
				"textDocument/foldingRange", "textDocument/semanticTokens/full")) {
			Map<String, Object> params = new HashMap<>(Map.of("textDocument", Map.of("uri", never)));
			if (method.endsWith("formatting")) {
				params.put("options", Map.of("tabSize", 4, "insertSpaces", true));
			}
			JsonNode response = server.call(method, params, TIMEOUT);
			assertThat(response.has("result") || response.has("error")).as(method + ": " + response).isTrue();
		}
		// Changes and closes of documents that are not open are ignored.
		server.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", never, "version", 2),
				"contentChanges", List.of(Map.of("text", "funnel X {}"))));
		server.notify("textDocument/didClose", Map.of("textDocument", Map.of("uri", never)));
		assertStillServing();
	}

	@Test
	void formattingAFileWithADuplicateSettingAnswersWithNoEdits() throws Exception {
		// Xtext's formatter threw on this (found by fuzzing); the server answered with an internal error.
		String uri = uri("duplicate.funnel");
		server.open(uri, "funnel F {\n  stage Lead {\n deal value 1 EUR\n deal value 2 EUR\n }\n won stage Won\n}\n");
		JsonNode response = server.call("textDocument/formatting",
				Map.of("textDocument", Map.of("uri", uri), "options", Map.of("tabSize", 4, "insertSpaces", true)), TIMEOUT);
		assertThat(response.has("error")).as(response.toString()).isFalse();
		assertThat(response.path("result").size()).isZero();
	}

	@Test
	void tenThousandEditsInABurstEndInTheRightDiagnostics() throws Exception {
		String uri = uri("burst.funnel");
		String text = "funnel Burst {\n    stage Lead {\n        moves to Won 40%\n    }\n    won stage Won\n}\n";
		server.open(uri, text);
		long start = System.nanoTime();
		// Each edit types one character into the label position and deletes it again: 10 000 changes.
		for (int version = 2; version <= 10_001; version++) {
			boolean insert = version % 2 == 0;
			Map<String, Object> range = Map.of("start", Map.of("line", 2, "character", 17), "end",
					Map.of("line", 2, "character", insert ? 17 : 18));
			server.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", uri, "version", version),
					"contentChanges", List.of(Map.of("range", range, "text", insert ? "X" : ""))));
		}
		// The last edit removed the character again; now break the reference for real.
		server.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", uri, "version", 10_002),
				"contentChanges", List.of(Map.of("range", Map.of("start", Map.of("line", 2, "character", 17), "end",
						Map.of("line", 2, "character", 20)), "text", "Nowhere"))));
		JsonNode diagnostics = server.diagnostics(uri,
				d -> d.size() > 0 && d.toString().contains("Nowhere"), TIMEOUT);
		assertThat(diagnostics.toString()).contains("unresolved-reference");
		long seconds = (System.nanoTime() - start) / 1_000_000_000;
		assertThat(seconds).as("seconds for 10 000 edits").isLessThan(120);
		assertStillServing();
	}

	@Test
	void cancelledRequestsAreAnsweredAndDoNoHarm() throws Exception {
		String uri = uri("cancel.funnel");
		server.open(uri, Files.readString(Path.of("examples/hubspot-default.funnel")));
		List<Integer> ids = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			int id = server.request(i % 2 == 0 ? "textDocument/completion" : "textDocument/hover",
					RawMessages.position(uri, 10, 8));
			server.notify("$/cancelRequest", Map.of("id", id));
			ids.add(id);
		}
		for (int id : ids) {
			JsonNode response = server.response(id, TIMEOUT);
			// Either it was done before the cancel arrived, or it says it was cancelled.
			if (response.has("error")) {
				assertThat(response.path("error").path("code").asInt()).as(response.toString()).isEqualTo(-32800);
			}
		}
		// Cancelling what does not exist is ignored.
		server.notify("$/cancelRequest", Map.of("id", 987654));
		assertStillServing();
	}

	@Test
	void theHeapStaysFlatWhileDocumentsComeAndGo() throws Exception {
		String text = Files.readString(Path.of("examples/b2b.funnel"));
		Files.copy(Path.of("examples/b2b.funnel"), workspace.resolve("b2b-source.funnel"),
				StandardCopyOption.REPLACE_EXISTING);
		cycle(text, 0, 200); // warm up: classes loaded, caches filled
		long baseline = connection.heapAfterGcMb();
		cycle(text, 200, 1200);
		long after = connection.heapAfterGcMb();
		System.out.println("language server heap after GC: " + baseline + " MB, after 1000 more documents opened, "
				+ "edited and closed: " + after + " MB");
		// A leak of even a few KB per document would show as tens of MB.
		assertThat(after - baseline).isLessThan(40);
		assertStillServing();
	}

	private void cycle(String text, int from, int to) throws Exception {
		for (int i = from; i < to; i++) {
			String uri = uri("doc-" + i + ".funnel");
			server.open(uri, text);
			server.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", uri, "version", 2),
					"contentChanges", List.of(Map.of("text", text.replace("B2B new business", "B2B " + i)))));
			if (i % 50 == 0) {
				// Now and then wait for the server to catch up, as a human would.
				server.diagnostics(uri, d -> true, TIMEOUT);
			}
			server.notify("textDocument/didClose", Map.of("textDocument", Map.of("uri", uri)));
		}
		server.call("textDocument/hover", RawMessages.position(uri("doc-" + from + ".funnel"), 0, 0), TIMEOUT);
	}

	// ---- one server each: the end of the connection ----

	@Test
	void shutdownThenExitEndsTheProcessWithZero(@TempDir Path dir) throws Exception {
		try (LanguageServerConnection<LanguageServer> process = startJar()) {
			RawMessages own = process.raw();
			own.initialize(dir);
			JsonNode shutdown = own.call("shutdown", null, TIMEOUT);
			assertThat(shutdown.has("error")).as(shutdown.toString()).isFalse();
			own.notify("exit", null);
			assertThat(process.waitForExit(Duration.ofSeconds(20))).isEqualTo(0);
			assertThat(Files.readString(process.log())).doesNotContain("Exception");
		}
	}

	@Test
	void aClientThatDisappearsLeavesNoServerBehind(@TempDir Path dir) throws Exception {
		try (LanguageServerConnection<LanguageServer> process = startJar()) {
			RawMessages own = process.raw();
			own.initialize(dir);
			own.open(LanguageServerProcessUri.of(dir.resolve("a.funnel")), "funnel A {\n    won stage Won\n}\n");
			// The editor crashed: its end of the pipes is closed, no shutdown, no exit.
			process.process().getOutputStream().close();
			assertThat(process.waitForExit(Duration.ofSeconds(20))).as("the server exits by itself").isNotNull();
		}
	}

	@Test
	void garbageInsteadOfAHeaderDoesNotHangTheServer(@TempDir Path dir) throws Exception {
		try (LanguageServerConnection<LanguageServer> process = startJar()) {
			RawMessages own = process.raw();
			own.initialize(dir);
			own.sendRaw("Content-Length: banana\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
			own.sendRaw("Content-Length: 5\r\n\r\n{\"a\":".getBytes(StandardCharsets.US_ASCII));
			own.sendRaw(new byte[] { (byte) 0xff, (byte) 0xfe, 0, 1, 2, '\r', '\n', '\r', '\n' });
			// Either it recovers and still answers, or it ends the connection: it never hangs.
			Integer exit = process.waitForExit(Duration.ofSeconds(2));
			if (exit == null) {
				int id = own.request("shutdown", null);
				JsonNode response = null;
				try {
					response = own.response(id, Duration.ofSeconds(30));
				} catch (AssertionError e) {
					// no answer: it must then have ended
				}
				if (response == null) {
					assertThat(process.waitForExit(Duration.ofSeconds(20))).as("silent and still running").isNotNull();
				}
			}
		}
	}

	/** file: URIs as the protocol tests write them. */
	static final class LanguageServerProcessUri {
		static String of(Path path) {
			return LanguageServerConnection.uri(path);
		}
	}
}

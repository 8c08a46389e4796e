package org.funnel.dsl.tests.lsp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ApplyWorkspaceEditResponse;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.funnel.dsl.ide.server.EditorClient;

/**
 * The editor's side of the protocol, as a test needs it: it records what the server publishes and
 * answers the server's requests the way VS Code would.
 */
public class RecordingClient extends EditorClient {

	private final Map<String, List<Diagnostic>> diagnostics = new HashMap<>();
	private final Map<String, Long> published = new HashMap<>();
	private final List<MessageParams> messages = new ArrayList<>();

	@Override
	public synchronized void publishDiagnostics(PublishDiagnosticsParams params) {
		diagnostics.put(params.getUri(), params.getDiagnostics());
		published.put(params.getUri(), System.nanoTime());
		notifyAll();
	}

	/**
	 * Waits until the latest diagnostics published for the document satisfy the condition, and
	 * returns them; fails with what was published last when they do not within the time.
	 */
	public synchronized List<Diagnostic> awaitDiagnostics(String uri, Predicate<List<Diagnostic>> condition,
			Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<Diagnostic> current = diagnostics.get(uri);
			if (current != null && condition.test(current)) {
				return current;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new AssertionError("No matching diagnostics for " + uri + " within " + timeout.toMillis()
						+ " ms; last published: " + current + "\nall published: " + diagnostics.keySet());
			}
			wait(Math.max(1, left / 1_000_000));
		}
	}

	/** When diagnostics for the document were last published (System.nanoTime), or 0. */
	public synchronized long lastPublished(String uri) {
		return published.getOrDefault(uri, 0L);
	}

	public synchronized List<Diagnostic> diagnostics(String uri) {
		return diagnostics.get(uri);
	}

	public synchronized List<MessageParams> messages() {
		return new ArrayList<>(messages);
	}

	@Override
	public synchronized void showMessage(MessageParams message) {
		messages.add(message);
	}

	@Override
	public synchronized void logMessage(MessageParams message) {
		messages.add(message);
	}

	@Override
	public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public CompletableFuture<ApplyWorkspaceEditResponse> applyEdit(ApplyWorkspaceEditParams params) {
		return CompletableFuture.completedFuture(new ApplyWorkspaceEditResponse(false));
	}
}

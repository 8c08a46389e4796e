package org.funnel.dsl.testing.lsp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ApplyWorkspaceEditResponse;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;

/**
 * The editor's side of the protocol, as a test, the training session or a benchmark needs it: it records every
 * publication of diagnostics (when, for which document, what) and the server's messages, and answers the server's
 * requests the way VS Code would.
 */
public class RecordingClient extends EditorClient {

	/** One publication of a document's diagnostics, and when it arrived (System.nanoTime). */
	public record Published(long nanos, String uri, List<Diagnostic> diagnostics) {
	}

	private final List<Published> published = new ArrayList<>();
	private final Map<String, Published> latest = new HashMap<>();
	private final List<MessageParams> messages = new ArrayList<>();
	private int codeLensRefreshes;
	private final List<Registration> registrations = new ArrayList<>();

	@Override
	public synchronized void publishDiagnostics(PublishDiagnosticsParams params) {
		Published publication = new Published(System.nanoTime(), params.getUri(), params.getDiagnostics());
		published.add(publication);
		latest.put(params.getUri(), publication);
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
			List<Diagnostic> current = diagnostics(uri);
			if (current != null && condition.test(current)) {
				return current;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new AssertionError("No matching diagnostics for " + uri + " within " + timeout.toMillis()
						+ " ms; last published: " + current + "\nall published: " + latest.keySet());
			}
			wait(Math.max(1, left / 1_000_000));
		}
	}

	/**
	 * Waits for the first publication for the document, made at or after {@code since} (System.nanoTime), whose
	 * diagnostics {@code difference} finds nothing wrong with (it returns null); fails naming the last difference.
	 */
	public synchronized Published awaitPublished(String uri, long since, Function<List<Diagnostic>, String> difference,
			Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		String lastDifference = "nothing published";
		int checked = 0;
		while (true) {
			for (; checked < published.size(); checked++) {
				Published p = published.get(checked);
				if (p.nanos() < since || !uri.equals(p.uri())) {
					continue;
				}
				lastDifference = difference.apply(p.diagnostics());
				if (lastDifference == null) {
					return p;
				}
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new AssertionError("no diagnostics as expected for " + uri + " within " + timeout.toSeconds() + " s: "
						+ lastDifference);
			}
			wait(Math.max(1, left / 1_000_000));
		}
	}

	/** When diagnostics for the document were last published (System.nanoTime), or 0. */
	public synchronized long lastPublished(String uri) {
		Published publication = latest.get(uri);
		return publication == null ? 0L : publication.nanos();
	}

	/** The diagnostics last published for the document, or null. */
	public synchronized List<Diagnostic> diagnostics(String uri) {
		Published publication = latest.get(uri);
		return publication == null ? null : publication.diagnostics();
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

	/** The server registers a capability (client/registerCapability), e.g. files it wants to hear about: accepted. */
	@Override
	public synchronized CompletableFuture<Void> registerCapability(RegistrationParams params) {
		registrations.addAll(params.getRegistrations());
		notifyAll();
		return CompletableFuture.completedFuture(null);
	}

	/** Waits for a registration the condition accepts and returns it; fails naming those registered after the time. */
	public synchronized Registration awaitRegistration(Predicate<Registration> condition, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			for (Registration registration : registrations) {
				if (condition.test(registration)) {
					return registration;
				}
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new AssertionError("No matching registration within " + timeout.toMillis() + " ms; registered: "
						+ registrations);
			}
			wait(Math.max(1, left / 1_000_000));
		}
	}

	/** The server asks for code lenses again (workspace/codeLens/refresh): it has new ones to show. */
	@Override
	public synchronized CompletableFuture<Void> refreshCodeLenses() {
		codeLensRefreshes++;
		notifyAll();
		return CompletableFuture.completedFuture(null);
	}

	/** How often the server has asked for code lenses again so far. */
	public synchronized int codeLensRefreshes() {
		return codeLensRefreshes;
	}

	/** Waits until the server has asked for code lenses again more than {@code seen} times; fails after the time. */
	public synchronized void awaitCodeLensRefresh(int seen, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (codeLensRefreshes <= seen) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new AssertionError("No workspace/codeLens/refresh within " + timeout.toMillis() + " ms");
			}
			wait(Math.max(1, left / 1_000_000));
		}
	}
}

package org.funnel.dsl.testing.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.UnregistrationParams;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The editor's side of the protocol for a program that talks to the server without a person: it answers
 * the server's requests as VS Code does when nobody changed a setting or clicked a message (no settings,
 * registrations accepted, no choice made) and lets messages pass. {@link RecordingClient} builds on it.
 */
public abstract class EditorClient implements LanguageClient {

	@Override
	public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
		List<Object> none = new ArrayList<>();
		params.getItems().forEach(item -> none.add(null));
		return CompletableFuture.completedFuture(none);
	}

	@Override
	public CompletableFuture<Void> registerCapability(RegistrationParams params) {
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public CompletableFuture<Void> unregisterCapability(UnregistrationParams params) {
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void telemetryEvent(Object object) {
	}

	@Override
	public void showMessage(MessageParams message) {
	}

	@Override
	public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void logMessage(MessageParams message) {
	}
}

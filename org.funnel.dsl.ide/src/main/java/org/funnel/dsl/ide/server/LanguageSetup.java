package org.funnel.dsl.ide.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.resource.ResourceServiceProviderServiceLoader;

/**
 * The language's set-up (its Guice injector, EMF registration, grammar), started on a thread of its own
 * as soon as the server starts, while the main thread sets up the server and its connection to the
 * client: the first time, each takes a few hundred milliseconds, most of it one-time class initialization
 * and reflection, and a language server has two cores or more. The server's registry of languages is
 * this one ({@link FunnelServerModule}), so the language is set up once, as before.
 */
final class LanguageSetup {

	private static CompletableFuture<IResourceServiceProvider.Registry> registry;

	private LanguageSetup() {
	}

	/** Starts the set-up, unless it has started. */
	static synchronized void start() {
		if (registry == null) {
			registry = CompletableFuture.supplyAsync(() -> new ResourceServiceProviderServiceLoader().get(), task -> {
				Thread thread = new Thread(task, "Funnel language set-up");
				thread.setDaemon(true);
				thread.start();
			});
		}
	}

	/** The registry with the Funnel language, once set up; starts the set-up if nothing did. */
	static IResourceServiceProvider.Registry registry() {
		CompletableFuture<IResourceServiceProvider.Registry> setUp;
		synchronized (LanguageSetup.class) {
			start();
			setUp = registry;
		}
		try {
			return setUp.join();
		} catch (CompletionException e) {
			if (e.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw e;
		}
	}
}

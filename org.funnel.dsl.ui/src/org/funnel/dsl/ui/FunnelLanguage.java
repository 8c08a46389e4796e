package org.funnel.dsl.ui;

import org.funnel.dsl.ide.FunnelIdeSetup;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;

/**
 * The Funnel language inside Eclipse: one Guice injector made from the runtime and ide modules,
 * so that the editor uses exactly the services the language server uses (parser, scoping,
 * validation, content assist, hover, quick fixes, formatting).
 */
public final class FunnelLanguage {

	private static volatile Injector injector;

	private FunnelLanguage() {
	}

	public static Injector injector() {
		Injector result = injector;
		if (result == null) {
			synchronized (FunnelLanguage.class) {
				result = injector;
				if (result == null) {
					// Also registers the EPackage and the "funnel" resource factory with EMF.
					result = new FunnelIdeSetup().createInjectorAndDoEMFRegistration();
					injector = result;
				}
			}
		}
		return result;
	}

	public static <T> T get(Class<T> type) {
		return injector().getInstance(type);
	}

	/** A service the language may or may not provide (an interface nothing is bound to gives null). */
	public static <T> T optional(Class<T> type) {
		try {
			return injector().getInstance(type);
		} catch (ConfigurationException e) {
			return null;
		}
	}
}

package org.funnel.dsl.tests;

import org.eclipse.xtext.testing.IInjectorProvider;
import org.funnel.dsl.FunnelStandaloneSetup;

import com.google.inject.Injector;

/** One injector for the language's tests, created the way standalone tools create it. */
public class FunnelInjectorProvider implements IInjectorProvider {

	private static Injector injector;

	@Override
	public synchronized Injector getInjector() {
		if (injector == null) {
			injector = new FunnelStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}
}

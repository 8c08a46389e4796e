package org.funnel.dsl.tests;

import org.eclipse.xtext.testing.IInjectorProvider;
import org.funnel.dsl.FunnelStandaloneSetup;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * One injector for the language's tests, created the way standalone tools create it; with
 * {@code -Dfunnel.bindings=plain}, with Xtext's own services in place of the project's faster ones
 * ({@link XtextDefaultsModule}).
 */
public class FunnelInjectorProvider implements IInjectorProvider {

	private static Injector injector;

	/** Whether this run uses Xtext's own services ({@link XtextDefaultsModule}). */
	public static boolean plainXtext() {
		return "plain".equals(System.getProperty("funnel.bindings"));
	}

	@Override
	public synchronized Injector getInjector() {
		if (injector == null) {
			injector = plainXtext() ? new FunnelStandaloneSetup() {
				@Override
				public Injector createInjector() {
					return Guice.createInjector(XtextDefaultsModule.all());
				}
			}.createInjectorAndDoEMFRegistration() : new FunnelStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}
}

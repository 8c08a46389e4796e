package org.funnel.dsl;

/**
 * Creates the language's injector and registers its EMF package when no Eclipse runs: the command
 * line, the language server and the tests start here. (Xtext generated the first version of this
 * class; it is the project's own now.)
 */
public class FunnelStandaloneSetup extends FunnelStandaloneSetupGenerated {

	public static void doSetup() {
		new FunnelStandaloneSetup().createInjectorAndDoEMFRegistration();
	}
}

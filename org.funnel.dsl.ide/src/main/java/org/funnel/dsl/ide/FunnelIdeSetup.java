package org.funnel.dsl.ide;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.eclipse.xtext.util.Modules2;
import org.funnel.dsl.FunnelRuntimeModule;
import org.funnel.dsl.FunnelStandaloneSetup;

/**
 * Creates the injector of the language with its editor services, for the language server and the
 * Eclipse plugin. (Xtext generated the first version of this class; it is the project's own now.)
 */
public class FunnelIdeSetup extends FunnelStandaloneSetup {

	@Override
	public Injector createInjector() {
		return Guice.createInjector(Modules2.mixin(new FunnelRuntimeModule(), new FunnelIdeModule()));
	}

}

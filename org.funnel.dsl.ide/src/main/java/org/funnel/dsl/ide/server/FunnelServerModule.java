package org.funnel.dsl.ide.server;

import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.resource.IResourceServiceProvider;

import com.google.inject.AbstractModule;

/** The language server's own choices on top of Xtext's {@code ServerModule}. */
public class FunnelServerModule extends AbstractModule {

	@Override
	protected void configure() {
		bind(LanguageServerImpl.class).to(FunnelLanguageServerImpl.class);
		bind(WorkspaceManager.class).to(FunnelWorkspaceManager.class);
		// The language as set up on a thread of its own while the server starts (one registry, not one per use).
		bind(IResourceServiceProvider.Registry.class).toProvider(LanguageSetup::registry);
	}
}

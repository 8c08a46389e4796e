package org.funnel.dsl.ide.server;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.resource.IResourceFactory;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.resource.XtextResourceSet;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provider;

/** The language server's own choices on top of Xtext's {@code ServerModule}. */
public class FunnelServerModule extends AbstractModule {

	@Override
	protected void configure() {
		bind(LanguageServerImpl.class).to(FunnelLanguageServerImpl.class);
		bind(WorkspaceManager.class).to(FunnelWorkspaceManager.class);
		// The language as set up on a thread of its own while the server starts (one registry, not one per use).
		bind(IResourceServiceProvider.Registry.class).toProvider(LanguageSetup::registry);
		bind(XtextResourceSet.class).toProvider(LanguageResourceSets.class);
	}

	/**
	 * The server's resource sets read .funnel files with this server's language, not with whichever
	 * Xtext injector of the language set itself up last in the JVM (EMF's global registry names that
	 * one): in an editor's process there is only one, but a JVM that runs the server beside the command
	 * line or the language's tests holds several, and a file parsed by one cannot be completed by another.
	 */
	static final class LanguageResourceSets implements Provider<XtextResourceSet> {

		@Inject
		private IResourceServiceProvider.Registry languages;

		@Override
		public XtextResourceSet get() {
			XtextResourceSet resourceSet = new XtextResourceSet();
			IResourceServiceProvider language = languages.getResourceServiceProvider(URI.createURI("file.funnel"));
			if (language != null) {
				resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap().put("funnel",
						language.get(IResourceFactory.class));
			}
			return resourceSet;
		}
	}
}

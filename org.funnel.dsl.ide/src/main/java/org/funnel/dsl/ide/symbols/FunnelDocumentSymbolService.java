package org.funnel.dsl.ide.symbols;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.findReferences.IReferenceFinder;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolService;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.xbase.lib.Procedures.Procedure1;
import org.funnel.dsl.scoping.BuiltinChannels;

import com.google.inject.Inject;

/**
 * Definitions and references, knowing the built-in channels: they are not in the workspace but in a
 * library the language ships, which is read from there instead of from disk.
 */
public class FunnelDocumentSymbolService extends DocumentSymbolService {

	@Inject
	private BuiltinChannels builtinChannels;

	@Override
	protected void doRead(IReferenceFinder.IResourceAccess resourceAccess, URI objectURI,
			Procedure1<? super EObject> acceptor) {
		if (BuiltinChannels.LIBRARY_URI.equals(objectURI.trimFragment())) {
			for (IEObjectDescription channel : builtinChannels.descriptions()) {
				if (objectURI.equals(channel.getEObjectURI())) {
					acceptor.apply(channel.getEObjectOrProxy());
				}
			}
			return;
		}
		super.doRead(resourceAccess, objectURI, acceptor);
	}
}

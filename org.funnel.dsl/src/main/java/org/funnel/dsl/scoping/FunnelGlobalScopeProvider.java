package org.funnel.dsl.scoping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.impl.ImportUriGlobalScopeProvider;
import org.eclipse.xtext.scoping.impl.MultimapBasedScope;
import org.eclipse.xtext.util.IAcceptor;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.emf.ecore.EObject;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.funnel.Import;

import com.google.common.base.Predicate;
import com.google.common.collect.Iterables;
import com.google.inject.Inject;

/**
 * What a file sees beyond itself: the files it imports ({@code import "channels.funnel"}), and
 * beneath them the built-in channels.
 */
public class FunnelGlobalScopeProvider extends ImportUriGlobalScopeProvider {

	@Inject
	private BuiltinChannels builtinChannels;

	@Inject
	private IResourceScopeCache cache;

	/**
	 * The files this one imports. Xtext looks for imports in every object of the file; here they can
	 * only be the {@code import} lines at the top, so only those are read (on a large file, the full
	 * walk was a tenth of the linking time).
	 */
	@Override
	protected LinkedHashSet<URI> getImportedUris(Resource resource) {
		return cache.get(FunnelGlobalScopeProvider.class.getName() + ".imports", resource, () -> {
			LinkedHashSet<URI> uris = new LinkedHashSet<>(5);
			IAcceptor<String> collector = createURICollector(resource, uris);
			for (EObject root : resource.getContents()) {
				if (root instanceof FunnelFile file) {
					for (Import anImport : file.getImports()) {
						collector.accept(anImport.getImportURI());
					}
				}
			}
			uris.removeIf(uri -> !EcoreUtil2.isValidUri(resource, uri));
			return uris;
		});
	}

	@Override
	protected IScope getScope(Resource resource, boolean ignoreCase, EClass type,
			Predicate<IEObjectDescription> filter) {
		IScope scope = IScope.NULLSCOPE;
		if (FunnelPackage.Literals.CHANNEL.isSuperTypeOf(type)) {
			Iterable<IEObjectDescription> builtins = builtinChannels.descriptions();
			if (filter != null) {
				builtins = Iterables.filter(builtins, filter);
			}
			scope = MultimapBasedScope.createScope(IScope.NULLSCOPE, builtins, ignoreCase);
		}
		LinkedHashSet<URI> imports = new LinkedHashSet<>(getImportedUris(resource));
		// Only .funnel files can be loaded as funnel files: for anything else ("#part", "notes.txt") Xtext
		// throws while linking. The import check reports them.
		imports.removeIf(uri -> !isFunnelFile(uri));
		IResourceDescriptions descriptions = getResourceDescriptions(resource, imports);
		// Earlier imports shadow later ones: wrapped last, the first import is the innermost scope, asked
		// first; the built-in channels are the outermost, asked last.
		List<URI> reversed = new ArrayList<>(imports);
		Collections.reverse(reversed);
		for (URI uri : reversed) {
			scope = createLazyResourceScope(scope, uri, descriptions, type, filter, ignoreCase);
		}
		return scope;
	}

	/** A URI an import may load: a .funnel file, without a fragment or query. */
	public static boolean isFunnelFile(URI uri) {
		return uri != null && !uri.hasFragment() && !uri.hasQuery() && "funnel".equals(uri.fileExtension());
	}
}

package org.funnel.dsl.scoping;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.impl.DefaultReferenceDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionStrategy;
import org.eclipse.xtext.util.IAcceptor;
import org.funnel.dsl.grammar.Referables;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * What the index records of a file, as Xtext's default records it, with less work: a language
 * server indexes a changed file on every edit.
 * <ul>
 * <li>Exported names: what references can point at ({@link Referables}: channels, funnels and their
 * stages). The walk goes only into objects that can hold such things, not into stages and channels
 * (most of a file's objects are transitions and the probabilities of stages and transitions).</li>
 * <li>References to other files: the target's URI of a built-in channel (TV, Radio, ...) is the
 * same every time, so it is computed once per channel, not once per reference.</li>
 * </ul>
 */
@Singleton
public class FunnelResourceDescriptionStrategy extends DefaultResourceDescriptionStrategy {

	private final Map<EObject, URI> builtinUris = new ConcurrentHashMap<>();

	@Inject
	private Referables referables;

	@Override
	public boolean createEObjectDescriptions(EObject eObject, IAcceptor<IEObjectDescription> acceptor) {
		boolean descend = super.createEObjectDescriptions(eObject, acceptor);
		return descend && referables.mayHoldReferables(eObject.eClass());
	}

	@Override
	protected IReferenceDescription createReferenceDescription(EObject owner, URI exportedContainerURI,
			EReference eReference, int indexInList, EObject target) {
		URI targetUri = BuiltinChannels.isBuiltin(target)
				? builtinUris.computeIfAbsent(target, EcoreUtil2::getPlatformResourceOrNormalizedURI)
				: EcoreUtil2.getPlatformResourceOrNormalizedURI(target);
		return new DefaultReferenceDescription(EcoreUtil2.getPlatformResourceOrNormalizedURI(owner), targetUri,
				eReference, indexInList, exportedContainerURI);
	}
}

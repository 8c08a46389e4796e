package org.funnel.dsl.linking;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource.Diagnostic;
import org.eclipse.xtext.linking.impl.XtextLinkingDiagnostic;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.service.OperationCanceledManager;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.Triple;
import org.funnel.dsl.grammar.Referables;

import com.google.inject.Inject;

/**
 * Xtext's resource, with costs of large files removed.
 * <ul>
 * <li>After every reference it resolves, Xtext builds the "unresolved reference" message for it
 * (to find and remove a stale one) whenever the file has any error at all. That message looks for
 * the closest names in scope, so a file with one typo paid for a spelling suggestion on every
 * reference. Here a stale linking error is found by its position instead, and the message is only
 * built when one exists there.</li>
 * <li>Unloading a file (a language server does it on every edit, before reading the new text)
 * turns its objects into proxies named by their path from the root. EMF detaches the objects first
 * and then names each by searching the lists it was in; here all names come from one pass over the
 * file before it is taken apart (the names are EMF's own; see also {@link FunnelFragmentProvider}).</li>
 * <li>Resolving a file's lazy proxies visits the objects that have one, not every object: the
 * linker sets most references directly and leaves proxies only where a name does not resolve.</li>
 * <li>Of the objects of an unloaded file, only those other files can refer to become proxies
 * (channels, funnels and stages, and the root), not the transitions, probabilities and volumes that
 * make up most objects.</li>
 * </ul>
 */
public class FunnelLinkingResource extends LazyLinkingResource {

	@Inject
	private OperationCanceledManager canceled;

	@Inject
	private Referables referables;

	/** While unloading: every object's name, computed before EMF takes the objects apart. */
	private Map<EObject, String> unloadingFragments;

	@Override
	protected void removeDiagnostic(Triple<EObject, EReference, INode> triple) {
		if (getErrors().isEmpty() && getWarnings().isEmpty()) {
			return;
		}
		INode node = triple.getThird();
		if (node == null || !hasLinkingDiagnosticAt(getErrors(), node) && !hasLinkingDiagnosticAt(getWarnings(), node)) {
			return;
		}
		super.removeDiagnostic(triple);
	}

	private static boolean hasLinkingDiagnosticAt(List<Diagnostic> diagnostics, INode node) {
		int offset = node.getOffset();
		int length = node.getLength();
		for (Diagnostic diagnostic : diagnostics) {
			if (diagnostic instanceof XtextLinkingDiagnostic linking && linking.getOffset() == offset
					&& linking.getLength() == length) {
				return true;
			}
		}
		return false;
	}

	/** Where lazy proxies were installed while linking: only there can {@link #resolveLazyCrossReferences} find any. */
	private final Map<EObject, List<EReference>> lazyProxySources = new IdentityHashMap<>();

	@Override
	public synchronized int addLazyProxyInformation(EObject obj, EReference eRef, INode node) {
		List<EReference> references = lazyProxySources.computeIfAbsent(obj, o -> new ArrayList<>(2));
		if (!references.contains(eRef)) {
			references.add(eRef);
		}
		return super.addLazyProxyInformation(obj, eRef, node);
	}

	@Override
	public synchronized void clearLazyProxyInformation() {
		lazyProxySources.clear();
		super.clearLazyProxyInformation();
	}

	/**
	 * Resolves the lazy proxies, visiting only the objects that got one while linking (most
	 * references are resolved while linking and get none) instead of every object of the file.
	 */
	@Override
	public void resolveLazyCrossReferences(CancelIndicator monitor) {
		if (!getEncoder().isUseIndexFragment(this)) {
			super.resolveLazyCrossReferences(monitor);
			return;
		}
		List<Map.Entry<EObject, List<EReference>>> sources;
		synchronized (this) {
			sources = new ArrayList<>(lazyProxySources.entrySet());
		}
		for (Map.Entry<EObject, List<EReference>> source : sources) {
			canceled.checkCanceled(monitor == null ? CancelIndicator.NullImpl : monitor);
			if (source.getKey().eResource() == this) {
				for (EReference reference : source.getValue()) {
					resolveLazyCrossReference((InternalEObject) source.getKey(), reference);
				}
			}
		}
	}

	@Override
	protected void doUnload() {
		if (!getContents().isEmpty()) {
			unloadingFragments = proxyFragments();
		}
		try {
			super.doUnload();
		} finally {
			unloadingFragments = null;
		}
	}

	/**
	 * The names of the objects that become proxies (see {@link #unloaded}), straight from the lists
	 * that hold them ({@code //@elements.3}, {@code //@elements.3/@stages.7}), walking only into what
	 * can hold them.
	 */
	private Map<EObject, String> proxyFragments() {
		Map<EObject, String> fragments = new IdentityHashMap<>();
		List<EObject> roots = getContents();
		for (int r = 0; r < roots.size(); r++) {
			EObject root = roots.get(r);
			if (FunnelFragmentProvider.isPlain(root)) {
				String fragment = "/" + (roots.size() > 1 ? Integer.toString(r) : "");
				fragments.put(root, fragment);
				proxyFragments(root, fragment, fragments);
			}
		}
		return fragments;
	}

	private void proxyFragments(EObject parent, String parentFragment, Map<EObject, String> fragments) {
		if (!referables.mayHoldReferables(parent.eClass())) {
			return;
		}
		String prefix = parentFragment + "/";
		for (EReference containment : parent.eClass().getEAllContainments()) {
			if (containment.isMany()) {
				List<?> children = (List<?>) parent.eGet(containment, false);
				for (int i = 0; i < children.size(); i++) {
					child((EObject) children.get(i), prefix + "@" + containment.getName() + "." + i, fragments);
				}
			} else if (parent.eGet(containment, false) instanceof EObject single) {
				child(single, prefix + "@" + containment.getName(), fragments);
			}
		}
	}

	private void child(EObject child, String fragment, Map<EObject, String> fragments) {
		if (!FunnelFragmentProvider.isPlain(child)) {
			return;
		}
		if (referables.isReferable(child)) {
			fragments.put(child, fragment);
		}
		proxyFragments(child, fragment, fragments);
	}

	/** As EMF does it, with the name computed before the file was taken apart. */
	@Override
	protected void unloaded(InternalEObject object) {
		if (!becomesProxy(object)) {
			return;
		}
		String fragment = unloadingFragments == null ? null : unloadingFragments.get(object);
		if (fragment == null) {
			super.unloaded(object);
			return;
		}
		if (!object.eIsProxy()) {
			object.eSetProxyURI(getURI().appendFragment(fragment));
		}
		object.eAdapters().clear();
	}

	/** What other files can refer to ({@link Referables}), and the root. */
	private boolean becomesProxy(EObject object) {
		return ((InternalEObject) object).eInternalContainer() == null || referables.isReferable(object);
	}
}

package org.funnel.dsl.linking;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource.Diagnostic;
import org.eclipse.xtext.linking.impl.XtextLinkingDiagnostic;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.service.OperationCanceledManager;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.eclipse.xtext.util.Triple;
import org.funnel.dsl.funnel.Element;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.funnel.Stage;

import com.google.inject.Inject;

/**
 * Xtext's resource, with two costs of large files removed.
 * <ul>
 * <li>After every reference it resolves, Xtext builds the "unresolved reference" message for it
 * (to find and remove a stale one) whenever the file has any error at all. That message looks for
 * the closest names in scope, so a file with one typo paid for a spelling suggestion on every
 * reference. Here a stale linking error is found by its position instead, and the message is only
 * built when one exists there.</li>
 * <li>EMF names an object by its path from the root, {@code //@elements.0/@stages.4711}, and finds
 * the index of every step by searching the list it is in: quadratic in the number of stages of a
 * funnel. Editors ask for these names all the time (the index of a file, the references it holds,
 * and every object once more when a changed file is unloaded). Here the positions come from one
 * pass over the file, kept until the file changes, and an unloaded file names all its objects in
 * one pass. The names are the same as EMF's.</li>
 * <li>Resolving a file's lazy proxies visits the objects that have one, not every object: the
 * linker sets most references directly and leaves proxies only where a name does not resolve.</li>
 * <li>Unloading a file (a language server does it on every edit, before reading the new text)
 * turns every object into a proxy, so that references from other files find the new version.
 * Only channels, funnels and stages can be referenced from other files; only they (and the root)
 * become proxies here, not the transitions, probabilities and volumes that make up most objects.</li>
 * </ul>
 */
public class FunnelLinkingResource extends LazyLinkingResource {

	private static final Object POSITIONS = FunnelLinkingResource.class.getName() + ".positions";
	private static final String ELEMENTS = FunnelPackage.Literals.FUNNEL_FILE__ELEMENTS.getName();
	private static final String STAGES = FunnelPackage.Literals.FUNNEL__STAGES.getName();

	@Inject
	private IResourceScopeCache cache;

	@Inject
	private OperationCanceledManager canceled;

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

	@Override
	public String getURIFragment(EObject object) {
		Map<EObject, String> unloading = unloadingFragments;
		if (unloading != null) {
			String fragment = unloading.get(object);
			if (fragment != null) {
				return fragment;
			}
		}
		if (object.eResource() != this || !isPlain(object) || isLoading() || cache == null) {
			return super.getURIFragment(object);
		}
		Map<EObject, Integer> positions = cache.get(POSITIONS, this, this::positions);
		String fragment = fragment(object, positions);
		return fragment != null ? fragment : super.getURIFragment(object);
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

	/** EMF's own name of the object, computed its way (for comparison). */
	public String emfURIFragment(EObject object) {
		return super.getURIFragment(object);
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
	 * that hold them: {@code //@elements.3} and {@code //@elements.3/@stages.7}.
	 */
	private Map<EObject, String> proxyFragments() {
		Map<EObject, String> fragments = new IdentityHashMap<>();
		List<EObject> roots = getContents();
		for (int r = 0; r < roots.size(); r++) {
			EObject root = roots.get(r);
			String rootFragment = "/" + (roots.size() > 1 ? Integer.toString(r) : "");
			if (!(root instanceof FunnelFile file) || !isPlain(root)) {
				continue;
			}
			fragments.put(root, rootFragment);
			List<Element> elements = file.getElements();
			for (int e = 0; e < elements.size(); e++) {
				Element element = elements.get(e);
				if (!isPlain(element)) {
					continue;
				}
				String elementFragment = rootFragment + "/@" + ELEMENTS + "." + e;
				fragments.put(element, elementFragment);
				if (element instanceof Funnel funnel) {
					List<Stage> stages = funnel.getStages();
					for (int s = 0; s < stages.size(); s++) {
						if (isPlain(stages.get(s))) {
							fragments.put(stages.get(s), elementFragment + "/@" + STAGES + "." + s);
						}
					}
				}
			}
		}
		return fragments;
	}

	@Override
	protected void unloaded(InternalEObject object) {
		if (becomesProxy(object)) {
			super.unloaded(object);
		}
	}

	/** What other files can refer to, and the root. */
	private static boolean becomesProxy(EObject object) {
		return object instanceof Element || object instanceof Stage || ((InternalEObject) object).eInternalContainer() == null;
	}

	/** Objects EMF names by path alone: no ID attribute, no keys, no feature maps (none in this language). */
	private static boolean isPlain(EObject object) {
		if (object.eClass().getEIDAttribute() != null) {
			return false;
		}
		EReference containment = object.eContainmentFeature();
		return containment == null || containment.getEKeys().isEmpty();
	}

	/** The path from the root, as {@code ResourceImpl.getURIFragment} writes it; null if not in this resource. */
	private String fragment(EObject object, Map<EObject, Integer> positions) {
		List<String> segments = new ArrayList<>(6);
		EObject current = object;
		while (((InternalEObject) current).eInternalContainer() != null) {
			EReference feature = current.eContainmentFeature();
			if (feature == null || !isPlain(current)) {
				return null;
			}
			if (feature.isMany()) {
				Integer position = positions.get(current);
				if (position == null) {
					return null;
				}
				segments.add("@" + feature.getName() + "." + position);
			} else {
				segments.add("@" + feature.getName());
			}
			current = ((InternalEObject) current).eInternalContainer();
		}
		int root = getContents().indexOf(current);
		if (root < 0) {
			return null;
		}
		StringBuilder fragment = new StringBuilder(16 * (segments.size() + 1)).append('/');
		if (getContents().size() > 1) {
			fragment.append(root);
		}
		for (int i = segments.size() - 1; i >= 0; i--) {
			fragment.append('/').append(segments.get(i));
		}
		return fragment.toString();
	}

	/** Every object's index in the containment list that holds it. */
	private Map<EObject, Integer> positions() {
		Map<EObject, Integer> positions = new IdentityHashMap<>();
		for (TreeIterator<EObject> all = getAllContents(); all.hasNext();) {
			EObject object = all.next();
			for (EReference containment : object.eClass().getEAllContainments()) {
				if (containment.isMany()) {
					List<?> children = (List<?>) object.eGet(containment, false);
					for (int i = 0; i < children.size(); i++) {
						positions.put((EObject) children.get(i), i);
					}
				}
			}
		}
		return positions;
	}
}

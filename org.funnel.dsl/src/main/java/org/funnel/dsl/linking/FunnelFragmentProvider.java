package org.funnel.dsl.linking;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.IFragmentProvider;
import org.eclipse.xtext.util.IResourceScopeCache;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * EMF's names of objects ({@code //@elements.0/@stages.4711}), without EMF's cost. EMF finds the index
 * of every step of the path by searching the list it is in: quadratic in the number of stages of a
 * funnel, and editors ask for these names all the time (the index of a file, the references it holds).
 * Here the positions come from one pass over the file, kept until the file changes. The names are
 * EMF's own; whatever this does not know (an object while its file loads, an object with an ID
 * attribute or keys) is left to EMF.
 */
@Singleton
public class FunnelFragmentProvider implements IFragmentProvider {

	private static final Object POSITIONS = FunnelFragmentProvider.class.getName() + ".positions";

	@Inject
	private IResourceScopeCache cache;

	@Override
	public String getFragment(EObject object, Fallback fallback) {
		Resource resource = object.eResource();
		if (resource == null || !isPlain(object) || resource instanceof Resource.Internal internal && internal.isLoading()) {
			return fallback.getFragment(object);
		}
		Map<EObject, Integer> positions = cache.get(POSITIONS, resource, () -> positions(resource));
		String fragment = fragment(object, resource, positions);
		return fragment != null ? fragment : fallback.getFragment(object);
	}

	@Override
	public EObject getEObject(Resource resource, String fragment, Fallback fallback) {
		return fallback.getEObject(fragment);
	}

	/** Objects EMF names by path alone: no ID attribute, no keys, no feature maps (none in this language). */
	static boolean isPlain(EObject object) {
		if (object.eClass().getEIDAttribute() != null) {
			return false;
		}
		EReference containment = object.eContainmentFeature();
		return containment == null || containment.getEKeys().isEmpty();
	}

	/** The path from the root, as {@code ResourceImpl.getURIFragment} writes it; null if not in the resource. */
	private static String fragment(EObject object, Resource resource, Map<EObject, Integer> positions) {
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
		List<EObject> roots = resource.getContents();
		int root = roots.indexOf(current);
		if (root < 0) {
			return null;
		}
		StringBuilder fragment = new StringBuilder(16 * (segments.size() + 1)).append('/');
		if (roots.size() > 1) {
			fragment.append(root);
		}
		for (int i = segments.size() - 1; i >= 0; i--) {
			fragment.append('/').append(segments.get(i));
		}
		return fragment.toString();
	}

	/** Every object's index in the containment list that holds it. */
	private static Map<EObject, Integer> positions(Resource resource) {
		Map<EObject, Integer> positions = new IdentityHashMap<>();
		for (TreeIterator<EObject> all = resource.getAllContents(); all.hasNext();) {
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

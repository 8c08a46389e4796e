package org.funnel.dsl.grammar;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EcoreUtil2;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.services.FunnelGrammarAccess;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * What a reference can point at ({@code [Channel]}, {@code [Funnel]}, {@code [Stage]} in the grammar),
 * read from the grammar's cross-references. The index's names, the objects the index records and the
 * objects an unloaded file turns into proxies all follow from here, so a new kind of reference in
 * Funnel.xtext is named, indexed and unloaded right without touching any of them.
 */
@Singleton
public class Referables {

	/** Per class of the language: whether its objects can be referred to. */
	private final Map<EClass, Boolean> referable = new HashMap<>();
	/** Per class: whether objects of it can contain (at any depth) objects that can be referred to. */
	private final Map<EClass, Boolean> holder = new HashMap<>();
	/** Per class: its name attribute, or null. */
	private final Map<EClass, EAttribute> names = new HashMap<>();

	@Inject
	public Referables(FunnelGrammarAccess grammar) {
		Set<EClass> targets = new HashSet<>();
		for (CrossReference reference : EcoreUtil2.getAllContentsOfType(grammar.getGrammar(), CrossReference.class)) {
			if (reference.getType().getClassifier() instanceof EClass target) {
				targets.add(target);
			}
		}
		List<EClass> classes = FunnelPackage.eINSTANCE.getEClassifiers().stream().filter(EClass.class::isInstance)
				.map(EClass.class::cast).toList();
		for (EClass type : classes) {
			referable.put(type, targets.stream().anyMatch(target -> target.isSuperTypeOf(type)));
			EStructuralFeature name = type.getEStructuralFeature("name");
			names.put(type, name instanceof EAttribute attribute ? attribute : null);
		}
		for (EClass type : classes) {
			holder.put(type, holds(type, new HashSet<>()));
		}
	}

	private boolean holds(EClass type, Set<EClass> visiting) {
		if (!visiting.add(type)) {
			return false;
		}
		for (EReference containment : type.getEAllContainments()) {
			EClassifier child = containment.getEReferenceType();
			for (EClass candidate : referable.keySet()) {
				if (((EClass) child).isSuperTypeOf(candidate)
						&& (referable.get(candidate) || holds(candidate, visiting))) {
					return true;
				}
			}
		}
		return false;
	}

	/** Whether a reference can point at this object. */
	public boolean isReferable(EObject object) {
		return referable.getOrDefault(object.eClass(), false);
	}

	/** Whether objects of this class can hold objects a reference can point at (at any depth). */
	public boolean mayHoldReferables(EClass type) {
		return holder.getOrDefault(type, false);
	}

	/** The object's name, or null (an object without a name attribute, or one not yet named). */
	public String name(EObject object) {
		EAttribute attribute = names.get(object.eClass());
		Object name = attribute == null ? null : object.eGet(attribute);
		return name instanceof String text && !text.isEmpty() ? text : null;
	}
}

package org.funnel.dsl.scoping;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.funnel.dsl.grammar.Referables;

import com.google.inject.Inject;

/**
 * The names under which the index knows a file's channels ({@code Webinar}), funnels
 * ({@code Sales}) and stages ({@code Sales.Lead}): the same names as Xtext's default, which finds
 * them by reflection and caches each, computed directly. A language server indexes a changed file
 * on every edit, so in a file of thousands of stages this was a tenth of the time to new diagnostics.
 */
public class FunnelQualifiedNameProvider extends IQualifiedNameProvider.AbstractImpl {

	@Inject
	private Referables referables;

	/** What a reference can point at, by its name, inside the names of what holds it: {@code Sales.Lead}. */
	@Override
	public QualifiedName getFullyQualifiedName(EObject object) {
		if (!referables.isReferable(object)) {
			return null;
		}
		String name = referables.name(object);
		if (name == null) {
			return null;
		}
		for (EObject container = object.eContainer(); container != null; container = container.eContainer()) {
			if (referables.isReferable(container)) {
				QualifiedName outer = getFullyQualifiedName(container);
				return outer == null ? QualifiedName.create(name) : outer.append(name);
			}
		}
		return QualifiedName.create(name);
	}
}

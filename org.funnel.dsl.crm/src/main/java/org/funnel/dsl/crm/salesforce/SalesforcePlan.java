package org.funnel.dsl.crm.salesforce;

import java.util.List;

import org.funnel.dsl.generator.Diagnostic;

/**
 * What deploying the generated Salesforce project would change in an org, element by element: for each
 * component the deploy writes ({@code type} as in {@code package.xml}, {@code name} its member), every
 * element that would change, appear or disappear, with the org's text and the deploy's. A component the
 * org does not have is new as a whole. Components of the org the project does not write are left alone
 * by a deploy, and listed.
 */
public record SalesforcePlan(List<ComponentChanges> components, List<String> leftAlone, List<Diagnostic> diagnostics) {

	/**
	 * One element: {@code element} its path in the component ({@code standardValue[Closed Won]/probability}), the
	 * text before and after (null: absent); an element with children reads "name: text; ...".
	 */
	public record ElementChange(String element, String before, String after) {
	}

	/** The changes of one component; {@code added} when the org does not have it (then {@code changes} is empty). */
	public record ComponentChanges(String type, String name, boolean added, List<ElementChange> changes) {

		/** Changes in the plan: one for a new component, else one per element. */
		public int size() {
			return added ? 1 : changes.size();
		}
	}

	/** How many changes: a new component is one, else each element. */
	public int size() {
		return components.stream().mapToInt(ComponentChanges::size).sum();
	}

	public boolean hasChanges() {
		return size() > 0;
	}
}

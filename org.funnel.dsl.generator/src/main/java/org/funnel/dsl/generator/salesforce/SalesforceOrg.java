package org.funnel.dsl.generator.salesforce;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.w3c.dom.Element;

/**
 * An org's opportunity sales configuration as a retrieve has it, for the generator to start from
 * ({@code generate --current DIR}): the OpportunityStage value set, and the sales processes, record
 * types and paths by name, each the element as retrieved (a file's root, or a child of
 * {@code Opportunity.object}). {@link #NEW} is an org without any of them.
 */
public record SalesforceOrg(String source, Component valueSet, Map<String, Component> processes,
		Map<String, Component> recordTypes, Map<String, Component> paths) {

	/** A component as retrieved: its name (a process's decoded), its element, and where it is ("file:line:column"). */
	public record Component(String name, Element element, String origin) {
	}

	/** No retrieve: the output is for a new org. */
	public static final SalesforceOrg NEW = new SalesforceOrg(null, null, Map.of(), Map.of(), Map.of());

	/**
	 * An org from the components of a retrieve. Processes are looked up by their decoded name; record types and
	 * paths by API name, ignoring case as Salesforce does.
	 */
	public static SalesforceOrg of(String source, Component valueSet, List<Component> processes,
			List<Component> recordTypes, List<Component> paths) {
		return new SalesforceOrg(source, valueSet, byName(processes, false), byName(recordTypes, true),
				byName(paths, true));
	}

	private static Map<String, Component> byName(List<Component> components, boolean ignoreCase) {
		Map<String, Component> map = ignoreCase ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : new TreeMap<>();
		components.forEach(c -> map.putIfAbsent(c.name(), c));
		return Collections.unmodifiableMap(map);
	}

	public boolean isNew() {
		return source == null;
	}
}

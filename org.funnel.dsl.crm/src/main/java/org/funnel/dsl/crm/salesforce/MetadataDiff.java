package org.funnel.dsl.crm.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.funnel.dsl.crm.salesforce.SalesforcePlan.ElementChange;
import org.funnel.dsl.generator.salesforce.MetadataTypes;
import org.funnel.dsl.generator.salesforce.MetadataXml;
import org.w3c.dom.Element;

/**
 * The elements that differ between a component as the org has it and as the deploy writes it, any element,
 * also those the language does not know. Repeated elements of a Metadata API type with a naming child (a
 * value by its {@code fullName}, a path step by its stage) are matched by it, and a change of their order is
 * one change; other repeated elements (a step's key fields) compare as one list; text compares exactly.
 */
final class MetadataDiff {

	private final List<ElementChange> changes = new ArrayList<>();

	private MetadataDiff() {
	}

	/** The changes from {@code before} to {@code after}, both elements of the Metadata API type {@code type}. */
	static List<ElementChange> of(Element before, Element after, String type) {
		MetadataDiff diff = new MetadataDiff();
		diff.compare("", before, after, type);
		return List.copyOf(diff.changes);
	}

	private void compare(String path, Element before, Element after, String type) {
		Map<String, List<Element>> had = byName(before);
		Map<String, List<Element>> has = byName(after);
		List<String> names = new ArrayList<>(had.keySet());
		has.keySet().stream().filter(n -> !had.containsKey(n)).forEach(names::add);
		for (String name : names) {
			List<Element> old = had.getOrDefault(name, List.of());
			List<Element> now = has.getOrDefault(name, List.of());
			String childType = MetadataTypes.childType(type, name);
			String key = MetadataTypes.key(childType);
			if (key != null) {
				keyed(path + name, old, now, childType, key);
			} else if (old.size() == 1 && now.size() == 1 && !isLeaf(old.get(0)) && !isLeaf(now.get(0))) {
				compare(path + name + "/", old.get(0), now.get(0), childType);
			} else {
				String was = texts(old);
				String is = texts(now);
				if (!Objects.equals(was, is)) {
					changes.add(new ElementChange(path + name, was, is));
				}
			}
		}
	}

	/** Repeated elements matched by their naming child: each added, removed or changed one, and their order. */
	private void keyed(String path, List<Element> old, List<Element> now, String type, String key) {
		Map<String, Element> had = byKey(old, key);
		Map<String, Element> has = byKey(now, key);
		for (Map.Entry<String, Element> entry : had.entrySet()) {
			Element after = has.get(entry.getKey());
			String at = path + "[" + entry.getKey() + "]";
			if (after == null) {
				changes.add(new ElementChange(at, summary(entry.getValue()), null));
			} else {
				compare(at + "/", entry.getValue(), after, type);
			}
		}
		has.forEach((name, element) -> {
			if (!had.containsKey(name)) {
				changes.add(new ElementChange(path + "[" + name + "]", null, summary(element)));
			}
		});
		List<String> orderBefore = had.keySet().stream().filter(has::containsKey).toList();
		List<String> orderAfter = has.keySet().stream().filter(had::containsKey).toList();
		if (!orderBefore.equals(orderAfter)) {
			changes.add(new ElementChange(path + " order", String.join(", ", orderBefore), String.join(", ", orderAfter)));
		}
	}

	private static Map<String, List<Element>> byName(Element parent) {
		Map<String, List<Element>> byName = new LinkedHashMap<>();
		for (Element child : MetadataXml.children(parent, null)) {
			byName.computeIfAbsent(child.getLocalName(), k -> new ArrayList<>()).add(child);
		}
		return byName;
	}

	/** By naming child; an element without one, or a second of the same name, by its position. */
	private static Map<String, Element> byKey(List<Element> elements, String key) {
		Map<String, Element> byKey = new LinkedHashMap<>();
		for (int i = 0; i < elements.size(); i++) {
			String name = MetadataXml.text(elements.get(i), key);
			if (name == null || byKey.containsKey(name)) {
				name = "#" + (i + 1);
			}
			byKey.put(name, elements.get(i));
		}
		return byKey;
	}

	private static boolean isLeaf(Element element) {
		return MetadataXml.children(element, null).isEmpty();
	}

	/** A list of elements as one text: leaves by their text, others by {@link #summary}; null for none. */
	private static String texts(List<Element> elements) {
		if (elements.isEmpty()) {
			return null;
		}
		List<String> texts = elements.stream().map(e -> isLeaf(e) ? e.getTextContent() : summary(e)).toList();
		return String.join(", ", texts);
	}

	/** An element with children as "name: text; ..." of its leaves, in their order. */
	static String summary(Element element) {
		if (isLeaf(element)) {
			return element.getTextContent();
		}
		StringBuilder out = new StringBuilder();
		for (Element child : MetadataXml.children(element, null)) {
			out.append(out.length() == 0 ? "" : "; ").append(child.getLocalName()).append(": ").append(summary(child));
		}
		return out.toString();
	}
}

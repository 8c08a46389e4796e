package org.funnel.dsl.generator.salesforce;

import java.util.List;
import java.util.Map;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Metadata API types of the opportunity sales configuration: the order of each type's elements,
 * the type of each element that is itself a type, and which child names a repeated element. Salesforce
 * writes a type's elements in its order (a type that extends another writes the base's first), and
 * an element in another place fails its types. Read from {@code com.force.api:force-metadata-api}
 * 62.0.0 (the generated classes' write order; the table is in docs/generators.md's source note).
 * <p>
 * With this, an element of a retrieved component is changed in place and a new one goes where
 * Salesforce puts it, so every other element, also one this table does not know, stays where it was.
 */
public final class MetadataTypes {

	private MetadataTypes() {
	}

	/** A type's elements, in the order Salesforce writes them. */
	private static final Map<String, List<String>> ORDER = Map.of( //
			"StandardValueSet", List.of("fullName", "groupingStringEnum", "sorted", "standardValue"), //
			"StandardValue", List.of("fullName", "color", "default", "description", "isActive", "label", "allowEmail",
					"closed", "converted", "cssExposed", "forecastCategory", "groupingString", "highPriority", "probability",
					"reverseRole", "reviewed", "won"), //
			"BusinessProcess", List.of("fullName", "description", "isActive", "values"), //
			"PicklistValue", List.of("fullName", "color", "default", "description", "isActive", "allowEmail", "closed",
					"controllingFieldValues", "converted", "cssExposed", "forecastCategory", "highPriority", "probability",
					"reverseRole", "reviewed", "won"), //
			"RecordType", List.of("fullName", "active", "businessProcess", "compactLayoutAssignment", "description", "label",
					"picklistValues"), //
			"RecordTypePicklistValue", List.of("picklist", "values"), //
			"PathAssistant", List.of("fullName", "active", "entityName", "fieldName", "masterLabel", "pathAssistantSteps",
					"recordTypeName"), //
			"PathAssistantStep", List.of("fieldNames", "info", "picklistValueName"));

	/** The type of an element that is itself a type, by the type holding it and its name. */
	private static final Map<String, String> CHILD_TYPES = Map.of( //
			"StandardValueSet/standardValue", "StandardValue", //
			"BusinessProcess/values", "PicklistValue", //
			"RecordType/picklistValues", "RecordTypePicklistValue", //
			"RecordTypePicklistValue/values", "PicklistValue", //
			"PathAssistant/pathAssistantSteps", "PathAssistantStep", //
			"CustomObject/businessProcesses", "BusinessProcess", //
			"CustomObject/recordTypes", "RecordType");

	/** The child that tells repeated elements apart (a value by its name, a path step by its stage). */
	private static final Map<String, String> KEYS = Map.of( //
			"StandardValue", "fullName", //
			"PicklistValue", "fullName", //
			"RecordTypePicklistValue", "picklist", //
			"PathAssistantStep", "picklistValueName", //
			"BusinessProcess", "fullName", //
			"RecordType", "fullName");

	/** The type of the element {@code name} inside an element of type {@code type}, or null for text. */
	public static String childType(String type, String name) {
		return CHILD_TYPES.get(type + "/" + name);
	}

	/** The child naming each element of a type that repeats, or null. */
	public static String key(String type) {
		return type == null ? null : KEYS.get(type);
	}

	/**
	 * Gives an element of a type the text child {@code name}: its text replaced where it is, else a new
	 * child in the type's order.
	 */
	public static Element set(MetadataXml xml, Element parent, String type, String name, String text) {
		List<Element> existing = MetadataXml.children(parent, name);
		if (!existing.isEmpty()) {
			MetadataXml.checkXmlText(text);
			existing.get(0).setTextContent(text);
			return existing.get(0);
		}
		Element child = xml.element(name);
		MetadataXml.checkXmlText(text);
		child.setTextContent(text);
		insert(parent, type, child);
		return child;
	}

	/** Removes every child of that name. */
	public static void remove(Element parent, String name) {
		for (Element child : MetadataXml.children(parent, name)) {
			parent.removeChild(child);
		}
	}

	/**
	 * Adds a child where the type's order puts it: after the last child that comes before or with it, so
	 * that repeated elements keep the order they are added in. A child the table does not know keeps its
	 * place.
	 */
	public static void insert(Element parent, String type, Element child) {
		List<String> order = ORDER.get(type);
		int rank = order == null ? -1 : order.indexOf(child.getLocalName());
		Node before = null;
		if (rank >= 0) {
			for (Node node = parent.getLastChild(); node != null; node = node.getPreviousSibling()) {
				if (node instanceof Element element) {
					int other = order.indexOf(element.getLocalName());
					if (other >= 0 && other <= rank) {
						break;
					}
					if (other > rank) {
						before = element;
					}
				}
			}
		}
		parent.insertBefore(child, before);
	}
}

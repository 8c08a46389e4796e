package org.funnel.dsl.generator.salesforce;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.funnel.dsl.generator.salesforce.FunnelProcess.PathSteps;
import org.funnel.dsl.generator.salesforce.FunnelProcess.StageValue;
import org.funnel.dsl.model.SalesforceNames;
import org.w3c.dom.Element;

/**
 * Each component the funnels describe, written from the org's element when the retrieve has one (every
 * element the funnels do not describe stays as it is, where it is) or new: only the elements the language
 * says something about are set, added or removed. Salesforce's element order is {@link MetadataTypes}'.
 */
final class ComponentXml {

	private ComponentXml() {
	}

	/** The component as retrieved, or a new one, as a document of its own with this root. */
	private static MetadataXml start(SalesforceOrg.Component org, String root) {
		return org == null ? MetadataXml.create(root) : MetadataXml.copyOf(org.element(), root);
	}

	/**
	 * The OpportunityStage set: the values in {@code order} (labels), each from the org's value when it has one,
	 * with the settings of the funnels' stage of that name ({@code described}, by lower-case label) where there is
	 * one; a value no funnel has stays as the org has it.
	 */
	static String valueSet(SalesforceOrg.Component org, List<String> order, Map<String, StageValue> described) {
		MetadataXml xml = start(org, "StandardValueSet");
		Element root = xml.root();
		Map<String, Element> existing = new HashMap<>();
		for (Element value : MetadataXml.children(root, "standardValue")) {
			existing.putIfAbsent(SalesforceNames.lowerCase(String.valueOf(MetadataXml.text(value, "fullName"))), value);
			root.removeChild(value);
		}
		if (MetadataXml.children(root, "sorted").isEmpty()) {
			MetadataTypes.set(xml, root, "StandardValueSet", "sorted", "false");
		}
		for (String label : order) {
			String key = SalesforceNames.lowerCase(label);
			Element value = existing.get(key);
			if (value == null) {
				value = xml.element("standardValue");
				MetadataTypes.set(xml, value, "StandardValue", "default", "false");
			}
			MetadataTypes.insert(root, "StandardValueSet", value);
			StageValue stage = described.get(key);
			if (stage != null) {
				stageValue(xml, value, stage);
			}
		}
		return xml.write();
	}

	private static void stageValue(MetadataXml xml, Element value, StageValue stage) {
		String type = "StandardValue";
		boolean isNew = MetadataXml.children(value, "fullName").isEmpty();
		MetadataTypes.set(xml, value, type, "fullName", stage.label());
		MetadataTypes.set(xml, value, type, "label", stage.label());
		setOrRemove(xml, value, type, "description", stage.description());
		MetadataTypes.set(xml, value, type, "closed", Boolean.toString(stage.closed()));
		MetadataTypes.set(xml, value, type, "forecastCategory", stage.forecastCategory());
		// An org's value keeps its probability (or none) unless the funnel declares one; a new value gets the implied one.
		if (stage.declared() || isNew) {
			MetadataTypes.set(xml, value, type, "probability", Integer.toString(stage.probability()));
		}
		MetadataTypes.set(xml, value, type, "won", Boolean.toString(stage.won()));
	}

	/**
	 * A sales process: its name, description, whether it is active, and its values (named as a retrieve names
	 * them, in order of those names) with the default stage. A value for a stage the value set does not have
	 * ({@code valueSet}: lower-case labels), as retrieves show for inactive stages, is not the funnels' to remove.
	 */
	static String businessProcess(SalesforceOrg.Component org, FunnelProcess process, Set<String> valueSet) {
		MetadataXml xml = start(org, "BusinessProcess");
		Element root = xml.root();
		String type = "BusinessProcess";
		if (org == null) {
			MetadataTypes.set(xml, root, type, "fullName", MetadataNames.encode(process.name()));
		}
		setOrRemove(xml, root, type, "description", process.description());
		MetadataTypes.set(xml, root, type, "isActive", Boolean.toString(process.active()));
		Map<String, StageValue> stages = new HashMap<>();
		process.values().forEach(v -> stages.put(SalesforceNames.lowerCase(v.label()), v));
		for (Element value : MetadataXml.children(root, "values")) {
			String key = SalesforceNames.lowerCase(MetadataNames.decode(String.valueOf(MetadataXml.text(value, "fullName"))));
			StageValue stage = stages.remove(key);
			if (stage != null) {
				MetadataTypes.set(xml, value, "PicklistValue", "default",
						Boolean.toString(stage.label().equals(process.defaultStage())));
			} else if (valueSet.contains(key)) {
				root.removeChild(value);
			}
		}
		for (StageValue stage : process.values()) {
			if (stages.containsKey(SalesforceNames.lowerCase(stage.label()))) {
				Element value = xml.element("values");
				MetadataTypes.set(xml, value, "PicklistValue", "fullName", MetadataNames.encode(stage.label()));
				MetadataTypes.set(xml, value, "PicklistValue", "default",
						Boolean.toString(stage.label().equals(process.defaultStage())));
				insertSorted(root, type, value, "fullName");
			}
		}
		return xml.write();
	}

	/** A record type of a sales process: name, whether it is active, the process, description and label. */
	static String recordType(SalesforceOrg.Component org, SalesforceNames.RecordType recordType, String process) {
		MetadataXml xml = start(org, "RecordType");
		Element root = xml.root();
		String type = "RecordType";
		// A source-format retrieve names the record type by its file only; a new one and an mdapi one carry fullName.
		if (org == null || !MetadataXml.children(root, "fullName").isEmpty()) {
			MetadataTypes.set(xml, root, type, "fullName", recordType.apiName());
		}
		MetadataTypes.set(xml, root, type, "active", Boolean.toString(recordType.active()));
		String written = MetadataXml.text(root, "businessProcess");
		if (written == null || !MetadataNames.decode(written).equals(process)) {
			MetadataTypes.set(xml, root, type, "businessProcess", MetadataNames.encode(process));
		}
		setOrRemove(xml, root, type, "description", recordType.description());
		MetadataTypes.set(xml, root, type, "label", recordType.label());
		return xml.write();
	}

	/**
	 * A path: whether it is active, its label, record type, and each of the funnel's stages' step. A step for a
	 * stage the funnel does not have stays as it is; a step without key fields or guidance is left out, unless the
	 * org has it so.
	 */
	static String path(SalesforceOrg.Component org, PathSteps path) {
		MetadataXml xml = start(org, "PathAssistant");
		Element root = xml.root();
		String type = "PathAssistant";
		MetadataTypes.set(xml, root, type, "active", Boolean.toString(path.path().active()));
		MetadataTypes.set(xml, root, type, "entityName", "Opportunity");
		MetadataTypes.set(xml, root, type, "fieldName", "StageName");
		MetadataTypes.set(xml, root, type, "masterLabel", path.path().label());
		MetadataTypes.set(xml, root, type, "recordTypeName", path.path().recordType());
		Map<String, SalesforceNames.Step> steps = new LinkedHashMap<>();
		Map<String, String> labels = new HashMap<>();
		path.steps().forEach((label, step) -> {
			steps.put(SalesforceNames.lowerCase(label), step);
			labels.put(SalesforceNames.lowerCase(label), label);
		});
		for (Element element : MetadataXml.children(root, "pathAssistantSteps")) {
			String key = SalesforceNames.lowerCase(String.valueOf(MetadataXml.text(element, "picklistValueName")));
			SalesforceNames.Step step = steps.remove(key);
			if (step == null) {
				continue;
			}
			boolean bare = MetadataXml.children(element, null).size() == 1;
			if (step.isEmpty() && !bare) {
				root.removeChild(element);
			} else {
				step(xml, element, step);
			}
		}
		steps.forEach((key, step) -> {
			if (!step.isEmpty()) {
				Element element = xml.element("pathAssistantSteps");
				MetadataTypes.set(xml, element, "PathAssistantStep", "picklistValueName", labels.get(key));
				step(xml, element, step);
				insertSorted(root, type, element, "picklistValueName");
			}
		});
		return xml.write();
	}

	private static void step(MetadataXml xml, Element element, SalesforceNames.Step step) {
		MetadataTypes.remove(element, "fieldNames");
		for (String field : step.keyFields()) {
			Element name = xml.element("fieldNames");
			name.setTextContent(field);
			MetadataTypes.insert(element, "PathAssistantStep", name);
		}
		setOrRemove(xml, element, "PathAssistantStep", "info", step.guidance());
	}

	private static void setOrRemove(MetadataXml xml, Element parent, String type, String name, String text) {
		if (text == null) {
			MetadataTypes.remove(parent, name);
		} else {
			MetadataTypes.set(xml, parent, type, name, text);
		}
	}

	/** A repeated child among its kind in the order of {@code key}'s text, as retrieves list values and steps. */
	private static void insertSorted(Element parent, String type, Element child, String key) {
		String name = MetadataXml.text(child, key);
		for (Element sibling : MetadataXml.children(parent, child.getLocalName())) {
			if (String.valueOf(MetadataXml.text(sibling, key)).compareTo(name) > 0) {
				parent.insertBefore(child, sibling);
				return;
			}
		}
		MetadataTypes.insert(parent, type, child);
	}
}

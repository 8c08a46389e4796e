package org.funnel.dsl.testing.crm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.namespace.QName;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.funnel.dsl.testing.StrictXml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.sforce.ws.bind.TypeInfo;
import com.sforce.ws.bind.TypeMapper;
import com.sforce.ws.bind.XMLizable;
import com.sforce.ws.parser.XmlInputStream;
import com.sforce.ws.parser.XmlOutputStream;

/**
 * Salesforce's published contract for metadata files: the Java types Salesforce generates from its
 * Metadata API WSDL ({@code com.force.api:force-metadata-api}, read and written by its own
 * {@code force-wsc} runtime). A file passes when
 * <ul>
 * <li>the type of its root element ({@code BusinessProcess}, ...) loads it: every element is one the
 * type has, in the type's order (the loader reads the type's elements in order and fails on any other);
 * <li>the type writes it back the same: names, order and text of every element (so a value the type
 * reads differently, "yes" for a boolean or "10.5" for an int, is caught);
 * <li>every element the type requires ({@code minOccurs="1"}) is there, at every level.
 * </ul>
 * Indentation is insignificant in XML but the loader, made for SOAP messages, does not skip it: it is
 * removed first.
 */
public final class SalesforceContract {

	public static final String NAMESPACE = "http://soap.sforce.com/2006/04/metadata";
	private static final String TYPES = "com.sforce.soap.metadata.";

	private SalesforceContract() {
	}

	/** What Salesforce's types find wrong with the file; empty when it is valid. */
	public static List<String> problems(byte[] file) {
		List<String> problems = new ArrayList<>();
		Element root;
		try {
			root = parse(file);
		} catch (Exception e) {
			problems.add("not XML: " + e.getMessage());
			return problems;
		}
		if (!NAMESPACE.equals(root.getNamespaceURI())) {
			problems.add("root element in namespace " + root.getNamespaceURI() + ", not " + NAMESPACE);
			return problems;
		}
		Class<?> type = type(root.getLocalName());
		if (type == null) {
			problems.add("the Metadata API has no type " + root.getLocalName());
			return problems;
		}
		stripIndentation(root);
		XMLizable loaded;
		try {
			loaded = load(root, type);
		} catch (Exception e) {
			problems.add("the Metadata API's " + type.getSimpleName() + " cannot load it: " + e.getMessage());
			return problems;
		}
		try {
			Element written = write(loaded, root.getLocalName());
			compare(root, written, "/" + root.getLocalName(), problems);
		} catch (Exception e) {
			problems.add("the Metadata API's " + type.getSimpleName() + " cannot write it back: " + e);
		}
		required(root, type, "/" + root.getLocalName(), problems);
		return problems;
	}

	private static Class<?> type(String name) {
		try {
			Class<?> type = Class.forName(TYPES + name);
			return XMLizable.class.isAssignableFrom(type) ? type : null;
		} catch (ClassNotFoundException e) {
			return null;
		}
	}

	private static XMLizable load(Element element, Class<?> type) throws Exception {
		XMLizable object = (XMLizable) type.getDeclaredConstructor().newInstance();
		XmlInputStream in = new XmlInputStream();
		in.setInput(new ByteArrayInputStream(serialize(element)), "UTF-8");
		object.load(in, new TypeMapper());
		return object;
	}

	private static Element write(XMLizable object, String rootName) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		XmlOutputStream out = new XmlOutputStream(bytes, false);
		out.setPrefix("", NAMESPACE);
		out.startDocument();
		object.write(new QName(NAMESPACE, rootName), out, new TypeMapper());
		out.endDocument();
		out.close();
		return parse(bytes.toByteArray());
	}

	/** Same element names, order and text (attributes such as xsi:type are the writer's business). */
	private static void compare(Element file, Element written, String path, List<String> problems) {
		List<Element> fileChildren = children(file);
		List<Element> writtenChildren = children(written);
		if (fileChildren.isEmpty() && writtenChildren.isEmpty()) {
			if (!file.getTextContent().equals(written.getTextContent())) {
				problems.add(path + ": '" + file.getTextContent() + "' reads as '" + written.getTextContent() + "'");
			}
			return;
		}
		List<String> fileNames = fileChildren.stream().map(Element::getLocalName).toList();
		List<String> writtenNames = writtenChildren.stream().map(Element::getLocalName).toList();
		if (!fileNames.equals(writtenNames)) {
			problems.add(path + ": elements " + fileNames + " are written back as " + writtenNames);
			return;
		}
		for (int i = 0; i < fileChildren.size(); i++) {
			compare(fileChildren.get(i), writtenChildren.get(i), path + "/" + fileNames.get(i) + "[" + (i + 1) + "]", problems);
		}
	}

	/** Every element the type requires is there; then the same for each element that is itself a type. */
	private static void required(Element element, Class<?> type, String path, List<String> problems) {
		XMLizable object;
		try {
			object = load(element, type);
		} catch (Exception e) {
			return; // reported by the load of the whole file
		}
		List<String> present = children(element).stream().map(Element::getLocalName).toList();
		for (Class<?> k = type; k != Object.class; k = k.getSuperclass()) {
			for (TypeInfo info : typeInfos(object, k).values()) {
				if (info.getMinOcc() > 0 && !present.contains(info.getName())) {
					problems.add(path + ": " + type.getSimpleName() + " requires <" + info.getName() + ">");
				}
			}
		}
		for (Element child : children(element)) {
			TypeInfo info = typeInfo(object, type, child.getLocalName());
			Class<?> childType = info == null ? null : type(info.getType());
			if (childType != null) {
				required(child, childType, path + "/" + child.getLocalName(), problems);
			}
		}
	}

	private static TypeInfo typeInfo(Object object, Class<?> type, String elementName) {
		for (Class<?> k = type; k != Object.class; k = k.getSuperclass()) {
			for (TypeInfo info : typeInfos(object, k).values()) {
				if (info.getName().equals(elementName)) {
					return info;
				}
			}
		}
		return null;
	}

	/** The element definitions a generated class looked up while loading, by field, in its order. */
	@SuppressWarnings("unchecked")
	private static Map<String, TypeInfo> typeInfos(Object object, Class<?> k) {
		try {
			Field cache = k.getDeclaredField("typeInfoCache");
			cache.setAccessible(true);
			return (Map<String, TypeInfo>) cache.get(object);
		} catch (NoSuchFieldException e) {
			return Map.of();
		} catch (IllegalAccessException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Element parse(byte[] bytes) throws Exception {
		return StrictXml.parse(bytes).getDocumentElement();
	}

	private static byte[] serialize(Element element) throws Exception {
		var transformer = TransformerFactory.newInstance().newTransformer();
		transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
		transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		transformer.transform(new DOMSource(element), new StreamResult(out));
		return out.toByteArray();
	}

	private static void stripIndentation(Element element) {
		List<Element> children = children(element);
		if (children.isEmpty()) {
			return;
		}
		for (Node node = element.getFirstChild(); node != null;) {
			Node next = node.getNextSibling();
			if (node.getNodeType() == Node.TEXT_NODE && node.getTextContent().isBlank()) {
				element.removeChild(node);
			}
			node = next;
		}
		children.forEach(SalesforceContract::stripIndentation);
	}

	private static List<Element> children(Element parent) {
		List<Element> result = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element) {
				result.add(element);
			}
		}
		return result;
	}
}

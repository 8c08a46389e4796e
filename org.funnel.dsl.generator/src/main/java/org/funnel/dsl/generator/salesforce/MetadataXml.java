package org.funnel.dsl.generator.salesforce;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.funnel.dsl.generator.GenerationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Salesforce metadata XML with the JDK's DOM: elements in the namespace
 * {@code http://soap.sforce.com/2006/04/metadata}, in the order they are added, four-space
 * indentation, UTF-8, '\n'. The serializer escapes {@code & < >} (and carriage returns), so text
 * goes in as it is.
 */
public final class MetadataXml {

	public static final String NAMESPACE = "http://soap.sforce.com/2006/04/metadata";

	private final Document document;

	/** Factories are expensive to look up; the command line is single-threaded, so one of each will do. */
	private static final DocumentBuilderFactory DOCUMENTS = documentBuilderFactory();
	private static final TransformerFactory TRANSFORMERS = TransformerFactory.newInstance();

	private MetadataXml(Document document) {
		this.document = document;
	}

	/** A new document whose root element has this name. */
	public static MetadataXml create(String root) {
		Document document = newBuilder().newDocument();
		document.setXmlStandalone(true);
		document.appendChild(document.createElementNS(NAMESPACE, root));
		return new MetadataXml(document);
	}

	public Element root() {
		return document.getDocumentElement();
	}

	public Element add(Element parent, String name) {
		Element element = document.createElementNS(NAMESPACE, name);
		parent.appendChild(element);
		return element;
	}

	public Element add(Element parent, String name, String text) {
		checkXmlText(text);
		Element element = add(parent, name);
		element.setTextContent(text);
		return element;
	}

	public Element add(Element parent, String name, boolean value) {
		return add(parent, name, Boolean.toString(value));
	}

	/** The document as text, with an XML declaration and a final newline. */
	public String write() {
		try {
			Transformer transformer;
			synchronized (TRANSFORMERS) {
				transformer = TRANSFORMERS.newTransformer();
			}
			transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
			transformer.setOutputProperty(OutputKeys.METHOD, "xml");
			transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
			transformer.setOutputProperty(OutputKeys.INDENT, "yes");
			transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "4");
			StringWriter out = new StringWriter();
			transformer.transform(new DOMSource(document), new StreamResult(out));
			String body = out.toString().replace("\r\n", "\n").strip();
			return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body + "\n";
		} catch (TransformerException e) {
			throw new IllegalStateException("Cannot write XML: " + e.getMessage(), e);
		}
	}

	/**
	 * XML 1.0 cannot carry most control characters, not even escaped: refuse them with a clear
	 * message instead of writing a file Salesforce rejects.
	 */
	static void checkXmlText(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
					|| (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(++i)));
			if (!allowed) {
				throw new GenerationException("Salesforce metadata is XML, which cannot contain the character U+"
						+ String.format("%04X", (int) c) + " in " + quote(text) + ". Remove it.");
			}
		}
	}

	private static String quote(String text) {
		return "'" + text.replaceAll("\\p{Cntrl}", "?") + "'";
	}

	private static DocumentBuilderFactory documentBuilderFactory() {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setExpandEntityReferences(false);
			return factory;
		} catch (ParserConfigurationException e) {
			throw new IllegalStateException(e);
		}
	}

	private static DocumentBuilder newBuilder() {
		try {
			synchronized (DOCUMENTS) {
				return DOCUMENTS.newDocumentBuilder();
			}
		} catch (ParserConfigurationException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The child elements of that local name, in document order. */
	public static List<Element> children(Element parent, String name) {
		List<Element> result = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && name.equals(element.getLocalName())) {
				result.add(element);
			}
		}
		return result;
	}

	/** The text of the first child of that name, or null. */
	public static String text(Element parent, String name) {
		List<Element> found = children(parent, name);
		return found.isEmpty() ? null : found.get(0).getTextContent();
	}
}

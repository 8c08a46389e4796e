package org.funnel.dsl.generator.salesforce;

import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.funnel.dsl.generator.GenerationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Salesforce metadata XML with the JDK's DOM: elements in the namespace
 * {@code http://soap.sforce.com/2006/04/metadata}, written as a retrieve writes them: four-space
 * indentation, UTF-8, '\n', and in text {@code & < > ' "} escaped ({@code &apos;}, {@code &quot;}), so
 * that a file generated from a retrieved one is byte for byte the same where nothing changed. Text goes
 * in as it is.
 */
public final class MetadataXml {

	public static final String NAMESPACE = "http://soap.sforce.com/2006/04/metadata";

	private final Document document;

	/** Factories are expensive to look up; the command line is single-threaded, so one of each will do. */
	private static final DocumentBuilderFactory DOCUMENTS = documentBuilderFactory();

	private MetadataXml(Document document) {
		this.document = document;
	}

	/**
	 * A new document holding a copy of a retrieved element as its root, renamed (a
	 * {@code <businessProcesses>} of {@code Opportunity.object} becomes a {@code <BusinessProcess>}). The
	 * indentation between elements is dropped; the text of elements is kept as it is.
	 */
	public static MetadataXml copyOf(Element source, String root) {
		MetadataXml xml = create(root);
		Node copy = xml.document.importNode(source, true);
		while (copy.getFirstChild() != null) {
			xml.root().appendChild(copy.getFirstChild());
		}
		dropIndentation(xml.root());
		return xml;
	}

	/** Removes whitespace between child elements, everywhere below. */
	private static void dropIndentation(Element element) {
		if (children(element, null).isEmpty()) {
			return;
		}
		for (Node node = element.getFirstChild(); node != null;) {
			Node next = node.getNextSibling();
			if (node instanceof Element child) {
				dropIndentation(child);
			} else if (node.getNodeType() != Node.TEXT_NODE || node.getTextContent().isBlank()) {
				element.removeChild(node); // indentation, and comments, which Salesforce does not write
			}
			node = next;
		}
	}

	/** A new element of the document, not yet placed. */
	public Element element(String name) {
		return document.createElementNS(NAMESPACE, name);
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
		StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		Element root = root();
		out.append('<').append(root.getLocalName()).append(" xmlns=\"").append(NAMESPACE).append('"');
		writeContent(out, root, "");
		return out.append('\n').toString();
	}

	/** An element's content and end tag, after its start tag's name; children indented four spaces deeper. */
	private static void writeContent(StringBuilder out, Element element, String indent) {
		List<Element> children = children(element, null);
		if (children.isEmpty()) {
			String text = element.getTextContent();
			if (text.isEmpty()) {
				out.append("/>");
				return;
			}
			out.append('>');
			escape(out, text);
		} else {
			out.append('>');
			for (Element child : children) {
				out.append('\n').append(indent).append("    <").append(child.getLocalName());
				writeContent(out, child, indent + "    ");
			}
			out.append('\n').append(indent);
		}
		out.append("</").append(element.getLocalName()).append('>');
	}

	/** Text as a retrieve escapes it. */
	private static void escape(StringBuilder out, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
			case '&' -> out.append("&amp;");
			case '<' -> out.append("&lt;");
			case '>' -> out.append("&gt;");
			case '\'' -> out.append("&apos;");
			case '"' -> out.append("&quot;");
			case '\r' -> out.append("&#13;");
			default -> out.append(c);
			}
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

	/** The child elements of that local name (all of them for null), in document order. */
	public static List<Element> children(Element parent, String name) {
		List<Element> result = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && (name == null || name.equals(element.getLocalName()))) {
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

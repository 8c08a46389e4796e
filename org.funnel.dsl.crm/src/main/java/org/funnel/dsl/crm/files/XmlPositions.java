package org.funnel.dsl.crm.files;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.SourceFile;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An XML file read as a DOM tree with the line and column of every element, so that an importer's
 * message points at the place in the file ({@code Opportunity.object:12:20: ...}). The DOM keeps no
 * positions; the tree is built from SAX events, each element noting where the parser's
 * {@link Locator} was when it began (the end of its start tag). No DTDs, no external entities.
 */
public final class XmlPositions {

	private static final String POSITION = "funnel.position";
	private static final SAXParserFactory PARSERS = parserFactory();

	private final String path;
	private final Element root;

	private XmlPositions(String path, Element root) {
		this.path = path;
		this.root = root;
	}

	public static XmlPositions read(Path file) throws IOException {
		String path = SourceFile.display(file);
		Document document;
		try {
			document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
		} catch (ParserConfigurationException e) {
			throw new IllegalStateException(e);
		}
		TreeBuilder tree = new TreeBuilder(document);
		try (InputStream in = Files.newInputStream(file)) {
			SAXParser parser;
			synchronized (PARSERS) {
				parser = PARSERS.newSAXParser();
			}
			InputSource source = new InputSource(in);
			source.setSystemId(file.toUri().toString());
			parser.parse(source, tree);
		} catch (SAXParseException e) {
			// The parser says -1 where it knows no place (an empty file): the start of the file then.
			throw new GenerationException(path + ":" + Math.max(1, e.getLineNumber()) + ":" + Math.max(1, e.getColumnNumber())
					+ ": not valid XML: " + e.getMessage());
		} catch (UnsupportedEncodingException e) {
			// The XML declaration, at the start of the file, names an encoding the JDK cannot read (UTF-7, say).
			throw new GenerationException(path + ":1:1: not valid XML: the encoding " + e.getMessage() + " is not supported");
		} catch (SAXException | ParserConfigurationException | CharConversionException e) {
			// Not a parse error the parser could place (an internal state of its scanner, bytes that are no text in the
			// encoding): where it was reading.
			String at = tree.locator == null ? ":1:1" : ":" + tree.locator.getLineNumber() + ":" + tree.locator.getColumnNumber();
			throw new GenerationException(path + at + ": not valid XML: " + e.getMessage());
		}
		return new XmlPositions(path, document.getDocumentElement());
	}

	public Element root() {
		return root;
	}

	public String path() {
		return path;
	}

	/** "file:line:column" of the element. */
	public String at(Node node) {
		Object position = node == null ? null : node.getUserData(POSITION);
		return position == null ? path : path + ":" + position;
	}

	/** An importer problem at the element: "file:line:column: message". */
	public GenerationException problem(Node node, String message) {
		return new GenerationException(at(node) + ": " + message);
	}

	private static SAXParserFactory parserFactory() {
		try {
			SAXParserFactory factory = SAXParserFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return factory;
		} catch (ParserConfigurationException | SAXException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Builds the DOM from the parser's events, noting each element's position. */
	private static final class TreeBuilder extends DefaultHandler {
		private final Document document;
		private final Deque<Node> open = new ArrayDeque<>();
		private Locator locator;

		TreeBuilder(Document document) {
			this.document = document;
			open.push(document);
		}

		@Override
		public void setDocumentLocator(Locator locator) {
			this.locator = locator;
		}

		@Override
		public void startElement(String uri, String localName, String qName, Attributes attributes) {
			Element element = document.createElementNS(uri == null || uri.isEmpty() ? null : uri, qName);
			for (int i = 0; i < attributes.getLength(); i++) {
				String namespace = attributes.getURI(i);
				element.setAttributeNS(namespace == null || namespace.isEmpty() ? null : namespace, attributes.getQName(i),
						attributes.getValue(i));
			}
			if (locator != null) {
				element.setUserData(POSITION, locator.getLineNumber() + ":" + locator.getColumnNumber(), null);
			}
			open.peek().appendChild(element);
			open.push(element);
		}

		@Override
		public void endElement(String uri, String localName, String qName) {
			open.pop();
		}

		@Override
		public void characters(char[] ch, int start, int length) {
			if (open.peek() instanceof Element element) {
				element.appendChild(document.createTextNode(new String(ch, start, length)));
			}
		}
	}
}

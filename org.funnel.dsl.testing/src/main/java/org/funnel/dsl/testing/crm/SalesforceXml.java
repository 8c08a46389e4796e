package org.funnel.dsl.testing.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reading Salesforce metadata XML in tests: every element checked to be in the metadata namespace. */
public final class SalesforceXml {

	private SalesforceXml() {
	}

	public static Element parse(byte[] bytes) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)).getDocumentElement();
			assertThat(root.getNamespaceURI()).isEqualTo(SalesforceContract.NAMESPACE);
			return root;
		} catch (Exception e) {
			throw new AssertionError("not XML: " + e.getMessage(), e);
		}
	}

	/** The child elements of that name (all of them for null), in document order. */
	public static List<Element> children(Element parent, String name) {
		List<Element> result = new ArrayList<>();
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e && (name == null || name.equals(e.getLocalName()))) {
				assertThat(e.getNamespaceURI()).isEqualTo(SalesforceContract.NAMESPACE);
				result.add(e);
			}
		}
		return result;
	}

	public static List<String> names(Element parent) {
		return children(parent, null).stream().map(Element::getLocalName).toList();
	}

	/** The text of the one child of that name. */
	public static String text(Element parent, String name) {
		List<Element> found = children(parent, name);
		assertThat(found).as(name).hasSize(1);
		return found.get(0).getTextContent();
	}
}

package org.funnel.dsl.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A funnel diagram's SVG read back with the JDK's XML parser, and what the tests look for in it. */
public final class SvgPicture {

	/** A stage group: its name, classes, tooltip and the texts in its box. */
	public record StageGroup(String name, List<String> classes, String tooltip, List<String> texts, double x, double y,
			double width, double height) {
	}

	/** A transition group: its stages, classes, the stroke width of its arrow (or exit bar) and its words. */
	public record TransitionGroup(String from, String to, List<String> classes, double width, String words) {
	}

	public final Document document;
	public final Element root;

	public SvgPicture(String svg) {
		try {
			document = StrictXml.parse(svg.getBytes(StandardCharsets.UTF_8));
		} catch (Exception e) {
			throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + svg, e);
		}
		root = document.getDocumentElement();
		if (!"http://www.w3.org/2000/svg".equals(root.getNamespaceURI()) || !"svg".equals(root.getLocalName())) {
			throw new AssertionError("not an SVG document: " + root.getTagName());
		}
	}

	public List<StageGroup> stages() {
		List<StageGroup> result = new ArrayList<>();
		for (Element group : groups("fd-stage")) {
			Element box = first(group, "rect");
			List<String> texts = new ArrayList<>();
			NodeList nodes = group.getElementsByTagNameNS("*", "text");
			for (int i = 0; i < nodes.getLength(); i++) {
				texts.add(nodes.item(i).getTextContent());
			}
			result.add(new StageGroup(group.getAttribute("data-stage"), classes(group), first(group, "title").getTextContent(),
					texts, number(box, "x"), number(box, "y"), number(box, "width"), number(box, "height")));
		}
		return result;
	}

	public List<TransitionGroup> transitions() {
		List<TransitionGroup> result = new ArrayList<>();
		for (Element group : groups("fd-transition")) {
			Element path = first(group, "path");
			result.add(new TransitionGroup(group.getAttribute("data-from"), group.getAttribute("data-to"), classes(group),
					path == null ? Double.NaN : number(path, "stroke-width"), first(group, "text").getTextContent()));
		}
		return result;
	}

	private List<Element> groups(String cssClass) {
		List<Element> result = new ArrayList<>();
		NodeList nodes = document.getElementsByTagNameNS("*", "g");
		for (int i = 0; i < nodes.getLength(); i++) {
			Element group = (Element) nodes.item(i);
			if (classes(group).contains(cssClass)) {
				result.add(group);
			}
		}
		return result;
	}

	private static List<String> classes(Element element) {
		return List.of(element.getAttribute("class").split(" "));
	}

	private static Element first(Element parent, String tag) {
		NodeList nodes = parent.getElementsByTagNameNS("*", tag);
		return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
	}

	private static double number(Element element, String attribute) {
		return Double.parseDouble(element.getAttribute(attribute));
	}
}

package org.funnel.dsl.tests.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.testing.JavaCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Labels and guidance written to break each output format: quotes and backslashes (JSON, Java),
 * {@code ]]>} and {@code -->} (XML), {@code *}{@code /} and {@code \u0022} (Java source and comments),
 * {@code |} and markup (Markdown tables), {@code "}, {@code ]} and {@code ;} (Mermaid), line breaks,
 * non-ASCII. Every generated file is read back with a real parser, and each label comes out exactly
 * as written.
 */
class InjectionTest {

	/** Stage labels (the CRMs limit them to 40 characters) and what each tries to break. */
	static final Map<String, String> LABELS = new LinkedHashMap<>();
	static {
		LABELS.put("Quote", "Say \"hi\" \\ bye\\");
		LABELS.put("Xml", "]]> <!-- x --> <a>&amp;</a>");
		LABELS.put("Comment", "*/ /* \\u0022 */ @Deprecated");
		LABELS.put("Escape", "\\u0022); System.exit(1); //");
		LABELS.put("Pipes", "a | b || c |");
		LABELS.put("Mermaid", "x\"]; click s0 \"js:a\"; %%{init}%%");
		LABELS.put("Markdown", "# h *e* _u_ [l](x) `c` <br>");
		LABELS.put("Unicode", "Zürich 😀 中文 \u2028 \u202e");
	}

	static final String GUIDANCE = "Line one \"quoted\"\nline two </info> ]]> --> */ | \\ end";
	static final String CHANNEL = "Web | \"site\" ]]> */";
	static final String FUNNEL_LABEL = "Q \"x\" </label> | *";

	/** A Java string as a .funnel string literal. */
	static String literal(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

	static String funnel() {
		StringBuilder text = new StringBuilder();
		text.append("channel Web ").append(literal(CHANNEL)).append("\n\n");
		text.append("funnel Inject ").append(literal(FUNNEL_LABEL)).append(" {\n");
		text.append("    salesforce process \"Injection Test\"\n\n");
		List<String> names = new ArrayList<>(LABELS.keySet());
		for (int i = 0; i < names.size(); i++) {
			text.append("    stage ").append(names.get(i)).append(' ').append(literal(LABELS.get(names.get(i)))).append(" {\n");
			text.append("        probability ").append(10 * (i + 1)).append("%\n");
			if (i == 0) {
				text.append("        entering 100 per month\n");
				text.append("        guidance ").append(literal(GUIDANCE)).append('\n');
			}
			String next = i + 1 < names.size() ? names.get(i + 1) : "Won";
			text.append("        moves to ").append(next).append(" 90% via Web\n    }\n\n");
		}
		text.append("    won stage Won \"Won\"\n}\n");
		return text.toString();
	}

	@Test
	void everyLabelComesOutIntactInEveryFormat(@TempDir Path dir) throws Exception {
		Files2.copyShared(dir);
		Files2.Loaded loaded = Files2.load(Files2.write(dir.resolve("inject.funnel"), funnel()));
		assertThat(loaded.errors()).as(loaded.diagnostics().toString()).isEmpty();
		GeneratedFiles files = loaded.generate();
		Map<String, byte[]> out = files.files();
		List<String> labels = new ArrayList<>(LABELS.values());

		hubspotAndSalesforce(out, labels);
		java(out, labels, dir);
		mermaid(out, labels);
		report(out, labels);
		pictures(out, labels);
	}

	/** The HubSpot payload (JSON, read by Jackson) and the Salesforce metadata (XML, read by the JDK's parser). */
	private static void hubspotAndSalesforce(Map<String, byte[]> out, List<String> labels) throws Exception {
		JsonNode hubspot = Outputs.json("hubspot/Inject.json", out.get("hubspot/Inject.json"));
		assertThat(hubspot.get("label").asText()).isEqualTo(FUNNEL_LABEL);
		List<String> hubspotLabels = new ArrayList<>();
		hubspot.get("stages").forEach(stage -> hubspotLabels.add(stage.get("label").asText()));
		assertThat(hubspotLabels).containsAll(labels);

		// Salesforce: XML, read by the JDK's parser.
		Document valueSet = Outputs.xml("value set", out.get(
				"salesforce/force-app/main/default/standardValueSets/OpportunityStage.standardValueSet-meta.xml"));
		assertThat(texts(valueSet, "label")).containsAll(labels);
		String pathAssistant = out.keySet().stream().filter(p -> p.endsWith(".pathAssistant-meta.xml")).findFirst().orElseThrow();
		Document path = Outputs.xml(pathAssistant, out.get(pathAssistant));
		assertThat(texts(path, "info")).containsExactly(GUIDANCE);
		assertThat(texts(path, "picklistValueName")).containsExactly(LABELS.get("Quote"));
	}

	/** Java: compiled and loaded; the enum's labels are the labels. */
	private static void java(Map<String, byte[]> out, List<String> labels, Path dir) throws Exception {
		Map<String, String> java = new TreeMap<>();
		java.put("InjectFunnel.java", Outputs.text(out.get("java/InjectFunnel.java")));
		ClassLoader loader = JavaCompiler.compile(dir.resolve("javac"), java);
		Class<?> stage = loader.loadClass("InjectFunnel$Stage");
		List<String> javaLabels = new ArrayList<>();
		for (Object constant : stage.getEnumConstants()) {
			javaLabels.add((String) stage.getField("label").get(constant));
		}
		assertThat(javaLabels).containsAll(labels);
		assertThat(loader.loadClass("InjectFunnel").getField("LABEL").get(null)).isEqualTo(FUNNEL_LABEL);
	}

	/** Mermaid: every line has one of the generator's shapes; node labels decode to the labels. */
	private static void mermaid(Map<String, byte[]> out, List<String> labels) throws Exception {
		String mermaid = Outputs.text(out.get("mermaid/Inject.mmd"));
		Outputs.mermaid("mermaid/Inject.mmd", mermaid);
		List<String> nodes = new ArrayList<>();
		Matcher node = Pattern.compile("^ {4}s\\d+\\(?\\[\"([^\"]*)\"\\]\\)?$", Pattern.MULTILINE).matcher(mermaid);
		while (node.find()) {
			String text = node.group(1);
			int figures = text.indexOf("<br>declared ");
			nodes.add(unmermaid(figures >= 0 ? text.substring(0, figures) : text));
		}
		assertThat(nodes).containsAll(labels);
		assertThat(mermaid).contains("title: \"" + FUNNEL_LABEL.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
		Matcher edge = Pattern.compile("^ {4}s0 -->\\|\"([^\"]*)\"\\| s1$", Pattern.MULTILINE).matcher(mermaid);
		assertThat(edge.find()).as(mermaid).isTrue();
		assertThat(unmermaid(edge.group(1))).isEqualTo("90% via " + CHANNEL);
	}

	/** Markdown: tables keep their columns; the stage column reads back as the labels. */
	private static void report(Map<String, byte[]> out, List<String> labels) throws Exception {
		String report = Outputs.text(out.get("report/Inject.md"));
		Outputs.markdown("report/Inject.md", report);
		Map<String, List<String>> cells = new LinkedHashMap<>();
		String section = null;
		for (String line : report.split("\n")) {
			if (line.equals("## Stages") || line.equals("## In HubSpot")) {
				section = line;
			} else if (line.startsWith("## ")) {
				section = null;
			} else if (section != null && line.startsWith("| ") && !line.startsWith("| Stage") && !line.startsWith("| ---")) {
				cells.computeIfAbsent(section, k -> new ArrayList<>())
						.add(unmarkdown(firstCell(line)).replace(" ⚠️ bottleneck", ""));
			}
		}
		assertThat(cells.keySet()).containsExactly("## Stages", "## In HubSpot");
		cells.values().forEach(column -> assertThat(column).containsAll(labels));
	}

	/** SVG: read by the JDK's parser; each stage's tooltip starts with its label, the funnel's title with its label. */
	private static void pictures(Map<String, byte[]> out, List<String> labels) throws Exception {
		for (String picture : List.of("svg/Inject.svg", "report/Inject.svg")) {
			Document svg = Outputs.xml(picture, out.get(picture));
			List<String> tooltips = new ArrayList<>();
			NodeList groups = svg.getElementsByTagNameNS("*", "g");
			for (int i = 0; i < groups.getLength(); i++) {
				Element group = (Element) groups.item(i);
				if (group.getAttribute("class").startsWith("fd-stage ")) {
					String name = group.getAttribute("data-stage");
					String tooltip = ((Element) group.getElementsByTagNameNS("*", "title").item(0)).getTextContent();
					tooltips.add(LABELS.containsKey(name) ? tooltip.substring(0, tooltip.indexOf(" (" + name + "): ")) : name);
				}
			}
			assertThat(tooltips).containsAll(labels);
			assertThat(texts(svg, "title").get(0)).isEqualTo(FUNNEL_LABEL + ": funnel diagram");
		}
	}

	private static List<String> texts(Document document, String name) {
		List<String> result = new ArrayList<>();
		NodeList nodes = document.getElementsByTagNameNS("*", name);
		for (int i = 0; i < nodes.getLength(); i++) {
			result.add(((Element) nodes.item(i)).getTextContent());
		}
		return result;
	}

	/** The first cell of a table row, up to the first unescaped pipe. */
	private static String firstCell(String row) {
		StringBuilder cell = new StringBuilder();
		for (int i = 2; i < row.length(); i++) {
			char c = row.charAt(i);
			if (c == '\\' && i + 1 < row.length()) {
				cell.append(c).append(row.charAt(++i));
			} else if (c == '|') {
				break;
			} else {
				cell.append(c);
			}
		}
		return cell.toString().strip();
	}

	/** Markdown as a renderer reads it: backslash escapes, entities, {@code <br>} for a line break. */
	private static String unmarkdown(String text) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				out.append(text.charAt(++i));
			} else {
				out.append(c);
			}
		}
		return out.toString().replace("<br>", "\n").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
	}

	/** Mermaid's entity codes as Mermaid renders them. */
	private static String unmermaid(String text) {
		return text.replace("<br>", "\n").replace("#quot;", "\"").replace("#35;", "#").replace("#lt;", "<")
				.replace("#gt;", ">").replace("#124;", "|").replace("#96;", "`").replace("#amp;", "&");
	}

	@Test
	void theSourceFileNameCannotBreakTheGeneratedFiles(@TempDir Path dir) throws Exception {
		// File names end up in the outputs (comments, the report): line breaks in one must not start code.
		String name = "x\nclass Evil {}\n# Evil\n| a | b |\n*/ ]]> --> .funnel";
		Path file = Files2.write(dir.resolve(name), "funnel Named {\n    crm salesforce\n"
				+ "    stage Lead {\n        moves to Won 10%\n    }\n    won stage Won\n}\n");
		Files2.Loaded loaded = Files2.load(file);
		assertThat(loaded.errors()).isEmpty();
		GeneratedFiles files = loaded.generate();
		HugeFunnelsTest.readBack(files); // Java compiled, report and diagram of the expected shapes, XML and JSON read
		for (Map.Entry<String, byte[]> generated : files.files().entrySet()) {
			String text = new String(generated.getValue(), StandardCharsets.UTF_8);
			assertThat(text.lines()).as(generated.getKey()).noneMatch(line -> line.startsWith("class Evil"))
					.noneMatch(line -> line.startsWith("# Evil"));
		}
		assertThat(Files.exists(file)).isTrue();
	}
}

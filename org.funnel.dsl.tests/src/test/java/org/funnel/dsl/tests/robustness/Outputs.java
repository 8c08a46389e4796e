package org.funnel.dsl.tests.robustness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.testing.StrictXml;
import org.funnel.dsl.testing.JavaCompiler;
import org.w3c.dom.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads generated files back the way their consumers would: JSON with Jackson, XML with the JDK's
 * parser, Java with javac, Mermaid and Markdown by the shapes the generators promise. Each method
 * throws an AssertionError naming the file when it does not read back.
 */
final class Outputs {

	private static final ObjectMapper JSON = new ObjectMapper();

	private Outputs() {
	}

	static JsonNode json(String path, byte[] content) {
		try {
			return JSON.readTree(content);
		} catch (IOException e) {
			throw new AssertionError(path + " is not JSON: " + e.getMessage() + "\n" + text(content), e);
		}
	}

	static Document xml(String path, byte[] content) {
		try {
			return StrictXml.parse(content);
		} catch (Exception e) {
			throw new AssertionError(path + " is not well-formed XML: " + e.getMessage() + "\n" + text(content), e);
		}
	}

	// Lines a generated flowchart consists of; a label can never end its quotes early.
	private static final List<Pattern> MERMAID_LINES = List.of(Pattern.compile("---"),
			Pattern.compile("title: \"([^\"\\\\\\r\\n]|\\\\.)*\""), Pattern.compile("flowchart LR"),
			Pattern.compile(" {4}s\\d+\\[\"[^\"\\r\\n]*\"\\]"), Pattern.compile(" {4}s\\d+\\(\\[\"[^\"\\r\\n]*\"\\]\\)"),
			Pattern.compile(" {4}s\\d+ -->\\|\"[^\"\\r\\n|]*\"\\| s\\d+"),
			Pattern.compile(" {4}s\\d+ -\\.->\\|\"[^\"\\r\\n|]*\"\\| dropoff"),
			Pattern.compile(" {4}dropoff\\(\\(\"Drop-off\"\\)\\)"),
			Pattern.compile(" {4}classDef (won|lost|bottleneck|dropoff) [a-z0-9:#,;-]+"),
			Pattern.compile(" {4}class s\\d+ (won|lost|bottleneck)"), Pattern.compile(" {4}class dropoff dropoff"));

	/** Every line of the flowchart has one of the generator's shapes. */
	static void mermaid(String path, String text) {
		List<String> lines = text.lines().toList();
		for (String line : lines) {
			if (MERMAID_LINES.stream().noneMatch(p -> p.matcher(line).matches())) {
				throw new AssertionError(path + ": unexpected Mermaid line " + line + "\n" + text);
			}
		}
	}

	/**
	 * Markdown: table rows have as many cells as their header, headings are the report's own, and the
	 * Mermaid block is fenced once.
	 */
	static void markdown(String path, String text) {
		int cells = -1;
		boolean inCode = false;
		int fences = 0;
		for (String line : text.split("\n", -1)) {
			if (line.startsWith("```")) {
				inCode = !inCode;
				fences++;
				continue;
			}
			if (inCode) {
				continue;
			}
			if (line.startsWith("|")) {
				int count = pipes(line);
				if (cells < 0) {
					cells = count;
				} else if (count != cells) {
					throw new AssertionError(path + ": table row with " + count + " cells instead of " + cells + ": " + line);
				}
			} else {
				cells = -1;
			}
			if (line.startsWith("#") && !line.startsWith("# ") && !line.startsWith("## ")) {
				throw new AssertionError(path + ": unexpected heading " + line);
			}
			if (line.startsWith("## ") && !List.of("## Stages", "## In HubSpot", "## Transitions", "## Diagram").contains(line)) {
				throw new AssertionError(path + ": unexpected heading " + line);
			}
			if (line.indexOf('\r') >= 0) {
				throw new AssertionError(path + ": carriage return in " + line);
			}
		}
		if (fences != 2) {
			throw new AssertionError(path + ": " + fences + " code fences instead of 2\n" + text);
		}
	}

	/** Unescaped pipes of a table row. */
	static int pipes(String line) {
		int count = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '\\') {
				i++;
			} else if (c == '|') {
				count++;
			}
		}
		return count;
	}

	/**
	 * Reads every generated file back by its kind (an unknown kind fails); compiles the Java sources into
	 * {@code javac} unless it is null. Whether Java sources were compiled.
	 */
	static boolean readBack(GeneratedFiles generated, Path javac) {
		Map<String, String> java = new TreeMap<>();
		for (Map.Entry<String, byte[]> file : generated.files().entrySet()) {
			String path = file.getKey();
			byte[] content = file.getValue();
			if (path.endsWith(".json")) {
				json(path, content);
			} else if (path.endsWith(".xml") || path.endsWith(".svg")) {
				xml(path, content);
			} else if (path.endsWith(".mmd")) {
				mermaid(path, text(content));
			} else if (path.endsWith(".md")) {
				markdown(path, text(content));
			} else if (path.endsWith(".java")) {
				java.put(path.substring(path.lastIndexOf('/') + 1), text(content));
			} else {
				throw new AssertionError("a generated file of an unknown kind: " + path);
			}
		}
		if (javac != null && !java.isEmpty()) {
			JavaCompiler.compile(javac, java);
			return true;
		}
		return false;
	}

	static String text(byte[] content) {
		return new String(content, StandardCharsets.UTF_8);
	}
}

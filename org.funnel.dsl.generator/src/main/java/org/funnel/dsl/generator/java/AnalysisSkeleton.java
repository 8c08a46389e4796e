package org.funnel.dsl.generator.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated analysis class as the real, compiled and tested Java source
 * {@code sample/SampleFunnel.java}, split into the text every generated class shares and the regions
 * each funnel fills ({@code // @funnel NAME} ... {@code // @end}). The source travels in the jar as a
 * resource and is read once.
 */
final class AnalysisSkeleton {

	static final String SAMPLE_CLASS = "SampleFunnel";
	private static final String RESOURCE = "sample/" + SAMPLE_CLASS + ".java";
	private static final String REGION = "// @funnel ";
	private static final String END = "// @end";
	private static final Pattern CLASS_NAME = Pattern.compile("\\b" + SAMPLE_CLASS + "\\b");

	/** Shared text (region null), or the name of a region to fill and the indentation of its marker. */
	private record Part(String text, String region, String indentation) {
	}

	private static final List<Part> PARTS = parse(read(AnalysisSkeleton.class, RESOURCE));
	/** The solver's source, in the language module's jar: the same class computes {@code funnel analyze}. */
	private static final String SOLVER_RESOURCE = "/org/funnel/dsl/analysis/MarkovChain.java";
	private static final String SOLVER = nested(read(AnalysisSkeleton.class, SOLVER_RESOURCE));

	private AnalysisSkeleton() {
	}

	/** The class for {@code className}, its regions filled from {@code regions} (name -> text). */
	static String fill(String className, Map<String, ? extends CharSequence> regions) {
		StringBuilder out = new StringBuilder(40_000);
		String replacement = Matcher.quoteReplacement(className);
		for (Part part : PARTS) {
			if (part.region() == null) {
				out.append(CLASS_NAME.matcher(part.text()).replaceAll(replacement));
			} else {
				CharSequence text = regions.get(part.region());
				if (text == null) {
					throw new IllegalArgumentException("no text for the region '" + part.region() + "'");
				}
				indent(out, text, part.indentation());
			}
		}
		return out.toString();
	}

	/** Appends the text with every line that is not empty indented. */
	private static void indent(StringBuilder out, CharSequence text, String indentation) {
		boolean lineStart = true;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (lineStart && c != '\n') {
				out.append(indentation);
			}
			out.append(c);
			lineStart = c == '\n';
		}
	}

	/** The regions the skeleton has, in order. */
	static List<String> regions() {
		return PARTS.stream().map(Part::region).filter(r -> r != null).toList();
	}

	/**
	 * The generated class's solver: {@code MarkovChain} as a nested class (its package line gone, indented with
	 * spaces as the generated class is), so the generated Java solves the chain as {@code funnel analyze} does.
	 */
	static String solver() {
		return SOLVER;
	}

	static String nested(String source) {
		String body = source.substring(source.indexOf("/**"));
		body = body.replace("public final class MarkovChain", "static final class MarkovChain");
		StringBuilder out = new StringBuilder(body.length());
		for (String line : body.split("\n", -1)) {
			int tabs = 0;
			while (tabs < line.length() && line.charAt(tabs) == '\t') {
				tabs++;
			}
			out.append("    ".repeat(tabs)).append(line, tabs, line.length()).append('\n');
		}
		return out.toString().stripTrailing() + "\n";
	}

	private static String read(Class<?> anchor, String resource) {
		try (InputStream in = anchor.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is missing from the jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** From the first region on (the package and the notes for maintainers stay behind). */
	static List<Part> parse(String source) {
		List<Part> parts = new ArrayList<>();
		StringBuilder shared = new StringBuilder();
		String region = null;
		boolean started = false;
		for (String line : source.split("\n", -1)) {
			String marker = line.strip();
			if (marker.startsWith(REGION)) {
				if (region != null) {
					throw new IllegalStateException(RESOURCE + ": region '" + region + "' has no " + END);
				}
				started = true;
				parts.add(new Part(shared.toString(), null, null));
				shared.setLength(0);
				region = marker.substring(REGION.length()).strip();
				parts.add(new Part(null, region, line.substring(0, line.indexOf(REGION))));
			} else if (marker.equals(END)) {
				region = null;
			} else if (started && region == null) {
				shared.append(line).append('\n');
			}
		}
		// The split adds an empty last line after the file's final newline.
		if (shared.length() > 0) {
			shared.setLength(shared.length() - 1);
		}
		parts.add(new Part(shared.toString(), null, null));
		return parts;
	}
}

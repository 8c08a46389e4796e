package org.funnel.dsl.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.TreeSet;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How {@code funnel validate} prints diagnostics: plain lines, JSON, or SARIF 2.1.0 for code scanning. */
public enum DiagnosticFormat {
	text, json, sarif;

	public void print(List<Diagnostic> diagnostics, int files, PrintWriter out) {
		switch (this) {
		case text -> diagnostics.forEach(d -> out.println(d.toText()));
		case json -> out.print(Json.write(json(diagnostics, files)));
		case sarif -> out.print(Json.write(sarif(diagnostics)));
		}
		out.flush();
	}

	static ObjectNode json(List<Diagnostic> diagnostics, int files) {
		ObjectNode root = Json.object();
		root.put("files", files);
		root.put("errors", diagnostics.stream().filter(Diagnostic::isError).count());
		root.put("warnings", diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).count());
		root.set("diagnostics", Diagnostic.json(diagnostics));
		return root;
	}

	static ObjectNode sarif(List<Diagnostic> diagnostics) {
		ObjectNode root = Json.object();
		root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
		root.put("version", "2.1.0");
		ObjectNode run = root.putArray("runs").addObject();
		ObjectNode driver = run.putObject("tool").putObject("driver");
		driver.put("name", "funnel");
		ArrayNode rules = driver.putArray("rules");
		TreeSet<String> codes = new TreeSet<>();
		diagnostics.forEach(d -> codes.add(code(d)));
		for (String code : codes) {
			rules.addObject().put("id", code);
		}
		ArrayNode results = run.putArray("results");
		for (Diagnostic d : diagnostics) {
			ObjectNode result = results.addObject();
			result.put("ruleId", code(d));
			result.put("level", d.severity().sarifLevel());
			result.putObject("message").put("text", d.message());
			ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
			location.putObject("artifactLocation").put("uri", uri(d.path()));
			ObjectNode region = location.putObject("region");
			region.put("startLine", d.line());
			region.put("startColumn", d.column());
			region.put("endLine", d.endLine());
			region.put("endColumn", d.endColumn());
		}
		return root;
	}

	private static String code(Diagnostic d) {
		return d.code() == null ? "funnel" : d.code();
	}

	/** A relative URI reference for a path: segments percent-encoded where needed. */
	static String uri(String path) {
		try {
			return new URI(null, null, path, null).toASCIIString();
		} catch (URISyntaxException e) {
			return path;
		}
	}
}

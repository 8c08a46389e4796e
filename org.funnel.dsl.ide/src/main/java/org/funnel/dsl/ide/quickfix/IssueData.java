package org.funnel.dsl.ide.quickfix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.lsp4j.Diagnostic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

/**
 * The issue data a check attached to a problem, as strings, however it reached us: as the checker's
 * {@code String[]} (in process) or as JSON sent back by an LSP client. {@code FixData}'s types read them.
 */
public final class IssueData {

	private IssueData() {
	}

	public static List<String> of(Diagnostic diagnostic) {
		Object data = diagnostic == null ? null : diagnostic.getData();
		List<String> values = new ArrayList<>();
		if (data instanceof String[] array) {
			values.addAll(Arrays.asList(array));
		} else if (data instanceof JsonArray array) {
			for (JsonElement element : array) {
				values.add(element.isJsonNull() ? null : element.getAsString());
			}
		} else if (data instanceof JsonElement element && element.isJsonPrimitive()) {
			values.add(element.getAsString());
		} else if (data instanceof Iterable<?> iterable) {
			iterable.forEach(value -> values.add(value == null ? null : value.toString()));
		} else if (data instanceof String text) {
			values.add(text);
		}
		return values;
	}

	public static String code(Diagnostic diagnostic) {
		if (diagnostic == null || diagnostic.getCode() == null) {
			return null;
		}
		return diagnostic.getCode().isLeft() ? diagnostic.getCode().getLeft() : String.valueOf(diagnostic.getCode().getRight());
	}
}

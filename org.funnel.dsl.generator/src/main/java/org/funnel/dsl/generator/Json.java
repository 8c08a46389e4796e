package org.funnel.dsl.generator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * JSON written the same way everywhere: two-space indentation, '\n', {@code "key": value}, keys in
 * the order they were put, a final newline. Trees are built with Jackson's node classes and written
 * with Jackson's streaming generator (starting the whole ObjectMapper costs a noticeable part of a
 * command's run time); reading uses the ObjectMapper.
 */
public final class Json {

	private static final JsonFactory FACTORY = new JsonFactory();

	private Json() {
	}

	public static ObjectNode object() {
		return JsonNodeFactory.instance.objectNode();
	}

	public static ArrayNode array() {
		return JsonNodeFactory.instance.arrayNode();
	}

	/** A mapper for reading (created on first use). */
	public static ObjectMapper mapper() {
		return MapperHolder.MAPPER;
	}

	private static final class MapperHolder {
		static final ObjectMapper MAPPER = new ObjectMapper();
	}

	/** Puts a text, or JSON's null for none. */
	public static void putText(ObjectNode node, String field, String value) {
		if (value == null) {
			node.putNull(field);
		} else {
			node.put(field, value);
		}
	}

	public static String write(JsonNode node) {
		try {
			StringWriter out = new StringWriter();
			try (JsonGenerator generator = FACTORY.createGenerator(out)) {
				DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
				DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
						.withSeparators(Separators.createDefaultInstance()
								.withObjectFieldValueSpacing(Separators.Spacing.AFTER))
						.withObjectIndenter(indenter);
				printer.indentArraysWith(indenter);
				generator.setPrettyPrinter(printer);
				write(node, generator);
			}
			return out + "\n";
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void write(JsonNode node, JsonGenerator out) throws IOException {
		switch (node.getNodeType()) {
		case OBJECT -> {
			out.writeStartObject();
			for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				out.writeFieldName(field.getKey());
				write(field.getValue(), out);
			}
			out.writeEndObject();
		}
		case ARRAY -> {
			out.writeStartArray();
			for (JsonNode element : node) {
				write(element, out);
			}
			out.writeEndArray();
		}
		case STRING -> out.writeString(node.textValue());
		case BOOLEAN -> out.writeBoolean(node.booleanValue());
		case NULL, MISSING -> out.writeNull();
		case NUMBER -> {
			if (node.isIntegralNumber()) {
				out.writeNumber(node.bigIntegerValue());
			} else {
				out.writeNumber(node.decimalValue());
			}
		}
		default -> throw new IllegalArgumentException("cannot write " + node.getNodeType());
		}
	}
}

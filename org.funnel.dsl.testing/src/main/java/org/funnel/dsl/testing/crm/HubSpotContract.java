package org.funnel.dsl.testing.crm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import com.networknt.schema.SpecVersion;

/**
 * HubSpot's published contract for the CRM Pipelines API v3: its own OpenAPI specification
 * ({@code vendor/hubspot/crm-pipelines-v3.json}, origin in the README beside it), read by a JSON Schema
 * validator with the OpenAPI 3.0 dialect. A schema is named as in {@code components.schemas}.
 */
public final class HubSpotContract {

	public static final String SPEC = "vendor/hubspot/crm-pipelines-v3.json";

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final JsonNode SPEC_TREE = load();
	private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
			SpecVersion.VersionFlag.V4,
			builder -> builder.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
	private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

	private HubSpotContract() {
	}

	private static JsonNode load() {
		try (InputStream in = HubSpotContract.class.getClassLoader().getResourceAsStream(SPEC)) {
			if (in == null) {
				throw new IllegalStateException(SPEC + " is not on the test class path");
			}
			return JSON.readTree(in);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The spec as a tree (paths, parameters, schemas). */
	public static JsonNode spec() {
		return SPEC_TREE;
	}

	/** The schema {@code components.schemas.NAME}, its {@code $ref}s resolved against the spec. */
	public static JsonSchema schema(String name) {
		return SCHEMAS.computeIfAbsent(name, n -> {
			if (SPEC_TREE.at("/components/schemas/" + n).isMissingNode()) {
				throw new IllegalArgumentException("HubSpot's spec has no schema " + n);
			}
			SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
			JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("classpath:" + SPEC + "#/components/schemas/" + n), config);
			schema.initializeValidators();
			return schema;
		});
	}

	/**
	 * What the schema finds wrong with {@code node}, plus, as our own stricter rule, every field the
	 * schema does not name (the spec allows unknown fields; a field HubSpot does not document is a
	 * field it may drop or refuse). Empty when the node is valid.
	 */
	public static List<String> problems(JsonNode node, String schemaName) {
		List<String> problems = new ArrayList<>();
		for (ValidationMessage message : schema(schemaName).validate(node)) {
			problems.add(message.getMessage());
		}
		undocumentedFields(node, SPEC_TREE.at("/components/schemas/" + schemaName), "$", problems);
		return problems;
	}

	private static void undocumentedFields(JsonNode node, JsonNode schema, String path, List<String> problems) {
		schema = resolve(schema);
		if (node.isObject() && schema.has("properties")) {
			for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
				String name = names.next();
				JsonNode property = schema.get("properties").get(name);
				if (property == null) {
					problems.add(path + "." + name + ": not a field of the schema");
				} else {
					undocumentedFields(node.get(name), property, path + "." + name, problems);
				}
			}
		} else if (node.isArray() && schema.has("items")) {
			for (int i = 0; i < node.size(); i++) {
				undocumentedFields(node.get(i), schema.get("items"), path + "[" + i + "]", problems);
			}
		}
	}

	private static JsonNode resolve(JsonNode schema) {
		JsonNode ref = schema.get("$ref");
		return ref == null ? schema : SPEC_TREE.at(ref.asText().substring(1));
	}
}

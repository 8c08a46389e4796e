package org.funnel.dsl.history.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;

/**
 * HubSpot's published contracts for the CRM Deals and Pipelines APIs (its OpenAPI specs in
 * {@code vendor/hubspot/}, origin in the README there), read by a JSON Schema validator with the OpenAPI 3.0
 * dialect.
 */
final class HubSpotContract {

	static final List<String> DEALS = List.of("vendor/hubspot/crm-deals-v3.json", "vendor/hubspot/crm-deals-2026-03.json");
	static final List<String> PIPELINES = List.of("vendor/hubspot/crm-pipelines-v3.json");

	private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
			builder -> builder.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));

	private HubSpotContract() {
	}

	/** What the schema {@code components.schemas.NAME} of each Deals spec finds wrong with the node; empty when valid. */
	static List<String> problems(JsonNode node, String schemaName) {
		return problems(node, schemaName, DEALS);
	}

	/** What the schema {@code components.schemas.NAME} of each spec finds wrong with the node; empty when valid. */
	static List<String> problems(JsonNode node, String schemaName, List<String> specs) {
		List<String> problems = new ArrayList<>();
		for (String spec : specs) {
			if (tree(spec).at("/components/schemas/" + schemaName).isMissingNode()) {
				throw new IllegalArgumentException(spec + " has no schema " + schemaName);
			}
			SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
			JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("classpath:" + spec + "#/components/schemas/" + schemaName),
					config);
			for (ValidationMessage message : schema.validate(node)) {
				problems.add(spec + ": " + message.getMessage());
			}
		}
		return problems;
	}

	private static JsonNode tree(String spec) {
		try (InputStream in = HubSpotContract.class.getClassLoader().getResourceAsStream(spec)) {
			return new ObjectMapper().readTree(in);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

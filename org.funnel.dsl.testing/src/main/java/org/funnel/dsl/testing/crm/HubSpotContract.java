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
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;

/**
 * HubSpot's published contract for one API (CRM Pipelines or CRM Deals) in one version: its own OpenAPI
 * specification ({@code vendor/hubspot/*.json}, origins in the README beside them), read by a JSON Schema validator
 * with the OpenAPI 3.0 dialect. A schema is named as in {@code components.schemas}. {@link #PIPELINES} is the
 * version the project's client calls.
 */
public final class HubSpotContract {

	/** The API versions whose documents are kept, with their path prefixes. */
	public enum Version {
		V3("v3", "/crm/v3/pipelines", "/crm/v3/objects/0-3", "crm-pipelines-v3.json", "crm-deals-v3.json", null),
		V2026_03("2026-03", "/crm/pipelines/2026-03", "/crm/objects/2026-03/0-3", "crm-pipelines-2026-03.json", "crm-deals-2026-03.json", null),
		/** Read from the 2026-09-beta files, the ones HubSpot's 2026-09 reference renders (see the README). */
		V2026_09("2026-09", "/crm/pipelines/2026-09", "/crm/objects/2026-09/0-3", "crm-pipelines-2026-09-beta.json", "crm-deals-2026-09-beta.json", "2026-09-beta");

		private final String name;
		private final String pipelines;
		private final String deals;
		private final String pipelinesFile;
		private final String dealsFile;
		private final String pathsAs;

		Version(String name, String pipelines, String deals, String pipelinesFile, String dealsFile, String pathsAs) {
			this.name = name;
			this.pipelines = pipelines;
			this.deals = deals;
			this.pipelinesFile = pipelinesFile;
			this.dealsFile = dealsFile;
			this.pathsAs = pathsAs;
		}

		/** "v3", "2026-03", "2026-09": as the paths name it. */
		public String label() {
			return name;
		}

		/** {@code /crm/pipelines/2026-09}: the Pipelines API's paths start with it. */
		public String pipelinesPrefix() {
			return pipelines;
		}

		/** {@code /crm/objects/2026-09/0-3}: the Deals API's paths start with it. */
		public String dealsPrefix() {
			return deals;
		}
	}

	/** The version of the Pipelines API the project's client calls. */
	public static final Version CLIENT_VERSION = Version.V2026_09;

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
			builder -> builder.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
	private static final Map<String, HubSpotContract> LOADED = new ConcurrentHashMap<>();

	/** The Pipelines API in the version the client calls. */
	public static final HubSpotContract PIPELINES = pipelines(CLIENT_VERSION);

	private final String resource;
	private final Version version;
	private final JsonNode spec;
	private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

	private HubSpotContract(String file, Version version) {
		this.resource = "vendor/hubspot/" + file;
		this.version = version;
		this.spec = load(resource, version.pathsAs, version.name);
	}

	/** HubSpot's CRM Pipelines API in a version. */
	public static HubSpotContract pipelines(Version version) {
		return LOADED.computeIfAbsent(version.pipelinesFile, f -> new HubSpotContract(f, version));
	}

	/** HubSpot's CRM Deals API (search, batch read, ...) in a version. */
	public static HubSpotContract deals(Version version) {
		return LOADED.computeIfAbsent(version.dealsFile, f -> new HubSpotContract(f, version));
	}

	/** The spec as a tree (paths, parameters, schemas); its paths as the version's own name spells them. */
	public JsonNode spec() {
		return spec;
	}

	public Version version() {
		return version;
	}

	/** The file the spec is kept in, for messages. */
	public String resource() {
		return resource;
	}

	/** The spec of a file, with {@code pathsAs} (a version name in the paths) read as {@code name}. */
	private static JsonNode load(String resource, String pathsAs, String name) {
		try (InputStream in = HubSpotContract.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is not on the test class path");
			}
			ObjectNode tree = (ObjectNode) JSON.readTree(in);
			if (pathsAs != null) {
				ObjectNode paths = JSON.createObjectNode();
				tree.get("paths").fields()
						.forEachRemaining(
								p -> paths.set(p.getKey().replace("/" + pathsAs + "/", "/" + name + "/"), p.getValue()));
				tree.set("paths", paths);
			}
			return tree;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The schema {@code components.schemas.NAME}, its {@code $ref}s resolved against the spec. */
	public JsonSchema schema(String name) {
		return schemas.computeIfAbsent(name, n -> {
			if (spec.at("/components/schemas/" + n).isMissingNode()) {
				throw new IllegalArgumentException("HubSpot's spec " + resource + " has no schema " + n);
			}
			SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
			JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("classpath:" + resource + "#/components/schemas/" + n),
					config);
			schema.initializeValidators();
			return schema;
		});
	}

	/** What the schema finds wrong with {@code node} (fields it does not name are allowed, as HubSpot allows them). */
	public List<String> schemaProblems(JsonNode node, String schemaName) {
		List<String> problems = new ArrayList<>();
		for (ValidationMessage message : schema(schemaName).validate(node)) {
			problems.add(message.getMessage());
		}
		return problems;
	}

	/**
	 * What the schema finds wrong with {@code node}, plus, as our own stricter rule, every field the
	 * schema does not name (the spec allows unknown fields; a field HubSpot does not document is a
	 * field it may drop or refuse). Empty when the node is valid.
	 */
	public List<String> problems(JsonNode node, String schemaName) {
		List<String> problems = schemaProblems(node, schemaName);
		undocumentedFields(node, spec.at("/components/schemas/" + schemaName), "$", problems);
		return problems;
	}

	private void undocumentedFields(JsonNode node, JsonNode schema, String path, List<String> problems) {
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

	private JsonNode resolve(JsonNode schema) {
		JsonNode ref = schema.get("$ref");
		return ref == null ? schema : spec.at(ref.asText().substring(1));
	}
}

package org.funnel.dsl.crm.hubspot;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.funnel.dsl.generator.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;

/**
 * One call of HubSpot's API that the client makes (the Pipelines API's calls are what a plan lists): method, path (its segments
 * percent-encoded), query parameters (sorted) and JSON body (or none), with what it does in words.
 */
public record Request(String method, String path, Map<String, String> query, JsonNode body, String description) {

	/** HubSpot's date-based API version the client calls (numbered v3 paths are announced to end in September 2027). */
	public static final String VERSION = "2026-09";
	/** The Pipelines API of that version. */
	public static final String PIPELINES = "/crm/pipelines/" + VERSION;
	/** The CRM objects API of that version (deals are object type 0-3). */
	public static final String OBJECTS = "/crm/objects/" + VERSION;

	public Request {
		query = Collections.unmodifiableSortedMap(new TreeMap<>(query == null ? Map.of() : query));
	}

	public static Request get(String path, String description) {
		return new Request("GET", path, null, null, description);
	}

	/** {@code /crm/pipelines/2026-09/deals/{id}/stages}: each segment after the base percent-encoded. */
	public static String path(String... segments) {
		StringBuilder out = new StringBuilder(PIPELINES);
		for (String segment : segments) {
			out.append('/').append(encode(segment));
		}
		return out.toString();
	}

	/** A path segment as RFC 3986 wants it: everything but unreserved characters percent-encoded. */
	static String encode(String segment) {
		StringBuilder out = new StringBuilder();
		for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				out.append(c);
			} else {
				out.append('%').append(String.format("%02X", b & 0xff));
			}
		}
		return out.toString();
	}

	/** Path and query as sent: {@code /crm/pipelines/2026-09/deals/default?validateReferencesBeforeDelete=true}. */
	public String target() {
		if (query.isEmpty()) {
			return path;
		}
		StringBuilder out = new StringBuilder(path).append('?');
		query.forEach((name, value) -> out.append(out.charAt(out.length() - 1) == '?' ? "" : "&").append(encode(name))
				.append('=').append(encode(value)));
		return out.toString();
	}

	/** {@code PATCH /crm/pipelines/2026-09/...}: for logs and messages. */
	public String line() {
		return method + " " + target();
	}

	/** Whether the call may change the account: not a GET, a CRM search or a batch read (POSTs that only read). */
	public boolean writes() {
		return !method.equals("GET") && !isSearch() && !path.endsWith("/batch/read");
	}

	/** A CRM search: HubSpot counts it against its own per-second limit, not the burst limit. */
	public boolean isSearch() {
		return path.endsWith("/search");
	}

	/** The call as a plan file lists it: method, path, query, body, what it does ({@link #fromJson} reads it back). */
	public ObjectNode toJson() {
		ObjectNode call = Json.object();
		call.put("method", method);
		call.put("path", path);
		ObjectNode parameters = call.putObject("query");
		query.forEach(parameters::put);
		call.set("body", body == null ? call.nullNode() : body.deepCopy());
		call.put("description", description);
		return call;
	}

	/** A call as {@link #toJson} writes it; null when the node is not one. */
	public static Request fromJson(JsonNode call) {
		if (call == null || !call.path("method").isTextual() || !call.path("path").isTextual()
				|| !call.path("description").isTextual() || !call.path("query").isObject()) {
			return null;
		}
		Map<String, String> query = new TreeMap<>();
		call.get("query").fields().forEachRemaining(p -> query.put(p.getKey(), p.getValue().asText()));
		JsonNode body = call.get("body");
		return new Request(call.get("method").asText(), call.get("path").asText(), query,
				body == null || body.isNull() ? null : body, call.get("description").asText());
	}
}

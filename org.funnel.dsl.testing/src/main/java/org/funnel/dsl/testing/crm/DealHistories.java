package org.funnel.dsl.testing.crm;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.funnel.dsl.testing.crm.TestAccount.Refusal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The deals of the test account with their property history, and HubSpot's batch read of them
 * ({@code POST /crm/objects/{version}/0-3/batch/read}, {@code BatchReadInputSimplePublicObjectId} to
 * {@code BatchResponseSimplePublicObject}, or {@code BatchResponseSimplePublicObjectWithErrors} with 207 when some ids
 * are not found). A deal is kept as HubSpot's {@code SimplePublicObject} with every property and its history (newest
 * first); a read answers the properties asked for (and {@code hs_object_id}) and the histories asked for. With
 * {@code propertiesWithHistory} HubSpot reads at most {@link #HISTORY_INPUTS} inputs (its error, quoted by public
 * clients: "The maximum number of inputs supported in a batch request for property histories is 50"); without, at most
 * {@link #INPUTS} (HubSpot's batch limit).
 */
final class DealHistories {

	static final int HISTORY_INPUTS = 50;
	static final int INPUTS = 100;

	private final Map<BigInteger, ObjectNode> deals = new TreeMap<>();

	/** Adds deals as a batch read answers them ({@code SimplePublicObject}s with {@code propertiesWithHistory}). */
	void put(JsonNode results) {
		for (JsonNode deal : results) {
			deals.put(new BigInteger(deal.get("id").asText()), (ObjectNode) deal.deepCopy());
		}
	}

	int size() {
		return deals.size();
	}

	/** The deals as search sees them. */
	List<DealSearch.Deal> searchable() {
		List<DealSearch.Deal> all = new ArrayList<>();
		for (ObjectNode deal : deals.values()) {
			Map<String, String> properties = new TreeMap<>();
			deal.path("properties").fields().forEachRemaining(p -> {
				if (p.getValue().isTextual()) {
					properties.put(p.getKey(), p.getValue().asText());
				}
			});
			properties.put("hs_object_id", deal.get("id").asText());
			all.add(new DealSearch.Deal(deal.get("id").asText(), properties));
		}
		return all;
	}

	/** The answer to a batch read: status 200 or 207 and the body. */
	record Read(int status, ObjectNode body) {
	}

	Read read(JsonNode body, Instant now) {
		JsonNode inputs = body.path("inputs");
		boolean history = !body.path("propertiesWithHistory").isEmpty();
		if (history && inputs.size() > HISTORY_INPUTS) {
			throw new Refusal(400, "VALIDATION_ERROR", "The maximum number of inputs supported in a batch request for property"
					+ " histories is " + HISTORY_INPUTS + ", but " + inputs.size() + " were given.");
		}
		if (inputs.size() > INPUTS) {
			throw new Refusal(400, "VALIDATION_ERROR", "Batch input must have at most " + INPUTS + " inputs.");
		}
		ObjectNode answer = TestAccount.JSON.createObjectNode();
		answer.put("status", "COMPLETE");
		ArrayNode results = answer.putArray("results");
		List<String> missing = new ArrayList<>();
		for (JsonNode input : inputs) {
			String id = input.path("id").asText();
			ObjectNode deal = id.matches("\\d{1,40}") ? deals.get(new BigInteger(id)) : null;
			if (deal == null) {
				missing.add(id);
			} else {
				results.add(view(deal, body.path("properties"), body.path("propertiesWithHistory")));
			}
		}
		answer.put("startedAt", now.toString());
		answer.put("completedAt", now.toString());
		if (missing.isEmpty()) {
			return new Read(200, answer);
		}
		ObjectNode error = answer.putArray("errors").addObject();
		error.put("status", "error");
		error.put("category", "OBJECT_NOT_FOUND");
		error.put("message", "Could not get some DEAL objects, they may be deleted or not exist. Check that ids are valid.");
		ArrayNode ids = error.putObject("context").putArray("ids");
		missing.forEach(ids::add);
		error.putArray("errors");
		error.putObject("links");
		answer.put("numErrors", 1);
		return new Read(207, answer);
	}

	/** The deal with the properties and histories asked for. */
	private static ObjectNode view(ObjectNode deal, JsonNode properties, JsonNode withHistory) {
		ObjectNode out = deal.deepCopy();
		ObjectNode values = TestAccount.JSON.createObjectNode();
		values.put("hs_object_id", deal.get("id").asText());
		for (JsonNode name : properties) {
			JsonNode value = deal.path("properties").get(name.asText());
			if (value != null) {
				values.set(name.asText(), value);
			}
		}
		out.set("properties", values);
		ObjectNode histories = TestAccount.JSON.createObjectNode();
		for (JsonNode name : withHistory) {
			JsonNode entries = deal.path("propertiesWithHistory").get(name.asText());
			if (entries != null) {
				histories.set(name.asText(), entries);
			}
		}
		out.remove("propertiesWithHistory");
		if (!histories.isEmpty()) {
			out.set("propertiesWithHistory", histories);
		}
		return out;
	}
}

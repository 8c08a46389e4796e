package org.funnel.dsl.crm.hubspot;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.TreeSet;

import org.funnel.dsl.crm.hubspot.HubSpotClient.Answer;
import org.funnel.dsl.crm.hubspot.HubSpotException.Outcome;
import org.funnel.dsl.generator.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the deal history of a HubSpot account: the CRM search finds the deals' ids (of one pipeline, created in a
 * window), then batch reads of {@link #BATCH} deals each fetch them with {@code propertiesWithHistory=dealstage,pipeline}
 * (search answers carry no history). Each batch answer is handed on as HubSpot gave it: the saved-answer files the
 * history reader takes.
 * <p>
 * HubSpot's search gives at most {@link #SEARCH_CAP} results per query, however it is paged. So the search is sorted by
 * {@code hs_object_id} ascending, and when a query has handed out that many the next query starts over with
 * {@code hs_object_id GT} the last id seen: each query is a fresh window of ids, and no id is missed or seen twice.
 * Pacing and retries are the client's ({@link HubSpotClient#read}).
 */
public final class DealHistoryPull {

	/** HubSpot's limit on inputs of a batch read with property history. */
	public static final int BATCH = 50;
	/** The most results a search query gives (its documented limit), however it is paged. */
	public static final int SEARCH_CAP = 10_000;
	/** Results per search page: the spec's maximum. */
	public static final int PAGE = 200;
	/** The properties read with each deal: what the history reader uses. */
	public static final List<String> PROPERTIES = List.of("amount", "closedate", "createdate", "dealstage",
			"hs_is_closed", "hs_is_closed_lost", "hs_is_closed_won", "pipeline");
	/** The properties read with their history. */
	public static final List<String> WITH_HISTORY = List.of("dealstage", "pipeline");

	private static final String SEARCH = Request.OBJECTS + "/0-3/search";
	private static final String BATCH_READ = Request.OBJECTS + "/0-3/batch/read";

	/** Which deals: a pipeline id (or null for all) and a window of creation times (epoch ms, or null). */
	public record Query(String pipeline, Long createdFrom, Long createdBefore) {
	}

	/** What the read has done so far, for a progress display. */
	public interface Listener {
		/** Nobody watching. */
		Listener NONE = new Listener() {
			@Override
			public void searched(long found, long total) {
			}

			@Override
			public void read(long read, long total) {
			}
		};

		/** {@code found} deal ids so far of {@code total} the first search counted. */
		void searched(long found, long total);

		/** {@code read} deals of {@code total} read with their history. */
		void read(long read, long total);
	}

	/** Takes each batch answer, numbered from 1. */
	public interface Answers {
		void accept(int number, JsonNode answer) throws IOException;
	}

	/** What was read: deals, and calls made. */
	public record Summary(int deals, int searches, int batchReads) {
	}

	private final HubSpotClient client;
	private final Listener listener;
	private int searches;

	public DealHistoryPull(HubSpotClient client, Listener listener) {
		this.client = client;
		this.listener = listener;
	}

	/** Searches the ids, reads them in batches and hands each answer on. */
	public Summary pull(Query query, Answers answers) throws InterruptedException, IOException {
		searches = 0;
		List<String> ids = ids(query);
		int batches = 0;
		for (int from = 0; from < ids.size(); from += BATCH) {
			List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
			Answer answer = client.read(new Request("POST", BATCH_READ, null, batchBody(batch),
					"read " + batch.size() + " deals with their stage history"));
			answers.accept(++batches, checked(answer, "results", BATCH_READ));
			listener.read(from + batch.size(), ids.size());
		}
		return new Summary(ids.size(), searches, batches);
	}

	/** Every matching deal's id, ascending by number. */
	List<String> ids(Query query) throws InterruptedException {
		TreeSet<BigInteger> ids = new TreeSet<>();
		String after = null;
		String last = null;
		String above = null;
		long total = -1;
		int inQuery = 0;
		while (true) {
			JsonNode page = search(query, above, after);
			if (total < 0) {
				total = page.path("total").asLong();
			}
			for (JsonNode deal : page.get("results")) {
				String id = deal.path("id").asText();
				if (!id.matches("\\d{1,40}")) {
					throw new HubSpotException(Outcome.REFUSED, 200,
							"HubSpot's search answered a deal id that is not a number: '" + id + "'.");
				}
				ids.add(new BigInteger(id));
				last = id;
				inQuery++;
			}
			listener.searched(ids.size(), Math.max(total, ids.size()));
			JsonNode next = page.path("paging").path("next").path("after");
			if (!next.isTextual() || page.get("results").isEmpty()) {
				break;
			}
			if (inQuery + PAGE > SEARCH_CAP) {
				// The query's cap is reached: start over above the last id seen.
				above = last;
				after = null;
				inQuery = 0;
			} else {
				after = next.asText();
			}
		}
		return ids.stream().map(BigInteger::toString).toList();
	}

	private JsonNode search(Query query, String above, String after) throws InterruptedException {
		searches++;
		Answer answer = client.read(new Request("POST", SEARCH, null, searchBody(query, above, after),
				"search the ids of deals" + (query.pipeline() == null ? "" : " in pipeline " + query.pipeline())));
		return checked(answer, "results", SEARCH);
	}

	/** {@code PublicObjectSearchRequest}: one filter group, sorted by id. */
	static ObjectNode searchBody(Query query, String above, String after) {
		ObjectNode body = Json.object();
		ArrayNode filters = body.putArray("filterGroups").addObject().putArray("filters");
		if (query.pipeline() != null) {
			filters.addObject().put("propertyName", "pipeline").put("operator", "EQ").put("value", query.pipeline());
		}
		if (query.createdFrom() != null) {
			filters.addObject().put("propertyName", "createdate").put("operator", "GTE")
					.put("value", String.valueOf(query.createdFrom()));
		}
		if (query.createdBefore() != null) {
			filters.addObject().put("propertyName", "createdate").put("operator", "LT")
					.put("value", String.valueOf(query.createdBefore()));
		}
		if (above != null) {
			filters.addObject().put("propertyName", "hs_object_id").put("operator", "GT").put("value", above);
		}
		// HubSpot's search guide sorts with objects; its spec's "array of string" is not what the API reads.
		body.putArray("sorts").addObject().put("propertyName", "hs_object_id").put("direction", "ASCENDING");
		body.putArray("properties").add("hs_object_id");
		body.put("limit", PAGE);
		// The spec requires a cursor; a first page starts at "0", as HubSpot's own clients send it.
		body.put("after", after == null ? "0" : after);
		return body;
	}

	/** {@code BatchReadInputSimplePublicObjectId} with the history the reader needs. */
	static ObjectNode batchBody(List<String> ids) {
		ObjectNode body = Json.object();
		ArrayNode properties = body.putArray("properties");
		PROPERTIES.forEach(properties::add);
		ArrayNode history = body.putArray("propertiesWithHistory");
		WITH_HISTORY.forEach(history::add);
		ArrayNode inputs = body.putArray("inputs");
		ids.forEach(id -> inputs.addObject().put("id", id));
		return body;
	}

	private static JsonNode checked(Answer answer, String field, String path) {
		if (answer.json() == null || !answer.json().path(field).isArray()) {
			throw new HubSpotException(Outcome.REFUSED, answer.status(),
					"HubSpot's answer to POST " + path + " has no \"" + field + "\" list; the deals cannot be read.");
		}
		return answer.json();
	}
}

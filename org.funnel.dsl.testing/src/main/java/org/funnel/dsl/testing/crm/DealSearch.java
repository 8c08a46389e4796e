package org.funnel.dsl.testing.crm;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.funnel.dsl.testing.crm.TestAccount.Pipeline;
import org.funnel.dsl.testing.crm.TestAccount.Refusal;
import org.funnel.dsl.testing.crm.TestAccount.Stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * HubSpot's CRM search of deals ({@code POST /crm/objects/{version}/0-3/search}, {@code PublicObjectSearchRequest}
 * to {@code CollectionResponseWithTotalSimplePublicObject}) over the deals the test account holds (the records put
 * into stages and the deals with history, {@link DealHistories}): the filter groups are alternatives, the filters of
 * a group all apply; {@code total} counts every match, {@code results} holds at most {@code limit} (the spec: "up to
 * 200"), from the {@code after} cursor on, with {@code paging.next.after} when more follow. Sorted by
 * {@code hs_object_id} (numbers compare as numbers), ascending unless a sort says otherwise. HubSpot's search gives at
 * most {@link #CAP} results per query: a page reaching past them is refused with 400 (HubSpot's limitations as quoted
 * by AWS Glue's HubSpot connector; the exact message is unverified). A deal keeps its {@code dealstage} and
 * {@code pipeline} when its stage is deleted, as HubSpot's records keep property values. Filters on properties not
 * modelled, or other operators, are reported as violations.
 */
final class DealSearch {

	static final int MAX_LIMIT = 200;
	static final int CAP = 10_000;
	private static final Set<String> PROPERTIES = Set.of("dealstage", "pipeline", "hs_object_id", "createdate");
	private static final Set<String> OPERATORS = Set.of("EQ", "NEQ", "GT", "GTE", "LT", "LTE");

	private DealSearch() {
	}

	/** A deal as search sees it: its id and the properties search can filter on. */
	record Deal(String id, Map<String, String> properties) {
		static Deal of(String id, String pipeline, String stage, String createdate) {
			Map<String, String> properties = new TreeMap<>();
			properties.put("hs_object_id", id);
			properties.put("pipeline", pipeline);
			properties.put("dealstage", stage);
			if (createdate != null) {
				properties.put("createdate", createdate);
			}
			return new Deal(id, properties);
		}
	}

	static ObjectNode answer(TestAccount account, DealHistories histories, JsonNode body, List<String> notModelled) {
		int limit = body.path("limit").asInt(10);
		if (limit > MAX_LIMIT) {
			throw new Refusal(400, "VALIDATION_ERROR", "limit " + limit + " is above the maximum of " + MAX_LIMIT + ".");
		}
		int from = body.hasNonNull("after") ? Integer.parseInt(body.get("after").asText("0")) : 0;
		if (from + limit > CAP) {
			throw new Refusal(400, "VALIDATION_ERROR", "The search can return at most " + CAP
					+ " results per query; this page would reach past them (after " + from + ", limit " + limit + ").");
		}
		List<Deal> matches = new ArrayList<>();
		for (Deal deal : deals(account, histories)) {
			if (matches(deal, body.path("filterGroups"), notModelled)) {
				matches.add(deal);
			}
		}
		if ("DESCENDING".equals(body.path("sorts").path(0).path("direction").asText())) {
			matches = matches.reversed();
		}
		ObjectNode answer = TestAccount.JSON.createObjectNode();
		ArrayNode results = answer.putArray("results");
		for (int i = from; i < Math.min(matches.size(), from + limit); i++) {
			results.add(json(matches.get(i), body.path("properties")));
		}
		answer.put("total", matches.size());
		if (from + limit < matches.size()) {
			answer.putObject("paging").putObject("next").put("after", String.valueOf(from + limit));
		}
		return answer;
	}

	private static List<Deal> deals(TestAccount account, DealHistories histories) {
		List<Deal> deals = new ArrayList<>(histories.searchable());
		for (Pipeline pipeline : account.of("deals")) {
			for (Stage stage : pipeline.stages) {
				stage.records.forEach(id -> deals.add(Deal.of(id, pipeline.id, stage.id, null)));
			}
		}
		deals.sort(Comparator.comparing((Deal d) -> new BigInteger(d.id())));
		return deals;
	}

	/** No groups: every deal; else a deal matching every filter of one group. */
	private static boolean matches(Deal deal, JsonNode groups, List<String> notModelled) {
		if (groups.isEmpty()) {
			return true;
		}
		for (JsonNode group : groups) {
			boolean all = true;
			for (JsonNode filter : group.path("filters")) {
				String property = filter.path("propertyName").asText();
				String operator = filter.path("operator").asText();
				if (!PROPERTIES.contains(property) || !OPERATORS.contains(operator)) {
					notModelled.add("the test server does not model the search filter " + property + " " + operator);
					return false;
				}
				all &= holds(deal.properties().get(property), operator, filter.path("value").asText(), property);
			}
			if (all) {
				return true;
			}
		}
		return false;
	}

	/** A filter on one value: numbers and dates (epoch ms or ISO 8601) compare by value, text by equality. */
	private static boolean holds(String value, String operator, String wanted, String property) {
		if (value == null) {
			return operator.equals("NEQ");
		}
		int order;
		if (property.equals("hs_object_id")) {
			order = new BigInteger(value).compareTo(new BigInteger(wanted));
		} else if (property.equals("createdate")) {
			order = Long.compare(millis(value), millis(wanted));
		} else {
			order = value.equals(wanted) ? 0 : 1;
		}
		return switch (operator) {
		case "EQ" -> order == 0;
		case "NEQ" -> order != 0;
		case "GT" -> order > 0;
		case "GTE" -> order >= 0;
		case "LT" -> order < 0;
		default -> order <= 0;
		};
	}

	/** HubSpot takes dates in filters as epoch milliseconds (its search guide) or ISO 8601. */
	private static long millis(String text) {
		if (text.matches("-?\\d+")) {
			return Long.parseLong(text);
		}
		try {
			return Instant.parse(text).toEpochMilli();
		} catch (DateTimeParseException e) {
			throw new Refusal(400, "VALIDATION_ERROR", "'" + text + "' is not a date.");
		}
	}

	private static ObjectNode json(Deal deal, JsonNode wanted) {
		ObjectNode node = TestAccount.JSON.createObjectNode();
		node.put("id", deal.id());
		Map<String, String> properties = new TreeMap<>();
		properties.put("hs_object_id", deal.id());
		wanted.forEach(p -> {
			if (deal.properties().containsKey(p.asText())) {
				properties.put(p.asText(), deal.properties().get(p.asText()));
			}
		});
		ObjectNode values = node.putObject("properties");
		properties.forEach(values::put);
		node.put("createdAt", "2026-11-01T09:00:00Z");
		node.put("updatedAt", "2026-11-01T09:00:00Z");
		node.put("archived", false);
		return node;
	}
}

package org.funnel.dsl.testing.crm;

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
 * to {@code CollectionResponseWithTotalSimplePublicObject}) over the deals the test account holds: the filter groups
 * are alternatives, the filters of a group all apply; {@code total} counts every match, {@code results} holds at most
 * {@code limit} (the spec: "up to 200"), from the {@code after} cursor on, with {@code paging.next.after} when more
 * follow. A deal keeps its {@code dealstage} and {@code pipeline} when its stage is deleted, as HubSpot's records keep
 * property values. Filters on other properties, or operators other than EQ, are not modelled: the server says so as
 * a violation.
 */
final class DealSearch {

	static final int MAX_LIMIT = 200;
	private static final Set<String> PROPERTIES = Set.of("dealstage", "pipeline", "hs_object_id");

	private DealSearch() {
	}

	/** A deal as search sees it: its id and the properties search can filter on. */
	private record Deal(String id, String pipeline, String stage) {
		String property(String name) {
			return switch (name) {
			case "dealstage" -> stage;
			case "pipeline" -> pipeline;
			default -> id;
			};
		}
	}

	static ObjectNode answer(TestAccount account, JsonNode body, List<String> notModelled) {
		int limit = body.path("limit").asInt(10);
		if (limit > MAX_LIMIT) {
			throw new Refusal(400, "VALIDATION_ERROR", "limit " + limit + " is above the maximum of " + MAX_LIMIT + ".");
		}
		List<Deal> matches = new ArrayList<>();
		for (Deal deal : deals(account)) {
			if (matches(deal, body.path("filterGroups"), notModelled)) {
				matches.add(deal);
			}
		}
		int from = body.hasNonNull("after") ? Integer.parseInt(body.get("after").asText("0")) : 0;
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

	private static List<Deal> deals(TestAccount account) {
		List<Deal> deals = new ArrayList<>();
		for (Pipeline pipeline : account.of("deals")) {
			for (Stage stage : pipeline.stages) {
				stage.records.forEach(id -> deals.add(new Deal(id, pipeline.id, stage.id)));
			}
		}
		deals.sort(Comparator.comparing(Deal::id));
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
				if (!PROPERTIES.contains(property) || !operator.equals("EQ")) {
					notModelled.add("the test server does not model the search filter " + property + " " + operator);
					return false;
				}
				all &= deal.property(property).equals(filter.path("value").asText());
			}
			if (all) {
				return true;
			}
		}
		return false;
	}

	private static ObjectNode json(Deal deal, JsonNode wanted) {
		ObjectNode node = TestAccount.JSON.createObjectNode();
		node.put("id", deal.id());
		Map<String, String> properties = new TreeMap<>();
		properties.put("hs_object_id", deal.id());
		wanted.forEach(p -> {
			if (PROPERTIES.contains(p.asText())) {
				properties.put(p.asText(), deal.property(p.asText()));
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

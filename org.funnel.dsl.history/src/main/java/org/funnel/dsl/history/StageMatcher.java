package org.funnel.dsl.history;

import java.util.HashMap;
import java.util.Map;

import org.funnel.dsl.model.SalesforceNames;

/**
 * Finds the funnel stage a CRM's stage value means. HubSpot's history holds stage ids (stable across
 * renames): matched by the stage's {@code hubspot id}. Salesforce's holds the picklist value (the
 * stage's label), compared ignoring case as Salesforce does. A plain event log may use the stage's
 * name, label or HubSpot id. Aliases ({@code Old=New}) map values first: renamed or merged stages.
 */
public final class StageMatcher {

	/** What a source's stage values are. */
	public enum Kind {
		HUBSPOT_ID, SALESFORCE_NAME, ANY
	}

	private final Kind kind;
	private final Map<String, Integer> byHubSpotId = new HashMap<>();
	private final Map<String, Integer> byName = new HashMap<>();
	private final Map<String, Integer> byLowerLabel = new HashMap<>();
	private final Map<String, Integer> byLowerName = new HashMap<>();
	private final Map<String, String> aliases = new HashMap<>();
	private final Map<String, String> lowerAliases = new HashMap<>();

	public StageMatcher(FunnelShape funnel, Kind kind, Map<String, String> aliases) {
		this.kind = kind;
		for (int i = 0; i < funnel.stageCount(); i++) {
			FunnelShape.StageInfo stage = funnel.stage(i);
			if (stage.hubspotId() != null) {
				byHubSpotId.putIfAbsent(stage.hubspotId(), i);
			}
			byName.putIfAbsent(stage.name(), i);
			byLowerName.putIfAbsent(SalesforceNames.lowerCase(stage.name()), i);
			byLowerLabel.putIfAbsent(SalesforceNames.lowerCase(stage.label()), i);
		}
		aliases.forEach((from, to) -> {
			this.aliases.put(from, to);
			this.lowerAliases.putIfAbsent(SalesforceNames.lowerCase(from), to);
		});
	}

	/** The index of the stage the value means, or -1. */
	public int match(String value) {
		int direct = direct(value);
		if (direct >= 0) {
			return direct;
		}
		String alias = aliases.get(value);
		if (alias == null && kind != Kind.HUBSPOT_ID) {
			alias = lowerAliases.get(SalesforceNames.lowerCase(value));
		}
		if (alias != null) {
			int viaAlias = direct(alias);
			return viaAlias >= 0 ? viaAlias : any(alias);
		}
		return -1;
	}

	private int direct(String value) {
		return switch (kind) {
		case HUBSPOT_ID -> byHubSpotId.getOrDefault(value, -1);
		case SALESFORCE_NAME -> byLowerLabel.getOrDefault(SalesforceNames.lowerCase(value), -1);
		default -> any(value);
		};
	}

	/** Name, then label, then name ignoring case, then HubSpot id. */
	private int any(String value) {
		Integer found = byName.get(value);
		if (found == null) {
			String lower = SalesforceNames.lowerCase(value);
			found = byLowerLabel.get(lower);
			if (found == null) {
				found = byLowerName.get(lower);
			}
			if (found == null) {
				found = byHubSpotId.get(value);
			}
		}
		return found == null ? -1 : found;
	}
}

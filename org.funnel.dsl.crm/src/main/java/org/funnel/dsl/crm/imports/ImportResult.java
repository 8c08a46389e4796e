package org.funnel.dsl.crm.imports;

import java.util.List;

import org.funnel.dsl.crm.imports.ImportedFunnel.ImportedStage;

/**
 * What an importer read, and what the user should be told about it. {@code valueSet}: a Salesforce
 * import's whole OpportunityStage value set in its order (also stages no sales process uses), for
 * {@code plan salesforce}; empty for HubSpot.
 */
public record ImportResult(List<ImportedFunnel> funnels, List<String> warnings, List<ImportedStage> valueSet) {

	public ImportResult(List<ImportedFunnel> funnels, List<String> warnings) {
		this(funnels, warnings, List.of());
	}
}

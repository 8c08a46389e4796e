package org.funnel.dsl.crm.salesforce;

import java.util.List;

import org.funnel.dsl.generator.Diagnostic;
import java.util.Locale;

/**
 * What deploying the generated Salesforce project would change in an org, from a retrieve of it:
 * the stages of the one OpportunityStage value set the deploy would deactivate (first, as warnings),
 * stages added and changed, the value set's order, and sales processes, record types and paths added
 * or changed. Sales processes of the org the project does not describe are left alone by a deploy,
 * and listed.
 */
public record SalesforcePlan(List<Change> changes, List<String> leftAlone, List<Diagnostic> diagnostics) {

	public enum Kind {
		DEACTIVATE_STAGE("deactivate stage"), ADD_STAGE("add stage"), STAGE_NAME("stage spelling"),
		STAGE_KIND("open, won or lost"), PROBABILITY("probability"), FORECAST_CATEGORY("forecast category"),
		STAGE_ORDER("value set order"), ADD_PROCESS("add sales process"), PROCESS_DESCRIPTION("process description"),
		PROCESS_ADD_STAGE("stage into process"), PROCESS_REMOVE_STAGE("stage out of process"),
		PROCESS_DEFAULT("default stage"), ADD_RECORD_TYPE("add record type"), RECORD_TYPE_LABEL("record type label"),
		ADD_PATH("add path"), PATH_LABEL("path label"), PATH_GUIDANCE("path guidance");

		private final String words;

		Kind(String words) {
			this.words = words;
		}

		public String words() {
			return words;
		}

		public String code() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
	}

	/**
	 * One change: {@code subject} is the stage, process, record type or path it is about, {@code process}
	 * the sales process it happens in (for a deactivated stage: the org's processes that use it).
	 */
	public record Change(Kind kind, String subject, String process, String before, String after) {
	}

	public boolean hasChanges() {
		return !changes.isEmpty();
	}

	public List<Change> deactivations() {
		return changes.stream().filter(c -> c.kind() == Kind.DEACTIVATE_STAGE).toList();
	}
}

package org.funnel.dsl.crm.hubspot;

import java.util.List;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.crm.hubspot.CurrentState.CurrentPipeline;
import java.util.Locale;

/**
 * What applying the funnels would do to a HubSpot account: per funnel pipeline, how it was matched
 * to the account's pipeline, the changes in words and the API calls that make them, in the order
 * apply sends them. Pipelines of the account that no funnel describes are listed and left alone.
 * Findings (conflicts as errors, removals as warnings) are positioned at the funnels.
 */
public record HubSpotPlan(List<PipelinePlan> pipelines, List<Other> others, List<Diagnostic> diagnostics) {

	/** How a funnel's pipeline or stage found its counterpart in HubSpot. */
	public enum Match {
		ID("by id"), LABEL("by label"), NEW("new");

		private final String words;

		Match(String words) {
			this.words = words;
		}

		public String words() {
			return words;
		}
	}

	public enum Kind {
		CREATE_PIPELINE("create pipeline", null), PIPELINE_LABEL("rename pipeline", "label"),
		PIPELINE_ORDER("pipeline display order", "display order"), ADD_STAGE("add stage", null),
		STAGE_LABEL("rename stage", "label"), PROBABILITY("probability", "probability"),
		TICKET_STATE("ticket state", "ticket state"), STAGE_ORDER("display order", "display order"),
		REMOVE_STAGE("remove stage", null);

		private final String words;
		private final String field;

		Kind(String words, String field) {
			this.words = words;
			this.field = field;
		}

		/** The change in words, as the plan's table names it. */
		public String words() {
			return words;
		}

		/** The field it changes, for "label 'A' -> 'B'" (null for whole stages and pipelines). */
		public String field() {
			return field;
		}

		public String code() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
	}

	/** One change: of a stage (its label and HubSpot id, where it has one) or of the pipeline. */
	public record Change(Kind kind, String stage, String stageId, Match match, String before, String after) {
	}

	/**
	 * A funnel's pipeline: the current pipeline of the account it matched ({@code current}, null when it is to
	 * be created), its changes, the calls that make them and notes for the reviewer.
	 */
	public record PipelinePlan(FunnelPipeline funnel, CurrentPipeline current, Match match, List<Change> changes,
			List<Request> requests, List<String> notes) {

		/** The pipeline's id in HubSpot: the current one's, else the one the funnel declares (null: HubSpot gives one). */
		public String pipelineId() {
			return current != null ? current.id() : funnel.pipelineId();
		}
	}

	/** A pipeline of the account that no funnel describes: left alone. */
	public record Other(String objectType, String id, String label, boolean archived) {
	}

	public boolean hasErrors() {
		return diagnostics.stream().anyMatch(Diagnostic::isError);
	}

	public boolean hasChanges() {
		return pipelines.stream().anyMatch(p -> !p.requests().isEmpty());
	}

	public List<Request> requests() {
		return pipelines.stream().flatMap(p -> p.requests().stream()).toList();
	}

	public List<Change> removals() {
		return pipelines.stream().flatMap(p -> p.changes().stream()).filter(c -> c.kind() == Kind.REMOVE_STAGE).toList();
	}

	public long changeCount() {
		return pipelines.stream().mapToLong(p -> p.changes().size()).sum();
	}
}

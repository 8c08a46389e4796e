package org.funnel.dsl.history;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.TimeUnit;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.SalesforceNames;
import org.funnel.dsl.model.Stages;

/**
 * What reading and fitting need of a funnel: its stages (name, label, HubSpot id, outcome and the
 * declared probability, duration and deal value) and its declared transitions, indexed as in
 * {@link EffectiveFunnel#stages()} and {@link EffectiveFunnel#transitions()}, so that a result can be
 * taken back to the stage or {@code moves to} line it is about. Independent of EMF once built.
 */
public final class FunnelShape {

	/** A declared duration: the amount and the unit the funnel writes it in. */
	public record Duration(BigDecimal amount, TimeUnit unit) {

		/** The duration in days (a month is 365.25 / 12 days). */
		public double days() {
			return amount.doubleValue() * daysPer(unit);
		}

		/** As the funnel writes it: "2 weeks", "1 day", "1.5 months". */
		public String written() {
			String name = unit.getLiteral();
			boolean one = amount.compareTo(BigDecimal.ONE) == 0;
			return Probabilities.plain(amount) + " " + (one ? name.substring(0, name.length() - 1) : name);
		}

		public static double daysPer(TimeUnit unit) {
			return switch (unit) {
			case HOURS -> 1.0 / 24;
			case WEEKS -> 7;
			case MONTHS -> 365.25 / 12;
			default -> 1;
			};
		}
	}

	/**
	 * One stage.
	 *
	 * @param probability the declared probability as a fraction, or null
	 * @param duration    the declared duration, or null
	 * @param dealValue   the declared deal value, or null
	 */
	public record StageInfo(String name, String label, String hubspotId, Outcome outcome, BigDecimal probability,
			Duration duration, BigDecimal dealValue, String currency) {

		public boolean isTerminal() {
			return outcome.isTerminal();
		}
	}

	/** A declared transition ({@code moves to}) with its share as a fraction. */
	public record TransitionInfo(int from, int to, double share) {
	}

	private final String name;
	private final List<StageInfo> stages;
	private final List<TransitionInfo> transitions;
	private final String hubSpotPipelineId;
	private final String salesforceRecordType;

	private FunnelShape(String name, List<StageInfo> stages, List<TransitionInfo> transitions, String hubSpotPipelineId,
			String salesforceRecordType) {
		this.name = name;
		this.stages = Collections.unmodifiableList(new ArrayList<>(stages));
		this.transitions = Collections.unmodifiableList(new ArrayList<>(transitions));
		this.hubSpotPipelineId = hubSpotPipelineId;
		this.salesforceRecordType = salesforceRecordType;
	}

	/** The shape of a parsed funnel (with the stages it inherits). */
	public static FunnelShape of(EffectiveFunnel structure) {
		Funnel funnel = structure.funnel();
		List<StageInfo> stages = new ArrayList<>();
		for (Stage stage : structure.stages()) {
			Duration duration = stage.getDuration() == null || stage.getDuration().getAmount() == null ? null
					: new Duration(stage.getDuration().getAmount(), stage.getDuration().getUnit());
			BigDecimal value = stage.getDealValue() == null ? null : stage.getDealValue().getAmount();
			String currency = stage.getDealValue() == null ? null : stage.getDealValue().getCurrency();
			stages.add(new StageInfo(stage.getName(), Stages.label(stage), stage.getHubspotId(), Stages.outcome(stage),
					Stages.declaredProbability(stage), duration, value, currency));
		}
		List<TransitionInfo> transitions = new ArrayList<>();
		for (Transition transition : structure.transitions()) {
			Stage source = (Stage) transition.eContainer();
			transitions.add(new TransitionInfo(structure.indexOf(source), structure.indexOf(transition.getTarget()),
					Probabilities.fraction(transition.getProbability()).doubleValue()));
		}
		return new FunnelShape(funnel.getName(), stages, transitions, funnel.getHubspotPipelineId(),
				SalesforceNames.recordTypes(funnel).stream().map(SalesforceNames.RecordType::apiName).findFirst().orElse(null));
	}

	public static Builder builder(String name) {
		return new Builder(name);
	}

	/** Equal when reading and fitting would see the same funnel (so an editor can keep a fit while it stays so). */
	@Override
	public boolean equals(Object other) {
		return other instanceof FunnelShape shape && name.equals(shape.name) && stages.equals(shape.stages)
				&& transitions.equals(shape.transitions) && Objects.equals(hubSpotPipelineId, shape.hubSpotPipelineId)
				&& Objects.equals(salesforceRecordType, shape.salesforceRecordType);
	}

	@Override
	public int hashCode() {
		return Objects.hash(name, stages, transitions, hubSpotPipelineId, salesforceRecordType);
	}

	public String name() {
		return name;
	}

	public List<StageInfo> stages() {
		return stages;
	}

	public int stageCount() {
		return stages.size();
	}

	public StageInfo stage(int index) {
		return stages.get(index);
	}

	/** The index of the stage of that name, or -1. */
	public int indexOf(String stageName) {
		for (int i = 0; i < stages.size(); i++) {
			if (stages.get(i).name().equals(stageName)) {
				return i;
			}
		}
		return -1;
	}

	/** Declared transitions, in the order of {@link EffectiveFunnel#transitions()}. */
	public List<TransitionInfo> transitions() {
		return transitions;
	}

	/** The declared HubSpot pipeline id, or null. */
	public String hubSpotPipelineId() {
		return hubSpotPipelineId;
	}

	/** The Salesforce record type's API name (declared or derived), or null. */
	public String salesforceRecordType() {
		return salesforceRecordType;
	}

	/** The declared funnel as a graph for the analysis (one deal entering at the first open stage). */
	public FunnelGraph graph() {
		FunnelGraph.Builder builder = FunnelGraph.builder();
		boolean entered = false;
		for (StageInfo stage : stages) {
			boolean entry = !entered && !stage.isTerminal();
			entered |= entry;
			builder.addStage(stage.name(), stage.outcome(), entry ? 1 : 0);
		}
		for (TransitionInfo transition : transitions) {
			builder.addTransition(transition.from(), transition.to(), transition.share());
		}
		return builder.build();
	}

	/** Builds a shape without a parsed funnel: for simulations, benchmarks and tests. */
	public static final class Builder {
		private final String name;
		private final List<StageInfo> stages = new ArrayList<>();
		private final List<TransitionInfo> transitions = new ArrayList<>();
		private String pipelineId;
		private String recordType;

		private Builder(String name) {
			this.name = name;
		}

		public Builder stage(String stageName, Outcome outcome) {
			return stage(new StageInfo(stageName, stageName, null, outcome, null, null, null, null));
		}

		public Builder stage(StageInfo stage) {
			stages.add(stage);
			return this;
		}

		public Builder transition(String from, String to, double share) {
			int i = index(from);
			int j = index(to);
			transitions.add(new TransitionInfo(i, j, share));
			return this;
		}

		public Builder hubSpotPipelineId(String id) {
			this.pipelineId = id;
			return this;
		}

		public Builder salesforceRecordType(String type) {
			this.recordType = type;
			return this;
		}

		private int index(String stageName) {
			for (int i = 0; i < stages.size(); i++) {
				if (stages.get(i).name().equals(stageName)) {
					return i;
				}
			}
			throw new IllegalArgumentException("no stage " + stageName);
		}

		public FunnelShape build() {
			return new FunnelShape(name, stages, transitions, pipelineId, recordType);
		}
	}
}

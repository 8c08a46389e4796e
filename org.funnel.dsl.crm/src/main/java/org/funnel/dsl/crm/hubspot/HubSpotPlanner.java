package org.funnel.dsl.crm.hubspot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.Diagnostic.Severity;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.crm.PlanIssueCodes;
import org.funnel.dsl.generator.SourcePosition;
import org.funnel.dsl.crm.hubspot.FunnelPipeline.FunnelStage;
import org.funnel.dsl.crm.hubspot.HubSpotPlan.Change;
import org.funnel.dsl.crm.hubspot.HubSpotPlan.Kind;
import org.funnel.dsl.crm.hubspot.HubSpotPlan.Match;
import org.funnel.dsl.crm.hubspot.HubSpotPlan.Other;
import org.funnel.dsl.crm.hubspot.HubSpotPlan.PipelinePlan;
import org.funnel.dsl.crm.hubspot.CurrentState.CurrentPipeline;
import org.funnel.dsl.crm.hubspot.CurrentState.CurrentStage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;

/**
 * Works out a {@link HubSpotPlan}: matches each funnel's pipeline to the account's (by
 * {@code pipelineId}, else by label) and each stage (by {@code stageId}, else by label, exactly or
 * ignoring case), and turns the differences into calls of the stage endpoints, so that HubSpot keeps
 * its stage ids: a stage's label, probability, ticket state and display order are changed by PATCH,
 * new stages are POSTed, stages no funnel has any more are DELETEd. A new pipeline is one POST of the
 * generated payload. Pipelines no funnel describes are left alone.
 * <p>
 * The order of the calls keeps labels unique within a pipeline at every step (HubSpot requires it):
 * removals first, then renames (one waits for the stage holding its new label to be renamed; a
 * cycle of renames goes through a temporary label), then new stages.
 */
public final class HubSpotPlanner {

	/**
	 * Query parameters of the calls that may delete: HubSpot's 2026-09 guide has the deal check on the stage DELETE too,
	 * its spec only the references check; 2026-09 defaults both to true. Both are always sent as true.
	 */
	public static final String REFERENCES_CHECK = "validateReferencesBeforeDelete";
	public static final String DEAL_STAGE_USAGE_CHECK = "validateDealStageUsagesBeforeDelete";

	private final List<Diagnostic> diagnostics = new ArrayList<>();
	/** The current pipelines funnels matched, by object type and id: a pipeline follows one funnel only. */
	private final Map<String, FunnelPipeline> claimed = new HashMap<>();
	/** The pipelines funnels would create, by object type and label (and id): each once. */
	private final Map<String, FunnelPipeline> created = new HashMap<>();
	private final Map<String, Index> indexes = new HashMap<>();
	private final CurrentState state;
	/** Pipeline renames to a label another pipeline has now: resolved once every funnel is planned. */
	private final List<LabelWait> labelWaits = new ArrayList<>();

	private HubSpotPlanner(CurrentState state) {
		this.state = state;
	}

	/** @param current the account's pipelines per object type ("deals", "tickets"), archived ones included */
	public static HubSpotPlan plan(List<FunnelPipeline> funnels, CurrentState current) {
		return new HubSpotPlanner(current).run(funnels, current);
	}

	private HubSpotPlan run(List<FunnelPipeline> funnels, CurrentState current) {
		checkStageIdsAcrossFunnels(funnels);
		List<PipelinePlan> plans = new ArrayList<>();
		for (FunnelPipeline funnel : funnels) {
			Index index = indexes.computeIfAbsent(funnel.objectType(), t -> new Index(current.of(t)));
			PipelinePlan plan = planPipeline(funnel, index);
			if (plan != null) {
				plans.add(plan);
			}
		}
		labelWaits.forEach(wait -> resolve(wait, plans));
		diagnostics.sort(null);
		return new HubSpotPlan(List.copyOf(plans), others(current), List.copyOf(diagnostics));
	}

	/** A funnel renames its pipeline to the label {@code holder} has now. */
	private record LabelWait(FunnelPipeline funnel, CurrentPipeline current, CurrentPipeline holder) {
	}

	/**
	 * A rename to a label another pipeline has is possible when a funnel renames that pipeline away (HubSpot's pipeline
	 * labels are unique at every step): directly when that rename comes first, else through a temporary label, the
	 * final rename following the holder's.
	 */
	private void resolve(LabelWait wait, List<PipelinePlan> plans) {
		FunnelPipeline funnel = wait.funnel();
		FunnelPipeline holderFunnel = claimed.get(funnel.objectType() + "/" + wait.holder().id());
		int mine = indexOf(plans, funnel);
		int holder = holderFunnel == null ? -1 : indexOf(plans, holderFunnel);
		if (holder < 0 || mine < 0 || lower(holderFunnel.label()).equals(lower(wait.holder().label()))) {
			error(funnel, "the funnel renames HubSpot pipeline '" + wait.current().label() + "' to '" + funnel.label()
					+ "', which is the label of pipeline " + wait.holder().id() + "; HubSpot's pipeline labels are unique.",
					PlanIssueCodes.HUBSPOT_PIPELINE_LABEL_TAKEN);
			return;
		}
		if (holder < mine) {
			return;
		}
		PipelinePlan plan = plans.get(mine);
		Request rename = plan.requests().get(0);
		Set<String> taken = new HashSet<>();
		indexes.get(funnel.objectType()).byId.values().forEach(p -> taken.add(lower(p.label())));
		plans.forEach(p -> taken.add(lower(p.funnel().label())));
		String temporary = temporaryLabel(wait.current().label(), taken);
		ObjectNode body = rename.body().deepCopy();
		body.put("label", temporary);
		List<Request> requests = new ArrayList<>(plan.requests());
		requests.set(0, new Request(rename.method(), rename.path(), rename.query(), body, "rename pipeline '"
				+ wait.current().label() + "' (id " + wait.current().id() + ") to '" + temporary
				+ "' for a moment, to free its label"));
		plans.set(mine, withRequests(plan, requests));
		PipelinePlan holding = plans.get(holder);
		List<Request> after = new ArrayList<>(holding.requests());
		after.add(new Request(rename.method(), rename.path(), rename.query(), rename.body(), "rename pipeline '" + temporary
				+ "' (id " + wait.current().id() + ") to '" + funnel.label() + "', the label pipeline "
				+ wait.holder().id() + " had"));
		plans.set(holder, withRequests(holding, after));
	}

	private static int indexOf(List<PipelinePlan> plans, FunnelPipeline funnel) {
		for (int i = 0; i < plans.size(); i++) {
			if (plans.get(i).funnel() == funnel) {
				return i;
			}
		}
		return -1;
	}

	private static PipelinePlan withRequests(PipelinePlan plan, List<Request> requests) {
		return new PipelinePlan(plan.funnel(), plan.current(), plan.match(), plan.changes(), List.copyOf(requests),
				plan.notes());
	}

	/** The plan of one funnel's pipeline: matched by id, else by label; null (after an error) when it cannot be planned. */
	private PipelinePlan planPipeline(FunnelPipeline funnel, Index index) {
		if (funnel.pipelineId() == null) {
			CurrentPipeline match = index.byLabel.find(funnel.label());
			return match == null ? create(funnel, index) : claim(funnel, match, Match.LABEL, index);
		}
		CurrentPipeline match = index.byId.get(funnel.pipelineId());
		if (match == null) {
			return create(funnel, index);
		}
		if (match.archived()) {
			error(funnel, "HubSpot's " + kind(funnel) + " pipeline '" + funnel.pipelineId() + "' ('" + match.label()
					+ "') is archived. Restore it in HubSpot, or remove the pipeline id from the funnel to create a new pipeline.",
					PlanIssueCodes.HUBSPOT_PIPELINE_ARCHIVED);
			return null;
		}
		return claim(funnel, match, Match.ID, index);
	}

	/** The current pipeline the funnel matched becomes the funnel's, unless another funnel has it already. */
	private PipelinePlan claim(FunnelPipeline funnel, CurrentPipeline match, Match how, Index index) {
		FunnelPipeline other = claimed.putIfAbsent(funnel.objectType() + "/" + match.id(), funnel);
		if (other != null) {
			error(funnel, "funnels " + other.name() + " (" + other.unit().path() + ") and " + funnel.name()
					+ " both describe HubSpot's " + kind(funnel) + " pipeline '" + match.label() + "' (id " + match.id()
					+ "); a pipeline can follow one funnel only.", PlanIssueCodes.HUBSPOT_PIPELINE_TWICE);
			return null;
		}
		return update(funnel, match, how, index);
	}

	/** A pipeline the account does not have: created, unless another funnel creates it or its label is taken. */
	private PipelinePlan create(FunnelPipeline funnel, Index index) {
		FunnelPipeline other = created.putIfAbsent(funnel.objectType() + "/" + lower(funnel.label()), funnel);
		if (other == null && funnel.pipelineId() != null) {
			other = created.putIfAbsent(funnel.objectType() + "/id/" + funnel.pipelineId(), funnel);
		}
		CurrentPipeline clash = index.byLabel.find(funnel.label());
		if (other != null) {
			error(funnel, "funnels " + other.name() + " (" + other.unit().path() + ") and " + funnel.name()
					+ " would both create the HubSpot " + kind(funnel) + " pipeline '" + funnel.label()
					+ "'; HubSpot's pipeline labels and ids are unique.", PlanIssueCodes.HUBSPOT_PIPELINE_TWICE);
			return null;
		}
		if (clash != null) {
			error(funnel, "HubSpot already has a " + kind(funnel) + " pipeline labelled '" + clash.label() + "' (id " + clash.id()
					+ ") and pipeline labels are unique: to make the funnel describe it, declare hubspot pipeline \"" + clash.id()
					+ "\" for " + funnel.objectType() + "; else give the funnel another label.",
					PlanIssueCodes.HUBSPOT_PIPELINE_LABEL_TAKEN);
			return null;
		}
		return newPipeline(funnel, index);
	}

	/** Pipelines of the account that no funnel describes, sorted. */
	private List<Other> others(CurrentState current) {
		List<Other> others = new ArrayList<>();
		current.pipelines().forEach((objectType, pipelines) -> {
			for (CurrentPipeline pipeline : pipelines) {
				if (!claimed.containsKey(objectType + "/" + pipeline.id())) {
					others.add(new Other(objectType, pipeline.id(), pipeline.label(), pipeline.archived()));
				}
			}
		});
		others.sort(Comparator.comparing(Other::objectType).thenComparing(Other::label).thenComparing(Other::id));
		return List.copyOf(others);
	}

	private PipelinePlan newPipeline(FunnelPipeline funnel, Index index) {
		List<Change> changes = new ArrayList<>();
		changes.add(new Change(Kind.CREATE_PIPELINE, null, null, Match.NEW, null, funnel.label()));
		for (FunnelStage stage : funnel.stages()) {
			checkNewStageId(funnel, stage, index, null);
			changes.add(new Change(Kind.ADD_STAGE, stage.label(), stage.stageId(), Match.NEW, null, describe(funnel, stage)));
		}
		List<String> notes = new ArrayList<>();
		if (funnel.pipelineId() == null) {
			notes.add("HubSpot gives the new pipeline an id. Declare it in funnel " + funnel.name()
					+ " (hubspot pipeline \"ID\" for "
					+ funnel.objectType() + ") so that later plans match by id; until then they match by label.");
		}
		Request post = new Request("POST", Request.path(funnel.objectType()), null, funnel.payload(),
				"create " + kind(funnel) + " pipeline '" + funnel.label() + "' with " + funnel.stages().size() + " stages");
		return new PipelinePlan(funnel, null, Match.NEW, List.copyOf(changes), List.of(post), List.copyOf(notes));
	}

	/** What a matched pipeline's plan collects: its changes, the calls that make them, notes for the reviewer. */
	private record Draft(FunnelPipeline funnel, CurrentPipeline current, Match how, List<Change> changes, List<Request> requests,
			List<String> notes) {

		Draft(FunnelPipeline funnel, CurrentPipeline current, Match how) {
			this(funnel, current, how, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		}

		/** " of pipeline 'Label'", for the calls' descriptions. */
		String where() {
			return " of pipeline '" + funnel.label() + "'";
		}

		PipelinePlan plan() {
			return new PipelinePlan(funnel, current, how, List.copyOf(changes), List.copyOf(requests), List.copyOf(notes));
		}
	}

	private PipelinePlan update(FunnelPipeline funnel, CurrentPipeline current, Match how, Index index) {
		Draft draft = new Draft(funnel, current, how);
		if (how == Match.LABEL) {
			draft.notes().add("Matched by label to HubSpot's pipeline '" + current.label() + "' (id " + current.id()
					+ "). Declare hubspot pipeline \"" + current.id() + "\" for " + funnel.objectType() + " in funnel "
					+ funnel.name() + " to match by id.");
		}
		updatePipelineSettings(draft, index);
		StagePairs stages = pairStages(draft, index);
		removeStages(draft, stages, state.dealsInStages());
		Map<FunnelStage, Integer> orders = displayOrders(funnel, stages);
		List<StagePatch> patches = new ArrayList<>();
		for (Map.Entry<FunnelStage, CurrentStage> pair : stages.pairs().entrySet()) {
			List<Change> stageChanges = compare(funnel, pair.getKey(), pair.getValue(), stages.pairedBy().get(pair.getKey()),
					orders.get(pair.getKey()));
			if (stageChanges.isEmpty()) {
				continue;
			}
			if (pair.getValue().locked()) {
				lockedError(funnel, pair.getKey(), current, pair.getValue(), "change it (" + summary(stageChanges) + ")");
				continue;
			}
			draft.changes().addAll(stageChanges);
			patches.add(new StagePatch(pair.getKey(), pair.getValue(), stageChanges));
		}
		draft.requests().addAll(orderedPatches(funnel, current, patches, draft.where()));
		for (FunnelStage stage : stages.added()) {
			draft.changes()
					.add(new Change(Kind.ADD_STAGE, stage.label(), stage.stageId(), Match.NEW, null, describe(funnel, stage)));
			draft.requests().add(new Request("POST", Request.path(funnel.objectType(), current.id(), "stages"), null,
					stage.payload(), "add stage '" + stage.label() + "' to pipeline '" + funnel.label() + "'"));
		}
		return draft.plan();
	}

	/** The pipeline's own label and display order: one PATCH of the pipeline. */
	private void updatePipelineSettings(Draft draft, Index index) {
		FunnelPipeline funnel = draft.funnel();
		CurrentPipeline current = draft.current();
		List<Change> changes = new ArrayList<>();
		if (!current.label().equals(funnel.label())) {
			CurrentPipeline clash = index.byLabel.find(funnel.label());
			if (clash != null && clash != current && lower(clash.label()).equals(lower(funnel.label()))) {
				labelWaits.add(new LabelWait(funnel, current, clash));
			}
			changes.add(new Change(Kind.PIPELINE_LABEL, null, null, draft.how(), current.label(), funnel.label()));
		}
		if (current.displayOrder() != funnel.displayOrder()) {
			changes.add(new Change(Kind.PIPELINE_ORDER, null, null, draft.how(), String.valueOf(current.displayOrder()),
					String.valueOf(funnel.displayOrder())));
		}
		if (changes.isEmpty()) {
			return;
		}
		ObjectNode body = Json.object();
		body.put("label", funnel.label());
		body.put("displayOrder", funnel.displayOrder());
		draft.requests().add(new Request("PATCH", Request.path(funnel.objectType(), current.id()), deleteChecks(), body,
				"change pipeline '" + current.label() + "' (id " + current.id() + "): " + summary(changes)));
		draft.changes().addAll(changes);
	}

	/**
	 * The funnel's stages paired with the current pipeline's active ones: by id, then by label; the funnel's stages
	 * left over are added, the current ones left over removed.
	 */
	private record StagePairs(Map<FunnelStage, CurrentStage> pairs, Map<FunnelStage, Match> pairedBy, List<FunnelStage> added,
			List<CurrentStage> removed) {
	}

	private StagePairs pairStages(Draft draft, Index index) {
		FunnelPipeline funnel = draft.funnel();
		List<CurrentStage> active = draft.current().activeStages();
		Map<String, CurrentStage> activeById = new HashMap<>();
		active.forEach(s -> activeById.put(s.id(), s));
		Map<FunnelStage, CurrentStage> pairs = new LinkedHashMap<>();
		Map<FunnelStage, Match> pairedBy = new HashMap<>();
		Set<String> used = new HashSet<>();
		for (FunnelStage stage : funnel.stages()) {
			CurrentStage found = stage.stageId() == null ? null : activeById.get(stage.stageId());
			if (found != null) {
				pairs.put(stage, found);
				pairedBy.put(stage, Match.ID);
				used.add(found.id());
			}
		}
		Labels<CurrentStage> unmatched = new Labels<>(active.stream().filter(s -> !used.contains(s.id())).toList(),
				CurrentStage::label);
		List<FunnelStage> added = new ArrayList<>();
		for (FunnelStage stage : funnel.stages()) {
			if (pairs.containsKey(stage)) {
				continue;
			}
			CurrentStage found = stage.stageId() == null ? unmatched.take(stage.label()) : null;
			if (found == null) {
				if (stage.stageId() != null) {
					checkNewStageId(funnel, stage, index, draft.current());
				}
				added.add(stage);
				continue;
			}
			pairs.put(stage, found);
			pairedBy.put(stage, Match.LABEL);
			used.add(found.id());
			draft.notes().add("Stage '" + stage.label() + "' matched by label to HubSpot's stage '" + found.label() + "' (id "
					+ found.id() + "). Declare hubspot id \"" + found.id() + "\" in stage " + stageName(stage)
					+ " to match by id.");
		}
		List<CurrentStage> removed = active.stream().filter(s -> !used.contains(s.id())).toList();
		return new StagePairs(pairs, pairedBy, added, removed);
	}

	/**
	 * A DELETE and a warning for every current stage the funnel does not have; an error instead for a deal stage
	 * HubSpot's search finds deals in, or a stage HubSpot marks read-only.
	 */
	private void removeStages(Draft draft, StagePairs stages, Map<String, Long> dealsInStages) {
		FunnelPipeline funnel = draft.funnel();
		CurrentPipeline current = draft.current();
		Map<String, FunnelStage> addedByLabel = new HashMap<>();
		stages.added().forEach(a -> addedByLabel.putIfAbsent(lower(a.label()), a));
		boolean deals = funnel.objectType().equals("deals");
		for (CurrentStage stage : stages.removed()) {
			String which = "stage '" + stage.label() + "' (id " + stage.id() + ")";
			draft.changes().add(new Change(Kind.REMOVE_STAGE, stage.label(), stage.id(), draft.how(), stage.label(), null));
			draft.requests().add(new Request("DELETE", Request.path(funnel.objectType(), current.id(), "stages", stage.id()),
					deals ? deleteChecks() : Map.of(REFERENCES_CHECK, "true"), null, "remove " + which + draft.where()));
			Long held = dealsInStages == null ? null : dealsInStages.get(CurrentState.stageKey(current.id(), stage.id()));
			if (deals && held != null && held > 0) {
				error(funnel, which + " of HubSpot's deal pipeline '" + current.label() + "' holds " + held
						+ (held == 1 ? " deal" : " deals") + " (HubSpot's CRM search, just now), and a stage that holds deals"
						+ " is never removed. Move them to another stage in HubSpot, or keep the stage in the funnel.",
						PlanIssueCodes.HUBSPOT_STAGE_HOLDS_DEALS);
				continue;
			}
			if (stage.locked()) {
				lockedError(funnel, null, current, stage, "remove it");
				continue;
			}
			if (deals) {
				draft.notes().add(held != null ? "HubSpot's CRM search finds no deal in " + which + " now."
						: "Whether deals are in " + which + " was not asked (saved answers); apply asks HubSpot before any"
								+ " call and refuses if any is.");
			}
			String instead = Optional.ofNullable(addedByLabel.get(lower(stage.label())))
					.map(a -> " The funnel's stage '" + a.label() + "' declares hubspot id '" + a.stageId()
							+ "', which this pipeline does not have: did you mean hubspot id \"" + stage.id() + "\"?")
					.orElse("");
			diagnostics.add(SourcePosition.diagnostic(funnel.unit(), funnel.unit().funnel(), Literals.ELEMENT__NAME,
					Severity.WARNING,
					"applying removes " + which + " from HubSpot's " + kind(funnel) + " pipeline '" + current.label()
							+ "'. Apply removes it only with --allow-removals, "
							+ (deals ? "asks HubSpot's CRM search first and refuses if a deal is in it, " : "")
							+ "and asks HubSpot to refuse if the stage is in use." + instead,
					PlanIssueCodes.HUBSPOT_STAGE_REMOVAL));
		}
	}

	/** Both of HubSpot's checks, always on: its guide names the deal check for deal stages, its spec the other one. */
	private static Map<String, String> deleteChecks() {
		return new TreeMap<>(Map.of(REFERENCES_CHECK, "true", DEAL_STAGE_USAGE_CHECK, "true"));
	}

	/** HubSpot marks the stage read-only: the plan must not change it. */
	private void lockedError(FunnelPipeline funnel, FunnelStage wanted, CurrentPipeline current, CurrentStage stage,
			String what) {
		String message = "HubSpot marks stage '" + stage.label() + "' (id " + stage.id() + ") of " + kind(funnel)
				+ " pipeline '" + current.label() + "' " + stage.writePermissions() + " (writePermissions), so the API may not "
				+ what + ". Describe the stage in the funnel as HubSpot has it, or change it in HubSpot.";
		if (wanted == null) {
			error(funnel, message, PlanIssueCodes.HUBSPOT_STAGE_READ_ONLY);
		} else {
			error(funnel, wanted, message, PlanIssueCodes.HUBSPOT_STAGE_READ_ONLY);
		}
	}

	/** A current stage to be changed into the funnel's stage, and the changes. */
	private record StagePatch(FunnelStage wanted, CurrentStage current, List<Change> changes) {
	}

	/**
	 * The display order of each stage kept, where it is to change. HubSpot shows stages by display order, equal ones by
	 * label; only that order is what users see. When HubSpot already shows the kept stages in the funnel's order (after
	 * the renames) and no stage is added, no display order changes. The funnel's closed stages come last, won before lost;
	 * the funnel cannot say more, so among themselves they keep the order HubSpot shows.
	 */
	private static Map<FunnelStage, Integer> displayOrders(FunnelPipeline funnel, StagePairs stages) {
		List<FunnelStage> wanted = funnel.stages().stream().filter(stages.pairs()::containsKey).toList();
		List<FunnelStage> shown = wanted.stream()
				.sorted(Comparator.comparingInt((FunnelStage f) -> stages.pairs().get(f).displayOrder())
						.thenComparing(FunnelStage::label, String.CASE_INSENSITIVE_ORDER).thenComparing(FunnelStage::label))
				.toList();
		boolean same = true;
		for (int i = 0; i < wanted.size(); i++) {
			same &= wanted.get(i) == shown.get(i) || wanted.get(i).closed() && shown.get(i).closed();
		}
		if (same && stages.added().isEmpty()) {
			return Map.of();
		}
		Map<FunnelStage, Integer> orders = new HashMap<>();
		Iterator<FunnelStage> closedAsShown = shown.stream().filter(FunnelStage::closed).iterator();
		for (FunnelStage stage : wanted) {
			orders.put(stage.closed() ? closedAsShown.next() : stage, stage.displayOrder());
		}
		return orders;
	}

	private static List<Change> compare(FunnelPipeline funnel, FunnelStage want, CurrentStage current, Match how,
			Integer order) {
		List<Change> changes = new ArrayList<>();
		if (!current.label().equals(want.label())) {
			changes.add(new Change(Kind.STAGE_LABEL, want.label(), current.id(), how, current.label(), want.label()));
		}
		if (funnel.objectType().equals("tickets")) {
			String state = want.metadata().get("ticketState");
			String before = current.metadata().get("ticketState");
			if (!Objects.equals(state, before)) {
				changes.add(
						new Change(Kind.TICKET_STATE, want.label(), current.id(), how, before == null ? "none" : before, state));
			}
		} else {
			String probability = want.metadata().get("probability");
			String before = current.metadata().get("probability");
			if (!sameNumber(probability, before)) {
				changes.add(new Change(Kind.PROBABILITY, want.label(), current.id(), how, before == null ? "none" : before,
						probability));
			}
		}
		if (order != null && current.displayOrder() != order) {
			changes.add(new Change(Kind.STAGE_ORDER, want.label(), current.id(), how, String.valueOf(current.displayOrder()),
					String.valueOf(order)));
		}
		return changes;
	}

	/** PATCHes in an order that keeps the pipeline's labels unique after every call. */
	private static List<Request> orderedPatches(FunnelPipeline funnel, CurrentPipeline current, List<StagePatch> patches,
			String where) {
		List<Request> requests = new ArrayList<>();
		List<StagePatch> pending = new ArrayList<>(patches);
		// Which pending patch's stage holds a label now (ignoring case), and each one's label now.
		Map<String, StagePatch> holder = new HashMap<>();
		Map<StagePatch, String> labelNow = new HashMap<>();
		pending.forEach(p -> {
			labelNow.put(p, p.current().label());
			holder.put(lower(p.current().label()), p);
		});
		Set<String> taken = new HashSet<>();
		current.stages().forEach(s -> taken.add(lower(s.label())));
		funnel.stages().forEach(s -> taken.add(lower(s.label())));
		while (!pending.isEmpty()) {
			StagePatch ready = pending.stream().filter(p -> {
				StagePatch other = holder.get(lower(p.wanted().label()));
				return other == null || other == p;
			}).findFirst().orElse(null);
			if (ready == null) {
				// Every remaining rename waits for another: a cycle. Park one under a temporary label.
				StagePatch parked = pending.get(0);
				String temporary = temporaryLabel(parked.current().label(), taken);
				ObjectNode body = patchBody(parked);
				body.put("label", temporary);
				requests.add(new Request("PATCH", stagePath(funnel, current, parked.current()), null, body,
						"rename stage '" + labelNow.get(parked) + "' (id " + parked.current().id() + ")" + where + " to '"
								+ temporary + "' for a moment, to free its label"));
				holder.remove(lower(labelNow.get(parked)));
				labelNow.put(parked, temporary);
				continue;
			}
			requests.add(new Request("PATCH", stagePath(funnel, current, ready.current()), null, patchBody(ready),
					"change stage '" + labelNow.get(ready) + "' (id " + ready.current().id() + ")" + where + ": "
							+ summary(ready.changes())));
			holder.remove(lower(labelNow.get(ready)), ready);
			pending.remove(ready);
		}
		return requests;
	}

	/** "Label (renaming)", or with a number where that is taken too; taken from then on. */
	private static String temporaryLabel(String label, Set<String> taken) {
		String temporary = label + " (renaming)";
		for (int i = 2; taken.contains(lower(temporary)); i++) {
			temporary = label + " (renaming " + i + ")";
		}
		taken.add(lower(temporary));
		return temporary;
	}

	private static String stagePath(FunnelPipeline funnel, CurrentPipeline pipeline, CurrentStage stage) {
		return Request.path(funnel.objectType(), pipeline.id(), "stages", stage.id());
	}

	/** {@code PipelineStagePatchInput}: label, metadata (which it requires), and the display order where it changes. */
	private static ObjectNode patchBody(StagePatch patch) {
		ObjectNode body = Json.object();
		body.put("label", patch.wanted().label());
		patch.changes().stream().filter(c -> c.kind() == Kind.STAGE_ORDER).findFirst()
				.ifPresent(c -> body.put("displayOrder", Integer.parseInt(c.after())));
		body.set("metadata", patch.wanted().payload().get("metadata").deepCopy());
		return body;
	}

	/** Two funnels of one object type cannot give their stages the same id (the language checks one funnel). */
	private void checkStageIdsAcrossFunnels(List<FunnelPipeline> funnels) {
		Map<String, FunnelPipeline> first = new HashMap<>();
		for (FunnelPipeline funnel : funnels) {
			for (FunnelStage stage : funnel.stages()) {
				if (stage.stageId() == null) {
					continue;
				}
				FunnelPipeline other = first.putIfAbsent(funnel.objectType() + "/" + stage.stageId(), funnel);
				if (other != null && other != funnel) {
					error(funnel, stage,
							"stage " + stageName(stage) + " declares hubspot id '" + stage.stageId() + "', which funnel "
									+ other.name() + " (" + other.unit().path()
									+ ") declares too; HubSpot's stage ids are unique among the"
									+ " account's " + kind(funnel) + " stages.",
							PlanIssueCodes.HUBSPOT_STAGE_ID_TAKEN);
				}
			}
		}
	}

	/** A stage id the funnel wants for a new stage must not be taken by another stage of the account. */
	private void checkNewStageId(FunnelPipeline funnel, FunnelStage stage, Index index, CurrentPipeline target) {
		Owner owner = stage.stageId() == null ? null : index.stageIds.get(stage.stageId());
		if (owner != null) {
			String whose = owner.pipeline() == target ? "this pipeline"
					: "pipeline '" + owner.pipeline().label() + "' (id " + owner.pipeline().id() + ")";
			error(funnel, stage, "stage " + stageName(stage) + " declares hubspot id '" + stage.stageId() + "', which is "
					+ (owner.stage().archived() ? "an archived stage" : "stage '" + owner.stage().label() + "'") + " of " + whose
					+ " in HubSpot; HubSpot's stage ids are unique among the account's " + kind(funnel) + " stages.",
					PlanIssueCodes.HUBSPOT_STAGE_ID_TAKEN);
		}
	}

	/** A stage of the account and its pipeline. */
	private record Owner(CurrentPipeline pipeline, CurrentStage stage) {
	}

	/** The current state's pipelines of one object type, looked up by id, by label and by stage id. */
	private static final class Index {
		final Map<String, CurrentPipeline> byId = new HashMap<>();
		final Labels<CurrentPipeline> byLabel;
		final Map<String, Owner> stageIds = new HashMap<>();

		Index(List<CurrentPipeline> pipelines) {
			for (CurrentPipeline pipeline : pipelines) {
				byId.putIfAbsent(pipeline.id(), pipeline);
				pipeline.stages().forEach(s -> stageIds.putIfAbsent(s.id(), new Owner(pipeline, s)));
			}
			byLabel = new Labels<>(pipelines.stream().filter(p -> !p.archived()).toList(), CurrentPipeline::label);
		}
	}

	/** Candidates by label: the one with exactly the label, else one with it ignoring case; a candidate taken is not found again. */
	private static final class Labels<T> {
		private final Map<String, List<T>> exact = new HashMap<>();
		private final Map<String, List<T>> folded = new HashMap<>();
		private final Set<T> taken = Collections.newSetFromMap(new IdentityHashMap<>());

		Labels(List<T> candidates, Function<T, String> label) {
			for (T candidate : candidates) {
				exact.computeIfAbsent(label.apply(candidate), k -> new ArrayList<>()).add(candidate);
				folded.computeIfAbsent(lower(label.apply(candidate)), k -> new ArrayList<>()).add(candidate);
			}
		}

		T find(String label) {
			for (List<T> list : List.of(exact.getOrDefault(label, List.of()), folded.getOrDefault(lower(label), List.of()))) {
				for (T candidate : list) {
					if (!taken.contains(candidate)) {
						return candidate;
					}
				}
			}
			return null;
		}

		T take(String label) {
			T found = find(label);
			if (found != null) {
				taken.add(found);
			}
			return found;
		}
	}

	private static String describe(FunnelPipeline funnel, FunnelStage stage) {
		String value = funnel.objectType().equals("tickets") ? "ticket state " + stage.metadata().get("ticketState")
				: "probability " + stage.metadata().get("probability");
		return value + ", display order " + stage.displayOrder() + (stage.stageId() == null ? "" : ", id " + stage.stageId());
	}

	/** "label 'A' -> 'B', probability 0.4 -> 0.5". */
	static String summary(List<Change> changes) {
		List<String> parts = new ArrayList<>();
		for (Change change : changes) {
			boolean label = change.kind() == Kind.STAGE_LABEL || change.kind() == Kind.PIPELINE_LABEL;
			String quote = label ? "'" : "";
			parts.add(change.kind().field() + " " + quote + change.before() + quote + " -> " + quote + change.after() + quote);
		}
		return String.join(", ", parts);
	}

	private static boolean sameNumber(String a, String b) {
		if (a == null || b == null) {
			return Objects.equals(a, b);
		}
		try {
			return new BigDecimal(a.strip()).compareTo(new BigDecimal(b.strip())) == 0;
		} catch (NumberFormatException e) {
			return a.equals(b);
		}
	}

	private static String stageName(FunnelStage stage) {
		return stage.stage() == null ? "'" + stage.label() + "'" : stage.stage().getName();
	}

	private static String kind(FunnelPipeline funnel) {
		return funnel.objectType().equals("tickets") ? "ticket" : "deal";
	}

	private void error(FunnelPipeline funnel, String message, String code) {
		diagnostics.add(SourcePosition.diagnostic(funnel.unit(), funnel.unit().funnel(), Literals.ELEMENT__NAME, Severity.ERROR,
				message, code));
	}

	private void error(FunnelPipeline funnel, FunnelStage stage, String message, String code) {
		if (stage.stage() == null) {
			error(funnel, message, code);
		} else {
			diagnostics.add(
					SourcePosition.diagnostic(funnel.unit(), stage.stage(), Literals.STAGE__NAME, Severity.ERROR, message, code));
		}
	}

	private static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}
}

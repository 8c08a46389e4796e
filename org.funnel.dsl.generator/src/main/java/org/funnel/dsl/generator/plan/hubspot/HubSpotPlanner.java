package org.funnel.dsl.generator.plan.hubspot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
import org.funnel.dsl.generator.SourcePosition;
import org.funnel.dsl.generator.plan.hubspot.FunnelPipeline.FunnelStage;
import org.funnel.dsl.generator.plan.hubspot.HubSpotPlan.Change;
import org.funnel.dsl.generator.plan.hubspot.HubSpotPlan.Kind;
import org.funnel.dsl.generator.plan.hubspot.HubSpotPlan.Match;
import org.funnel.dsl.generator.plan.hubspot.HubSpotPlan.Other;
import org.funnel.dsl.generator.plan.hubspot.HubSpotPlan.PipelinePlan;
import org.funnel.dsl.generator.plan.hubspot.Portal.LivePipeline;
import org.funnel.dsl.generator.plan.hubspot.Portal.LiveStage;

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

	/** Query parameters HubSpot's spec gives the calls that may delete: both default to false. */
	public static final String REFERENCES_CHECK = "validateReferencesBeforeDelete";
	public static final String DEAL_STAGE_USAGE_CHECK = "validateDealStageUsagesBeforeDelete";

	private final List<Diagnostic> diagnostics = new ArrayList<>();

	private HubSpotPlanner() {
	}

	/** @param portal the account's pipelines per object type ("deals", "tickets"), archived ones included */
	public static HubSpotPlan plan(List<FunnelPipeline> funnels, Map<String, List<LivePipeline>> portal) {
		return new HubSpotPlanner().run(funnels, portal);
	}

	private HubSpotPlan run(List<FunnelPipeline> funnels, Map<String, List<LivePipeline>> portal) {
		checkStageIdsAcrossFunnels(funnels);
		List<PipelinePlan> plans = new ArrayList<>();
		Map<String, FunnelPipeline> claimed = new HashMap<>();
		Map<String, FunnelPipeline> created = new HashMap<>();
		Map<String, Account> accounts = new HashMap<>();
		for (FunnelPipeline funnel : funnels) {
			Account account = accounts.computeIfAbsent(funnel.objectType(), t -> new Account(portal.getOrDefault(t, List.of())));
			LivePipeline match = null;
			Match how = Match.NEW;
			if (funnel.pipelineId() != null) {
				match = account.byId.get(funnel.pipelineId());
				if (match != null && match.archived()) {
					error(funnel, "HubSpot's " + kind(funnel) + " pipeline '" + funnel.pipelineId() + "' ('" + match.label()
							+ "') is archived. Restore it in HubSpot, or remove the pipeline id from the funnel to create a new pipeline.",
							"hubspot-pipeline-archived");
					continue;
				}
				how = Match.ID;
			} else {
				match = account.byLabel.find(funnel.label());
				how = Match.LABEL;
			}
			if (match != null) {
				FunnelPipeline other = claimed.putIfAbsent(funnel.objectType() + "/" + match.id(), funnel);
				if (other != null) {
					error(funnel, "funnels " + other.name() + " (" + other.unit().path() + ") and " + funnel.name()
							+ " both describe HubSpot's " + kind(funnel) + " pipeline '" + match.label() + "' (id " + match.id()
							+ "); a pipeline can follow one funnel only.", "hubspot-pipeline-twice");
					continue;
				}
				plans.add(update(funnel, match, how, account));
			} else {
				FunnelPipeline other = created.putIfAbsent(funnel.objectType() + "/" + lower(funnel.label()), funnel);
				if (other == null && funnel.pipelineId() != null) {
					other = created.putIfAbsent(funnel.objectType() + "/id/" + funnel.pipelineId(), funnel);
				}
				LivePipeline clash = account.byLabel.find(funnel.label());
				if (other != null) {
					error(funnel, "funnels " + other.name() + " (" + other.unit().path() + ") and " + funnel.name()
							+ " would both create the HubSpot " + kind(funnel) + " pipeline '" + funnel.label()
							+ "'; HubSpot's pipeline labels and ids are unique.", "hubspot-pipeline-twice");
				} else if (clash != null) {
					error(funnel, "HubSpot already has a " + kind(funnel) + " pipeline labelled '" + clash.label() + "' (id "
							+ clash.id()
							+ ") and pipeline labels are unique: to make the funnel describe it, declare hubspot pipeline \""
							+ clash.id() + "\" for " + funnel.objectType() + "; else give the funnel another label.",
							"hubspot-pipeline-label-taken");
				} else {
					plans.add(create(funnel, account));
				}
			}
		}
		List<Other> others = new ArrayList<>();
		portal.forEach((objectType, live) -> {
			for (LivePipeline pipeline : live) {
				if (!claimed.containsKey(objectType + "/" + pipeline.id())) {
					others.add(new Other(objectType, pipeline.id(), pipeline.label(), pipeline.archived()));
				}
			}
		});
		others.sort(Comparator.comparing(Other::objectType).thenComparing(Other::label).thenComparing(Other::id));
		diagnostics.sort(null);
		return new HubSpotPlan(List.copyOf(plans), List.copyOf(others), List.copyOf(diagnostics));
	}

	private PipelinePlan create(FunnelPipeline funnel, Account account) {
		List<Change> changes = new ArrayList<>();
		changes.add(new Change(Kind.CREATE_PIPELINE, null, null, Match.NEW, null, funnel.label()));
		for (FunnelStage stage : funnel.stages()) {
			checkNewStageId(funnel, stage, account, null);
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

	private PipelinePlan update(FunnelPipeline funnel, LivePipeline live, Match how, Account account) {
		List<Change> changes = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		List<Request> requests = new ArrayList<>();
		String where = " of pipeline '" + funnel.label() + "'";
		if (how == Match.LABEL) {
			notes.add("Matched by label to HubSpot's pipeline '" + live.label() + "' (id " + live.id()
					+ "). Declare hubspot pipeline \""
					+ live.id() + "\" for " + funnel.objectType() + " in funnel " + funnel.name() + " to match by id.");
		}

		// The pipeline's own label and display order (PATCH of the pipeline).
		List<Change> pipelineChanges = new ArrayList<>();
		if (!live.label().equals(funnel.label())) {
			LivePipeline clash = account.byLabel.find(funnel.label());
			if (clash != null && clash != live && lower(clash.label()).equals(lower(funnel.label()))) {
				error(funnel, "the funnel renames HubSpot pipeline '" + live.label() + "' to '" + funnel.label()
						+ "', which is the label of pipeline " + clash.id() + "; HubSpot's pipeline labels are unique.",
						"hubspot-pipeline-label-taken");
			}
			pipelineChanges.add(new Change(Kind.PIPELINE_LABEL, null, null, how, live.label(), funnel.label()));
		}
		if (live.displayOrder() != funnel.displayOrder()) {
			pipelineChanges.add(new Change(Kind.PIPELINE_ORDER, null, null, how, String.valueOf(live.displayOrder()),
					String.valueOf(funnel.displayOrder())));
		}
		if (!pipelineChanges.isEmpty()) {
			ObjectNode body = Json.object();
			body.put("label", funnel.label());
			body.put("displayOrder", funnel.displayOrder());
			Map<String, String> checks = new TreeMap<>(Map.of(REFERENCES_CHECK, "true", DEAL_STAGE_USAGE_CHECK, "true"));
			requests.add(new Request("PATCH", Request.path(funnel.objectType(), live.id()), checks, body,
					"change pipeline '" + live.label() + "' (id " + live.id() + "): " + summary(pipelineChanges)));
			changes.addAll(pipelineChanges);
		}

		// Stages: by id, then by label.
		List<LiveStage> active = live.activeStages();
		Map<String, LiveStage> activeById = new HashMap<>();
		active.forEach(s -> activeById.put(s.id(), s));
		Map<FunnelStage, LiveStage> pairs = new LinkedHashMap<>();
		Map<FunnelStage, Match> pairedBy = new HashMap<>();
		Set<String> used = new HashSet<>();
		List<FunnelStage> added = new ArrayList<>();
		for (FunnelStage stage : funnel.stages()) {
			LiveStage found = stage.stageId() == null ? null : activeById.get(stage.stageId());
			if (found != null) {
				pairs.put(stage, found);
				pairedBy.put(stage, Match.ID);
				used.add(found.id());
			}
		}
		Labels<LiveStage> unmatched = new Labels<>(active.stream().filter(s -> !used.contains(s.id())).toList(),
				LiveStage::label);
		for (FunnelStage stage : funnel.stages()) {
			if (pairs.containsKey(stage)) {
				continue;
			}
			if (stage.stageId() != null) {
				checkNewStageId(funnel, stage, account, live);
				added.add(stage);
				continue;
			}
			LiveStage found = unmatched.take(stage.label());
			if (found == null) {
				added.add(stage);
			} else {
				pairs.put(stage, found);
				pairedBy.put(stage, Match.LABEL);
				used.add(found.id());
				notes.add("Stage '" + stage.label() + "' matched by label to HubSpot's stage '" + found.label() + "' (id "
						+ found.id()
						+ "). Declare hubspot id \"" + found.id() + "\" in stage " + stageName(stage) + " to match by id.");
			}
		}
		List<LiveStage> removed = active.stream().filter(s -> !used.contains(s.id())).toList();
		Map<String, FunnelStage> addedByLabel = new HashMap<>();
		added.forEach(a -> addedByLabel.putIfAbsent(lower(a.label()), a));

		for (LiveStage stage : removed) {
			changes.add(new Change(Kind.REMOVE_STAGE, stage.label(), stage.id(), how, stage.label(), null));
			Map<String, String> check = new TreeMap<>(Map.of(REFERENCES_CHECK, "true"));
			requests.add(new Request("DELETE", Request.path(funnel.objectType(), live.id(), "stages", stage.id()), check, null,
					"remove stage '" + stage.label() + "' (id " + stage.id() + ")" + where));
			String instead = Optional.ofNullable(addedByLabel.get(lower(stage.label())))
					.map(a -> " The funnel's stage '" + a.label() + "' declares hubspot id '" + a.stageId()
							+ "', which this pipeline does not have: did you mean hubspot id \"" + stage.id() + "\"?")
					.orElse("");
			diagnostics.add(SourcePosition.diagnostic(funnel.unit(), funnel.unit().funnel(), Literals.ELEMENT__NAME,
					Severity.WARNING,
					"applying removes stage '" + stage.label() + "' (id " + stage.id() + ") from HubSpot's " + kind(funnel)
							+ " pipeline '" + live.label() + "'. HubSpot's pipelines API does not say whether records are in it;"
							+ " apply removes it only with --allow-removals and asks HubSpot to refuse if the stage is in use."
							+ instead,
					"hubspot-stage-removal"));
		}

		List<StagePatch> patches = new ArrayList<>();
		for (Map.Entry<FunnelStage, LiveStage> pair : pairs.entrySet()) {
			List<Change> stageChanges = compare(funnel, pair.getKey(), pair.getValue(), pairedBy.get(pair.getKey()));
			if (!stageChanges.isEmpty()) {
				changes.addAll(stageChanges);
				patches.add(new StagePatch(pair.getKey(), pair.getValue(), stageChanges));
			}
		}
		requests.addAll(orderedPatches(funnel, live, patches, where));

		for (FunnelStage stage : added) {
			changes.add(new Change(Kind.ADD_STAGE, stage.label(), stage.stageId(), Match.NEW, null, describe(funnel, stage)));
			requests.add(new Request("POST", Request.path(funnel.objectType(), live.id(), "stages"), null, stage.payload(),
					"add stage '" + stage.label() + "' to pipeline '" + funnel.label() + "'"));
		}
		return new PipelinePlan(funnel, live, how, List.copyOf(changes), List.copyOf(requests), List.copyOf(notes));
	}

	private record StagePatch(FunnelStage funnel, LiveStage live, List<Change> changes) {
	}

	private static List<Change> compare(FunnelPipeline funnel, FunnelStage want, LiveStage live, Match how) {
		List<Change> changes = new ArrayList<>();
		if (!live.label().equals(want.label())) {
			changes.add(new Change(Kind.STAGE_LABEL, want.label(), live.id(), how, live.label(), want.label()));
		}
		if (funnel.objectType().equals("tickets")) {
			String state = want.metadata().get("ticketState");
			String before = live.metadata().get("ticketState");
			if (!Objects.equals(state, before)) {
				changes.add(new Change(Kind.TICKET_STATE, want.label(), live.id(), how, before == null ? "none" : before, state));
			}
		} else {
			String probability = want.metadata().get("probability");
			String before = live.metadata().get("probability");
			if (!sameNumber(probability, before)) {
				changes.add(new Change(Kind.PROBABILITY, want.label(), live.id(), how, before == null ? "none" : before,
						probability));
			}
		}
		if (live.displayOrder() != want.displayOrder()) {
			changes.add(new Change(Kind.STAGE_ORDER, want.label(), live.id(), how, String.valueOf(live.displayOrder()),
					String.valueOf(want.displayOrder())));
		}
		return changes;
	}

	/** PATCHes in an order that keeps the pipeline's labels unique after every call. */
	private static List<Request> orderedPatches(FunnelPipeline funnel, LivePipeline live, List<StagePatch> patches,
			String where) {
		List<Request> requests = new ArrayList<>();
		List<StagePatch> pending = new ArrayList<>(patches);
		// Which pending patch's stage holds a label now (ignoring case), and each one's label now.
		Map<String, StagePatch> holder = new HashMap<>();
		Map<StagePatch, String> current = new HashMap<>();
		pending.forEach(p -> {
			current.put(p, p.live().label());
			holder.put(lower(p.live().label()), p);
		});
		Set<String> taken = new HashSet<>();
		live.stages().forEach(s -> taken.add(lower(s.label())));
		funnel.stages().forEach(s -> taken.add(lower(s.label())));
		while (!pending.isEmpty()) {
			StagePatch ready = null;
			for (StagePatch patch : pending) {
				StagePatch other = holder.get(lower(patch.funnel().label()));
				if (other == null || other == patch) {
					ready = patch;
					break;
				}
			}
			if (ready == null) {
				// Every remaining rename waits for another: a cycle. Park one under a temporary label.
				StagePatch parked = pending.get(0);
				String temporary = parked.live().label() + " (renaming)";
				for (int i = 2; taken.contains(lower(temporary)); i++) {
					temporary = parked.live().label() + " (renaming " + i + ")";
				}
				taken.add(lower(temporary));
				ObjectNode body = patchBody(parked.funnel());
				body.put("label", temporary);
				requests.add(new Request("PATCH", stagePath(funnel, live, parked.live()), null, body,
						"rename stage '" + current.get(parked) + "' (id " + parked.live().id() + ")" + where + " to '" + temporary
								+ "' for a moment, to free its label"));
				holder.remove(lower(current.get(parked)));
				current.put(parked, temporary);
				continue;
			}
			requests.add(new Request("PATCH", stagePath(funnel, live, ready.live()), null, patchBody(ready.funnel()),
					"change stage '" + current.get(ready) + "' (id " + ready.live().id() + ")" + where + ": "
							+ summary(ready.changes())));
			holder.remove(lower(current.get(ready)), ready);
			pending.remove(ready);
		}
		return requests;
	}

	private static String stagePath(FunnelPipeline funnel, LivePipeline live, LiveStage stage) {
		return Request.path(funnel.objectType(), live.id(), "stages", stage.id());
	}

	/** {@code PipelineStagePatchInput}: label, display order and metadata (which it requires). */
	private static ObjectNode patchBody(FunnelStage stage) {
		ObjectNode body = Json.object();
		body.put("label", stage.label());
		body.put("displayOrder", stage.displayOrder());
		body.set("metadata", stage.payload().get("metadata").deepCopy());
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
							"hubspot-stage-id-taken");
				}
			}
		}
	}

	/** A stage id the funnel wants for a new stage must not be taken by another stage of the account. */
	private void checkNewStageId(FunnelPipeline funnel, FunnelStage stage, Account account, LivePipeline target) {
		Owner owner = stage.stageId() == null ? null : account.stageIds.get(stage.stageId());
		if (owner != null) {
			String whose = owner.pipeline() == target ? "this pipeline"
					: "pipeline '" + owner.pipeline().label() + "' (id " + owner.pipeline().id() + ")";
			error(funnel, stage, "stage " + stageName(stage) + " declares hubspot id '" + stage.stageId() + "', which is "
					+ (owner.stage().archived() ? "an archived stage" : "stage '" + owner.stage().label() + "'") + " of " + whose
					+ " in HubSpot; HubSpot's stage ids are unique among the account's " + kind(funnel) + " stages.",
					"hubspot-stage-id-taken");
		}
	}

	/** A stage of the account and its pipeline. */
	private record Owner(LivePipeline pipeline, LiveStage stage) {
	}

	/** The account's pipelines of one object type, looked up by id, by label and by stage id. */
	private static final class Account {
		final Map<String, LivePipeline> byId = new HashMap<>();
		final Labels<LivePipeline> byLabel;
		final Map<String, Owner> stageIds = new HashMap<>();

		Account(List<LivePipeline> pipelines) {
			for (LivePipeline pipeline : pipelines) {
				byId.putIfAbsent(pipeline.id(), pipeline);
				pipeline.stages().forEach(s -> stageIds.putIfAbsent(s.id(), new Owner(pipeline, s)));
			}
			byLabel = new Labels<>(pipelines.stream().filter(p -> !p.archived()).toList(), LivePipeline::label);
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

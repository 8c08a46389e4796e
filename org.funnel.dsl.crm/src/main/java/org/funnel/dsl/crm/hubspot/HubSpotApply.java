package org.funnel.dsl.crm.hubspot;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.funnel.dsl.crm.hubspot.HubSpotClient.Answer;

/**
 * Makes a HubSpot account's pipelines what the funnels say: reads the current state, plans, refuses a plan that must
 * not be carried out as it is, sends the plan's calls one after the other and stops at the first that does not
 * succeed, and after a complete run reads the account again to confirm it matches. The result says for every call
 * what became of it, and claims nothing it does not know: a call HubSpot answered with success is done, one it refused
 * failed, one that got no complete answer or a server error may or may not have been carried out, and the calls after it were not sent.
 */
public final class HubSpotApply {

	public enum Status {
		DONE("done", "done"), FAILED("failed", "failed"), UNKNOWN("unknown", "outcome unknown"),
		NOT_SENT("not sent", "not sent");

		private final String words;
		private final String counted;

		Status(String words, String counted) {
			this.words = words;
			this.counted = counted;
		}

		/** As the list of calls shows it. */
		public String words() {
			return words;
		}

		/** As a count says it: "1 outcome unknown". */
		public String counted() {
			return counted;
		}
	}

	/** What became of one call; {@code detail} is HubSpot's error, or the id it gave a new pipeline or stage. */
	public record Step(Request request, Status status, String detail) {
	}

	/** Why nothing was sent. */
	public enum Refusal {
		/** The plan has errors (conflicts with the account). */
		ERRORS,
		/** The plan is not the reviewed one any more: HubSpot or the funnels changed since. */
		NOT_REVIEWED,
		/** The plan removes stages, and removals were not allowed. */
		REMOVALS
	}

	/** How an apply ended. */
	public enum Outcome {
		/** Nothing was sent ({@link Result#refusal} says why). */
		REFUSED,
		/** The account already matches the funnels. */
		NOTHING_TO_DO,
		/** A call did not succeed: the ones before it are done, the ones after it were not sent. */
		STOPPED,
		/** Every call succeeded, but the account read again still differs ({@link Result#after}). */
		STILL_DIFFERENT,
		/** Every call succeeded, but reading the account again failed ({@link Result#unconfirmed} says why). */
		UNCONFIRMED,
		/** Every call succeeded and the account matches the funnels. */
		APPLIED
	}

	/** The plan carried out, how it ended, and what became of each call. */
	public record Result(HubSpotPlan plan, Outcome outcome, Refusal refusal, List<Step> steps, HubSpotPlan after,
			String unconfirmed) {

		Result(HubSpotPlan plan, Outcome outcome, Refusal refusal, List<Step> steps, HubSpotPlan after) {
			this(plan, outcome, refusal, steps, after, null);
		}
	}

	/** Hears of the apply as it goes, to show it to the user. */
	public interface Listener {
		/** The plan is made, before anything is sent. */
		default void planned(HubSpotPlan plan) {
		}

		/** The plan's calls are about to be sent. */
		default void applying(HubSpotPlan plan) {
		}

		/** A call's fate, as soon as it is known. */
		default void step(Step step) {
		}
	}

	private HubSpotApply() {
	}

	/**
	 * Applies the funnels' pipelines to the account.
	 *
	 * @param reviewed the plan that was reviewed, or null: with it, nothing is sent unless the plan is still that one
	 * @param allowRemovals whether stages may be removed
	 */
	public static Result apply(HubSpotClient client, List<FunnelPipeline> pipelines, HubSpotPlanFile reviewed,
			boolean allowRemovals, Listener listener) throws InterruptedException {
		Set<String> objectTypes = new TreeSet<>(pipelines.stream().map(FunnelPipeline::objectType).toList());
		HubSpotPlan plan = DealsInStages.plan(client, pipelines);
		listener.planned(plan);
		Refusal refusal = refusal(plan, reviewed, allowRemovals);
		if (refusal != null) {
			return new Result(plan, Outcome.REFUSED, refusal, List.of(), null);
		}
		if (!plan.hasChanges()) {
			return new Result(plan, Outcome.NOTHING_TO_DO, null, List.of(), null);
		}
		listener.applying(plan);
		List<Step> steps = run(client, plan.requests(), listener::step);
		if (steps.stream().anyMatch(s -> s.status() != Status.DONE)) {
			return new Result(plan, Outcome.STOPPED, null, steps, null);
		}
		// Read the account again: it should now match the funnels exactly.
		CurrentState now;
		try {
			now = CurrentState.read(client, objectTypes);
		} catch (HubSpotException e) {
			return new Result(plan, Outcome.UNCONFIRMED, null, steps, null, e.getMessage());
		}
		HubSpotPlan after = HubSpotPlanner.plan(pipelines, now);
		return new Result(plan, after.hasChanges() ? Outcome.STILL_DIFFERENT : Outcome.APPLIED, null, steps, after);
	}

	/** Why the plan must not be carried out as it is, or null. */
	private static Refusal refusal(HubSpotPlan plan, HubSpotPlanFile reviewed, boolean allowRemovals) {
		if (plan.hasErrors()) {
			return Refusal.ERRORS;
		}
		if (reviewed != null && !reviewed.matches(plan)) {
			return Refusal.NOT_REVIEWED;
		}
		if (!plan.removals().isEmpty() && !allowRemovals) {
			return Refusal.REMOVALS;
		}
		return null;
	}

	/** Sends the calls in order; {@code progress} hears of each step as soon as it is known. */
	public static List<Step> run(HubSpotClient client, List<Request> requests, Consumer<Step> progress)
			throws InterruptedException {
		List<Step> steps = new ArrayList<>();
		boolean stopped = false;
		for (Request request : requests) {
			Step step = stopped ? new Step(request, Status.NOT_SENT, null) : send(client, request);
			stopped |= step.status() != Status.DONE;
			steps.add(step);
			progress.accept(step);
		}
		return steps;
	}

	private static Step send(HubSpotClient client, Request request) throws InterruptedException {
		try {
			Answer answer = client.send(request);
			String id = request.method().equals("POST") && answer.json() != null && answer.json().hasNonNull("id")
					? "HubSpot gave it id " + answer.json().get("id").asText() : null;
			return new Step(request, Status.DONE, id);
		} catch (HubSpotException e) {
			return switch (e.outcome()) {
			case REFUSED -> new Step(request, Status.FAILED, e.getMessage());
			case UNREACHABLE -> new Step(request, Status.NOT_SENT, e.getMessage());
			case UNKNOWN -> new Step(request, Status.UNKNOWN,
					e.getMessage() + (e.status() == 0 ? " HubSpot may or may not have carried it out." : ""));
			};
		}
	}
}

package org.funnel.dsl.generator.plan.hubspot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.funnel.dsl.generator.plan.hubspot.HubSpotClient.Answer;

/**
 * Carries out a plan's calls one after the other and stops at the first that does not succeed. The
 * result says for every call what became of it, and claims nothing it does not know: a call HubSpot
 * answered with success is done, one it refused failed, one that got no answer may or may not have
 * been carried out, and the calls after it were not sent.
 */
public final class HubSpotApply {

	public enum Status {
		DONE("done"), FAILED("failed"), UNKNOWN("no answer"), NOT_SENT("not sent");

		private final String words;

		Status(String words) {
			this.words = words;
		}

		public String words() {
			return words;
		}
	}

	/** What became of one call; {@code detail} is HubSpot's error, or the id it gave a new pipeline or stage. */
	public record Step(Request request, Status status, String detail) {
	}

	private HubSpotApply() {
	}

	/** Sends the calls in order; {@code progress} hears of each step as soon as it is known. */
	public static List<Step> run(HubSpotClient client, List<Request> requests, Consumer<Step> progress)
			throws InterruptedException {
		List<Step> steps = new ArrayList<>();
		boolean stopped = false;
		for (Request request : requests) {
			Step step;
			if (stopped) {
				step = new Step(request, Status.NOT_SENT, null);
			} else {
				try {
					Answer answer = client.send(request);
					String id = request.method().equals("POST") && answer.json() != null && answer.json().hasNonNull("id")
							? "HubSpot gave it id " + answer.json().get("id").asText() : null;
					step = new Step(request, Status.DONE, id);
				} catch (HubSpotException e) {
					stopped = true;
					step = switch (e.outcome()) {
					case REFUSED -> new Step(request, Status.FAILED, e.getMessage());
					case UNREACHABLE -> new Step(request, Status.NOT_SENT, e.getMessage());
					case NO_ANSWER -> new Step(request, Status.UNKNOWN, e.getMessage()
							+ " HubSpot may or may not have carried it out");
					};
				}
			}
			steps.add(step);
			progress.accept(step);
		}
		return steps;
	}
}

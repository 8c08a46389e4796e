package org.funnel.dsl.history;

import java.util.List;

/** Looking into a history read in a test. */
public final class Histories {

	private Histories() {
	}

	/** The deal of that id. */
	public static DealHistory deal(History history, String id) {
		return history.deals().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
	}

	/** The names of the stages the deal went through, in order. */
	public static List<String> path(History history, DealHistory deal) {
		return deal.visits().stream().map(v -> history.stages().get(v.stage())).toList();
	}

	/** The same for the deal of that id. */
	public static List<String> path(History history, String id) {
		return path(history, deal(history, id));
	}
}

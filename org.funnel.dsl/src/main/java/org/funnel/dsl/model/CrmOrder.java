package org.funnel.dsl.model;

import java.util.List;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.funnel.Stage;

/**
 * The order CRMs show stages in: open stages as the funnel lists them (inherited ones first), then
 * the won stages, then the lost ones. A funnel extending a template of outcomes thus still starts
 * with its first open stage.
 */
public final class CrmOrder {

	private CrmOrder() {
	}

	/** Indexes into {@code stages}, in CRM order. */
	public static int[] of(List<Stage> stages) {
		int[] order = new int[stages.size()];
		int next = 0;
		for (Outcome outcome : new Outcome[] { Outcome.OPEN, Outcome.WON, Outcome.LOST }) {
			for (int i = 0; i < stages.size(); i++) {
				if (Stages.outcome(stages.get(i)) == outcome) {
					order[next++] = i;
				}
			}
		}
		return order;
	}
}

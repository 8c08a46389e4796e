package org.funnel.dsl.diagram;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.model.CrmOrder;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Stages;

/**
 * What the picture of a funnel shows, before any geometry: every stage with its declared and
 * implied win probability, expected flow and drop-off, every transition with its share and
 * expected flow, and the bottleneck. Built from the shared Markov analysis, so the picture says
 * what the hover, the report and the checks say.
 */
public final class FunnelDiagram {

	/** A stage as a box. {@code declared} is null for an open stage that declares none. */
	public record StageBox(int index, String name, String label, Outcome outcome, BigDecimal declared, double implied,
			boolean trapped, double flow, double entering, double dropOffShare, double dropOffVolume, boolean bottleneck,
			List<String> channels, boolean highlighted, ObservedValues.Time time) {

		/** True when some of the stage's volume leaves the funnel here without a transition. */
		public boolean leaks() {
			return outcome == Outcome.OPEN && dropOffShare > 1e-9 && !(dropOffVolume <= 0);
		}
	}

	/**
	 * A transition as an arrow: {@code share} of the source stage's outflow, {@code volume} expected along it;
	 * {@code observed} what the deal history shows for it (or null). A transition the funnel does not declare but the
	 * history shows ({@code declared} false) comes after the declared ones, its share the observed one, no volume.
	 */
	public record Flow(int index, int source, int target, double share, double volume, String channel,
			boolean highlighted, boolean declared, ObservedValues.Share observed) {
	}

	private final String name;
	private final String label;
	private final String volumeUnit;
	private final List<StageBox> stages;
	private final List<Flow> flows;
	private final int[] order;
	private final int bottleneck;
	private final boolean showChannels;
	private final ObservedValues observed;

	private FunnelDiagram(String name, String label, String volumeUnit, List<StageBox> stages, List<Flow> flows,
			int[] order, int bottleneck, boolean showChannels, ObservedValues observed) {
		this.name = name;
		this.label = label;
		this.volumeUnit = volumeUnit;
		this.stages = stages;
		this.flows = flows;
		this.order = order;
		this.bottleneck = bottleneck;
		this.showChannels = showChannels;
		this.observed = observed;
	}

	/** The diagram of a funnel, from its structure and its analysis (both from {@code AnalysisCache}). */
	public static FunnelDiagram of(EffectiveFunnel structure, FunnelAnalysis analysis, DiagramOptions options) {
		return of(structure, analysis, options, null);
	}

	/**
	 * The diagram with what a deal history shows beside the declared values ({@code observed}, or null for none):
	 * observed shares on the arrows, transitions seen but not declared as arrows of their own, times in stage.
	 */
	public static FunnelDiagram of(EffectiveFunnel structure, FunnelAnalysis analysis, DiagramOptions options,
			ObservedValues observed) {
		Funnel funnel = structure.funnel();
		FunnelGraph graph = structure.graph();
		List<Stage> declared = structure.stages();
		List<StageBox> stages = new ArrayList<>(declared.size());
		for (int i = 0; i < declared.size(); i++) {
			Stage stage = declared.get(i);
			boolean open = !Stages.isTerminal(stage);
			List<String> channels = new ArrayList<>();
			if (options.channels()) {
				for (Channel channel : stage.getChannels()) {
					if (channel != null && !channel.eIsProxy()) {
						channels.add(Stages.label(channel));
					}
				}
			}
			stages.add(new StageBox(i, stage.getName(), Stages.label(stage), Stages.outcome(stage),
					Stages.declaredProbability(stage), analysis.winProbability(i), analysis.isTrapped(i),
					analysis.expectedFlow(i), graph.entering(i), open ? analysis.dropOff(i) : 0,
					open ? analysis.expectedDropOff(i) : 0, i == analysis.bottleneck(), List.copyOf(channels),
					options.highlightedStages().contains(stage.getName()),
					observed == null ? null : observed.times().get(stage.getName())));
		}
		List<Flow> flows = new ArrayList<>(graph.transitionCount());
		for (int t = 0; t < graph.transitionCount(); t++) {
			Transition transition = structure.transitions().get(t);
			Channel via = transition.getChannel();
			String from = declared.get(graph.source(t)).getName();
			String to = declared.get(graph.target(t)).getName();
			flows.add(new Flow(t, graph.source(t), graph.target(t), analysis.conversion(t), analysis.transitionFlow(t),
					options.channels() && via != null && !via.eIsProxy() ? Stages.label(via) : null,
					options.highlightedTransitions().contains(DiagramOptions.transitionKey(from, to)), true,
					observed == null ? null : observed.shares().get(DiagramOptions.transitionKey(from, to))));
		}
		if (observed != null) {
			addUndeclared(flows, stages, observed);
		}
		return new FunnelDiagram(funnel.getName(), Stages.label(funnel), structure.volumeUnit(),
				Collections.unmodifiableList(stages), Collections.unmodifiableList(flows), CrmOrder.of(declared),
				analysis.bottleneck(), options.channels(), observed);
	}

	/** Transitions seen but not declared, between stages the funnel has (the others have no box to join). */
	private static void addUndeclared(List<Flow> flows, List<StageBox> stages, ObservedValues observed) {
		Map<String, Integer> index = new HashMap<>();
		for (StageBox stage : stages) {
			index.put(stage.name(), stage.index());
		}
		for (ObservedValues.Share seen : observed.undeclared()) {
			Integer from = index.get(seen.from());
			Integer to = index.get(seen.to());
			if (from != null && to != null) {
				flows.add(new Flow(flows.size(), from, to, seen.share(), 0, null, false, false, seen));
			}
		}
	}

	/** The funnel's name (its identifier in the source). */
	public String name() {
		return name;
	}

	public String label() {
		return label;
	}

	/** What the volumes are counted in: "per month", "cohort", "per entering deal". */
	public String volumeUnit() {
		return volumeUnit;
	}

	/** The stages, indexed as in the funnel's Markov graph. */
	public List<StageBox> stages() {
		return stages;
	}

	/** The transitions, indexed as in the funnel's Markov graph. */
	public List<Flow> flows() {
		return flows;
	}

	/** Stage indexes as the funnel reads: open stages as declared, then won, then lost (the CRMs' order). */
	public int[] order() {
		return order.clone();
	}

	/** The bottleneck's stage index, or -1. */
	public int bottleneck() {
		return bottleneck;
	}

	/** What the deal history shows beside the declared values; null in a picture of the funnel alone. */
	public ObservedValues observed() {
		return observed;
	}

	public boolean showsChannels() {
		return showChannels;
	}

	/** The largest finite volume any arrow or leak carries, for the width scale; 0 when nothing flows. */
	public double largestVolume() {
		double largest = 0;
		for (Flow flow : flows) {
			if (Double.isFinite(flow.volume())) {
				largest = Math.max(largest, flow.volume());
			}
		}
		for (StageBox stage : stages) {
			if (Double.isFinite(stage.dropOffVolume())) {
				largest = Math.max(largest, stage.dropOffVolume());
			}
		}
		return largest;
	}
}

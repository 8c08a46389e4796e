package org.funnel.dsl.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.Period;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.funnel.Volume;

/**
 * A funnel with the stages it inherits: those of the funnels it extends come first, in declaration
 * order, then its own. Stage lookups by name and by object are hash based, so linking, checks and
 * analysis stay linear in the size of the funnel.
 */
public final class EffectiveFunnel {

	/** Days in a (Gregorian) year, one length for days and weeks alike: 52.1775 weeks. */
	public static final double DAYS_PER_YEAR = 365.2425;
	/** Months per period, to put volumes given per day, week, quarter or year on one footing. */
	private static final Map<Period, Double> MONTHS_PER_PERIOD = Map.of(Period.DAY, 12 / DAYS_PER_YEAR, Period.WEEK,
			12 * 7 / DAYS_PER_YEAR, Period.MONTH, 1.0, Period.QUARTER, 3.0, Period.YEAR, 12.0);

	private final Funnel funnel;
	private final List<Funnel> chain;
	private final List<Stage> stages;
	private final Map<String, Stage> byName;
	private final Map<Stage, Integer> index;
	private final boolean cyclicExtends;
	private FunnelGraph graph;
	private List<Transition> transitions;
	private String volumeUnit;

	private EffectiveFunnel(Funnel funnel) {
		this.funnel = funnel;
		List<Funnel> bases = new ArrayList<>();
		Set<Funnel> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		boolean cycle = false;
		for (Funnel current = funnel; current != null; current = resolvedBase(current)) {
			if (!seen.add(current)) {
				cycle = true;
				break;
			}
			bases.add(current);
		}
		Collections.reverse(bases);
		this.chain = Collections.unmodifiableList(bases);
		this.cyclicExtends = cycle;
		List<Stage> all = new ArrayList<>();
		for (Funnel each : bases) {
			all.addAll(each.getStages());
		}
		this.stages = Collections.unmodifiableList(all);
		this.byName = new HashMap<>(all.size() * 2);
		this.index = new IdentityHashMap<>(all.size() * 2);
		for (int i = 0; i < all.size(); i++) {
			Stage stage = all.get(i);
			index.put(stage, i);
			if (stage.getName() != null) {
				byName.putIfAbsent(stage.getName(), stage);
			}
		}
	}

	public static EffectiveFunnel of(Funnel funnel) {
		return new EffectiveFunnel(funnel);
	}

	private static Funnel resolvedBase(Funnel funnel) {
		Funnel base = funnel.getBase();
		return base == null || base.eIsProxy() ? null : base;
	}

	public Funnel funnel() {
		return funnel;
	}

	/** The funnel and the funnels it extends, the most basic first. */
	public List<Funnel> chain() {
		return chain;
	}

	/** True when the funnel extends itself through a chain of funnels. */
	public boolean hasCyclicExtends() {
		return cyclicExtends;
	}

	public List<Stage> stages() {
		return stages;
	}

	/** The first stage of that name, or null. */
	public Stage stage(String name) {
		return byName.get(name);
	}

	/** Index of the stage in {@link #stages()} and in {@link #graph()}, or -1. */
	public int indexOf(Stage stage) {
		Integer i = index.get(stage);
		return i == null ? -1 : i;
	}

	/**
	 * The stages people enter the funnel at: those declaring an entering volume, or else the first
	 * open stage (inherited won and lost stages usually come first and are no entry).
	 */
	public List<Stage> entries() {
		List<Stage> entries = new ArrayList<>();
		for (Stage stage : stages) {
			if (stage.getEntering() != null) {
				entries.add(stage);
			}
		}
		if (entries.isEmpty()) {
			stages.stream().filter(stage -> !Stages.isTerminal(stage)).findFirst().ifPresent(entries::add);
		}
		if (entries.isEmpty() && !stages.isEmpty()) {
			entries.add(stages.get(0));
		}
		return entries;
	}

	/**
	 * The unit of the flows: "per month" and the like when volumes are given per period (mixed
	 * periods are converted to per month), "cohort" for one-off volumes, "per entering deal" when no
	 * stage declares a volume and one deal enters at the first stage.
	 */
	public String volumeUnit() {
		graph();
		return volumeUnit;
	}

	/** The transitions of all stages, in stage order: index i is transition i of {@link #graph()}. */
	public List<Transition> transitions() {
		graph();
		return transitions;
	}

	/** The Markov graph of this funnel with its declared entering volumes. */
	public FunnelGraph graph() {
		if (graph == null) {
			graph = buildGraph();
		}
		return graph;
	}

	private FunnelGraph buildGraph() {
		Set<Period> periods = new LinkedHashSet<>();
		boolean cohort = false;
		for (Stage stage : stages) {
			Volume volume = stage.getEntering();
			if (volume != null) {
				if (!volume.isPeriodic()) {
					cohort = true;
				} else {
					periods.add(volume.getPeriod());
				}
			}
		}
		boolean toMonths = periods.size() > 1;
		if (periods.isEmpty()) {
			volumeUnit = cohort ? "cohort" : "per entering deal";
		} else {
			volumeUnit = "per " + (toMonths ? "month" : periods.iterator().next().getLiteral());
		}
		FunnelGraph.Builder builder = FunnelGraph.builder();
		boolean anyEntering = false;
		for (Stage stage : stages) {
			double entering = 0;
			Volume volume = stage.getEntering();
			if (volume != null && volume.getAmount() != null) {
				entering = volume.getAmount().doubleValue();
				if (toMonths && volume.isPeriodic()) {
					entering /= MONTHS_PER_PERIOD.get(volume.getPeriod());
				}
				anyEntering = true;
			}
			builder.addStage(stage.getName(), Stages.outcome(stage), entering);
		}
		if (!anyEntering && !stages.isEmpty()) {
			// Nobody declared a volume: one deal enters at the entry stage, so flows read as expected visits.
			Stage entry = entries().get(0);
			FunnelGraph.Builder unit = FunnelGraph.builder();
			for (Stage stage : stages) {
				unit.addStage(stage.getName(), Stages.outcome(stage), stage == entry ? 1 : 0);
			}
			builder = unit;
		}
		List<Transition> all = new ArrayList<>();
		for (int i = 0; i < stages.size(); i++) {
			for (Transition transition : stages.get(i).getTransitions()) {
				Stage target = transition.getTarget();
				int j = target == null || target.eIsProxy() ? -1 : indexOf(target);
				BigDecimal probability = Probabilities.fraction(transition.getProbability());
				if (j < 0 || probability == null) {
					continue;
				}
				builder.addTransition(i, j, probability.doubleValue());
				all.add(transition);
			}
		}
		transitions = Collections.unmodifiableList(all);
		return builder.build();
	}
}

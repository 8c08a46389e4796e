package org.funnel.dsl.history;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.funnel.dsl.analysis.FunnelGraph.Outcome;

/**
 * Collects what a reader finds (deals, their stage and pipeline changes, the CRM's closed/won flags)
 * and builds the {@link History}: stage values resolved against the funnel, the changes of each deal
 * sorted, filtered by creation time and pipeline, and turned into visits by {@link DealPaths}. Every
 * reader (files here, HubSpot's live API elsewhere) feeds one of these. Changes are kept in primitive
 * arrays: a history of 600,000 changes costs a few megabytes before it becomes visits.
 */
public final class HistoryBuilder {

	private final FunnelShape funnel;
	private final StageMatcher matcher;
	private final HistoryOptions options;
	private final HistoryCounts counts = new HistoryCounts();

	private final Map<String, Integer> dealIndex = new HashMap<>();
	private String lastId;
	private int lastDeal;
	private final List<String> dealIds = new ArrayList<>();
	private long[] created = new long[64];
	private final List<BigDecimal> amounts = new ArrayList<>();
	private final List<String> currentPipelines = new ArrayList<>();
	private boolean[] archived = new boolean[64];

	private final Map<String, Integer> valueIndex = new HashMap<>();
	private final List<String> values = new ArrayList<>();
	private final Map<Integer, Outcome> closedValues = new HashMap<>();

	private final Changes stageChanges = new Changes();
	private final Changes pipelineChanges = new Changes();
	private long exportedAt = Long.MIN_VALUE;

	public HistoryBuilder(FunnelShape funnel, StageMatcher matcher, HistoryOptions options) {
		this.funnel = funnel;
		this.matcher = matcher;
		this.options = options;
	}

	public HistoryOptions options() {
		return options;
	}

	/** The deal with this id (added on first mention). */
	public int deal(String id) {
		// Exports list a deal's rows together: the same deal as the row before needs no lookup.
		if (id.equals(lastId)) {
			return lastDeal;
		}
		lastId = id;
		lastDeal = lookUp(id);
		return lastDeal;
	}

	private int lookUp(String id) {
		Integer known = dealIndex.get(id);
		if (known != null) {
			return known;
		}
		int index = dealIds.size();
		dealIndex.put(id, index);
		dealIds.add(id);
		if (index == created.length) {
			created = Arrays.copyOf(created, index * 2);
			archived = Arrays.copyOf(archived, index * 2);
		}
		created[index] = DealHistory.NO_TIME;
		amounts.add(null);
		currentPipelines.add(null);
		return index;
	}

	/** Whether the input mentioned this deal. */
	public boolean knows(String id) {
		return dealIndex.containsKey(id);
	}

	public void created(int deal, long time) {
		created[deal] = time;
	}

	public void amount(int deal, BigDecimal amount) {
		amounts.set(deal, amount);
	}

	/** The deal's pipeline (or record type) now: used when the input has no pipeline changes. */
	public void currentPipeline(int deal, String pipeline) {
		currentPipelines.set(deal, pipeline);
	}

	public void archived(int deal) {
		archived[deal] = true;
	}

	/**
	 * A change of the deal's stage. {@code order} breaks ties of equal times: the larger is the later
	 * change (a file's row number; HubSpot's newest-first lists give the later-listed entry the smaller).
	 */
	public void stage(int deal, String value, long time, int order, boolean imported) {
		stageChanges.add(deal, intern(value), time, order, imported);
	}

	/** A change of the deal's pipeline (HubSpot's pipeline history, or the pipeline column of a row). */
	public void pipeline(int deal, String value, long time, int order) {
		pipelineChanges.add(deal, intern(value), time, order, false);
	}

	/** The CRM says that this stage value is won or lost (Salesforce IsClosed/IsWon, HubSpot hs_is_closed_won). */
	public void closedStage(String value, Outcome outcome) {
		if (outcome.isTerminal()) {
			closedValues.put(intern(value), outcome);
		}
	}

	/** The time the input says it was exported (HubSpot's completedAt); open deals are censored there. */
	public void exportedAt(long time) {
		exportedAt = Math.max(exportedAt, time);
	}

	/** A deal the input names but that is left out before it is read (e.g. no Opportunity row), with the reason. */
	public void dropDeal(String reason) {
		counts.drop(reason);
	}

	/** One more row (or history entry) read. */
	public void row() {
		counts.rows++;
	}

	/** A row left out, with where and why. */
	public void skip(SkippedRow row) {
		counts.skip(row);
	}

	private int intern(String value) {
		Integer known = valueIndex.get(value);
		if (known != null) {
			return known;
		}
		valueIndex.put(value, values.size());
		values.add(value);
		return values.size() - 1;
	}

	public History build() {
		List<String> names = new ArrayList<>();
		List<Outcome> outcomes = new ArrayList<>();
		funnel.stages().forEach(stage -> {
			names.add(stage.name());
			outcomes.add(stage.outcome());
		});
		int[] stageOf = resolveStages(names, outcomes);
		// Changes at or after --until, and after an explicit export time, are not part of the history.
		long cut = Math.min(options.until() == Long.MAX_VALUE ? Long.MAX_VALUE : options.until() - 1,
				options.asOf() == Long.MIN_VALUE ? Long.MAX_VALUE : options.asOf());
		long asOf = asOf();
		DealPaths paths = new DealPaths(options, outcomes, funnel.stageCount());
		int[][] stageGroups = stageChanges.groupByDeal(dealIds.size());
		int[][] pipelineGroups = pipelineChanges.groupByDeal(dealIds.size());
		List<DealHistory> deals = new ArrayList<>(dealIds.size());
		Scratch scratch = new Scratch();
		counts.dealsRead = dealIds.size();
		for (int d = 0; d < dealIds.size(); d++) {
			DealHistory deal = buildDeal(d, stageGroups[d], pipelineGroups[d], stageOf, cut, asOf, paths, scratch);
			if (deal != null) {
				deals.add(deal);
				deal.flags().forEach(flag -> counts.flagged.merge(flag, 1, Integer::sum));
				for (StageVisit visit : deal.visits()) {
					if (visit.stage() >= funnel.stageCount()) {
						counts.unknownStages.merge(names.get(visit.stage()), 1, Integer::sum);
					}
				}
			}
		}
		counts.dealsKept = deals.size();
		return new History(funnel, names, outcomes, deals, asOf, counts);
	}

	/** Funnel stage per value; values the funnel does not name become unknown:&lt;value&gt; (or its only won/lost stage). */
	private int[] resolveStages(List<String> names, List<Outcome> outcomes) {
		int[] stageOf = new int[values.size()];
		Map<Outcome, Integer> onlyStage = new HashMap<>();
		for (Outcome outcome : List.of(Outcome.WON, Outcome.LOST)) {
			List<Integer> of = new ArrayList<>();
			for (int i = 0; i < funnel.stageCount(); i++) {
				if (funnel.stage(i).outcome() == outcome) {
					of.add(i);
				}
			}
			if (of.size() == 1) {
				onlyStage.put(outcome, of.get(0));
			}
		}
		boolean[] stageValue = stageChanges.valuesUsed(values.size());
		for (int v = 0; v < values.size(); v++) {
			if (!stageValue[v]) {
				stageOf[v] = -1;
				continue;
			}
			int match = matcher.match(values.get(v));
			Outcome closed = closedValues.get(v);
			if (match < 0 && closed != null && onlyStage.containsKey(closed)) {
				match = onlyStage.get(closed);
				counts.mappedByOutcome++;
			}
			if (match < 0) {
				match = names.size();
				names.add("unknown:" + values.get(v));
				outcomes.add(closed == null ? Outcome.OPEN : closed);
			}
			stageOf[v] = match;
		}
		return stageOf;
	}

	private long asOf() {
		if (options.asOf() != Long.MIN_VALUE) {
			return options.asOf();
		}
		if (options.until() != Long.MAX_VALUE) {
			return options.until();
		}
		return Math.max(exportedAt, stageChanges.latest());
	}

	/** Reused arrays for one deal's changes. */
	private static final class Scratch {
		int[] stages = new int[16];
		long[] times = new long[16];
		boolean[] imported = new boolean[16];

		void ensure(int n) {
			if (n > stages.length) {
				stages = new int[n];
				times = new long[n];
				imported = new boolean[n];
			}
		}
	}

	private DealHistory buildDeal(int d, int[] changes, int[] pipelineChanges, int[] stageOf, long cut, long asOf,
			DealPaths paths, Scratch scratch) {
		String pipeline = pipelineOf(d, pipelineChanges);
		counts.pipelines.merge(pipeline == null ? "(none)" : pipeline, 1, Integer::sum);
		if (archived[d]) {
			counts.drop("archived or deleted in the CRM");
			return null;
		}
		if (changes.length == 0) {
			counts.drop("no stage history");
			return null;
		}
		long createdAt = created[d] != DealHistory.NO_TIME ? created[d] : stageChanges.time[changes[0]];
		if (createdAt < options.since()) {
			counts.drop("created before --since");
			return null;
		}
		if (createdAt >= options.until()) {
			counts.drop("created at or after --until");
			return null;
		}
		long start = Long.MIN_VALUE;
		long end = Long.MAX_VALUE;
		boolean movedIn = false;
		if (options.pipeline() != null) {
			long[] stint = stint(d, pipelineChanges);
			if (stint == null) {
				counts.drop(pipeline == null ? "no pipeline given" : "other pipeline");
				return null;
			}
			start = stint[0];
			end = stint[1];
			movedIn = start != Long.MIN_VALUE;
		}
		scratch.ensure(changes.length);
		int n = 0;
		for (int c : changes) {
			long time = stageChanges.time[c];
			if (time < start || time >= end || time > cut) {
				continue;
			}
			scratch.stages[n] = stageOf[stageChanges.value[c]];
			scratch.times[n] = time;
			scratch.imported[n] = stageChanges.imported[c];
			n++;
		}
		if (n == 0) {
			counts.drop(options.pipeline() != null ? "no stage change in the pipeline before --until"
					: "no stage change before --until");
			return null;
		}
		boolean movedOut = end != Long.MAX_VALUE && end <= asOf;
		DealPaths.Path path = paths.build(scratch.stages, scratch.times, scratch.imported, n, movedOut ? end : asOf, movedOut,
				movedIn, created[d], changes.length);
		if (options.dropImports() && path.flags().contains(DealFlag.IMPORTED)) {
			counts.drop("imported (left out by the options)");
			return null;
		}
		return new DealHistory(dealIds.get(d), pipeline, created[d], amounts.get(d), List.copyOf(path.visits()),
				path.outcome(), path.flags());
	}

	/** The deal's pipeline now: its last pipeline change, else the current pipeline given. */
	private String pipelineOf(int d, int[] pipelineChanges) {
		if (pipelineChanges.length > 0) {
			return values.get(this.pipelineChanges.value[pipelineChanges[pipelineChanges.length - 1]]);
		}
		return currentPipelines.get(d);
	}

	/** [start, end) of the deal's first stay in the pipeline asked for (MIN_VALUE: from the start), or null. */
	private long[] stint(int d, int[] pipelineChanges) {
		String wanted = options.pipeline();
		if (pipelineChanges.length == 0) {
			return Objects.equals(currentPipelines.get(d), wanted) ? new long[] { Long.MIN_VALUE, Long.MAX_VALUE } : null;
		}
		long start = 0;
		boolean in = false;
		for (int k = 0; k < pipelineChanges.length; k++) {
			int c = pipelineChanges[k];
			boolean match = values.get(this.pipelineChanges.value[c]).equals(wanted);
			if (match && !in) {
				in = true;
				start = k == 0 ? Long.MIN_VALUE : this.pipelineChanges.time[c];
			} else if (!match && in) {
				return new long[] { start, this.pipelineChanges.time[c] };
			}
		}
		return in ? new long[] { start, Long.MAX_VALUE } : null;
	}

	/** Changes of a value over time, in primitive arrays. */
	private static final class Changes {
		int count;
		int[] deal = new int[256];
		int[] value = new int[256];
		long[] time = new long[256];
		int[] order = new int[256];
		boolean[] imported = new boolean[256];

		void add(int d, int v, long t, int o, boolean i) {
			if (count == deal.length) {
				int capacity = count * 2;
				deal = Arrays.copyOf(deal, capacity);
				value = Arrays.copyOf(value, capacity);
				time = Arrays.copyOf(time, capacity);
				order = Arrays.copyOf(order, capacity);
				imported = Arrays.copyOf(imported, capacity);
			}
			deal[count] = d;
			value[count] = v;
			time[count] = t;
			order[count] = o;
			imported[count] = i;
			count++;
		}

		long latest() {
			long latest = Long.MIN_VALUE;
			for (int c = 0; c < count; c++) {
				latest = Math.max(latest, time[c]);
			}
			return latest;
		}

		boolean[] valuesUsed(int values) {
			boolean[] used = new boolean[values];
			for (int c = 0; c < count; c++) {
				used[value[c]] = true;
			}
			return used;
		}

		/** Per deal, its changes' indexes sorted by time, then order (a counting sort by deal, then small sorts). */
		int[][] groupByDeal(int deals) {
			int[] size = new int[deals];
			for (int c = 0; c < count; c++) {
				size[deal[c]]++;
			}
			int[][] groups = new int[deals][];
			for (int d = 0; d < deals; d++) {
				groups[d] = new int[size[d]];
			}
			int[] filled = new int[deals];
			for (int c = 0; c < count; c++) {
				groups[deal[c]][filled[deal[c]]++] = c;
			}
			for (int[] group : groups) {
				sort(group);
			}
			return groups;
		}

		private boolean before(int a, int b) {
			return time[a] < time[b] || (time[a] == time[b] && order[a] < order[b]);
		}

		private void sort(int[] group) {
			if (group.length <= 32) {
				for (int i = 1; i < group.length; i++) {
					int c = group[i];
					int j = i - 1;
					while (j >= 0 && before(c, group[j])) {
						group[j + 1] = group[j];
						j--;
					}
					group[j + 1] = c;
				}
				return;
			}
			Integer[] boxed = Arrays.stream(group).boxed().toArray(Integer[]::new);
			Arrays.sort(boxed, (a, b) -> before(a, b) ? -1 : before(b, a) ? 1 : 0);
			for (int i = 0; i < group.length; i++) {
				group[i] = boxed[i];
			}
		}
	}
}

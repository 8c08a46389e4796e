package org.funnel.dsl.history.simulate;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.history.FunnelShape;

/**
 * Deal histories made up from a funnel whose shares and stage times are known: deals enter at the
 * first open stage at random times over a period, move by the funnel's shares (skips and backward moves
 * as declared), stay an exponential time with the stage's median, and are exported at the period's end
 * (so that the latest are still open). Some lost deals are reopened a month later, some closings are
 * mistakes undone after three minutes: what real histories have and the reading has to undo. Seeded: the
 * same settings give the same file. For the calibration of the fit and for benchmarks; written as the
 * plain event log ({@code deal,stage,time,amount}).
 */
public final class HistorySimulator {

	/**
	 * @param deals           deals entering over the period
	 * @param start           the period's start (epoch ms)
	 * @param end             its end: the export; later changes are not written
	 * @param reopenShare     share of lost deals reopened 30 days later into the first open stage
	 * @param correctionShare share of moves preceded by a mistaken "lost" three minutes before
	 */
	public record Settings(int deals, long start, long end, double reopenShare, double correctionShare, long seed) {
	}

	private static final long DAY = 86_400_000L;

	private final FunnelShape funnel;
	private final double[] medianDays;
	private final Settings settings;
	private final int entry;
	private final int lost;
	private final int[][] targets;
	private final double[][] cumulative;

	/** {@code medianDays[i]}: the median stay in open stage i. */
	public HistorySimulator(FunnelShape funnel, double[] medianDays, Settings settings) {
		this.funnel = funnel;
		this.medianDays = medianDays.clone();
		this.settings = settings;
		int first = -1;
		int lostStage = -1;
		for (int i = 0; i < funnel.stageCount(); i++) {
			Outcome outcome = funnel.stage(i).outcome();
			if (first < 0 && outcome == Outcome.OPEN) {
				first = i;
			}
			if (lostStage < 0 && outcome == Outcome.LOST) {
				lostStage = i;
			}
		}
		this.entry = first;
		this.lost = lostStage;
		this.targets = new int[funnel.stageCount()][];
		this.cumulative = new double[funnel.stageCount()][];
		for (int i = 0; i < funnel.stageCount(); i++) {
			List<FunnelShape.TransitionInfo> out = new ArrayList<>();
			for (FunnelShape.TransitionInfo t : funnel.transitions()) {
				if (t.from() == i) {
					out.add(t);
				}
			}
			targets[i] = out.stream().mapToInt(FunnelShape.TransitionInfo::to).toArray();
			cumulative[i] = new double[out.size()];
			double sum = 0;
			for (int k = 0; k < out.size(); k++) {
				sum += out.get(k).share();
				cumulative[i][k] = sum;
			}
		}
	}

	/** Writes the history as an event log, deal by deal. Returns the number of rows written. */
	public long writeCsv(Writer out) throws IOException {
		UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(settings.seed());
		out.write("deal,stage,time,amount\n");
		long rows = 0;
		StringBuilder line = new StringBuilder(64);
		for (int d = 0; d < settings.deals(); d++) {
			String id = "D" + d;
			long amount = 1000 + (long) (rng.nextDouble() * 49_000);
			long time = settings.start() + (long) (rng.nextDouble() * (settings.end() - settings.start()));
			int stage = entry;
			boolean reopened = false;
			while (time < settings.end()) {
				rows += row(out, line, id, stage, time, amount);
				if (funnel.stage(stage).outcome().isTerminal()) {
					if (stage != lost || reopened || rng.nextDouble() >= settings.reopenShare()) {
						break;
					}
					reopened = true;
					stage = entry;
					time += 30 * DAY;
					continue;
				}
				int next = next(stage, rng);
				if (next < 0) {
					break;
				}
				time += (long) (-Math.log(1 - rng.nextDouble()) * medianDays[stage] / Math.log(2) * DAY);
				if (time < settings.end() && lost >= 0 && rng.nextDouble() < settings.correctionShare()) {
					rows += row(out, line, id, lost, time - 3 * 60_000L, amount);
				}
				stage = next;
			}
		}
		return rows;
	}

	private int row(Writer out, StringBuilder line, String id, int stage, long time, long amount) throws IOException {
		line.setLength(0);
		line.append(id).append(',').append(funnel.stage(stage).name()).append(',')
				.append(java.time.Instant.ofEpochMilli(time)).append(',').append(amount).append('\n');
		out.append(line);
		return 1;
	}

	/** The next stage by the declared shares; -1 for the share no transition names (drop-off). */
	private int next(int stage, UniformRandomProvider rng) {
		double u = rng.nextDouble();
		double[] c = cumulative[stage];
		for (int k = 0; k < c.length; k++) {
			if (u < c[k]) {
				return targets[stage][k];
			}
		}
		return -1;
	}
}

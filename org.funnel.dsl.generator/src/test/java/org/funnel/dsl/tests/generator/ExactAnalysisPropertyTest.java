package org.funnel.dsl.tests.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.targets.Target;
import org.funnel.dsl.testing.JavaCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} and the generated Java (compiled and run) against an exact rational solver, on seeded random funnels:
 * cycles (closed ones too), skips, several entry stages, and shares that add up to exactly 100% in every way (whole
 * percents, tenths, hundredths). Every win, loss and drop-off probability, expected steps and expected flow must agree
 * with the exact value to far below the printed precision (two decimals), and a stage closes or not exactly as the
 * graph says.
 */
class ExactAnalysisPropertyTest {

	/** How many funnels: thousands by default, more with {@code -Dfunnel.property.count=N}. */
	private static final int COUNT = Integer.getInteger("funnel.property.count", 2000);
	private static final int BATCH = 250;
	private static final double TOLERANCE = 1e-9;

	@TempDir
	Path temp;

	@Test
	void analyzeAndTheGeneratedJavaAgreeWithExactArithmetic() throws Exception {
		int compared = 0;
		for (int start = 0; start < COUNT; start += BATCH) {
			compared += batch(start, Math.min(COUNT, start + BATCH));
		}
		System.out.printf("ExactAnalysisPropertyTest: %d funnels, %d numbers compared%n", COUNT, compared);
		assertThat(compared).isGreaterThan(COUNT * 10);
	}

	private int batch(int from, int to) throws Exception {
		Path dir = Files.createDirectories(temp.resolve("batch" + from));
		Map<String, RandomFunnel> funnels = new TreeMap<>();
		for (int seed = from; seed < to; seed++) {
			RandomFunnel funnel = new RandomFunnel(seed);
			funnels.put(funnel.name, funnel);
			Files.writeString(dir.resolve(funnel.name + ".funnel"), funnel.text());
		}
		FunnelWorkspace workspace = Funnels.load(dir.toString());
		GeneratedFiles files = Funnels.generate(workspace, Target.java);
		Map<String, String> sources = new TreeMap<>();
		files.files().keySet().forEach(path -> sources.put(path.substring("java/".length()), files.text(path)));
		ClassLoader loader = JavaCompiler.compile(dir.resolve("java"), sources);
		int compared = 0;
		for (RandomFunnel funnel : funnels.values()) {
			FunnelAnalysis analysis = workspace.analyses().analysis(Funnels.unit(workspace, funnel.name).funnel());
			JavaGeneratorTest.Generated generated = new JavaGeneratorTest.Generated(loader, funnel.name + "Funnel");
			Exact exact = new Exact(funnel);
			double[] javaFlow = (double[]) generated.call("expectedFlow", new Class<?>[0]);
			for (int i = 0; i < funnel.stages(); i++) {
				String id = funnel.id(i);
				String where = funnel.name + " (seed " + funnel.seed + ") stage " + id;
				double[] expected = { exact.win[i], exact.loss[i], exact.dropOut[i], exact.steps[i], exact.flow[i] };
				double[] analyzed = { analysis.winProbability(i), analysis.lossProbability(i),
						analysis.dropOffProbability(i), analysis.expectedSteps(i), analysis.expectedFlow(i) };
				double[] java = { generated.number("winProbability", id), generated.number("lossProbability", id),
						generated.number("dropOffProbability", id), generated.number("expectedSteps", id), javaFlow[i] };
				String[] names = { "win", "loss", "drop-off", "steps", "flow" };
				for (int k = 0; k < expected.length; k++) {
					assertClose(analyzed[k], expected[k], "analyze: " + where + " " + names[k] + "\n" + funnel.text());
					assertClose(java[k], expected[k], "java: " + where + " " + names[k] + "\n" + funnel.text());
					compared += 2;
				}
				assertThat(analysis.isTrapped(i)).as("analyze: " + where + " closed cycle").isEqualTo(exact.trapped[i]);
				assertThat((boolean) generated.call("isTrapped", new Class<?>[] { generated.stageType },
						generated.stage(id))).as("java: " + where + " closed cycle").isEqualTo(exact.trapped[i]);
			}
		}
		return compared;
	}

	private static void assertClose(double actual, double expected, String what) {
		if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
			assertThat(actual).as(what).isEqualTo(expected);
		} else {
			assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs exactly " + expected)
					.isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(expected)));
		}
	}

	/** A seeded random funnel: open stages S0.., won stages W0.., lost stages L0..; shares as exact decimals. */
	static final class RandomFunnel {
		final long seed;
		final String name;
		final int open;
		final int won;
		final int lost;
		final BigDecimal[] entering;
		/** Per open stage: targets and shares (fractions of 1). */
		final List<List<Integer>> targets = new ArrayList<>();
		final List<List<BigDecimal>> shares = new ArrayList<>();

		RandomFunnel(long seed) {
			this.seed = seed;
			this.name = "F" + seed;
			SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
			open = 2 + random.nextInt(9);
			won = 1 + random.nextInt(2);
			lost = 1 + random.nextInt(2);
			entering = new BigDecimal[open];
			Arrays.fill(entering, BigDecimal.ZERO);
			entering[0] = BigDecimal.valueOf(1 + random.nextInt(5000));
			for (int extra = random.nextInt(3); extra > 0; extra--) {
				entering[random.nextInt(open)] = BigDecimal.valueOf(1 + random.nextInt(100_000), random.nextInt(3));
			}
			for (int i = 0; i < open; i++) {
				transitions(random, i);
			}
		}

		private void transitions(SplittableRandom random, int stage) {
			int k = 1 + random.nextInt(Math.min(5, stages() - 1));
			List<Integer> to = new ArrayList<>();
			while (to.size() < k) {
				int target = pickTarget(random, stage);
				if (!to.contains(target)) {
					to.add(target);
				}
			}
			// Units of 1%, 0.1% or 0.01%; most stages' shares add up to exactly 100%.
			int scale = 2 + random.nextInt(3);
			int whole = BigInteger.TEN.pow(scale).intValue();
			int total = random.nextInt(4) == 0 ? random.nextInt(whole) + 1 : whole;
			List<BigDecimal> parts = new ArrayList<>();
			int[] cuts = new int[k + 1];
			cuts[k] = total;
			for (int c = 1; c < k; c++) {
				cuts[c] = random.nextInt(total + 1);
			}
			Arrays.sort(cuts);
			for (int c = 0; c < k; c++) {
				parts.add(BigDecimal.valueOf(cuts[c + 1] - cuts[c], scale));
			}
			targets.add(to);
			shares.add(parts);
		}

		/** Forward skips mostly, back edges (cycles) and outcomes often, self-loops now and then. */
		private int pickTarget(SplittableRandom random, int stage) {
			int roll = random.nextInt(10);
			if (roll < 3) {
				return open + random.nextInt(won + lost);
			}
			if (roll < 5 || stage == open - 1) {
				return random.nextInt(open);
			}
			return stage + 1 + random.nextInt(open - stage - 1);
		}

		int stages() {
			return open + won + lost;
		}

		String id(int i) {
			return i < open ? "S" + i : i < open + won ? "W" + (i - open) : "L" + (i - open - won);
		}

		String text() {
			StringBuilder out = new StringBuilder("funnel " + name + " \"" + name + "\" {\n");
			for (int i = 0; i < open; i++) {
				// A declared probability: HubSpot (the default CRM) needs one where the transitions imply none.
				out.append("    stage ").append(id(i)).append(" {\n        probability 50%\n");
				if (entering[i].signum() > 0) {
					out.append("        entering ").append(entering[i].toPlainString()).append(" per month\n");
				}
				for (int t = 0; t < targets.get(i).size(); t++) {
					out.append("        moves to ").append(id(targets.get(i).get(t))).append(' ')
							.append(shares.get(i).get(t).movePointRight(2).toPlainString()).append("%\n");
				}
				out.append("    }\n");
			}
			for (int i = open; i < stages(); i++) {
				out.append(i < open + won ? "    won stage " : "    lost stage ").append(id(i)).append(" {\n    }\n");
			}
			return out.append("}\n").toString();
		}
	}

	/** The chain solved in exact rational arithmetic, what is closed read from the graph. */
	static final class Exact {
		final double[] win;
		final double[] loss;
		final double[] dropOut;
		final double[] steps;
		final double[] flow;
		final boolean[] trapped;

		Exact(RandomFunnel f) {
			int n = f.stages();
			Fraction[][] p = new Fraction[n][n];
			for (Fraction[] row : p) {
				Arrays.fill(row, Fraction.ZERO);
			}
			Fraction[] drop = new Fraction[n];
			Arrays.fill(drop, Fraction.ZERO);
			for (int i = 0; i < f.open; i++) {
				Fraction sum = Fraction.ZERO;
				for (int t = 0; t < f.targets.get(i).size(); t++) {
					Fraction share = Fraction.of(f.shares.get(i).get(t));
					p[i][f.targets.get(i).get(t)] = p[i][f.targets.get(i).get(t)].add(share);
					sum = sum.add(share);
				}
				drop[i] = Fraction.ONE.subtract(sum);
			}
			// Who can leave: reaches a won or lost stage or a stage with drop-off along shares above 0.
			boolean[] leaves = new boolean[n];
			for (int i = 0; i < n; i++) {
				leaves[i] = i >= f.open || drop[i].signum() > 0;
			}
			closure(leaves, p, f.open);
			boolean[][] reach = reach(p, f.open);
			trapped = new boolean[n];
			boolean[] endless = new boolean[n];
			for (int i = 0; i < f.open; i++) {
				// In a closed cycle: cannot leave, and every stage it reaches leads back to it.
				boolean closed = !leaves[i];
				for (int j = 0; j < f.open && closed; j++) {
					closed = !reach[i][j] || reach[j][i];
				}
				trapped[i] = closed;
				endless[i] = closed;
			}
			closure(endless, p, f.open);
			List<Integer> solvable = new ArrayList<>();
			for (int i = 0; i < f.open; i++) {
				if (!trapped[i]) {
					solvable.add(i);
				}
			}
			win = absorb(p, solvable, n, j -> j >= f.open && j < f.open + f.won ? Fraction.ONE : Fraction.ZERO);
			loss = absorb(p, solvable, n, j -> j >= f.open + f.won ? Fraction.ONE : Fraction.ZERO);
			dropOut = solveWith(p, solvable, (i, b) -> drop[i], n);
			List<Integer> finite = new ArrayList<>();
			for (int i = 0; i < f.open; i++) {
				if (!endless[i]) {
					finite.add(i);
				}
			}
			double[] s = solveWith(p, finite, (i, b) -> Fraction.ONE, n);
			steps = new double[n];
			for (int i = 0; i < f.open; i++) {
				steps[i] = endless[i] ? Double.POSITIVE_INFINITY : s[i];
			}
			flow = flows(f, p, solvable, n);
		}

		/** reach[i][j]: open stage j can be reached from open stage i in one or more steps along shares above 0. */
		private static boolean[][] reach(Fraction[][] p, int open) {
			boolean[][] reach = new boolean[open][open];
			for (int i = 0; i < open; i++) {
				for (int j = 0; j < open; j++) {
					reach[i][j] = p[i][j].signum() > 0;
				}
			}
			for (int k = 0; k < open; k++) {
				for (int i = 0; i < open; i++) {
					for (int j = 0; j < open; j++) {
						reach[i][j] |= reach[i][k] && reach[k][j];
					}
				}
			}
			return reach;
		}

		/** Marks every open stage that reaches a marked one along a share above 0. */
		private static void closure(boolean[] marked, Fraction[][] p, int open) {
			boolean changed = true;
			while (changed) {
				changed = false;
				for (int i = 0; i < open; i++) {
					for (int j = 0; j < p.length && !marked[i]; j++) {
						if (marked[j] && p[i][j].signum() > 0) {
							marked[i] = true;
							changed = true;
						}
					}
				}
			}
		}

		interface Value {
			Fraction of(int stage);
		}

		interface Rhs {
			Fraction of(int stage, int unused);
		}

		/** Probability of ending in a stage valued 1: terminal stages hold their value, others solve. */
		private static double[] absorb(Fraction[][] p, List<Integer> solvable, int n, Value terminal) {
			double[] x = solveWith(p, solvable, (i, b) -> {
				Fraction r = Fraction.ZERO;
				for (int j = 0; j < n; j++) {
					if (!solvable.contains(j) && p[i][j].signum() > 0) {
						r = r.add(p[i][j].multiply(terminal.of(j)));
					}
				}
				return r;
			}, n);
			for (int j = 0; j < n; j++) {
				if (!solvable.contains(j) && terminal.of(j).signum() > 0) {
					x[j] = 1;
				}
			}
			return x;
		}

		/** Solves (I - Q) x = b over the stages given (Q among them); 0 elsewhere. */
		private static double[] solveWith(Fraction[][] p, List<Integer> stages, Rhs rhs, int n) {
			int m = stages.size();
			Fraction[][] a = new Fraction[m][m + 1];
			for (int r = 0; r < m; r++) {
				int i = stages.get(r);
				for (int c = 0; c < m; c++) {
					Fraction q = p[i][stages.get(c)];
					a[r][c] = r == c ? Fraction.ONE.subtract(q) : q.negate();
				}
				a[r][m] = rhs.of(i, 0);
			}
			Fraction[] x = gauss(a);
			double[] out = new double[n];
			for (int r = 0; r < m; r++) {
				out[stages.get(r)] = x[r].doubleValue();
			}
			return out;
		}

		/** x0 (I - Q)^-1 for open stages that can leave; arrivals for outcomes; infinite in a reached closed cycle. */
		private double[] flows(RandomFunnel f, Fraction[][] p, List<Integer> solvable, int n) {
			int m = solvable.size();
			Fraction[][] a = new Fraction[m][m + 1];
			for (int r = 0; r < m; r++) {
				int i = solvable.get(r);
				for (int c = 0; c < m; c++) {
					Fraction q = p[solvable.get(c)][i];
					a[r][c] = r == c ? Fraction.ONE.subtract(q) : q.negate();
				}
				a[r][m] = Fraction.of(f.entering[i]);
			}
			Fraction[] y = gauss(a);
			Fraction[] arrivals = new Fraction[n];
			Arrays.fill(arrivals, Fraction.ZERO);
			for (int i = 0; i < f.open; i++) {
				if (trapped[i]) {
					arrivals[i] = Fraction.of(f.entering[i]);
				}
			}
			for (int r = 0; r < m; r++) {
				int i = solvable.get(r);
				for (int j = 0; j < n; j++) {
					if (!solvable.contains(j)) {
						arrivals[j] = arrivals[j].add(y[r].multiply(p[i][j]));
					}
				}
			}
			double[] out = new double[n];
			for (int j = 0; j < n; j++) {
				out[j] = arrivals[j].doubleValue();
			}
			for (int r = 0; r < m; r++) {
				out[solvable.get(r)] = y[r].doubleValue();
			}
			// A closed cycle that receives anything fills without end: the whole cycle.
			Map<Integer, Boolean> filled = new HashMap<>();
			boolean changed = true;
			for (int i = 0; i < f.open; i++) {
				filled.put(i, trapped[i] && arrivals[i].signum() > 0);
			}
			while (changed) {
				changed = false;
				for (int i = 0; i < f.open; i++) {
					for (int j = 0; j < f.open; j++) {
						if (filled.get(i) && !filled.get(j) && p[i][j].signum() > 0) {
							filled.put(j, true);
							changed = true;
						}
					}
				}
			}
			for (int i = 0; i < f.open; i++) {
				if (filled.get(i)) {
					out[i] = Double.POSITIVE_INFINITY;
				}
			}
			return out;
		}

		/** Gaussian elimination on an augmented matrix (non-singular: every stage in it can leave). */
		private static Fraction[] gauss(Fraction[][] a) {
			int m = a.length;
			for (int c = 0; c < m; c++) {
				int pivot = c;
				while (a[pivot][c].signum() == 0) {
					pivot++;
				}
				Fraction[] swap = a[c];
				a[c] = a[pivot];
				a[pivot] = swap;
				for (int r = 0; r < m; r++) {
					if (r != c && a[r][c].signum() != 0) {
						Fraction factor = a[r][c].divide(a[c][c]);
						for (int k = c; k <= m; k++) {
							a[r][k] = a[r][k].subtract(factor.multiply(a[c][k]));
						}
					}
				}
			}
			Fraction[] x = new Fraction[m];
			for (int r = 0; r < m; r++) {
				x[r] = a[r][m].divide(a[r][r]);
			}
			return x;
		}
	}

	/** An exact fraction, always reduced, the denominator positive. */
	record Fraction(BigInteger num, BigInteger den) {
		static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);
		static final Fraction ONE = new Fraction(BigInteger.ONE, BigInteger.ONE);

		static Fraction of(BigDecimal d) {
			return d.scale() <= 0 ? new Fraction(d.toBigIntegerExact(), BigInteger.ONE)
					: reduce(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
		}

		static Fraction reduce(BigInteger num, BigInteger den) {
			BigInteger g = num.gcd(den);
			if (den.signum() < 0) {
				g = g.negate();
			}
			return g.signum() == 0 ? ZERO : new Fraction(num.divide(g), den.divide(g));
		}

		Fraction add(Fraction o) {
			return reduce(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
		}

		Fraction subtract(Fraction o) {
			return add(o.negate());
		}

		Fraction negate() {
			return new Fraction(num.negate(), den);
		}

		Fraction multiply(Fraction o) {
			return reduce(num.multiply(o.num), den.multiply(o.den));
		}

		Fraction divide(Fraction o) {
			return reduce(num.multiply(o.den), den.multiply(o.num));
		}

		int signum() {
			return num.signum();
		}

		double doubleValue() {
			return new BigDecimal(num).divide(new BigDecimal(den), java.math.MathContext.DECIMAL128).doubleValue();
		}
	}
}

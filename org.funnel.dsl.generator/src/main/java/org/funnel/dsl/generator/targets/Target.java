package org.funnel.dsl.generator.targets;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.hubspot.HubSpotGenerator;
import org.funnel.dsl.generator.java.JavaAnalysisGenerator;
import org.funnel.dsl.generator.mermaid.MermaidGenerator;
import org.funnel.dsl.generator.report.ReportGenerator;
import org.funnel.dsl.generator.salesforce.SalesforceGenerator;
import org.funnel.dsl.generator.svg.Pictures;
import org.funnel.dsl.generator.svg.SvgGenerator;
import org.funnel.dsl.diagram.DiagramOptions;

/** What {@code funnel generate --target} can produce; each writes into its own subdirectory of --out. */
public enum Target {
	java(JavaAnalysisGenerator.DIRECTORY), hubspot(HubSpotGenerator.DIRECTORY), salesforce(SalesforceGenerator.DIRECTORY),
	mermaid(MermaidGenerator.DIRECTORY), report(ReportGenerator.DIRECTORY), svg(SvgGenerator.DIRECTORY), all(null);

	private final String directory;

	Target(String directory) {
		this.directory = directory;
	}

	public String directory() {
		return directory;
	}

	/** The targets named, with {@code all} expanded. */
	public static Set<Target> expand(List<Target> targets) {
		Set<Target> result = EnumSet.noneOf(Target.class);
		for (Target target : targets) {
			if (target == all) {
				result.addAll(EnumSet.complementOf(EnumSet.of(all)));
			} else {
				result.add(target);
			}
		}
		return result;
	}

	/** From this many funnels on, the targets are generated on all cores, one target per task. */
	static final int PARALLEL_FROM_FUNNELS = 32;

	/**
	 * Runs the generators of the targets over the funnels, all in memory. For many funnels the targets
	 * run side by side, each into files of its own, merged in the targets' order: the same files,
	 * warnings and first error as one after the other.
	 */
	public static GeneratedFiles generate(List<Unit> units, Set<Target> targets, AnalysisCache analyses) {
		return generate(units, targets, analyses, DiagramOptions.DEFAULT);
	}

	/** As {@link #generate(List, Set, AnalysisCache)}, the pictures (svg, report) drawn with the options. */
	public static GeneratedFiles generate(List<Unit> units, Set<Target> targets, AnalysisCache analyses,
			DiagramOptions options) {
		Pictures pictures = new Pictures(analyses, options);
		List<Target> expanded = List.copyOf(expand(List.copyOf(targets)));
		int threads = Math.min(expanded.size(), Runtime.getRuntime().availableProcessors());
		if (units.size() < PARALLEL_FROM_FUNNELS || threads < 2) {
			GeneratedFiles out = new GeneratedFiles();
			for (Target target : expanded) {
				target.generateInto(units, analyses, pictures, out);
			}
			return out;
		}
		ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
			Thread thread = new Thread(task, "funnel-generate");
			thread.setDaemon(true);
			return thread;
		});
		try {
			if (expanded.contains(svg) || expanded.contains(report)) {
				// The pictures are most of the work of both targets: drawn first, on every thread, so that no
				// target waits for a picture another one is drawing while a core has nothing to do.
				List<Future<?>> drawing = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					int first = t;
					drawing.add(pool.submit(() -> {
						for (int i = first; i < units.size(); i += threads) {
							pictures.draw(units.get(i).funnel());
						}
					}));
				}
				for (Future<?> part : drawing) {
					result(part);
				}
			}
			List<Future<GeneratedFiles>> parts = new ArrayList<>();
			for (Target target : expanded) {
				parts.add(pool.submit(() -> {
					GeneratedFiles part = new GeneratedFiles();
					target.generateInto(units, analyses, pictures, part);
					return part;
				}));
			}
			GeneratedFiles out = new GeneratedFiles();
			for (Future<GeneratedFiles> part : parts) {
				out.addAll(result(part));
			}
			return out;
		} finally {
			pool.shutdownNow();
		}
	}

	/** A task's result, its failure thrown as it was. */
	private static <T> T result(Future<T> task) {
		try {
			return task.get();
		} catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (e.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(e.getCause());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while generating", e);
		}
	}

	private void generateInto(List<Unit> units, AnalysisCache analyses, Pictures pictures, GeneratedFiles out) {
		switch (this) {
		case java -> new JavaAnalysisGenerator(analyses).generate(units, out);
		case hubspot -> new HubSpotGenerator(analyses).generate(units, out);
		case salesforce -> new SalesforceGenerator(analyses).generate(units, out);
		case mermaid -> new MermaidGenerator(analyses).generate(units, out);
		case report -> new ReportGenerator(analyses, pictures).generate(units, out);
		case svg -> new SvgGenerator(pictures).generate(units, out);
		default -> throw new IllegalArgumentException(name());
		}
	}
}

package org.funnel.dsl.generator;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.funnel.dsl.analysis.FunnelAnalyses;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.hubspot.HubSpotGenerator;
import org.funnel.dsl.generator.java.JavaAnalysisGenerator;
import org.funnel.dsl.generator.mermaid.MermaidGenerator;
import org.funnel.dsl.generator.report.ReportGenerator;
import org.funnel.dsl.generator.salesforce.SalesforceGenerator;

/** What {@code funnel generate --target} can produce; each writes into its own subdirectory of --out. */
public enum Target {
	java(JavaAnalysisGenerator.DIRECTORY), hubspot(HubSpotGenerator.DIRECTORY), salesforce(SalesforceGenerator.DIRECTORY),
	mermaid(MermaidGenerator.DIRECTORY), report(ReportGenerator.DIRECTORY), all(null);

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

	/** Runs the generators of the targets over the funnels, all in memory. */
	public static GeneratedFiles generate(List<Unit> units, Set<Target> targets, FunnelAnalyses analyses) {
		GeneratedFiles out = new GeneratedFiles();
		for (Target target : expand(List.copyOf(targets))) {
			switch (target) {
			case java -> new JavaAnalysisGenerator(analyses).generate(units, out);
			case hubspot -> new HubSpotGenerator(analyses).generate(units, out);
			case salesforce -> new SalesforceGenerator(analyses).generate(units, out);
			case mermaid -> new MermaidGenerator(analyses).generate(units, out);
			case report -> new ReportGenerator(analyses).generate(units, out);
			default -> throw new IllegalArgumentException(target.name());
			}
		}
		return out;
	}
}

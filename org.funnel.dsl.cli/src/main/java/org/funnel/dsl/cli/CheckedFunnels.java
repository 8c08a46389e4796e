package org.funnel.dsl.cli;

import java.io.PrintWriter;
import java.util.List;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;

/** The funnels a plan or an apply works from: loaded and validated, and only without errors. */
final class CheckedFunnels {

	private CheckedFunnels() {
	}

	/**
	 * The funnels of the files, validated: null (after printing the diagnostics) when one has an error; warnings are
	 * printed too, as {@code generate} does. {@code doing} ("planning") completes "not ... : 2 errors in the funnels".
	 */
	static FunnelWorkspace load(PrintWriter err, List<String> paths, String doing) {
		List<SourceFile> files = SourceFile.collect(paths);
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.to(err)).load(files);
		List<Diagnostic> diagnostics = workspace.validate();
		diagnostics.forEach(d -> err.println(d.toText()));
		long errors = diagnostics.stream().filter(Diagnostic::isError).count();
		if (errors > 0) {
			err.println("funnel: not " + doing + ": " + errors + (errors == 1 ? " error" : " errors") + " in the funnels.");
			return null;
		}
		return workspace;
	}
}

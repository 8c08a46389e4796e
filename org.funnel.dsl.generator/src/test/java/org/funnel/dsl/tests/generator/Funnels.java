package org.funnel.dsl.tests.generator;

import java.util.List;
import java.util.Set;

import org.funnel.dsl.testing.FileTrees;
import java.util.stream.Collectors;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.targets.Target;

/**
 * Loads funnels the way the command line does and runs generators on them, for the tests (files and trees of files:
 * {@link FileTrees}).
 */
public final class Funnels {

	private Funnels() {
	}

	/** A workspace with the files (or directories) loaded and validated; fails on errors. */
	public static FunnelWorkspace load(String... paths) {
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.NONE).load(SourceFile.collect(List.of(paths)));
		List<Diagnostic> errors = workspace.validate().stream().filter(Diagnostic::isError).toList();
		if (!errors.isEmpty()) {
			throw new AssertionError("errors: " + errors.stream().map(Diagnostic::toText).collect(Collectors.joining("\n")));
		}
		return workspace;
	}

	public static FunnelWorkspace.Unit unit(FunnelWorkspace workspace, String name) {
		return workspace.funnels().stream().filter(u -> u.funnel().getName().equals(name)).findFirst()
				.orElseThrow(() -> new AssertionError("no funnel " + name));
	}

	public static GeneratedFiles generate(FunnelWorkspace workspace, Target... targets) {
		return Target.generate(workspace.funnels(), Set.of(targets), workspace.analyses());
	}
}

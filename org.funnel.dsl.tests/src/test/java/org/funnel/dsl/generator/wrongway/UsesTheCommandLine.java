package org.funnel.dsl.generator.wrongway;

import org.funnel.dsl.cli.FunnelCommand;

/** For ArchitectureTest only: a class in a generator package that uses the command line, the wrong way round. */
public final class UsesTheCommandLine {

	private UsesTheCommandLine() {
	}

	public static int run(String... args) {
		return FunnelCommand.run(args, System.out, System.err);
	}
}

package org.funnel.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.OutputDirectory;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.diff.FunnelDiff;
import org.funnel.dsl.grammar.Settings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
		description = { "Compares two versions of funnels and prints the semantic changes as Markdown (for a PR comment):",
				"stages added, removed and renamed, probability, transition and setting changes, and their effect on",
				"implied win probabilities, the bottleneck and the overall win rate.",
				"OLD and NEW are .funnel files or directories (e.g. a checkout of the base branch and the working tree).",
				"With --svg DIR, pictures of each changed funnel before and after, changes outlined, go to",
				"DIR/before/<Funnel>.svg and DIR/after/<Funnel>.svg, and the Markdown links them." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:compared (with --exit-code: no changes)", "1:errors in a file (or, with --exit-code, changes)",
				"2:wrong usage" })
public final class DiffCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "OLD", description = "The old version: a .funnel file or a directory.")
	String oldPath;

	@Parameters(index = "1", paramLabel = "NEW", description = "The new version: a .funnel file or a directory.")
	String newPath;

	@Option(names = "--exit-code", description = "Exit with 1 when there are changes.")
	boolean exitCode;

	@Option(names = "--svg", paramLabel = "DIR",
			description = "Write before and after pictures of the changed funnels into DIR/before and DIR/after (replaced as a whole).")
	Path svg;

	@Override
	public Integer call() throws IOException {
		PrintWriter err = spec.commandLine().getErr();
		FunnelWorkspace before = new FunnelWorkspace(Progress.to(err)).load(SourceFile.collect(List.of(oldPath)));
		FunnelWorkspace after = new FunnelWorkspace(Progress.to(err)).load(SourceFile.collect(List.of(newPath)));
		boolean errors = false;
		for (FunnelWorkspace workspace : List.of(before, after)) {
			for (Diagnostic d : workspace.validate()) {
				if (d.isError()) {
					err.println(d.toText());
					errors = true;
				}
			}
		}
		if (errors) {
			err.println("funnel: cannot compare files with errors.");
			return ExitCodes.PROBLEMS;
		}
		FunnelDiff diff = new FunnelDiff(new FunnelDiff.Side(before.funnels(), before.analyses()),
				new FunnelDiff.Side(after.funnels(), after.analyses()), before.get(Settings.class));
		if (svg != null) {
			GeneratedFiles pictures = diff.pictures(DiagramOptions.DEFAULT);
			OutputOption.check("--svg", svg);
			OutputDirectory.write(svg, pictures, List.of("before", "after"));
			pictures.warnings().forEach(w -> err.println("funnel: warning: " + w));
		}
		spec.commandLine().getOut().print(diff.markdown(SourceFile.display(Path.of(oldPath)),
				SourceFile.display(Path.of(newPath)), svg == null ? null : SourceFile.display(svg)));
		spec.commandLine().getOut().flush();
		return ExitCodes.problemsIf(exitCode && diff.hasChanges());
	}
}

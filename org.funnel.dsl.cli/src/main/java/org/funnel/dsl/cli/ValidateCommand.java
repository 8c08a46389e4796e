package org.funnel.dsl.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Checks .funnel files: syntax, references, probabilities, shape and CRM limits.",
				"Directories are searched for *.funnel; all files are loaded together, so imports between them resolve.",
				"Text output: one line per problem, 'path:line:column: severity: message [code]', sorted." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:no errors (warnings allowed)", "1:errors", "2:wrong usage" })
public final class ValidateCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
			description = "text, json or sarif (default: ${DEFAULT-VALUE}).")
	DiagnosticFormat format;

	@Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".funnel files or directories to search.")
	List<String> paths;

	@Override
	public Integer call() {
		List<SourceFile> files = SourceFile.collect(paths);
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.to(spec.commandLine().getErr())).load(files);
		List<Diagnostic> diagnostics = workspace.validate();
		format.print(diagnostics, files.size(), spec.commandLine().getOut());
		long errors = diagnostics.stream().filter(Diagnostic::isError).count();
		long warnings = diagnostics.size() - errors;
		if (format == DiagnosticFormat.text) {
			spec.commandLine().getErr().println("funnel: " + files.size() + (files.size() == 1 ? " file, " : " files, ")
					+ errors + (errors == 1 ? " error, " : " errors, ") + warnings
					+ (warnings == 1 ? " warning or note" : " warnings or notes"));
		}
		return ExitCodes.problemsIf(errors > 0);
	}
}

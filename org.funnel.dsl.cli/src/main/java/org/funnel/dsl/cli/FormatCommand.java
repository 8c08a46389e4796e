package org.funnel.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextSyntaxDiagnostic;
import org.funnel.dsl.formatting2.CanonicalFormat;
import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "format", mixinStandardHelpOptions = true,
		description = { "Brings .funnel files into the one canonical layout (the same as the editors' Format).",
				"Files are replaced atomically, and only when they change. Files with syntax errors are left alone.",
				"--check changes nothing: it lists the files that are not in canonical layout." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:all files are (now) formatted",
				"1:--check found unformatted files, or a file has syntax errors", "2:wrong usage" })
public final class FormatCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--check", description = "Only check: exit 1 and name the files that are not formatted.")
	boolean check;

	@Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".funnel files or directories to search.")
	List<String> paths;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		List<SourceFile> files = SourceFile.collect(paths);
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.to(err)).load(files);
		CanonicalFormat formatting = FunnelWorkspace.injector().getInstance(CanonicalFormat.class);
		int unformatted = 0;
		int broken = 0;
		int changed = 0;
		for (FunnelWorkspace.Loaded loaded : workspace.loaded()) {
			XtextResource resource = loaded.resource();
			String path = loaded.file().path();
			if (resource == null) {
				err.println(Diagnostic.ofFile(path, "Cannot read the file.", "io-error").toText());
				broken++;
				continue;
			}
			// Only syntax errors stop formatting. Names left unresolved (a missing import, say) do not, and are not
			// named here: validate reports them under their own codes. (From 16 files on, the workspace is linked
			// while it loads, and such files were refused as if they had syntax errors.)
			if (resource.getParseResult() == null || resource.getParseResult().hasSyntaxErrors()) {
				resource.getErrors().stream()
						.filter(XtextSyntaxDiagnostic.class::isInstance)
						.map(e -> new Diagnostic(path, Math.max(1, e.getLine()), Math.max(1, e.getColumn()),
								Math.max(1, e.getLine()),
								Math.max(1, e.getColumn()), Diagnostic.Severity.ERROR, Diagnostic.oneLine(e.getMessage()),
								"syntax-error"))
						.sorted().forEach(d -> err.println(d.toText()));
				err.println("funnel: " + path + ": not formatted, it has syntax errors.");
				broken++;
				continue;
			}
			String original = Files.readString(loaded.file().absolute(), StandardCharsets.UTF_8);
			String formatted = formatting.format(resource);
			if (formatted.equals(original)) {
				continue;
			}
			if (check) {
				out.println(path + ": not formatted");
				unformatted++;
			} else {
				replaceAtomically(loaded.file().absolute(), formatted);
				out.println(path + ": formatted");
				changed++;
			}
		}
		out.flush();
		if (check && unformatted > 0) {
			err.println("funnel: " + unformatted + (unformatted == 1 ? " file is" : " files are")
					+ " not formatted; run 'funnel format' on " + (unformatted == 1 ? "it." : "them."));
		}
		return ExitCodes.problemsIf(broken > 0 || unformatted > 0);
	}

	/**
	 * Writes the new text next to the file and renames it over the file: a reader sees the old or the
	 * new content, never part of it. The permissions of the file are kept; a symbolic link stays a
	 * link (its target is replaced).
	 */
	static void replaceAtomically(Path file, String text) throws IOException {
		AtomicFile.write(file.toRealPath(), text);
	}
}

package org.funnel.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.OutputDirectory;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.targets.Target;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.eclipse.xtend2.lib.StringConcatenation;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.generator.salesforce.MetadataXml;
import org.funnel.dsl.generator.salesforce.SalesforceOrg;
import org.funnel.dsl.crm.salesforce.SalesforceRetrieve;

@Command(name = "generate", mixinStandardHelpOptions = true,
		description = { "Generates code and CRM configuration from .funnel files.",
				"Targets: java (analysis code), hubspot (Pipelines API payloads), salesforce (a Salesforce DX project),",
				"mermaid (flowcharts), report (Markdown reviews with the picture), svg (pictures of the funnels), all.",
				"Each target owns a subdirectory of --out",
				"(out/java, out/hubspot, ...) and replaces it as a whole, atomically; other files in --out stay.",
				"Nothing is written when a file has errors. Output is byte-identical on every run." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:generated", "1:errors in the input; nothing written", "2:wrong usage" })
public final class GenerateCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-t", "--target" }, required = true, split = ",", paramLabel = "TARGET",
			description = "java, hubspot, salesforce, mermaid, report, svg or all; repeat or separate with commas.")
	List<Target> targets;

	@Option(names = "--channels",
			description = "In the pictures (svg, report), list each stage's channels and each transition's.")
	boolean channels;

	@Option(names = { "-o", "--out" }, required = true, paramLabel = "DIR", description = "Output directory.")
	Path out;

	@Option(names = "--current", paramLabel = "RETRIEVED_DIR",
			description = { "For target salesforce: a retrieve of the org (source or metadata API format) to start from;",
					"every element the funnels do not describe is written as the org has it. Without it, the project",
					"is for a new org." })
	Path current;

	@Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".funnel files or directories to search.")
	List<String> paths;

	/** Loads the writers' libraries (JSON, XML, templates) on the second core while the files are parsed. */
	private static void warmUp(Set<Target> targets) {
		Thread thread = new Thread(() -> {
			try {
				if (targets.contains(Target.hubspot)) {
					Json.write(Json.object().put("warm", 1));
				}
				if (targets.contains(Target.salesforce)) {
					MetadataXml.create("Warm").write();
				}
				if (targets.contains(Target.java)) {
					new StringConcatenation().append("warm");
				}
			} catch (Throwable e) {
				// Only a head start; the generators report real problems.
			}
		}, "funnel-warm-up");
		thread.setDaemon(true);
		thread.start();
	}

	/** Whom the Salesforce project is for: the org of the retrieve, or a new org. */
	private String salesforceFor(SalesforceOrg org) {
		return org.isNew()
				? " The Salesforce project is for a new org (no --current): deployed to an org with other stages, processes"
						+ " or settings, it changes them; 'funnel plan salesforce --current' shows how."
				: " The Salesforce project starts from the retrieve " + SourceFile.display(current) + ".";
	}

	@Override
	public Integer call() throws IOException {
		PrintWriter err = spec.commandLine().getErr();
		List<SourceFile> files = SourceFile.collect(paths);
		warmUp(Target.expand(targets));
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.to(err)).load(files);
		List<Diagnostic> diagnostics = workspace.validate();
		diagnostics.forEach(d -> err.println(d.toText()));
		long errors = diagnostics.stream().filter(Diagnostic::isError).count();
		if (errors > 0) {
			err.println("funnel: not generating: " + errors + (errors == 1 ? " error" : " errors") + "; " + out
					+ " is unchanged.");
			return ExitCodes.PROBLEMS;
		}
		Set<Target> expanded = Target.expand(targets);
		List<FunnelWorkspace.Unit> units = workspace.funnels();
		SalesforceOrg org = SalesforceOrg.NEW;
		if (current != null) {
			if (!java.nio.file.Files.isDirectory(current)) {
				throw new UsageException("--current must be the directory of a retrieve: " + current);
			}
			org = SalesforceRetrieve.read(current).org();
		}
		GeneratedFiles generated = Target.generate(units, expanded, workspace.analyses(),
				DiagramOptions.DEFAULT.withChannels(channels), org);

		OutputOption.check("--out", out);
		OutputDirectory.write(out, generated, expanded.stream().map(Target::directory).toList());
		generated.warnings().forEach(w -> err.println("funnel: warning: " + w));
		Map<String, Long> perTarget = new TreeMap<>(generated.files().keySet().stream()
				.collect(Collectors.groupingBy(p -> p.substring(0, p.indexOf('/')), Collectors.counting())));
		spec.commandLine().getOut().println("Generated " + generated.files().size() + " files from " + units.size()
				+ (units.size() == 1 ? " funnel" : " funnels") + " into " + SourceFile.display(out) + ": "
				+ (perTarget.isEmpty() ? "nothing" : perTarget.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
						.collect(Collectors.joining(", ")))
				+ "." + (perTarget.containsKey(Target.salesforce.directory()) ? salesforceFor(org) : ""));
		return ExitCodes.OK;
	}
}

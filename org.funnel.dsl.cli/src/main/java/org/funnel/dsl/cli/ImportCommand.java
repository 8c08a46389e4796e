package org.funnel.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.cli.UsageException;
import org.funnel.dsl.crm.imports.FunnelWriter;
import org.funnel.dsl.crm.hubspot.HubSpotImporter;
import org.funnel.dsl.crm.imports.ImportCheck;
import org.funnel.dsl.crm.imports.ImportResult;
import org.funnel.dsl.crm.imports.ImportedFunnel;
import org.funnel.dsl.crm.salesforce.SalesforceImporter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
		description = { "Turns existing CRM configuration into a .funnel file (printed, or written with --out).",
				"Generating from the result gives back the same configuration." },
		subcommands = { ImportCommand.HubSpot.class, ImportCommand.Salesforce.class })
public final class ImportCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		spec.commandLine().getErr()
				.println("funnel: import what? 'funnel import hubspot PIPELINE.json' or 'funnel import salesforce DIR'.");
		spec.commandLine().usage(spec.commandLine().getErr());
		return ExitCodes.USAGE;
	}

	/** Options both importers share. */
	static class Output {
		@Option(names = { "-o", "--out" }, paramLabel = "FILE",
				description = "Write the .funnel file here instead of printing it.")
		Path out;

		@Option(names = "--force", description = "Replace --out if it exists.")
		boolean force;

		int emit(CommandSpec spec, String source, String command, ImportResult result) throws IOException {
			List<ImportedFunnel> funnels = result.funnels();
			String text = FunnelWorkspace.injector().getInstance(FunnelWriter.class)
					.write(List.of("Imported from " + source + " by 'funnel import " + command + "'."), funnels);
			ImportCheck.check(text, funnels);
			PrintWriter err = spec.commandLine().getErr();
			result.warnings().forEach(w -> err.println("funnel: warning: " + w));
			if (out == null) {
				spec.commandLine().getOut().print(text);
				spec.commandLine().getOut().flush();
				return ExitCodes.OK;
			}
			if (!out.getFileName().toString().endsWith(SourceFile.EXTENSION)) {
				throw new UsageException("--out must name a " + SourceFile.EXTENSION + " file: " + out);
			}
			if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !force) {
				throw new UsageException(out + " exists; use --force to replace it.");
			}
			AtomicFile.write(out, text);
			spec.commandLine().getErr().println("funnel: wrote " + SourceFile.display(out) + " (" + funnels.size()
					+ (funnels.size() == 1 ? " funnel)." : " funnels)."));
			return ExitCodes.OK;
		}
	}

	@Command(name = "hubspot", mixinStandardHelpOptions = true,
			description = { "Imports HubSpot pipelines: a Pipelines API request body, one pipeline as GET returns it, or the",
					"{\"results\": [...]} of GET /crm/pipelines/2026-09/{objectType} (v3 answers have the same shape)." },
			exitCodeListHeading = "%nExit codes:%n",
			exitCodeList = { "0:imported", "1:the file is not a valid pipeline", "2:wrong usage" })
	static final class HubSpot extends Output implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Parameters(index = "0", paramLabel = "PIPELINE.json")
		Path file;

		@Override
		public Integer call() throws IOException {
			if (!Files.isRegularFile(file)) {
				throw new UsageException("No such file: " + file);
			}
			return emit(spec, SourceFile.display(file), "hubspot", HubSpotImporter.read(file));
		}
	}

	@Command(name = "salesforce", mixinStandardHelpOptions = true,
			description = { "Imports Salesforce opportunity stages, sales processes, record types and paths from a",
					"retrieve in source format (a Salesforce DX project, or the salesforce/ directory 'generate' writes)",
					"or in metadata API format (sf project retrieve start --target-metadata-dir DIR --unzip)." },
			exitCodeListHeading = "%nExit codes:%n",
			exitCodeList = { "0:imported", "1:the metadata is incomplete or not valid", "2:wrong usage" })
	static final class Salesforce extends Output implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Parameters(index = "0", paramLabel = "DIR")
		Path directory;

		@Override
		public Integer call() throws IOException {
			return emit(spec, SourceFile.display(directory), "salesforce", SalesforceImporter.read(directory));
		}
	}
}

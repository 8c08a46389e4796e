package org.funnel.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.targets.Target;
import org.funnel.dsl.crm.files.JsonPositions;
import org.funnel.dsl.crm.salesforce.SalesforceRetrieve;
import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.crm.salesforce.SalesforcePlan;
import org.funnel.dsl.crm.salesforce.SalesforcePlanner;
import org.funnel.dsl.crm.hubspot.FunnelPipeline;
import org.funnel.dsl.crm.hubspot.HubSpotClient;
import org.funnel.dsl.crm.hubspot.HubSpotPlan;
import org.funnel.dsl.crm.hubspot.HubSpotPlanFile;
import org.funnel.dsl.crm.hubspot.HubSpotPlanner;
import org.funnel.dsl.crm.hubspot.Request;
import org.funnel.dsl.crm.hubspot.CurrentState;
import org.funnel.dsl.crm.hubspot.DealsInStages;
import org.funnel.dsl.crm.hubspot.CurrentState.CurrentPipeline;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import com.fasterxml.jackson.databind.JsonNode;

@Command(name = "plan", mixinStandardHelpOptions = true,
		description = { "Shows what deploying the funnels would change in a CRM, for review before anything changes.",
				"'funnel plan hubspot FILES' (then 'funnel apply hubspot FILES'), 'funnel plan salesforce FILES --current DIR'." },
		subcommands = { PlanCommand.HubSpot.class, PlanCommand.Salesforce.class })
public final class PlanCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		spec.commandLine().getErr().println(
				"funnel: plan for which CRM? 'funnel plan hubspot FILES' or 'funnel plan salesforce FILES --current DIR'.");
		spec.commandLine().usage(spec.commandLine().getErr());
		return ExitCodes.USAGE;
	}

	enum Format {
		markdown, json
	}

	/** What both plans take: how to print, how to exit, which funnels. */
	static final class Output {
		@Option(names = "--format", defaultValue = "markdown", paramLabel = "FORMAT",
				description = "markdown or json (default: ${DEFAULT-VALUE}).")
		Format format;

		@Option(names = "--detailed-exitcode", description = "Exit with 3 when the plan has changes (0 when it has none).")
		boolean detailedExitCode;

		@Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".funnel files or directories to search.")
		List<String> paths;

		/** Prints the plan and tells the exit code: errors 1, else changes 3 with --detailed-exitcode, else 0. */
		int print(CommandSpec spec, String markdown, JsonNode json, boolean errors, boolean changes) {
			PrintWriter out = spec.commandLine().getOut();
			out.print(format == Format.json ? Json.write(json) : markdown);
			out.flush();
			if (errors) {
				return ExitCodes.PROBLEMS;
			}
			return detailedExitCode && changes ? ExitCodes.CHANGES : ExitCodes.OK;
		}
	}

	@Command(name = "hubspot", mixinStandardHelpOptions = true,
			description = {
					"Compares the funnels' HubSpot pipelines (what 'generate --target hubspot' writes) with the account's,",
					"and prints what 'funnel apply hubspot' would do: pipelines created, stages added, renamed, given another",
					"probability or ticket state, moved or removed. Pipelines match by the funnel's pipeline id, else by label;",
					"stages by hubspot id, else by label (the plan says so). Every removal is a warning. The account is read",
					"with GET /crm/pipelines/2026-09/{deals,tickets} and the token in HUBSPOT_TOKEN (a private app's, with scope",
					"crm.schemas.deals.read / crm.schemas.tickets.read), or from saved answers with --current (no token needed).",
					"Markdown for a pull-request comment; --format json for scripts and for 'apply --plan'." },
			exitCodeListHeading = "%nExit codes:%n",
			exitCodeList = { "0:planned (with --detailed-exitcode: planned, no changes)",
					"1:errors in the funnels, a conflict with the account's pipelines, or HubSpot could not be read",
					"2:wrong usage (no HUBSPOT_TOKEN and no --current, a missing file, ...)",
					"3:with --detailed-exitcode: planned, and there are changes" })
	static final class HubSpot implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Mixin
		HubSpotConnection connection;

		@Option(names = "--current", paramLabel = "TYPE=FILE",
				description = { "A saved answer of GET /crm/pipelines/2026-09/TYPE (TYPE deals or tickets) to compare with,",
						"instead of asking HubSpot; repeat for both types." })
		Map<String, Path> current;

		@Mixin
		Output output;

		@Override
		public Integer call() throws IOException, InterruptedException {
			PrintWriter err = spec.commandLine().getErr();
			FunnelWorkspace workspace = CheckedFunnels.load(err, output.paths, "planning");
			if (workspace == null) {
				return ExitCodes.PROBLEMS;
			}
			List<FunnelPipeline> pipelines = FunnelPipeline.of(workspace.funnels(), workspace.analyses());
			Set<String> objectTypes = new TreeSet<>(pipelines.stream().map(FunnelPipeline::objectType).toList());
			HubSpotPlan plan;
			String source;
			if (current != null && !current.isEmpty()) {
				plan = HubSpotPlanner.plan(pipelines, saved(current, objectTypes, pipelines));
				source = current.entrySet().stream().map(e -> "`"
						+ SourceFile.display(e.getValue()).replace("`", "'") + "` (" + e.getKey() + ")")
						.collect(Collectors.joining(", ", "the saved answers ", ""));
			} else if (objectTypes.isEmpty()) {
				plan = HubSpotPlanner.plan(pipelines, CurrentState.NONE);
				source = "no HubSpot account (no funnel targets HubSpot)";
			} else {
				HubSpotClient client = connection.client(FunnelCommand.environment(spec));
				plan = DealsInStages.plan(client, pipelines);
				source = "the HubSpot account at " + client.base() + " (" + objectTypes.stream()
						.map(t -> "GET " + Request.PIPELINES + "/" + t).collect(Collectors.joining(", ")) + ")";
			}
			plan.diagnostics().forEach(d -> err.println(d.toText()));
			return output.print(spec, HubSpotPlanOutput.markdown(plan, source), HubSpotPlanFile.write(plan, source),
					plan.hasErrors(), plan.hasChanges());
		}

		/** The saved GET answers, one per object type; every type the funnels use must be there. */
		private static CurrentState saved(Map<String, Path> files, Set<String> objectTypes, List<FunnelPipeline> pipelines)
				throws IOException {
			Map<String, List<CurrentPipeline>> saved = new LinkedHashMap<>();
			for (Map.Entry<String, Path> entry : new TreeMap<>(files).entrySet()) {
				if (!Set.of("deals", "tickets").contains(entry.getKey())) {
					throw new UsageException("--current takes deals=FILE or tickets=FILE, not " + entry.getKey() + "=...");
				}
				if (!Files.isRegularFile(entry.getValue())) {
					throw new UsageException("No such file: " + entry.getValue());
				}
				saved.put(entry.getKey(), CurrentState.parse(entry.getKey(), JsonPositions.read(entry.getValue())));
			}
			for (String objectType : objectTypes) {
				if (!saved.containsKey(objectType)) {
					String funnel = pipelines.stream().filter(p -> p.objectType().equals(objectType)).findFirst().get().name();
					throw new UsageException(
							"funnel " + funnel + " is a HubSpot " + objectType + " pipeline, but --current gives no "
									+ objectType + "=FILE to compare it with.");
				}
			}
			return new CurrentState(saved);
		}
	}

	@Command(name = "salesforce", mixinStandardHelpOptions = true,
			description = {
					"Generates the Salesforce project from the funnels starting from a retrieve of the org (--current: a",
					"directory in source or metadata API format, as 'sf project retrieve start' leaves it), as",
					"'generate --target salesforce --current' does, and prints what 'sf project deploy start' would change:",
					"for each component (the OpportunityStage value set, sales processes, record types, paths) every element",
					"that would change, appear or disappear, with the org's text and the deploy's. A stage the value set",
					"would lose is deactivated by the deploy: a warning. Deploying stays with 'sf project deploy start'." },
			exitCodeListHeading = "%nExit codes:%n",
			exitCodeList = { "0:planned (with --detailed-exitcode: planned, no changes)",
					"1:errors in the funnels or in the retrieve", "2:wrong usage (no --current, not a directory, ...)",
					"3:with --detailed-exitcode: planned, and there are changes" })
	static final class Salesforce implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Option(names = "--current", required = true, paramLabel = "RETRIEVED_DIR",
				description = "A retrieve of the org's opportunity stages, sales processes, record types and paths.")
		Path current;

		@Mixin
		Output output;

		@Override
		public Integer call() throws IOException {
			if (!Files.isDirectory(current)) {
				throw new UsageException("--current must be the directory of a retrieve: " + current);
			}
			PrintWriter err = spec.commandLine().getErr();
			FunnelWorkspace workspace = CheckedFunnels.load(err, output.paths, "planning");
			if (workspace == null) {
				return ExitCodes.PROBLEMS;
			}
			SalesforceRetrieve org = SalesforceRetrieve.read(current);
			GeneratedFiles generated = Target.generate(workspace.funnels(), EnumSet.of(Target.salesforce),
					workspace.analyses(), DiagramOptions.DEFAULT, org.org());
			generated.warnings().forEach(w -> err.println("funnel: warning: " + w));
			if (generated.files().isEmpty()) {
				err.println("funnel: no funnel targets Salesforce; nothing to plan.");
				return ExitCodes.OK;
			}
			SalesforcePlan plan = SalesforcePlanner.plan(SalesforceRetrieve.ofGenerated(generated), org);
			plan.diagnostics().forEach(d -> err.println(d.toText()));
			String source = "the retrieve `" + SourceFile.display(current).replace("`", "'") + "`";
			return output.print(spec, SalesforcePlanOutput.markdown(plan, source), SalesforcePlanOutput.json(plan, source), false,
					plan.hasChanges());
		}
	}
}

package org.funnel.dsl.generator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.UsageException;
import org.funnel.dsl.generator.plan.hubspot.FunnelPipeline;
import org.funnel.dsl.generator.plan.hubspot.HubSpotApply;
import org.funnel.dsl.generator.plan.hubspot.HubSpotApply.Status;
import org.funnel.dsl.generator.plan.hubspot.HubSpotApply.Step;
import org.funnel.dsl.generator.plan.hubspot.HubSpotClient;
import org.funnel.dsl.generator.plan.hubspot.HubSpotPlan;
import org.funnel.dsl.generator.plan.hubspot.HubSpotPlan.Change;
import org.funnel.dsl.generator.plan.hubspot.HubSpotPlanner;
import org.funnel.dsl.generator.plan.hubspot.Portal.LivePipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Locale;

@Command(name = "apply", mixinStandardHelpOptions = true,
		description = { "Carries out a plan in a CRM: 'funnel apply hubspot FILES'. (Salesforce deploys with",
				"'sf project deploy start'; 'funnel plan salesforce' shows what it would change.)" },
		subcommands = { ApplyCommand.HubSpot.class })
public final class ApplyCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		spec.commandLine().getErr().println("funnel: apply to which CRM? 'funnel apply hubspot FILES'.");
		spec.commandLine().usage(spec.commandLine().getErr());
		return FunnelCommand.USAGE;
	}

	enum Format {
		text, json
	}

	@Command(name = "hubspot", mixinStandardHelpOptions = true,
			description = { "Makes the account's HubSpot pipelines what the funnels say: reads them (token in HUBSPOT_TOKEN, a",
					"private app's with scopes crm.schemas.deals.read and .write, or the tickets ones), makes the plan",
					"'funnel plan hubspot' shows, prints it, and carries it out through the pipeline and stage endpoints, so",
					"HubSpot keeps its stage ids. A second apply finds nothing to do. Stages are removed only with",
					"--allow-removals (and HubSpot is asked to refuse if the stage is in use). Calls are paced to HubSpot's",
					"rate limits, and a 429 is retried after Retry-After. The first call that fails stops the run; the report",
					"says what was done and what was not, and apply can simply be run again. After a complete run the account",
					"is read again to confirm it matches the funnels." },
			exitCodeListHeading = "%nExit codes:%n",
			exitCodeList = { "0:applied (or nothing to apply), and HubSpot matches the funnels",
					"1:not applied, or stopped: errors in the funnels, a conflict, removals without --allow-removals, a plan",
					"  that no longer matches --plan, a call HubSpot refused or did not answer",
					"2:wrong usage (no HUBSPOT_TOKEN, ...)" })
	static final class HubSpot implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Mixin
		HubSpotAccount account;

		@Option(names = "--allow-removals",
				description = "Also remove the stages the plan removes (each is a warning of the plan).")
		boolean allowRemovals;

		@Option(names = "--plan", paramLabel = "PLAN.json",
				description = { "Apply only if the plan is still this one ('funnel plan hubspot --format json' of the review):",
						"if the account or the funnels changed since, nothing is done." })
		Path reviewed;

		@Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
				description = "text or json (default: ${DEFAULT-VALUE}).")
		Format format;

		@Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".funnel files or directories to search.")
		List<String> paths;

		@Override
		public Integer call() throws IOException, InterruptedException {
			PrintWriter out = spec.commandLine().getOut();
			PrintWriter err = spec.commandLine().getErr();
			JsonNode reviewedCalls = reviewed == null ? null : reviewedCalls(reviewed);
			FunnelWorkspace workspace = PlanCommand.load(spec, paths, "applying");
			if (workspace == null) {
				return FunnelCommand.PROBLEMS;
			}
			List<FunnelPipeline> pipelines = FunnelPipeline.of(workspace.funnels(), workspace.analyses());
			Set<String> objectTypes = new TreeSet<>(pipelines.stream().map(FunnelPipeline::objectType).toList());
			if (objectTypes.isEmpty()) {
				err.println("funnel: no funnel targets HubSpot; nothing to apply.");
				return FunnelCommand.OK;
			}
			HubSpotClient client = account.client(FunnelCommand.environment(spec));
			HubSpotPlan plan = HubSpotPlanner.plan(pipelines, HubSpotAccount.read(client, objectTypes));
			String source = "the HubSpot account at " + client.base();
			plan.diagnostics().forEach(d -> err.println(d.toText()));
			if (format == Format.text) {
				out.print(HubSpotPlanOutput.markdown(plan, source));
				out.flush();
			}
			ObjectNode report = Json.object();
			report.set("plan", HubSpotPlanOutput.json(plan, source));
			String refusal = refusal(plan, reviewedCalls);
			if (refusal != null) {
				err.println("funnel: not applying: " + refusal + " Nothing was changed.");
				return finish(report, false, FunnelCommand.PROBLEMS);
			}
			if (!plan.hasChanges()) {
				err.println("funnel: nothing to apply: HubSpot's pipelines match the funnels.");
				return finish(report, true, FunnelCommand.OK);
			}
			if (format == Format.text) {
				out.println();
				out.println("Applying " + plan.requests().size() + (plan.requests().size() == 1 ? " call" : " calls") + " to "
						+ client.base() + ":");
				out.flush();
			}
			List<Step> steps = HubSpotApply.run(client, plan.requests(), step -> {
				if (format == Format.text) {
					out.println("  " + String.format("%-9s", step.status().words()) + " " + step.request().line() + "  ("
							+ step.request().description() + ")" + (step.detail() == null ? "" : ": " + step.detail()));
					out.flush();
				}
			});
			report.set("steps", steps(steps));
			long done = steps.stream().filter(s -> s.status() == Status.DONE).count();
			if (done < steps.size()) {
				err.println("funnel: error: apply stopped. " + summary(steps));
				return finish(report, false, FunnelCommand.PROBLEMS);
			}
			// Read the account again: it should now match the funnels exactly.
			HubSpotPlan after = HubSpotPlanner.plan(pipelines, HubSpotAccount.read(client, objectTypes));
			if (after.hasChanges()) {
				err.println(
						"funnel: error: all " + steps.size() + " calls succeeded, but HubSpot still differs from the funnels in "
								+ after.changeCount() + (after.changeCount() == 1 ? " change: " : " changes: ")
								+ after.pipelines().stream().flatMap(p -> p.changes().stream()).map(ApplyCommand::describe)
										.collect(Collectors.joining("; "))
								+ ". HubSpot may have adjusted a value; run 'funnel plan hubspot' to see it.");
				return finish(report, false, FunnelCommand.PROBLEMS);
			}
			err.println("funnel: applied " + steps.size() + (steps.size() == 1 ? " call" : " calls")
					+ "; HubSpot's pipelines now match the funnels.");
			return finish(report, true, FunnelCommand.OK);
		}

		/** Why the plan must not be carried out as it is, or null. */
		private String refusal(HubSpotPlan plan, JsonNode reviewedCalls) {
			if (plan.hasErrors()) {
				return "the plan has errors (above).";
			}
			if (reviewedCalls != null) {
				JsonNode now = Json.mapper().valueToTree(HubSpotPlanOutput.calls(plan.requests()));
				if (!now.equals(reviewedCalls)) {
					return "the plan is no longer the one in " + SourceFile.display(reviewed) + " (" + reviewedCalls.size()
							+ " calls there, " + now.size()
							+ " now): HubSpot or the funnels changed since it was made. Review the new plan.";
				}
			}
			List<Change> removals = plan.removals();
			if (!removals.isEmpty() && !allowRemovals) {
				return "the plan removes " + (removals.size() == 1 ? "a stage" : removals.size() + " stages") + " ("
						+ removals.stream().map(c -> "'" + c.stage() + "' (id " + c.stageId() + ")")
								.collect(Collectors.joining(", "))
						+ "); apply it with --allow-removals once the removal is intended.";
			}
			return null;
		}

		private int finish(ObjectNode report, boolean applied, int code) {
			if (format == Format.json) {
				report.put("applied", applied);
				spec.commandLine().getOut().print(Json.write(report));
				spec.commandLine().getOut().flush();
			}
			return code;
		}

		private static JsonNode reviewedCalls(Path file) throws IOException {
			if (!Files.isRegularFile(file)) {
				throw new UsageException("No such file: " + file);
			}
			JsonNode plan;
			try {
				plan = Json.mapper().readTree(file.toFile());
			} catch (JsonProcessingException e) {
				throw new UsageException(
						file + " is not a plan of 'funnel plan hubspot --format json': " + e.getOriginalMessage());
			}
			if (plan == null || !"hubspot".equals(plan.path("crm").asText()) || !plan.path("pipelines").isArray()) {
				throw new UsageException(file + " is not a plan of 'funnel plan hubspot --format json'.");
			}
			ArrayNode calls = Json.array();
			plan.get("pipelines").forEach(p -> p.path("calls").forEach(calls::add));
			return calls;
		}
	}

	/** "3 of 5 calls done, 1 failed, 1 not sent": what HubSpot has and what it has not. */
	static String summary(List<Step> steps) {
		Map<Status, Long> counts = steps.stream().collect(Collectors.groupingBy(Step::status, Collectors.counting()));
		StringBuilder out = new StringBuilder();
		out.append(counts.getOrDefault(Status.DONE, 0L)).append(" of ").append(steps.size()).append(" calls done");
		for (Status status : List.of(Status.FAILED, Status.UNKNOWN, Status.NOT_SENT)) {
			long count = counts.getOrDefault(status, 0L);
			if (count > 0) {
				out.append(", ").append(count).append(' ').append(status.words());
			}
		}
		out.append(". The calls done stay done in HubSpot");
		if (counts.containsKey(Status.UNKNOWN)) {
			out.append("; the call without an answer may or may not have been carried out");
		}
		out.append(". Run 'funnel plan hubspot' to see what is left; running apply again carries it out.");
		return out.toString();
	}

	private static ArrayNode steps(List<Step> steps) {
		ArrayNode list = Json.array();
		for (Step step : steps) {
			ObjectNode node = list.addObject();
			node.put("status", step.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
			node.setAll(HubSpotPlanOutput.call(step.request()));
			HubSpotPlanOutput.putText(node, "detail", step.detail());
		}
		return list;
	}

	private static String describe(Change change) {
		return change.kind().words() + (change.stage() == null ? "" : " of stage '" + change.stage() + "'") + " ("
				+ change.before() + " -> " + change.after() + ")";
	}
}

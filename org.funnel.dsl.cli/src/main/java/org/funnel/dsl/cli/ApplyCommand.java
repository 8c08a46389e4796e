package org.funnel.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.funnel.dsl.crm.hubspot.FunnelPipeline;
import org.funnel.dsl.crm.hubspot.HubSpotApply;
import org.funnel.dsl.crm.hubspot.HubSpotApply.Outcome;
import org.funnel.dsl.crm.hubspot.HubSpotApply.Result;
import org.funnel.dsl.crm.hubspot.HubSpotApply.Status;
import org.funnel.dsl.crm.hubspot.HubSpotApply.Step;
import org.funnel.dsl.crm.hubspot.HubSpotClient;
import org.funnel.dsl.crm.hubspot.HubSpotPlan;
import org.funnel.dsl.crm.hubspot.HubSpotPlan.Change;
import org.funnel.dsl.crm.hubspot.HubSpotPlanFile;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
		return ExitCodes.USAGE;
	}

	enum Format {
		text, json
	}

	@Command(name = "hubspot", mixinStandardHelpOptions = true,
			description = { "Makes the account's HubSpot pipelines what the funnels say: reads them (token in HUBSPOT_TOKEN, a",
					"private app's with scopes crm.schemas.deals.read and .write, or the tickets ones), makes the plan",
					"'funnel plan hubspot' shows, prints it, and carries it out through the pipeline and stage endpoints, so",
					"HubSpot keeps its stage ids. A second apply finds nothing to do. Stages are removed only with",
					"--allow-removals; a deal stage that HubSpot's CRM search finds deals in is never removed, and every",
					"stage DELETE asks HubSpot to refuse if the stage is in use. Calls are paced to HubSpot's rate limits, and",
					"a 429 is retried after Retry-After. The first call that does not succeed stops the run; the report says",
					"what was done, what was not, and whose outcome is unknown (no complete answer within --timeout, or a",
					"5xx), and apply can simply be run again. After a complete run the account is read again to confirm it",
					"matches the funnels." },
			exitCodeListHeading = "%nExit codes:%n",
			exitCodeList = { "0:applied (or nothing to apply), and HubSpot matches the funnels",
					"1:not applied, or stopped: errors in the funnels, a conflict, removals without --allow-removals, a plan",
					"  that no longer matches --plan, a call HubSpot refused or did not answer",
					"2:wrong usage (no HUBSPOT_TOKEN, ...)" })
	static final class HubSpot implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Mixin
		HubSpotConnection connection;

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
			PrintWriter err = spec.commandLine().getErr();
			HubSpotPlanFile reviewedPlan = reviewed == null ? null : HubSpotPlanFile.read(reviewed);
			FunnelWorkspace workspace = CheckedFunnels.load(err, paths, "applying");
			if (workspace == null) {
				return ExitCodes.PROBLEMS;
			}
			List<FunnelPipeline> pipelines = FunnelPipeline.of(workspace.funnels(), workspace.analyses());
			if (pipelines.isEmpty()) {
				err.println("funnel: no funnel targets HubSpot; nothing to apply.");
				return ExitCodes.OK;
			}
			HubSpotClient client = connection.client(FunnelCommand.environment(spec));
			Result result = HubSpotApply.apply(client, pipelines, reviewedPlan, allowRemovals, new Printer(client));
			err.println(outcome(result, reviewedPlan));
			if (format == Format.json) {
				ObjectNode report = Json.object();
				report.set("plan", HubSpotPlanFile.write(result.plan(), source(client)));
				if (!result.steps().isEmpty()) {
					report.set("steps", steps(result.steps()));
				}
				report.put("applied", result.outcome() == Outcome.APPLIED || result.outcome() == Outcome.NOTHING_TO_DO);
				spec.commandLine().getOut().print(Json.write(report));
				spec.commandLine().getOut().flush();
			}
			return ExitCodes.problemsIf(result.outcome() != Outcome.APPLIED && result.outcome() != Outcome.NOTHING_TO_DO);
		}

		private static String source(HubSpotClient client) {
			return "the HubSpot account at " + client.base();
		}

		/** Shows the apply as it goes: the plan's diagnostics and (as text) the plan and every call. */
		private final class Printer implements HubSpotApply.Listener {
			private final HubSpotClient client;
			private final PrintWriter out = spec.commandLine().getOut();

			Printer(HubSpotClient client) {
				this.client = client;
			}

			@Override
			public void planned(HubSpotPlan plan) {
				plan.diagnostics().forEach(d -> spec.commandLine().getErr().println(d.toText()));
				if (format == Format.text) {
					out.print(HubSpotPlanOutput.markdown(plan, source(client)));
					out.flush();
				}
			}

			@Override
			public void applying(HubSpotPlan plan) {
				if (format == Format.text) {
					out.println();
					out.println("Applying " + plan.requests().size() + (plan.requests().size() == 1 ? " call" : " calls")
							+ " to " + client.base() + ":");
					out.flush();
				}
			}

			@Override
			public void step(Step step) {
				if (format == Format.text) {
					out.println("  " + String.format("%-9s", step.status().words()) + " " + step.request().line() + "  ("
							+ step.request().description() + ")" + (step.detail() == null ? "" : ": " + step.detail()));
					out.flush();
				}
			}
		}
	}

	/** What the user is told at the end of an apply (on stderr). */
	static String outcome(Result result, HubSpotPlanFile reviewed) {
		List<Step> steps = result.steps();
		return switch (result.outcome()) {
		case REFUSED -> "funnel: not applying: " + refusal(result, reviewed) + " Nothing was changed.";
		case NOTHING_TO_DO -> "funnel: nothing to apply: HubSpot's pipelines match the funnels.";
		case STOPPED -> "funnel: error: apply stopped. " + summary(steps);
		case STILL_DIFFERENT -> "funnel: error: all " + steps.size()
				+ " calls succeeded, but HubSpot still differs from the funnels in " + result.after().changeCount()
				+ (result.after().changeCount() == 1 ? " change: " : " changes: ")
				+ result.after().pipelines().stream().flatMap(p -> p.changes().stream()).map(ApplyCommand::describe)
						.collect(Collectors.joining("; "))
				+ ". HubSpot may have adjusted a value; run 'funnel plan hubspot' to see it.";
		case UNCONFIRMED -> "funnel: error: all " + steps.size() + (steps.size() == 1 ? " call was" : " calls were")
				+ " carried out (HubSpot answered each with success), but reading the account again to confirm failed: "
				+ result.unconfirmed() + " Run 'funnel plan hubspot' to see whether HubSpot matches the funnels.";
		case APPLIED -> "funnel: applied " + steps.size() + (steps.size() == 1 ? " call" : " calls")
				+ "; HubSpot's pipelines now match the funnels.";
		};
	}

	/** Why the plan was not carried out. */
	private static String refusal(Result result, HubSpotPlanFile reviewed) {
		HubSpotPlan plan = result.plan();
		return switch (result.refusal()) {
		case ERRORS -> "the plan has errors (above).";
		case NOT_REVIEWED -> "the plan is no longer the one in " + reviewed.display() + " (" + reviewed.calls().size()
				+ " calls there, " + plan.requests().size()
				+ " now): HubSpot or the funnels changed since it was made. Review the new plan.";
		case REMOVALS -> "the plan removes " + (plan.removals().size() == 1 ? "a stage" : plan.removals().size() + " stages")
				+ " (" + plan.removals().stream().map(c -> "'" + c.stage() + "' (id " + c.stageId() + ")")
						.collect(Collectors.joining(", "))
				+ "); apply it with --allow-removals once the removal is intended.";
		};
	}

	/** "3 of 5 calls done, 1 failed, 1 not sent": what HubSpot has and what it has not. */
	static String summary(List<Step> steps) {
		Map<Status, Long> counts = steps.stream().collect(Collectors.groupingBy(Step::status, Collectors.counting()));
		StringBuilder out = new StringBuilder();
		out.append(counts.getOrDefault(Status.DONE, 0L)).append(" of ").append(steps.size()).append(" calls done");
		for (Status status : List.of(Status.FAILED, Status.UNKNOWN, Status.NOT_SENT)) {
			long count = counts.getOrDefault(status, 0L);
			if (count > 0) {
				out.append(", ").append(count).append(' ').append(status.counted());
			}
		}
		out.append(". The calls done stay done in HubSpot.");
		if (counts.containsKey(Status.UNKNOWN)) {
			out.append(" Whether the call with an unknown outcome was carried out is not known: run 'funnel plan hubspot'"
					+ " to see what HubSpot has now; running apply again carries out what is left.");
		} else {
			out.append(" Run 'funnel plan hubspot' to see what is left; running apply again carries it out.");
		}
		return out.toString();
	}

	private static ArrayNode steps(List<Step> steps) {
		ArrayNode list = Json.array();
		for (Step step : steps) {
			ObjectNode node = list.addObject();
			node.put("status", step.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
			node.setAll(step.request().toJson());
			Json.putText(node, "detail", step.detail());
		}
		return list;
	}

	private static String describe(Change change) {
		return change.kind().words() + (change.stage() == null ? "" : " of stage '" + change.stage() + "'") + " ("
				+ change.before() + " -> " + change.after() + ")";
	}
}

package org.funnel.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.diagram.DiagramTooLargeException;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.OutputDirectory;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.diff.FunnelDiff;
import org.funnel.dsl.grammar.Settings;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.History;
import org.funnel.dsl.history.HistoryException;
import org.funnel.dsl.history.HistoryOptions;
import org.funnel.dsl.history.fit.FitOptions;
import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.history.fit.FunnelFitter;
import org.funnel.dsl.history.read.HistoryInput;
import org.funnel.dsl.history.read.HistorySource;
import org.funnel.dsl.history.read.HubSpotReader;
import org.funnel.dsl.history.read.Timestamps;

import org.funnel.dsl.crm.hubspot.DealHistoryPull;
import org.funnel.dsl.crm.hubspot.HubSpotClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fit", mixinStandardHelpOptions = true,
		description = {
				"Fits a funnel to real deal history: per stage the observed share of every transition with its 95%% interval,",
				"n and n still open, transitions the funnel does not declare, implied win probability, time in stage",
				"(Kaplan-Meier) and expected days, beside the declared values; a declared value outside its interval is flagged.",
				"What the reading dropped or flagged is counted. The same input gives the same output (seeded draws).",
				"History (--history): a HubSpot batch-read answer or a directory of them, Salesforce OpportunityHistory +",
				"Opportunity CSVs (sf data query -r csv / sf data export bulk), or a plain CSV event log (deal,stage,time).",
				"Or --hubspot: read the HubSpot account itself (token in HUBSPOT_TOKEN, a private app's with scope",
				"crm.objects.deals.read): POST /crm/objects/2026-09/0-3/search for the deal ids of the pipeline, then",
				"POST /crm/objects/2026-09/0-3/batch/read of 50 deals each with their stage history; --save-history DIR keeps",
				"the answers, for 'fit --history DIR' without a token (e.g. in CI).",
				"Without --history (or with the same file), the history the funnel names is read: history \"path\" { ... } in",
				"the file, its settings (opportunities, opportunity stages, pipelines, aliases, pipeline, since, until) used",
				"where the command line gives none: a flag given wins over the file's setting. --hubspot reads the account, not",
				"the file's history." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:fitted (with --check: no declared value with enough deals outside its interval)",
				"1:errors in the funnel or the history, or HubSpot could not be read; with --check: a declared value outside its interval",
				"2:wrong usage" })
public final class FitCommand implements Callable<Integer> {

	/** Where the history comes from. */
	enum Source {
		hubspot, salesforce, events
	}

	/** What the fit prints. */
	enum Format {
		text, markdown, json, sarif
	}

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "FUNNEL", description = "The .funnel file.")
	String file;

	@Option(names = "--funnel", paramLabel = "NAME", description = "The funnel of the file to fit (when it has several).")
	String funnelName;

	@Option(names = "--history", paramLabel = "SOURCE",
			description = "The history: an event log CSV, a Salesforce OpportunityHistory CSV, or a HubSpot answer (.json) or directory of answers (default: the funnel's history \"path\").")
	Path history;

	@Option(names = "--hubspot",
			description = "Read the history from the HubSpot account (token in HUBSPOT_TOKEN) instead of --history.")
	boolean hubspot;

	@Option(names = "--save-history", paramLabel = "DIR",
			description = "With --hubspot: keep HubSpot's answers in DIR (new or empty), to fit again with --history DIR.")
	Path saveHistory;

	@Mixin
	HubSpotConnection connection;

	@Option(names = "--source", paramLabel = "KIND",
			description = "hubspot, salesforce or events (default: hubspot for a directory or .json, salesforce with --opportunities, else events).")
	Source source;

	@Option(names = "--opportunities", paramLabel = "CSV",
			description = "Salesforce: the Opportunity export (Id, StageName, IsClosed, IsWon, ...): which deals are won, lost or open.")
	Path opportunities;

	@Option(names = "--opportunity-stages", paramLabel = "CSV",
			description = "Salesforce: an OpportunityStage export (ApiName or MasterLabel, IsClosed, IsWon).")
	Path opportunityStages;

	@Option(names = "--pipelines", paramLabel = "JSON",
			description = "HubSpot: a saved answer of GET /crm/pipelines/2026-09/deals (stage labels and outcomes).")
	Path pipelines;

	@Option(names = "--aliases", paramLabel = "FILE",
			description = "Stage aliases, one Old=New a line: renamed stages (Salesforce names, HubSpot ids).")
	Path aliases;

	@Option(names = "--pipeline", paramLabel = "ID",
			description = "Read one HubSpot pipeline or Salesforce record type (sales process); default: the funnel's.")
	String pipeline;

	@Option(names = "--since", paramLabel = "TIME",
			description = "Only deals created at or after this time (ISO 8601 or a date).")
	String since;

	@Option(names = "--until", paramLabel = "TIME",
			description = "Only deals created before this time, and the history as it stood then (open deals censored there).")
	String until;

	@Option(names = "--as-of", paramLabel = "TIME",
			description = "The export time open deals are censored at (default: the file's).")
	String asOf;

	@Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
			description = "text, markdown (for a pull request), json or sarif (the deviations; default: ${DEFAULT-VALUE}).")
	Format format;

	@Option(names = "--check",
			description = "Exit 1 when a declared share, probability or duration with enough deals is outside its interval.")
	boolean check;

	@Option(names = "--write",
			description = "Write the observed shares, win probabilities and median times with enough deals into the file (laid out by the formatter, comments kept).")
	boolean write;

	@Option(names = "--svg", paramLabel = "DIR",
			description = "One picture of the funnel, DIR/<Funnel>.svg: each arrow with its declared share and the observed one (95%% interval, n), marked where the declared share is outside it; transitions seen but not declared dashed; time in stage.")
	Path svg;

	@Option(names = "--svg-changes", paramLabel = "DIR",
			description = "Pictures of the funnel as declared and as observed (the values --write would write), changes outlined: DIR/before/<Funnel>.svg and DIR/after/<Funnel>.svg.")
	Path svgChanges;

	@Option(names = "--min-deals", defaultValue = "30", paramLabel = "N",
			description = "Deals a value needs behind it to be judged (default: ${DEFAULT-VALUE}).")
	int minDeals;

	@Option(names = "--interval", defaultValue = "wilson", paramLabel = "KIND",
			description = "The interval a share is judged by: wilson or jeffreys (default: ${DEFAULT-VALUE}).")
	FitOptions.ShareInterval interval;

	@Option(names = "--seed", paramLabel = "N", description = "The seed of the posterior draws (default: a fixed one).")
	Long seed;

	@Option(names = "--draws", defaultValue = "4000", paramLabel = "N",
			description = "Posterior draws (default: ${DEFAULT-VALUE}).")
	int draws;

	@Override
	public Integer call() throws IOException, InterruptedException {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		checkSources();
		if (write && check) {
			throw new UsageException("--write and --check do not go together: write, review the diff, then check.");
		}
		if (svg != null) {
			OutputOption.check("--svg", svg);
		}
		if (svgChanges != null) {
			OutputOption.check("--svg-changes", svgChanges);
		}
		FitOptions fitOptions = fitOptions();
		HistoryInput given = given();
		FunnelWorkspace workspace = CheckedFunnels.load(err, List.of(file), "fitting");
		if (workspace == null) {
			return ExitCodes.PROBLEMS;
		}
		FunnelWorkspace.Unit unit = unit(workspace);
		FunnelShape shape = FunnelShape.of(workspace.analyses().structure(unit.funnel()));
		HistoryInput input = input(given, unit);
		FunnelFit fit;
		try {
			fit = FunnelFitter.fit(hubspot ? readHubSpot(shape, input, err) : read(shape, input), fitOptions);
		} catch (HistoryException e) {
			err.println(e.getMessage());
			err.println("funnel: not fitting: the history cannot be read.");
			return ExitCodes.PROBLEMS;
		}
		List<org.funnel.dsl.generator.Diagnostic> deviations = FitDeviations.diagnostics(fit, unit, workspace);
		switch (format) {
		case text -> FitReport.text(fit, unit, out);
		case markdown -> FitReport.markdown(fit, unit, out);
		case json -> out.print(Json.write(FitJson.of(fit, unit)));
		case sarif -> out.print(Json.write(DiagnosticFormat.sarif(deviations)));
		}
		out.flush();
		FitReport.skippedRows(fit, err);
		if (svg != null) {
			picture(fit, unit, workspace, err);
		}
		if (svgChanges != null) {
			pictures(fit, unit, workspace, err);
		}
		if (write) {
			write(fit, unit, workspace, err);
		}
		if (check) {
			long failing = deviations.stream().filter(org.funnel.dsl.generator.Diagnostic::isError).count();
			if (format == Format.text || format == Format.markdown) {
				deviations.forEach(d -> err.println(d.toText()));
			}
			err.println("funnel: " + failing + (failing == 1 ? " declared value" : " declared values")
					+ " with enough deals outside the interval.");
			return ExitCodes.problemsIf(failing > 0);
		}
		return ExitCodes.OK;
	}

	/** At most one history: --history or --hubspot (else the funnel's), with the options that belong to it. */
	private void checkSources() {
		if (hubspot && history != null) {
			throw new UsageException("--hubspot and --history do not go together: read the account, or saved answers.");
		}
		if (saveHistory != null && !hubspot) {
			throw new UsageException("--save-history belongs to --hubspot (it keeps the answers HubSpot gave).");
		}
		if (!hubspot && !connection.given().isEmpty()) {
			throw new UsageException(connection.given().get(0) + " belongs to --hubspot (it says how to reach HubSpot);"
					+ " --history reads what is on disk.");
		}
		if (hubspot && (source != null || opportunities != null || opportunityStages != null)) {
			throw new UsageException("--hubspot reads HubSpot: --source, --opportunities and --opportunity-stages do not apply.");
		}
	}

	/** The declared and the observed funnel as the diff draws them: before and after, the changed values outlined. */
	private void pictures(FunnelFit fit, FunnelWorkspace.Unit unit, FunnelWorkspace workspace, PrintWriter err)
			throws IOException {
		String observed = FitWrite.observed(fit, unit, workspace).text();
		FunnelWorkspace after = new FunnelWorkspace(Progress.NONE).loadText(unit.path(), observed);
		FunnelDiff diff = new FunnelDiff(new FunnelDiff.Side(List.of(unit), workspace.analyses()),
				new FunnelDiff.Side(
						after.funnels().stream().filter(u -> u.funnel().getName().equals(unit.funnel().getName())).toList(),
						after.analyses()),
				workspace.get(Settings.class));
		GeneratedFiles pictures = diff.pictures(DiagramOptions.DEFAULT);
		OutputDirectory.write(svgChanges, pictures, List.of("before", "after"));
		pictures.warnings().forEach(w -> err.println("funnel: warning: " + w));
	}

	/** The one picture: declared and observed values side by side on every arrow. */
	private void picture(FunnelFit fit, FunnelWorkspace.Unit unit, FunnelWorkspace workspace, PrintWriter err)
			throws IOException {
		Path target = svg.resolve(unit.funnel().getName() + ".svg");
		try {
			AtomicFile.write(target, FitPicture.svg(fit, unit, workspace));
		} catch (DiagramTooLargeException e) {
			err.println("funnel: warning: " + e.getMessage() + "; " + SourceFile.display(target) + " not written.");
		}
	}

	private static void write(FunnelFit fit, FunnelWorkspace.Unit unit, FunnelWorkspace workspace, PrintWriter err)
			throws IOException {
		Path file = workspace.loaded().stream().filter(l -> l.resource() == unit.funnel().eResource()).findFirst()
				.orElseThrow().file().absolute();
		FitWrite.Written written = FitWrite.write(fit, unit, workspace, file);
		err.println("funnel: "
				+ unit.path() + ": " + (written.total() == 0 ? "nothing written (no declared value with enough deals)"
						: "wrote " + written.shares() + " shares, " + written.probabilities() + " probabilities, "
								+ written.durations() + " durations")
				+ (written.elsewhere() > 0 ? "; " + written.elsewhere() + " values declared in another file left alone" : "")
				+ ".");
	}

	private FitOptions fitOptions() {
		if (minDeals < 1) {
			throw new UsageException("--min-deals must be 1 or more, not " + minDeals + ".");
		}
		if (draws < 100) {
			throw new UsageException("--draws must be 100 or more, not " + draws + ".");
		}
		FitOptions options = FitOptions.defaults().withMinDeals(minDeals).withDraws(draws).withInterval(interval);
		return seed == null ? options : options.withSeed(seed);
	}

	/** The history as the command line gives it; a time given is a time. */
	private HistoryInput given() {
		for (String[] time : new String[][] { { "--since", since }, { "--until", until }, { "--as-of", asOf } }) {
			if (time[1] != null) {
				time(time[0], time[1]);
			}
		}
		return new HistoryInput(history, source == null ? null : HistorySource.valueOf(source.name().toUpperCase(Locale.ROOT)),
				opportunities, opportunityStages, pipelines, aliases, pipeline, since, until, asOf);
	}

	/**
	 * What is read: the command line's history, each part it does not give taken from the funnel's
	 * {@code history "path" { ... }} when that is the history read (no --history, or the same file); --hubspot reads the
	 * account, not the funnel's history.
	 */
	private HistoryInput input(HistoryInput given, FunnelWorkspace.Unit unit) throws IOException {
		HistoryInput named = hubspot ? null : HistoryInput.of(unit.funnel());
		HistoryInput input = named != null && (history == null || sameFile(history, named.history())) ? given.over(named)
				: given;
		if (!hubspot && input.history() == null) {
			throw new UsageException("Missing the history: --history SOURCE (a file or directory), history \"path\" in the"
					+ " funnel, or --hubspot to read the HubSpot account.");
		}
		return input;
	}

	private static boolean sameFile(Path given, Path named) throws IOException {
		return Files.exists(given) && Files.exists(named) ? Files.isSameFile(given, named)
				: given.toAbsolutePath().normalize().equals(named);
	}

	private static long time(String option, String text) {
		long time = Timestamps.parse(text);
		if (time == Timestamps.INVALID) {
			throw new UsageException(option + " takes a time such as 2025-01-31 or 2025-01-31T12:00:00Z, not '" + text + "'.");
		}
		return time;
	}

	private FunnelWorkspace.Unit unit(FunnelWorkspace workspace) {
		List<FunnelWorkspace.Unit> units = new ArrayList<>(workspace.funnels());
		if (funnelName != null) {
			units.removeIf(u -> !u.funnel().getName().equals(funnelName));
		}
		if (units.isEmpty()) {
			throw new UsageException(file + (funnelName == null ? " has no funnel to fit (templates are not fitted)."
					: " has no funnel named " + funnelName + "."));
		}
		if (units.size() > 1) {
			throw new UsageException(file + " has " + units.size() + " funnels; choose the one to fit with --funnel.");
		}
		return units.get(0);
	}

	/**
	 * The account's deals of the pipeline (the option's, else the funnel's hubspot pipeline, else all), created within
	 * --since/--until as far as the search can filter; the saved-answer reader applies every option as for saved answers.
	 */
	private History readHubSpot(FunnelShape shape, HistoryInput input, PrintWriter err)
			throws IOException, InterruptedException, HistoryException {
		HistoryOptions options = options(input);
		if (saveHistory != null) {
			HubSpotHistory.checkSaveDirectory(saveHistory);
		}
		Environment environment = FunnelCommand.environment(spec);
		HubSpotClient client = connection.client(environment);
		String pipelineId = options.pipeline() != null ? options.pipeline() : shape.hubSpotPipelineId();
		DealHistoryPull.Query query = new DealHistoryPull.Query(pipelineId,
				input.since() == null ? null : options.since(), input.until() == null ? null : options.until());
		try (HubSpotHistory answers = HubSpotHistory.pull(client, query, saveHistory, err, environment.terminal())) {
			return HubSpotReader.read(answers.directory(), input.pipelines(), shape, options);
		}
	}

	/** The history a file or folder holds, read as the editor reads a funnel's history (HistoryInput). */
	private History read(FunnelShape shape, HistoryInput input) throws HistoryException {
		for (Path file : input.files()) {
			if (!Files.exists(file)) {
				throw new UsageException("no such file: " + SourceFile.display(file));
			}
		}
		String problem = input.problem();
		if (problem != null) {
			throw new UsageException(problem + " (--source " + input.kind().name().toLowerCase(Locale.ROOT) + ").");
		}
		return input.read(shape, options(input));
	}

	/** The options of the reading; an alias list that is no list is wrong usage. */
	private static HistoryOptions options(HistoryInput input) {
		try {
			return input.options();
		} catch (HistoryException e) {
			throw new UsageException(e.getMessage());
		}
	}
}

package org.funnel.dsl.tests.robustness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.xtext.resource.XtextResource;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.formatting2.CanonicalFormat;
import org.funnel.dsl.funnel.Element;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.targets.Target;

/**
 * Everything the tools do with a file, with the promises each step makes checked:
 * <ol>
 * <li>parse and validate it (as {@code funnel validate} does, imports included): no exception,
 * none logged by Xtext either;
 * <li>analyse every funnel: no exception, and numbers that can be probabilities and volumes;
 * <li>when it has no errors, generate every target in memory: no exception but a
 * {@link GenerationException} with a message, and every file reads back (JSON, XML, Mermaid,
 * Markdown; Java compiled when asked);
 * <li>when it has no syntax errors, format it: the result parses without syntax errors, formats to
 * itself, means the same (same declarations, same analysis to the last bit, same problems) and
 * generates the same files.
 * </ol>
 * Files are written to a scratch directory that holds a copy of {@code examples/shared}, so the
 * examples' imports resolve.
 */
final class Pipeline {

	/** What happened to one input, for the statistics. */
	record Outcome(boolean syntaxErrors, boolean errors, boolean generated, String refused, boolean formatted,
			boolean compiled, long compileMillis, GeneratedFiles files, FunnelWorkspace workspace,
			FunnelWorkspace formattedWorkspace, List<Diagnostic> diagnostics) {
	}

	static final Map<String, AtomicLong> STATS = new TreeMap<>();

	private static Pipeline instance;

	private final Path original;
	private final Path reformatted;
	private final Path javac;
	private final CanonicalFormat canonical;
	private final LogCapture log;
	private int compilations;

	private Pipeline() throws IOException {
		Path root = Files.createTempDirectory("funnel-robustness-");
		original = root.resolve("a");
		reformatted = root.resolve("b");
		javac = root.resolve("javac");
		for (Path side : List.of(original, reformatted)) {
			Files.createDirectories(side.resolve("shared"));
			for (String shared : List.of("channels.funnel", "outcomes.funnel")) {
				Files.copy(Path.of("examples/shared", shared), side.resolve("shared").resolve(shared),
						StandardCopyOption.REPLACE_EXISTING);
			}
		}
		canonical = FunnelWorkspace.injector().getInstance(CanonicalFormat.class);
		log = LogCapture.install();
	}

	static synchronized Pipeline get() {
		if (instance == null) {
			try {
				instance = new Pipeline();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return instance;
	}

	static void count(String what) {
		count(what, 1);
	}

	static void count(String what, long amount) {
		synchronized (STATS) {
			STATS.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(amount);
		}
	}

	static synchronized Map<String, Long> stats() {
		synchronized (STATS) {
			Map<String, Long> copy = new TreeMap<>();
			STATS.forEach((k, v) -> copy.put(k, v.get()));
			return copy;
		}
	}

	/** Runs the whole pipeline on the bytes of a file named {@code fuzz.funnel}. */
	synchronized Outcome check(byte[] file, boolean compileJava) {
		log.take();
		Loaded first = load(original, file);
		XtextResource resource = first.resource;
		if (resource == null) {
			throw new AssertionError("the file could not be loaded: " + first.diagnostics);
		}
		boolean syntaxErrors = resource.getParseResult().hasSyntaxErrors();
		boolean errors = first.diagnostics.stream().anyMatch(Diagnostic::isError);
		if (syntaxErrors && first.diagnostics.stream().noneMatch(d -> "syntax-error".equals(d.code()))) {
			throw new AssertionError("syntax errors without a syntax-error diagnostic: " + first.diagnostics);
		}
		for (Diagnostic diagnostic : first.diagnostics) {
			if (diagnostic.message() == null || diagnostic.message().isBlank()) {
				throw new AssertionError("a diagnostic without a message: " + diagnostic);
			}
		}
		GeneratedFiles generated = null;
		String refused = null;
		boolean compiled = false;
		long compileMillis = 0;
		if (!errors) {
			try {
				generated = generate(first.workspace);
			} catch (GenerationException e) {
				refused = e.getMessage();
				if (refused == null || refused.isBlank()) {
					throw new AssertionError("generation refused without a message", e);
				}
			}
			if (generated != null) {
				long start = System.nanoTime();
				compiled = readBack(generated, compileJava);
				compileMillis = compiled ? (System.nanoTime() - start) / 1_000_000 : 0;
			}
		}
		noLoggedErrors("generating");
		Loaded formatted = syntaxErrors ? null : formatsTheSame(first, generated);
		return new Outcome(syntaxErrors, errors, generated != null, refused, formatted != null, compiled, compileMillis,
				generated, first.workspace, formatted == null ? null : formatted.workspace, first.diagnostics);
	}

	/**
	 * A file without syntax errors formats once and for all, to the same meaning, problems and generated files;
	 * returns the formatted file, loaded (it throws otherwise).
	 */
	private Loaded formatsTheSame(Loaded first, GeneratedFiles generated) {
		String text = canonical.format(first.resource);
		noLoggedErrors("formatting");
		Loaded second = load(reformatted, text.getBytes(StandardCharsets.UTF_8));
		if (second.resource.getParseResult().hasSyntaxErrors()) {
			throw new AssertionError("the formatted text has syntax errors: " + second.diagnostics + "\n--- formatted\n"
					+ text);
		}
		String again = canonical.format(second.resource);
		if (!again.equals(text)) {
			throw new AssertionError("formatting is not idempotent\n--- once\n" + text + "\n--- twice\n" + again);
		}
		if (!second.meaning.equals(first.meaning)) {
			throw new AssertionError("formatting changed the meaning\n--- before\n" + first.meaning + "\n--- after\n"
					+ second.meaning + "\n--- formatted\n" + text);
		}
		List<String> problems = problems(first.diagnostics);
		List<String> problemsAfter = problems(second.diagnostics);
		if (!problems.equals(problemsAfter)) {
			throw new AssertionError("formatting changed the problems\n--- before\n" + problems + "\n--- after\n"
					+ problemsAfter + "\n--- formatted\n" + text);
		}
		if (generated != null) {
			GeneratedFiles after = generate(second.workspace);
			if (!text(generated.files()).equals(text(after.files()))) {
				throw new AssertionError("the formatted file generates other files\n--- formatted\n" + text);
			}
		}
		noLoggedErrors("checking the formatted text");
		return second;
	}

	private record Loaded(FunnelWorkspace workspace, XtextResource resource, List<Diagnostic> diagnostics,
			String meaning) {
	}

	private Loaded load(Path directory, byte[] content) {
		Path path = directory.resolve("fuzz.funnel");
		try {
			Files.write(path, content);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.NONE).load(SourceFile.collect(List.of(path.toString())));
		List<Diagnostic> diagnostics = workspace.validate();
		noLoggedErrors("validating");
		XtextResource resource = workspace.loaded().get(0).resource();
		if (resource == null) {
			return new Loaded(workspace, null, diagnostics, null);
		}
		AnalysisCache analyses = workspace.analyses();
		sane(resource, analyses);
		String meaning = Meaning.of(resource, analyses);
		noLoggedErrors("analysing");
		return new Loaded(workspace, resource, diagnostics, meaning);
	}

	/** Probabilities between 0 and 1, volumes and steps not negative, whatever the funnel says. */
	private static void sane(XtextResource resource, AnalysisCache analyses) {
		if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof FunnelFile file)) {
			return;
		}
		for (Element element : file.getElements()) {
			if (!(element instanceof Funnel funnel)) {
				continue;
			}
			FunnelAnalysis analysis = analyses.analysis(funnel);
			FunnelGraph graph = analyses.structure(funnel).graph();
			double slack = 1e-6;
			for (int i = 0; i < graph.stageCount(); i++) {
				double win = analysis.winProbability(i);
				double loss = analysis.lossProbability(i);
				String where = "funnel " + funnel.getName() + ", stage " + graph.name(i) + ": ";
				check(!(win < -slack || win > 1 + slack), where + "win probability " + win);
				check(!(loss < -slack || loss > 1 + slack), where + "loss probability " + loss);
				if (!analysis.isTrapped(i)) {
					check(win + loss <= 1 + slack, where + "win " + win + " + loss " + loss + " > 1");
				}
				check(!(analysis.expectedFlow(i) < -slack), where + "negative flow " + analysis.expectedFlow(i));
				check(!(analysis.expectedSteps(i) < -slack), where + "negative steps " + analysis.expectedSteps(i));
				check(!(analysis.dropOff(i) < -slack || analysis.dropOff(i) > 1 + slack),
						where + "drop-off " + analysis.dropOff(i));
			}
			for (int t = 0; t < graph.transitionCount(); t++) {
				double conversion = analysis.conversion(t);
				check(!(conversion < -slack || conversion > 1 + slack),
						"funnel " + funnel.getName() + ", transition " + t + ": conversion " + conversion);
			}
			int bottleneck = analysis.bottleneck();
			check(bottleneck >= -1 && bottleneck < graph.stageCount(), "bottleneck " + bottleneck);
		}
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new AssertionError("analysis out of range: " + message);
		}
	}

	private static GeneratedFiles generate(FunnelWorkspace workspace) {
		return Target.generate(workspace.funnels(), EnumSet.complementOf(EnumSet.of(Target.all)), workspace.analyses());
	}

	/** Reads every generated file back; compiles the Java sources when asked. */
	private boolean readBack(GeneratedFiles generated, boolean compileJava) {
		boolean compiled = Outputs.readBack(generated, compileJava ? javac.resolve(Integer.toString(compilations)) : null);
		if (compiled) {
			compilations++;
		}
		return compiled;
	}

	private void noLoggedErrors(String step) {
		List<String> errors = log.take();
		if (!errors.isEmpty()) {
			throw new AssertionError("Xtext logged an error while " + step + ":\n" + String.join("\n", errors));
		}
	}

	/** The problems without their positions (formatting moves them). */
	private static List<String> problems(List<Diagnostic> diagnostics) {
		List<String> result = new ArrayList<>();
		for (Diagnostic d : diagnostics) {
			result.add(d.severity() + " " + d.code() + " " + d.message());
		}
		result.sort(null);
		return result;
	}

	private static SortedMap<String, String> text(SortedMap<String, byte[]> files) {
		SortedMap<String, String> result = new TreeMap<>();
		files.forEach((k, v) -> result.put(k, new String(v, StandardCharsets.UTF_8)));
		return result;
	}
}

package org.funnel.dsl.generator.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.UsageException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import org.funnel.dsl.generator.Diagnostic;

/**
 * {@code funnel}: the command line CI runs. Exit codes everywhere: 0 success, 1 problems in the
 * input (errors in a file, files not formatted, ...) or a CRM that refused, 2 wrong usage or an internal
 * error; {@code plan --detailed-exitcode} adds 3 for a plan with changes. Output
 * meant for machines and reviewers goes to stdout; messages and progress go to stderr.
 */
@Command(name = "funnel", mixinStandardHelpOptions = true, versionProvider = FunnelCommand.Version.class,
		description = "Checks, formats, analyses and compares .funnel files and generates CRM configuration from them.",
		subcommands = { ValidateCommand.class, GenerateCommand.class, AnalyzeCommand.class, FormatCommand.class,
				DiffCommand.class, ImportCommand.class, PlanCommand.class, ApplyCommand.class, CommandLine.HelpCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:success", "1:problems in the input (errors, unformatted files, ...) or a CRM that refused",
				"2:wrong usage or an internal error", "3:plan --detailed-exitcode: the plan has changes" })
public final class FunnelCommand implements Callable<Integer> {

	public static final int OK = 0;
	public static final int PROBLEMS = 1;
	public static final int USAGE = 2;

	@Spec
	CommandSpec spec;

	private Environment environment = Environment.SYSTEM;

	@Override
	public Integer call() {
		spec.commandLine().usage(spec.commandLine().getErr());
		return USAGE;
	}

	/** The environment of the command line a subcommand runs in. */
	static Environment environment(CommandSpec subcommand) {
		return subcommand.root().userObject() instanceof FunnelCommand root ? root.environment : Environment.SYSTEM;
	}

	public static void main(String[] args) {
		// Guice would generate classes through sun.misc.Unsafe (a warning on current JDKs, and slower to start).
		if (System.getProperty("guice_bytecode_gen_option") == null) {
			System.setProperty("guice_bytecode_gen_option", "DISABLED");
		}
		LibraryLog.install();
		// Start the language (Guice, EMF, Xtext: most of a short run's time) while the arguments are parsed.
		if (args.length > 0 && !Set.of("--help", "-h", "--version", "-V", "help", "import").contains(args[0])) {
			Thread startup = new Thread(() -> {
				try {
					FunnelWorkspace.injector();
				} catch (Throwable e) {
					// The command creates it again and reports the problem.
				}
			}, "funnel-startup");
			startup.setDaemon(true);
			startup.start();
		}
		PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
		PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
		int code = run(args, out, err);
		out.flush();
		err.flush();
		System.exit(code);
	}

	/** Runs the command line in this process (tests call this), never throwing. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		return run(args, out, err, Environment.SYSTEM);
	}

	/** {@link #run(String[], PrintStream, PrintStream)} with the environment variables and clock given. */
	public static int run(String[] args, PrintStream out, PrintStream err, Environment environment) {
		PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
		PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
		try {
			LibraryLog.install();
			FunnelCommand root = new FunnelCommand();
			root.environment = environment;
			CommandLine commandLine = new CommandLine(root);
			// The descriptions are written in lines of up to 120 characters; at picocli's default of 80 each broke in two.
			commandLine.setUsageHelpWidth(120);
			commandLine.setOut(outWriter);
			commandLine.setErr(errWriter);
			commandLine.setCaseInsensitiveEnumValuesAllowed(true);
			commandLine.setParameterExceptionHandler((e, args1) -> {
				CommandLine command = e.getCommandLine();
				command.getErr().println("funnel: " + e.getMessage());
				command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
				return USAGE;
			});
			commandLine.setExecutionExceptionHandler((e, command, parseResult) -> handle(e, command.getErr()));
			int code = commandLine.execute(args);
			List<String> internal = LibraryLog.errors();
			if (!internal.isEmpty()) {
				internal.stream().distinct()
						.forEach(m -> errWriter.println("funnel: internal error: " + m + ". Please report this."));
				return USAGE;
			}
			return code;
		} catch (Throwable e) {
			return handle(e, errWriter);
		} finally {
			outWriter.flush();
			errWriter.flush();
		}
	}

	static int handle(Throwable e, PrintWriter err) {
		if (e instanceof UsageException) {
			err.println("funnel: " + e.getMessage());
			return USAGE;
		}
		if (e instanceof GenerationException) {
			err.println("funnel: error: " + e.getMessage());
			return PROBLEMS;
		}
		if (e instanceof UncheckedIOException || e instanceof IOException) {
			Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
			err.println("funnel: " + describeIo(cause, e.getMessage()));
			return USAGE;
		}
		StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
		err.println("funnel: internal error: " + e.getClass().getSimpleName()
				+ (e.getMessage() == null ? "" : ": " + Diagnostic.oneLine(e.getMessage()))
				+ (where == null ? "" : " (at " + where + ")") + ". Please report this.");
		return USAGE;
	}

	private static String describeIo(Throwable cause, String fallback) {
		if (cause instanceof NoSuchFileException n) {
			return "no such file: " + n.getFile();
		}
		if (cause instanceof AccessDeniedException a) {
			return "permission denied: " + a.getFile();
		}
		if (cause instanceof FileSystemException f) {
			return f.getFile() + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
		}
		return "I/O error: " + (cause != null && cause.getMessage() != null ? cause.getMessage() : fallback);
	}

	/** The version from the jar's manifest (the build writes it), else "development". */
	public static final class Version implements CommandLine.IVersionProvider {
		@Override
		public String[] getVersion() {
			String version = FunnelCommand.class.getPackage().getImplementationVersion();
			return new String[] { "funnel " + (version == null ? "1.0.0-SNAPSHOT" : version) };
		}
	}
}

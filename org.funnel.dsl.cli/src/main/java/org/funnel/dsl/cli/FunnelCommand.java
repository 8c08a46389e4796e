package org.funnel.dsl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import org.funnel.dsl.generator.FunnelWorkspace;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.util.Set;

/**
 * {@code funnel}: the command line CI runs. Exit codes everywhere ({@link ExitCodes}): 0 success, 1 problems in the
 * input (errors in a file, files not formatted, ...) or a CRM that refused, 2 wrong usage or an internal
 * error; {@code plan --detailed-exitcode} adds 3 for a plan with changes. Output
 * meant for machines and reviewers goes to stdout; messages and progress go to stderr.
 */
@Command(name = "funnel", mixinStandardHelpOptions = true, versionProvider = FunnelCommand.Version.class,
		description = "Checks, formats, analyses and compares .funnel files and generates CRM configuration from them.",
		subcommands = { ValidateCommand.class, GenerateCommand.class, AnalyzeCommand.class, FitCommand.class, FormatCommand.class,
				DiffCommand.class, ImportCommand.class, PlanCommand.class, ApplyCommand.class, CommandLine.HelpCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:success", "1:problems in the input (errors, unformatted files, ...) or a CRM that refused",
				"2:wrong usage or an internal error", "3:plan --detailed-exitcode: the plan has changes" })
public final class FunnelCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	private Environment environment = Environment.SYSTEM;

	@Override
	public Integer call() {
		spec.commandLine().usage(spec.commandLine().getErr());
		return ExitCodes.USAGE;
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
				return ExitCodes.USAGE;
			});
			commandLine.setExecutionExceptionHandler((e, command, parseResult) -> ExitCodes.of(e, command.getErr()));
			if (unknownCommand(commandLine, args)) {
				return ExitCodes.USAGE;
			}
			int code = commandLine.execute(args);
			List<String> internal = LibraryLog.errors();
			if (!internal.isEmpty()) {
				internal.stream().distinct()
						.forEach(m -> errWriter.println("funnel: internal error: " + m + ". Please report this."));
				return ExitCodes.USAGE;
			}
			return code;
		} catch (Throwable e) {
			return ExitCodes.of(e, errWriter);
		} finally {
			outWriter.flush();
			errWriter.flush();
		}
	}

	/**
	 * A first argument that is neither an option nor a command: one message and exit 2, whatever follows (picocli would
	 * print the main help and exit 0 for "funnel NAME --help").
	 */
	private static boolean unknownCommand(CommandLine commandLine, String[] args) {
		if (args.length == 0 || args[0].startsWith("-") || commandLine.getSubcommands().containsKey(args[0])) {
			return false;
		}
		commandLine.getErr().println("funnel: unknown command '" + args[0] + "'. The commands are "
				+ String.join(", ", commandLine.getSubcommands().keySet()) + "; 'funnel --help' says what each does.");
		return true;
	}

	/**
	 * The version and commit from the runnable jar's manifest (the build writes both there); a command line run from
	 * classes, as in the tests, is a development build.
	 */
	public static final class Version implements CommandLine.IVersionProvider {
		@Override
		public String[] getVersion() {
			Attributes manifest = manifest();
			String version = manifest.getValue("Implementation-Version");
			String commit = manifest.getValue("Funnel-Commit");
			if (version == null) {
				return new String[] { "funnel (development build)" };
			}
			return new String[] { "funnel " + version + (commit == null ? "" : " (commit " + commit + ")") };
		}

		/** This class's own jar's manifest, not the first one on the class path. */
		private static Attributes manifest() {
			URL self = FunnelCommand.class.getResource("FunnelCommand.class");
			String url = self == null ? "" : self.toString();
			if (!url.startsWith("jar:") || !url.contains("!/")) {
				return new Attributes();
			}
			try (InputStream in = URI.create(url.substring(0, url.indexOf("!/") + 2) + "META-INF/MANIFEST.MF").toURL()
					.openStream()) {
				return new Manifest(in).getMainAttributes();
			} catch (IOException | IllegalArgumentException e) {
				return new Attributes();
			}
		}
	}
}

package org.funnel.dsl.maven;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.funnel.dsl.cli.FunnelCommand;

/**
 * What every goal shares: it runs the command line in Maven's JVM with the CLI's own arguments, logs what the command
 * line prints (a positioned error as an error, a warning as a warning), and fails as the command line exits: 1 (problems
 * in the funnels) fails the build, 2 (wrong usage, an internal error) is an execution error.
 */
abstract class FunnelMojo extends AbstractMojo {

	/** EMF's and Xtext's registries are static: one run at a time, also in a parallel build (-T). */
	private static final Object LOCK = new Object();

	/** The .funnel files or the directories to search, as the command line's FILE|DIR arguments. */
	@Parameter(property = "funnel.sources", defaultValue = "${project.basedir}/src/main/funnel")
	List<File> sources;

	@Parameter(defaultValue = "${project.build.directory}", readonly = true)
	File buildDirectory;

	/** Skips this goal. */
	@Parameter(property = "funnel.skip", defaultValue = "false")
	boolean skip;

	/** The command line's arguments before the FILE|DIR arguments, e.g. {@code validate --format sarif}. */
	abstract List<String> arguments() throws MojoExecutionException;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (skip) {
			getLog().info("Skipped (funnel.skip)");
			return;
		}
		List<String> args = new ArrayList<>(arguments());
		for (File source : sources) {
			args.add(source.getPath());
		}
		int code = run(args);
		if (code == 1) {
			throw new MojoFailureException("funnel " + args.get(0) + ": problems in the funnels (above)");
		}
		if (code != 0 && !acceptable(code)) {
			throw new MojoExecutionException("funnel " + args.get(0) + " exited with " + code + " (above)");
		}
	}

	/** An exit code other than 0 this goal takes as success (plan's 3 for "changes", unless asked to fail). */
	boolean acceptable(int code) throws MojoFailureException {
		return false;
	}

	/** Where the command line's standard output goes: null to the log, else this file. */
	File report() {
		return null;
	}

	private int run(List<String> args) throws MojoExecutionException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code;
		synchronized (LOCK) {
			// As the command line's main does: Guice then defines no classes through sun.misc.Unsafe.
			if (System.getProperty("guice_bytecode_gen_option") == null) {
				System.setProperty("guice_bytecode_gen_option", "DISABLED");
			}
			try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
					PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
				code = FunnelCommand.run(args.toArray(String[]::new), o, e);
			}
		}
		File report = report();
		if (report != null) {
			try {
				Files.createDirectories(report.toPath().toAbsolutePath().getParent());
				Files.write(report.toPath(), out.toByteArray());
			} catch (IOException e) {
				throw new MojoExecutionException("cannot write " + report + ": " + e.getMessage(), e);
			}
			getLog().info("funnel " + args.get(0) + ": " + report);
		} else {
			log(out.toString(StandardCharsets.UTF_8));
		}
		log(err.toString(StandardCharsets.UTF_8));
		return code;
	}

	private void log(String text) {
		for (String line : text.split("\\R")) {
			if (line.isEmpty()) {
				continue;
			}
			// A positioned error, or a file format --check names.
			if (line.contains(": error: ") || line.endsWith(": not formatted")) {
				getLog().error(line);
			} else if (line.contains(": warning: ")) {
				getLog().warn(line);
			} else {
				getLog().info(line);
			}
		}
	}
}

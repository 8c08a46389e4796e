package org.funnel.dsl.installtests;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An Eclipse installation of these tests: a copy of a materialized product, changed with its own p2
 * director and launched with its Equinox launcher jar under the test's display. The checks inside it
 * are those of the org.funnel.dsl.installcheck bundle, which writes what it saw to a results file.
 */
final class InstalledEclipse {

	// Against a hung Eclipse, not a measure of speed: long enough for a machine that other builds keep busy.
	private static final Duration DIRECTOR_TIMEOUT = Duration.ofMinutes(8);
	private static final Duration LAUNCH_TIMEOUT = Duration.ofMinutes(10);

	private final Path home;
	private final Path work;

	private InstalledEclipse(Path home, Path work) {
		this.home = home;
		this.work = work;
	}

	/** A fresh copy of the product in {@code product}, to be changed by one test. */
	static InstalledEclipse copyOf(Path product, String name) throws IOException {
		Path work = Locations.path("funnel.work").resolve(name);
		Trees.delete(work);
		Path home = work.resolve("eclipse");
		Trees.copy(product, home, folder -> true);
		return new InstalledEclipse(home, work);
	}

	/** An installation that is already there, such as an unpacked archive. */
	static InstalledEclipse at(Path home, String name) {
		return new InstalledEclipse(home, Locations.path("funnel.work").resolve(name));
	}

	Path home() {
		return home;
	}

	/** The file names in {@code plugins/}. */
	List<String> plugins() throws IOException {
		try (Stream<Path> files = Files.list(home.resolve("plugins"))) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	/**
	 * Installs units with this installation's own p2 director (the command docs/eclipse.md gives):
	 * {@code -application org.eclipse.equinox.p2.director -repository ... -installIU ...}.
	 * @return the director's output
	 */
	String director(List<Path> repositories, List<String> units) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Processes.java(), "-jar", launcherJar().toString(), "-nosplash",
				"-application", "org.eclipse.equinox.p2.director",
				"-repository", repositories.stream().map(r -> r.toUri().toString()).collect(Collectors.joining(",")),
				"-installIU", String.join(",", units)));
		Path log = work.resolve("director.log");
		int exit = Processes.run(command, home, log, DIRECTOR_TIMEOUT);
		String output = Files.readString(log);
		if (exit != 0) {
			throw new AssertionError("the p2 director failed (exit " + exit + "):\n" + Processes.tail(log));
		}
		return output;
	}

	/**
	 * Starts this Eclipse with its launcher jar and the install check's steps, and waits until it closes.
	 * @param run a name for this launch: its log, results and screenshots are filed under it
	 */
	Launch launch(String run, String steps, Map<String, String> settings) throws IOException, InterruptedException {
		Path out = output(run);
		List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xmx1g"));
		command.addAll(checkSettings(steps, out, settings));
		command.addAll(List.of("-jar", launcherJar().toString(), "-nosplash", "-consoleLog", "-data", workspace()));
		return run(run, command, out);
	}

	/** Starts this Eclipse with a launch script of its own, as a user does, Java and workspace given. */
	Launch launchScript(String script, String run, String steps) throws IOException, InterruptedException {
		Path out = output(run);
		List<String> command = new ArrayList<>(List.of(home.resolve(script).toString(), "-vm",
				System.getProperty("java.home"), "-consoleLog", "-data", workspace(), "-vmargs", "-Xmx1g"));
		command.addAll(checkSettings(steps, out, Map.of()));
		return run(run, command, out);
	}

	private Path output(String run) throws IOException {
		Path out = Locations.path("funnel.screenshots").resolve(run);
		Trees.delete(out);
		return out;
	}

	private String workspace() {
		return work.resolve("workspace").toString();
	}

	private static List<String> checkSettings(String steps, Path out, Map<String, String> settings) {
		List<String> properties = new ArrayList<>(List.of("-Dfunnel.installcheck.steps=" + steps,
				"-Dfunnel.installcheck.out=" + out,
				"-Dfunnel.installcheck.examples=" + Locations.existing("funnel.examples")));
		settings.forEach((key, value) -> properties.add("-D" + key + "=" + value));
		return properties;
	}

	private Launch run(String run, List<String> command, Path out) throws IOException, InterruptedException {
		Path log = work.resolve(run + ".log");
		int exit = Processes.run(command, home, log, LAUNCH_TIMEOUT);
		return new Launch(run, exit, results(out.resolve("results.properties")), log);
	}

	private Path launcherJar() throws IOException {
		try (Stream<Path> files = Files.list(home.resolve("plugins"))) {
			return files.filter(p -> p.getFileName().toString().matches("org\\.eclipse\\.equinox\\.launcher_[^/]*\\.jar"))
					.findFirst().orElseThrow(() -> new AssertionError("no Equinox launcher jar in " + home));
		}
	}

	private static Properties results(Path file) throws IOException {
		Properties results = new Properties();
		if (Files.exists(file)) {
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				results.load(reader);
			}
		}
		return results;
	}

	/** What one launch of the installed Eclipse did and what its checks found. */
	record Launch(String run, int exitCode, Properties results, Path log) {

		/** A finding; fails, with the end of Eclipse's log, when the checks did not get that far. */
		String get(String key) {
			String value = results.getProperty(key);
			if (value == null || results.containsKey("failure")) {
				throw new AssertionError(run + ": no '" + key + "' in the results (exit " + exitCode + ")\n"
						+ results.getProperty("failure", "") + "\n" + tail());
			}
			return value;
		}

		/** Checks that every step ran and the installed Eclipse ended with the exit code expected. */
		void assertCompleted(int expectedExit) {
			get("done");
			if (exitCode != expectedExit) {
				throw new AssertionError(run + ": exit " + exitCode + ", expected " + expectedExit + "\n" + tail());
			}
		}

		private String tail() {
			try {
				return Processes.tail(log);
			} catch (IOException e) {
				return "(no log: " + e + ")";
			}
		}
	}
}

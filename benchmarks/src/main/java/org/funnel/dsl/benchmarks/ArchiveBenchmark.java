package org.funnel.dsl.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The linux-x64 release archive (org.funnel.dsl.dist): its size, and how fast {@code funnel validate examples/} starts
 * from the unpacked archive (its own runtime and AOT cache) against {@code ./funnel} (this JDK and its AOT cache), cold
 * JVMs taking turns so that both see the same machine. The archive must start within 10% of {@code ./funnel}.
 */
final class ArchiveBenchmark {

	private final Path repository;
	private final Path scratch;
	private final boolean quick;

	ArchiveBenchmark(Path repository, Path scratch, boolean quick) {
		this.repository = repository;
		this.scratch = scratch;
		this.quick = quick;
	}

	List<Result> run() throws IOException, InterruptedException {
		String startName = "funnel validate examples/, archive / ./funnel (cold JVMs, taking turns)";
		Path archive = archive();
		if (archive == null) {
			return List.of(Result.failed(startName, "%", "median", 110, false,
					"no org.funnel.dsl.dist/target/funnel-*-linux-x64.tar.gz: build it (benchmarks/run does)"));
		}
		List<Result> results = new ArrayList<>();
		results.add(Result.of("release archive " + archive.getFileName() + ", size", "MB",
				List.of(Files.size(archive) / 1e6), "median", Double.NaN, false,
				"runtime (jlink) + AOT cache + jar, gzipped"));
		Path unpacked = Files.createDirectories(scratch.resolve("archive"));
		Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString(), "--strip-components=1")
				.inheritIO().start();
		if (tar.waitFor() != 0) {
			return List.of(Result.failed(startName, "%", "median", 110, false, "tar could not unpack " + archive));
		}
		CliBenchmark cli = new CliBenchmark(repository, scratch, quick);
		Path fromArchive = unpacked.resolve("bin/funnel");
		Path dotFunnel = repository.resolve("funnel");
		List<String> validate = List.of("validate", "examples");
		List<Double> archiveMillis = new ArrayList<>();
		List<Double> funnelMillis = new ArrayList<>();
		int runs = quick ? 3 : 10;
		for (int run = -1; run < runs; run++) { // the first of each not counted: ./funnel may build, both fill the page cache
			for (Path launcher : List.of(fromArchive, dotFunnel)) {
				CliBenchmark.Run result = cli.run(launcher, repository, validate);
				if (result.exit() != 0) {
					return List.of(Result.failed(startName, "%", "median", 110, false,
							launcher + ": exit code " + result.exit() + ": " + CliBenchmark.tail(result.stderr())));
				}
				if (run >= 0) {
					(launcher == fromArchive ? archiveMillis : funnelMillis).add(result.millis());
				}
			}
		}
		String note = runs + " runs each, exit code checked";
		results.add(Result.of("funnel validate examples/, from the archive (cold JVM)", "ms", archiveMillis, "median",
				Double.NaN, false, note));
		results.add(Result.of("funnel validate examples/, ./funnel (cold JVM)", "ms", funnelMillis, "median", Double.NaN,
				false, note));
		double ratio = 100 * Stats.of(archiveMillis).median() / Stats.of(funnelMillis).median();
		results.add(Result.of(startName, "%", List.of(ratio), "median", 110, false, "of the medians above"));
		return results;
	}

	private Path archive() throws IOException {
		Path target = repository.resolve("org.funnel.dsl.dist/target");
		if (!Files.isDirectory(target)) {
			return null;
		}
		try (DirectoryStream<Path> archives = Files.newDirectoryStream(target, "funnel-*-linux-x64.tar.gz")) {
			for (Path archive : archives) {
				return archive;
			}
		}
		return null;
	}
}

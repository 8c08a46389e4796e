package org.funnel.dsl.tests.robustness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.List;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.targets.Target;
import java.util.Arrays;

/** Small helpers the robustness tests share: files on disk and loading them into a workspace. */
final class Files2 {

	private Files2() {
	}

	static Path write(Path file, String text) {
		return write(file, text.getBytes(StandardCharsets.UTF_8));
	}

	static Path write(Path file, byte[] bytes) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			return Files.write(file, bytes);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Copies examples/shared into the directory, so the examples' imports resolve there. */
	static void copyShared(Path directory) {
		try {
			Files.createDirectories(directory.resolve("shared"));
			for (String shared : List.of("channels.funnel", "outcomes.funnel")) {
				Files.copy(Path.of("examples/shared", shared), directory.resolve("shared").resolve(shared),
						StandardCopyOption.REPLACE_EXISTING);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The files loaded and validated as the command line does it. */
	record Loaded(FunnelWorkspace workspace, List<Diagnostic> diagnostics) {
		List<Diagnostic> errors() {
			return diagnostics.stream().filter(Diagnostic::isError).toList();
		}

		List<String> codes() {
			return diagnostics.stream().map(Diagnostic::code).distinct().sorted().toList();
		}

		GeneratedFiles generate() {
			return Target.generate(workspace.funnels(), EnumSet.complementOf(EnumSet.of(Target.all)), workspace.analyses());
		}
	}

	static Loaded load(Path... files) {
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.NONE)
				.load(SourceFile.collect(Arrays.stream(files).map(Path::toString).toList()));
		return new Loaded(workspace, workspace.validate());
	}
}

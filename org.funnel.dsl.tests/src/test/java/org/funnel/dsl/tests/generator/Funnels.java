package org.funnel.dsl.tests.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.Target;
import java.nio.file.StandardCopyOption;
import java.util.TreeMap;

/** Loads funnels the way the command line does and runs generators on them, for the tests. */
public final class Funnels {

	private Funnels() {
	}

	/** A workspace with the files (or directories) loaded and validated; fails on errors. */
	public static FunnelWorkspace load(String... paths) {
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.NONE).load(SourceFile.collect(List.of(paths)));
		List<Diagnostic> errors = workspace.validate().stream().filter(Diagnostic::isError).toList();
		if (!errors.isEmpty()) {
			throw new AssertionError("errors: " + errors.stream().map(Diagnostic::toText).collect(Collectors.joining("\n")));
		}
		return workspace;
	}

	public static FunnelWorkspace.Unit unit(FunnelWorkspace workspace, String name) {
		return workspace.funnels().stream().filter(u -> u.funnel().getName().equals(name)).findFirst()
				.orElseThrow(() -> new AssertionError("no funnel " + name));
	}

	public static GeneratedFiles generate(FunnelWorkspace workspace, Target... targets) {
		return Target.generate(workspace.funnels(), Set.of(targets), workspace.analyses());
	}

	/** Writes .funnel files (name -> text) into a directory and returns their paths. */
	public static List<String> write(Path directory, Map<String, String> files) {
		List<String> paths = new ArrayList<>();
		try {
			for (Map.Entry<String, String> file : files.entrySet()) {
				Path path = directory.resolve(file.getKey());
				Files.createDirectories(path.getParent());
				Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
				paths.add(path.toString());
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return paths;
	}

	/** Copies a directory tree into {@code to} (created where missing, files replaced) and returns {@code to}. */
	public static Path copyTree(Path from, Path to) {
		try (var walk = Files.walk(from)) {
			for (Path source : walk.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				} else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return to;
	}

	/** All files under a directory: relative path -> bytes. */
	public static Map<String, byte[]> tree(Path directory) {
		try (var walk = Files.walk(directory)) {
			return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toMap(
					p -> directory.relativize(p).toString().replace('\\', '/'), p -> {
						try {
							return Files.readAllBytes(p);
						} catch (IOException e) {
							throw new UncheckedIOException(e);
						}
					}, (a, b) -> a, TreeMap::new));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A tree as text for comparisons with readable failure messages. */
	public static Map<String, String> text(Map<String, byte[]> tree) {
		return tree.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
				e -> new String(e.getValue(), StandardCharsets.UTF_8), (a, b) -> a, TreeMap::new));
	}
}

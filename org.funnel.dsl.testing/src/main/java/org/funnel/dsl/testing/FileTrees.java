package org.funnel.dsl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Files and trees of files for the tests: written, copied, read back whole. */
public final class FileTrees {

	private FileTrees() {
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

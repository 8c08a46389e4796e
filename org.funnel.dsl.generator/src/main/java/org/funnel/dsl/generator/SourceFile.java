package org.funnel.dsl.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A .funnel file named on the command line: {@code path} is how diagnostics and generated headers
 * name it (as the user gave it, or found under a directory the user gave), {@code absolute} is
 * where it is.
 */
public record SourceFile(String path, Path absolute) {

	public static final String EXTENSION = ".funnel";

	/**
	 * The files the arguments name: files as they are, directories searched (recursively, in sorted
	 * order) for *.funnel. Each file once, sorted by path.
	 *
	 * @throws InputException when an argument does not exist or is not a .funnel file
	 */
	public static List<SourceFile> collect(Collection<String> arguments) {
		if (arguments.isEmpty()) {
			throw new InputException("No files given.");
		}
		Map<Path, SourceFile> files = new LinkedHashMap<>();
		for (String argument : arguments) {
			Path given = Path.of(argument);
			if (Files.isDirectory(given)) {
				for (Path found : funnelFilesUnder(given)) {
					add(files, found);
				}
			} else if (Files.exists(given, LinkOption.NOFOLLOW_LINKS) || Files.exists(given)) {
				if (!given.getFileName().toString().endsWith(EXTENSION)) {
					throw new InputException(argument + " is not a " + EXTENSION + " file.");
				}
				if (!Files.isRegularFile(given)) {
					throw new InputException(argument + " is not a regular file.");
				}
				add(files, given);
			} else {
				throw new InputException("No such file or directory: " + argument);
			}
		}
		List<SourceFile> sorted = new ArrayList<>(files.values());
		sorted.sort((a, b) -> a.path().compareTo(b.path()));
		return sorted;
	}

	private static void add(Map<Path, SourceFile> files, Path given) {
		Path absolute = given.toAbsolutePath().normalize();
		files.putIfAbsent(absolute, new SourceFile(display(given), absolute));
	}

	/** The path as given, without "./" and "a/../", with forward slashes. */
	public static String display(Path given) {
		Path normalized = given.normalize();
		String text = normalized.toString();
		if (text.isEmpty()) {
			text = ".";
		}
		return text.replace('\\', '/');
	}

	/** How to name a file nobody named (an imported one): relative to the working directory. */
	public static String displayUnnamed(Path absolute) {
		Path cwd = Path.of("").toAbsolutePath();
		try {
			return display(cwd.relativize(absolute));
		} catch (IllegalArgumentException e) {
			return display(absolute);
		}
	}

	private static List<Path> funnelFilesUnder(Path directory) {
		try (Stream<Path> walk = Files.walk(directory, new FileVisitOption[0])) {
			return walk.filter(p -> p.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(p))
					.sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read directory " + directory + ": " + e.getMessage(), e);
		}
	}
}

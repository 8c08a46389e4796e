package org.funnel.dsl.generator;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes generated files into an output directory without ever leaving a half-written result:
 * <ol>
 * <li>everything is written into a fresh temporary directory inside the output directory (same
 * file system, so the final moves are renames);
 * <li>then each target's subdirectory ({@code java/}, {@code hubspot/}, ...) is swapped in by
 * renaming: the old one out of the way, the new one into place;
 * <li>the temporary directory, with the old subdirectories, is deleted.
 * </ol>
 * A run that is killed leaves the old subdirectories or the new ones, never a mix within one, plus
 * at most a {@code .funnel-tmp-*} directory that the next run removes. Only the subdirectories of the
 * targets being generated are touched; other files in the output directory stay as they are.
 */
public final class OutputDirectory {

	static final String TEMP_PREFIX = ".funnel-tmp-";

	private OutputDirectory() {
	}

	/**
	 * @param out the output directory (created if missing)
	 * @param subdirectories the subdirectories this run owns and replaces as a whole, even when it
	 *        produced no files for one of them
	 */
	public static void write(Path out, GeneratedFiles generated, Collection<String> subdirectories) throws IOException {
		if (Files.exists(out) && !Files.isDirectory(out)) {
			throw new UsageException("--out " + out + " exists and is not a directory.");
		}
		Files.createDirectories(out);
		TreeSet<String> owned = new TreeSet<>(subdirectories);
		for (String path : generated.files().keySet()) {
			String top = path.substring(0, Math.max(0, path.indexOf('/')));
			if (!owned.contains(top)) {
				throw new GenerationException("Internal: " + path + " is outside the generated subdirectories " + owned);
			}
		}
		for (String subdirectory : owned) {
			GeneratedFiles.checkRelative(subdirectory);
			Path existing = out.resolve(subdirectory);
			if (Files.isSymbolicLink(existing)) {
				throw new GenerationException(existing + " is a symbolic link; refusing to replace it (it may point "
						+ "outside the output directory). Remove it or choose another --out.");
			}
			if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
				throw new GenerationException(existing + " is not a directory; refusing to replace it.");
			}
		}
		removeLeftovers(out);
		Path temp = Files.createTempDirectory(out, TEMP_PREFIX);
		try {
			Path fresh = temp.resolve("new");
			Path replaced = temp.resolve("old");
			Files.createDirectory(fresh);
			Files.createDirectory(replaced);
			for (String subdirectory : owned) {
				Files.createDirectory(fresh.resolve(subdirectory));
			}
			java.util.Set<Path> parents = new java.util.HashSet<>();
			for (Map.Entry<String, byte[]> file : generated.files().entrySet()) {
				Path target = fresh.resolve(file.getKey()).normalize();
				if (!target.startsWith(fresh)) {
					throw new GenerationException("Refusing to write outside the output directory: " + file.getKey());
				}
				if (parents.add(target.getParent())) {
					Files.createDirectories(target.getParent());
				}
				Files.write(target, file.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			}
			for (String subdirectory : owned) {
				Path existing = out.resolve(subdirectory);
				if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
					Files.move(existing, replaced.resolve(subdirectory), StandardCopyOption.ATOMIC_MOVE);
				}
				Path made = fresh.resolve(subdirectory);
				if (isEmptyDirectory(made)) {
					continue; // nothing generated for this target: no stale output stays either
				}
				Files.move(made, existing, StandardCopyOption.ATOMIC_MOVE);
			}
		} finally {
			deleteRecursively(temp);
		}
	}

	private static boolean isEmptyDirectory(Path directory) throws IOException {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			return !entries.iterator().hasNext();
		}
	}

	/** Temporary directories of runs that were killed. */
	private static void removeLeftovers(Path out) throws IOException {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(out, TEMP_PREFIX + "*")) {
			for (Path entry : entries) {
				if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
					deleteRecursively(entry);
				}
			}
		}
	}

	/** Deletes a tree without following symbolic links (a link is removed, never what it points to). */
	public static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		Files.walkFileTree(root, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
				if (e != null) {
					throw e;
				}
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}
		});
	}
}

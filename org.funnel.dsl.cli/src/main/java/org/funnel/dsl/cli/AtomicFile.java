package org.funnel.dsl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file by writing its text next to it and renaming it over it: a reader sees the old or the new content,
 * never part of it. A new file gets the permissions any new file gets (the umask's), not the owner-only ones of a
 * temporary file; a file replaced keeps its permissions.
 */
final class AtomicFile {

	private AtomicFile() {
	}

	static void write(Path target, String text) throws IOException {
		Path directory = target.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		Path temp = create(directory, target.getFileName().toString(), text.getBytes(StandardCharsets.UTF_8));
		try {
			PosixFileAttributeView posix = Files.getFileAttributeView(target, PosixFileAttributeView.class);
			if (posix != null && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
				Files.setPosixFilePermissions(temp, posix.readAttributes().permissions());
			}
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		} finally {
			Files.deleteIfExists(temp);
		}
	}

	/** A new file ".NAME.RANDOM.tmp" holding the bytes (Files.createTempFile would make it owner-only). */
	private static Path create(Path directory, String name, byte[] bytes) throws IOException {
		while (true) {
			Path temp = directory.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
					+ ".tmp");
			try {
				Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
				return temp;
			} catch (FileAlreadyExistsException taken) {
				// another name
			}
		}
	}
}

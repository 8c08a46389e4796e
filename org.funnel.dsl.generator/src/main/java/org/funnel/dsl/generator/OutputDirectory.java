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
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

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
			throw new InputException(out + " exists and is not a directory.");
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
		try (Lock lock = Lock.acquire(out)) {
			writeLocked(out, generated, owned);
		}
	}

	/** The swap itself, while this run alone writes to the output directory. */
	private static void writeLocked(Path out, GeneratedFiles generated, TreeSet<String> owned) throws IOException {
		removeLeftovers(out);
		Path temp = Files.createTempDirectory(out, TEMP_PREFIX);
		try {
			// Normalized, as each file's path is below: an --out written with '..' or '.' is still inside.
			Path fresh = temp.resolve("new").normalize();
			Path replaced = temp.resolve("old");
			Files.createDirectory(fresh);
			Files.createDirectory(replaced);
			for (String subdirectory : owned) {
				Files.createDirectory(fresh.resolve(subdirectory));
			}
			Set<Path> parents = new HashSet<>();
			List<Map.Entry<Path, byte[]>> writes = new ArrayList<>();
			for (Map.Entry<String, byte[]> file : generated.files().entrySet()) {
				Path target = fresh.resolve(file.getKey()).normalize();
				if (!target.startsWith(fresh)) {
					throw new GenerationException("Refusing to write outside the output directory: " + file.getKey());
				}
				if (parents.add(target.getParent())) {
					Files.createDirectories(target.getParent());
				}
				writes.add(Map.entry(target, file.getValue()));
			}
			forEach(writes, write -> Files.write(write.getKey(), write.getValue(), StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE));
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

	/**
	 * One run at a time per output directory: two runs at once would each move the other's directories
	 * away, and one would delete the other's temporary directory as a leftover (seen: a target directory
	 * missing after two concurrent runs). A second run waits for the first. The lock is an OS file lock
	 * (released when a process dies, even by SIGKILL) on a file named after the directory's real path in
	 * the system's temporary directory, so nothing is left in the output directory; it is never deleted
	 * (deleting a lock file races with the next run locking it). Where that file cannot be written, runs
	 * are not serialized across processes. Within one JVM, a lock per directory serializes threads.
	 */
	private static final class Lock implements AutoCloseable {

		private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

		private final ReentrantLock inProcess;
		private final FileChannel channel;

		private Lock(ReentrantLock inProcess, FileChannel channel) {
			this.inProcess = inProcess;
			this.channel = channel;
		}

		static Lock acquire(Path out) throws IOException {
			Path real = out.toRealPath();
			ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(real,
					k -> new ReentrantLock());
			inProcess.lock();
			FileChannel channel = null;
			try {
				Path locks = Path.of(System.getProperty("java.io.tmpdir"),
						"funnel-locks-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_"));
				Files.createDirectories(locks);
				channel = FileChannel.open(locks.resolve(hash(real.toString()) + ".lock"),
						StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				channel.lock();
			} catch (IOException e) {
				// Best effort: without a writable temporary directory, only this process's runs are serialized.
				if (channel != null) {
					channel.close();
				}
				channel = null;
			} catch (RuntimeException e) {
				inProcess.unlock();
				throw e;
			}
			return new Lock(inProcess, channel);
		}

		private static String hash(String text) {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256")
						.digest(text.getBytes(StandardCharsets.UTF_8));
				return HexFormat.of().formatHex(digest, 0, 16);
			} catch (NoSuchAlgorithmException e) {
				throw new IllegalStateException(e);
			}
		}

		@Override
		public void close() throws IOException {
			try {
				if (channel != null) {
					channel.close();
				}
			} finally {
				inProcess.unlock();
			}
		}
	}

	/** Deletes a tree without following symbolic links (a link is removed, never what it points to). */
	public static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		List<Path> files = new ArrayList<>();
		List<Path> directories = new ArrayList<>();
		Files.walkFileTree(root, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
				files.add(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
				if (e != null) {
					throw e;
				}
				directories.add(dir); // children before parents
				return FileVisitResult.CONTINUE;
			}
		});
		forEach(files, Files::delete);
		for (Path directory : directories) {
			Files.delete(directory);
		}
	}

	/** Work on many files, done by this many threads at once: creating and deleting files mostly waits on the file system. */
	private static final int IO_THREADS = 4;

	private interface IoAction<T> {
		void run(T item) throws IOException;
	}

	/**
	 * Runs the action on every item; many items on several threads (on some file systems, writing
	 * thousands of small files one after the other took seconds, four at a time a tenth of that).
	 * The first failure is thrown once all have finished.
	 */
	private static <T> void forEach(List<T> items, IoAction<T> action) throws IOException {
		if (items.size() < 64) {
			for (T item : items) {
				action.run(item);
			}
			return;
		}
		ExecutorService pool = Executors.newFixedThreadPool(IO_THREADS, task -> {
			Thread thread = new Thread(task, "funnel-output");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<?>> done = new ArrayList<>();
			int chunk = (items.size() + IO_THREADS - 1) / IO_THREADS;
			for (int from = 0; from < items.size(); from += chunk) {
				List<T> part = items.subList(from, Math.min(items.size(), from + chunk));
				done.add(pool.submit(() -> {
					for (T item : part) {
						action.run(item);
					}
					return null;
				}));
			}
			IOException failure = null;
			for (Future<?> future : done) {
				try {
					future.get();
				} catch (ExecutionException e) {
					if (failure == null) {
						failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
					}
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException("interrupted while writing the output");
				}
			}
			if (failure != null) {
				throw failure;
			}
		} finally {
			pool.shutdownNow();
		}
	}
}

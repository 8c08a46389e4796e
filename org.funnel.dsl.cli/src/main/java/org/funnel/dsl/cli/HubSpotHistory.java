package org.funnel.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.stream.Stream;

import org.funnel.dsl.crm.hubspot.DealHistoryPull;
import org.funnel.dsl.crm.hubspot.HubSpotClient;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.generator.OutputDirectory;

/**
 * {@code funnel fit --hubspot}: the account's deal history read live ({@link DealHistoryPull}) into HubSpot's batch
 * read answers, one file each ({@code batch-read-00001.json}, ...), which the saved-answer reader then reads as it
 * reads them in CI. With {@code --save-history DIR} they are kept there: written into a temporary directory beside it
 * and renamed into place only when the whole read succeeded, so a failed read leaves no half-filled directory.
 * Without, they go to a temporary directory that is removed after the fit.
 */
final class HubSpotHistory implements AutoCloseable {

	private final Path directory;
	private final boolean keep;

	private HubSpotHistory(Path directory, boolean keep) {
		this.directory = directory;
		this.keep = keep;
	}

	/** The directory of the answers, to read with the saved-answer reader. */
	Path directory() {
		return directory;
	}

	/** Refuses a --save-history directory that holds anything, before the account is read. */
	static void checkSaveDirectory(Path save) throws IOException {
		OutputOption.check("--save-history", save);
		if (Files.isDirectory(save)) {
			try (Stream<Path> listing = Files.list(save)) {
				if (listing.findAny().isPresent()) {
					throw new UsageException("--save-history " + save + " is not empty: name a new directory (the answers"
							+ " of one read belong together).");
				}
			}
		}
	}

	/** Reads the account and leaves the answers in a directory: {@code save}, or a temporary one when null. */
	static HubSpotHistory pull(HubSpotClient client, DealHistoryPull.Query query, Path save, PrintWriter err,
			boolean terminal) throws IOException, InterruptedException {
		Path parent = save == null ? null : save.toAbsolutePath().normalize().getParent();
		Path temp = parent == null ? Files.createTempDirectory("funnel-hubspot-history-")
				: Files.createTempDirectory(Files.createDirectories(parent), ".funnel-tmp-history-");
		try {
			Display display = new Display(err, terminal);
			DealHistoryPull.Summary summary = new DealHistoryPull(client, display).pull(query,
					(number, answer) -> Files.writeString(
							temp.resolve(String.format(Locale.ROOT, "batch-read-%05d.json", number)),
							Json.write(answer), StandardOpenOption.CREATE_NEW));
			display.done();
			err.println("funnel: read " + summary.deals() + (summary.deals() == 1 ? " deal" : " deals") + " from HubSpot at "
					+ client.base() + " (" + summary.searches() + (summary.searches() == 1 ? " search, " : " searches, ")
					+ summary.batchReads() + (summary.batchReads() == 1 ? " batch read)" : " batch reads)")
					+ (save == null ? "." : "; saved in " + save + "."));
			if (summary.deals() == 0) {
				// The reader wants at least one answer; an empty one says there were no deals.
				Files.writeString(temp.resolve("batch-read-00001.json"), "{\"status\": \"COMPLETE\", \"results\": []}\n");
			}
			if (save == null) {
				return new HubSpotHistory(temp, false);
			}
			Files.deleteIfExists(save);
			Files.move(temp, save, StandardCopyOption.ATOMIC_MOVE);
			return new HubSpotHistory(save, true);
		} catch (IOException | InterruptedException | RuntimeException e) {
			OutputDirectory.deleteRecursively(temp);
			throw e;
		}
	}

	@Override
	public void close() throws IOException {
		if (!keep) {
			OutputDirectory.deleteRecursively(directory);
		}
	}

	/**
	 * The progress on a terminal: one line, rewritten at most five times a second. Off a terminal (CI logs) nothing until
	 * the final count.
	 */
	private static final class Display implements DealHistoryPull.Listener {
		private final PrintWriter err;
		private final boolean terminal;
		private long shownAt;
		private boolean shown;

		Display(PrintWriter err, boolean terminal) {
			this.err = err;
			this.terminal = terminal;
		}

		@Override
		public void searched(long found, long total) {
			show("found " + found + " of " + total + " deal ids", found == total);
		}

		@Override
		public void read(long read, long total) {
			show("read " + read + " of " + total + " deals with their history", read == total);
		}

		/** {@code complete}: the last figure of a step, always shown. */
		private void show(String line, boolean complete) {
			long now = System.nanoTime();
			if (!terminal || !complete && now - shownAt < 200_000_000L) {
				return;
			}
			shownAt = now;
			shown = true;
			err.print("\rfunnel: HubSpot: " + line + "\u001b[K");
			err.flush();
		}

		void done() {
			if (shown) {
				err.println();
			}
		}
	}
}

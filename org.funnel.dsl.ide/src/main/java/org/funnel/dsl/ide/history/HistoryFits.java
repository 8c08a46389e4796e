package org.funnel.dsl.ide.history;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.eclipse.emf.common.util.URI;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.history.FunnelShape;
import org.funnel.dsl.history.HistoryException;
import org.funnel.dsl.history.fit.FitOptions;
import org.funnel.dsl.history.fit.FunnelFit;
import org.funnel.dsl.history.fit.FunnelFitter;
import org.funnel.dsl.history.read.HistoryInput;
import org.funnel.dsl.model.AnalysisCache;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Funnels fitted to the history their {@code history "path"} names, for hover, code lens and the editor's warnings.
 * Reading and fitting take seconds on a large history, so they run on a thread of their own and a request only
 * takes what is ready: {@link #now} never waits. A fit is kept while the history file (its modification time and
 * size) and what the fit sees of the funnel ({@link FunnelShape}) stay the same; when one is done, the listeners
 * hear it (the language server then asks the client to show code lenses and diagnostics again).
 */
@Singleton
public class HistoryFits {

	/** A fit, or why there is none (the history cannot be read). */
	public record Observed(FunnelFit fit, String problem) {
	}

	/**
	 * What a fit depends on: what is read and how (the history's settings), the modification time and size of each
	 * file read, and the funnel.
	 */
	private record Key(Path history, HistoryInput input, List<Long> stamps, FunnelShape funnel) {
	}

	private final ExecutorService fitting = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "funnel-history-fit");
		thread.setDaemon(true);
		return thread;
	});
	/** A fit being made or made, and the documents that asked for it before it was done. */
	private record Fitting(CompletableFuture<Observed> result, Set<URI> documents) {
	}

	private final Map<Key, Fitting> fits = new ConcurrentHashMap<>();
	/** Each history file or folder asked for, and the documents that named it: who to check again when it changes. */
	private final Map<Path, Set<URI>> users = new ConcurrentHashMap<>();
	private final List<Consumer<Set<URI>>> listeners = new CopyOnWriteArrayList<>();
	private final List<Consumer<Path>> named = new CopyOnWriteArrayList<>();

	@Inject
	private AnalysisCache analyses;

	/** Called (on the fitting thread) whenever a fit is done, with the documents that asked for it meanwhile. */
	public Runnable onFitted(Consumer<Set<URI>> listener) {
		listeners.add(listener);
		// What stops it (an editor that closes).
		return () -> listeners.remove(listener);
	}

	/**
	 * Called for each history file or folder a funnel names, once it is first named (on the thread that checks or reads
	 * the funnel) and for those named before: a language server asks the editor to watch them, and {@link #usersOf}
	 * then tells whom a change concerns.
	 */
	public void onNamed(Consumer<Path> listener) {
		named.add(listener);
		users.keySet().forEach(listener);
	}

	/**
	 * The funnel's fit if it is ready; null while it is being made (this starts it), for a template, or when the funnel
	 * names no history or one that is not there (the language's check says so).
	 */
	public Observed now(Funnel funnel) {
		if (funnel.getHistory() == null || funnel.isTemplate() || funnel.eResource() == null) {
			return null;
		}
		HistoryInput input = HistoryInput.of(funnel);
		if (input != null) {
			// Every file the history is read from (the history, an Opportunity export, aliases): who to check again when
			// one changes, and, the first time a file is named, the listeners that watch it.
			for (Path file : input.files()) {
				Set<URI> documents = users.get(file);
				if (documents == null) {
					Set<URI> first = ConcurrentHashMap.newKeySet();
					documents = users.putIfAbsent(file, first);
					if (documents == null) {
						documents = first;
						named.forEach(listener -> listener.accept(file));
					}
				}
				documents.add(funnel.eResource().getURI());
			}
		}
		Key key = input == null ? null : key(input, funnel);
		if (key == null) {
			return null;
		}
		Fitting fit = fits.get(key);
		if (fit == null) {
			// An older version of the file or of the funnel is not asked for again.
			fits.keySet().removeIf(k -> k.history().equals(key.history()) && k.funnel().name().equals(key.funnel().name()));
			fit = fits.computeIfAbsent(key, k -> start(k));
		}
		if (!fit.result().isDone()) {
			// Added before the result is taken: a fit done in between still names this document.
			fit.documents().add(funnel.eResource().getURI());
		}
		return fit.result().getNow(null);
	}

	/**
	 * The documents whose funnel names this history, or a folder of saved answers holding it: those to check again
	 * when the file changes (their next check sees its new time and size, and fits it again). Empty for any other file.
	 */
	public Set<URI> usersOf(Path changed) {
		Path file = changed.toAbsolutePath().normalize();
		// Two lookups, not a pass over every history named: the file itself, and the folder of answers it may be in.
		Set<URI> documents = new HashSet<>(users.getOrDefault(file, Set.of()));
		if (file.getParent() != null) {
			documents.addAll(users.getOrDefault(file.getParent(), Set.of()));
		}
		return documents;
	}

	private Fitting start(Key key) {
		Fitting fit = new Fitting(CompletableFuture.supplyAsync(() -> fit(key), fitting), ConcurrentHashMap.newKeySet());
		fit.result().thenRun(() -> listeners.forEach(listener -> listener.accept(Set.copyOf(fit.documents()))));
		return fit;
	}

	private Key key(HistoryInput input, Funnel funnel) {
		try {
			List<Long> stamps = new ArrayList<>();
			for (Path file : input.files()) {
				stamp(file, stamps);
			}
			return new Key(input.history(), input, List.copyOf(stamps), FunnelShape.of(analyses.structure(funnel)));
		} catch (IOException e) {
			return null;
		}
	}

	/** A file's modification time and size; of a folder of answers, the latest time and the sum of sizes of its files. */
	private static void stamp(Path history, List<Long> stamps) throws IOException {
		BasicFileAttributes file = Files.readAttributes(history, BasicFileAttributes.class);
		long modified = file.lastModifiedTime().toMillis();
		long size = file.size();
		if (file.isDirectory()) {
			// Saved answers: a file changed inside the folder does not change the folder's time.
			try (DirectoryStream<Path> answers = Files.newDirectoryStream(history)) {
				for (Path answer : answers) {
					BasicFileAttributes each = Files.readAttributes(answer, BasicFileAttributes.class);
					modified = Math.max(modified, each.lastModifiedTime().toMillis());
					size += each.size();
				}
			}
		}
		stamps.add(modified);
		stamps.add(size);
	}

	/** On the fitting thread: only the key's values, no model objects, are used here. */
	private static Observed fit(Key key) {
		try {
			return new Observed(FunnelFitter.fit(key.input().read(key.funnel()), FitOptions.defaults()), null);
		} catch (HistoryException e) {
			return new Observed(null, e.getMessage());
		} catch (RuntimeException e) {
			return new Observed(null, "the history cannot be fitted: " + e);
		}
	}
}

package org.funnel.dsl.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.StringInputStream;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

import com.google.inject.Inject;
import com.google.inject.Provider;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Parses, links and validates many files on several threads: the full build of a command line or
 * a benchmark. Each thread has a resource set of its own and takes the next file when it is done
 * with one, so no EMF object is ever shared between threads; a file that several files import (a
 * channel catalogue) is loaded once per thread, which costs little next to the files themselves.
 * Every named file is validated exactly once, in the thread that took it.
 */
public class ParallelBuild {

	/** A file that went through the build: its resource (null if it could not be read) and its issues. */
	public record FileResult(URI uri, XtextResource resource, List<Issue> issues, RuntimeException failure) {
	}

	/** Every file, in the order given, and the resource sets that hold them (keep them to keep the models). */
	public record Result(List<FileResult> files, List<XtextResourceSet> resourceSets) {
	}

	/** Sets up the resource set of a thread (load options, URI converters) before its first file. */
	public interface ResourceSetConfigurer {
		void configure(XtextResourceSet resourceSet);
	}

	/** Stack size of the build threads: deeply nested input needs more than the default. */
	private static final long STACK_SIZE = 16L << 20;

	/** A small file that goes through every rule and check once, before threads share the language's services. */
	private static final String WARM_UP = """
			import "warm-up-missing.funnel"
			channel WarmUp "Warm up"
			template funnel WarmUpOutcomes { won stage Won "Won" lost stage Lost "Lost" }
			funnel WarmUpFunnel "Warm up" extends WarmUpOutcomes {
			    crm hubspot, salesforce
			    hubspot pipeline "warm-up" for deals
			    salesforce process "Warm up"
			    /** The first stage. */
			    open stage First "First" {
			        probability 40%
			        channels WarmUp, TV
			        entering 10 per month
			        deal value 100 EUR
			        duration 2 days
			        guidance "Call."
			        hubspot id "first"
			        salesforce forecast Pipeline
			        moves to Second 50% via WarmUp
			        moves to Lost 20%
			        moves to Missing 1%
			    }
			    stage Second { probability 0.8 moves to Won 80% moves to First 10% }
			}
			""";

	private static volatile boolean warmedUp;

	@Inject
	private Provider<XtextResourceSet> resourceSets;

	@Inject
	private IResourceValidator validator;

	/**
	 * Builds the files on {@code threads} threads (at most one per file; 1 builds in the calling
	 * thread). Load failures are recorded per file, not thrown.
	 */
	public Result build(List<URI> uris, int threads, ResourceSetConfigurer configurer, CancelIndicator cancel) {
		return build(uris, threads, configurer, cancel, null);
	}

	/**
	 * As {@link #build(List, int, ResourceSetConfigurer, CancelIndicator)}, telling {@code progress}
	 * how many files are done after each one (from the build threads).
	 */
	public Result build(List<URI> uris, int threads, ResourceSetConfigurer configurer, CancelIndicator cancel,
			IntConsumer progress) {
		AtomicInteger done = new AtomicInteger();
		CancelIndicator cancelIndicator = cancel == null ? CancelIndicator.NullImpl : cancel;
		int workers = Math.max(1, Math.min(threads, uris.size()));
		FileResult[] results = new FileResult[uris.size()];
		List<XtextResourceSet> sets = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger next = new AtomicInteger();
		AtomicReference<Throwable> crash = new AtomicReference<>();
		Runnable worker = () -> {
			XtextResourceSet resourceSet = resourceSets.get();
			if (configurer != null) {
				configurer.configure(resourceSet);
			}
			sets.add(resourceSet);
			for (int i = next.getAndIncrement(); i < results.length && crash.get() == null; i = next.getAndIncrement()) {
				if (cancelIndicator.isCanceled()) {
					return;
				}
				results[i] = buildOne(resourceSet, uris.get(i), cancelIndicator);
				if (progress != null) {
					progress.accept(done.incrementAndGet());
				}
			}
		};
		if (workers == 1) {
			worker.run();
		} else {
			warmUp();
			runOnThreads(worker, workers, crash);
		}
		List<FileResult> files = new ArrayList<>(results.length);
		for (FileResult result : results) {
			if (result != null) {
				files.add(result);
			}
		}
		return new Result(Collections.unmodifiableList(files), List.copyOf(sets));
	}

	/** Runs the worker on that many threads of their own (with a large stack) and throws what crashed one. */
	private static void runOnThreads(Runnable worker, int workers, AtomicReference<Throwable> crash) {
		List<Thread> started = new ArrayList<>();
		for (int w = 0; w < workers; w++) {
			Thread thread = new Thread(null, () -> {
				try {
					worker.run();
				} catch (Throwable e) {
					crash.compareAndSet(null, e);
				}
			}, "funnel-build-" + w, STACK_SIZE);
			thread.setDaemon(true);
			thread.start();
			started.add(thread);
		}
		for (Thread thread : started) {
			try {
				thread.join();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while building", e);
			}
		}
		Throwable failure = crash.get();
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		} else if (failure instanceof Error error) {
			throw error;
		} else if (failure != null) {
			throw new IllegalStateException(failure);
		}
	}

	/**
	 * Loads a file into the resource set; a file that cannot be read is taken out of the set again
	 * (a half-loaded resource would be linked against) and the failure thrown.
	 */
	public static XtextResource load(ResourceSet resourceSet, URI uri) {
		try {
			return (XtextResource) resourceSet.getResource(uri, true);
		} catch (RuntimeException e) {
			Resource broken = resourceSet.getResource(uri, false);
			if (broken != null) {
				resourceSet.getResources().remove(broken);
			}
			throw e;
		}
	}

	private FileResult buildOne(XtextResourceSet resourceSet, URI uri, CancelIndicator cancel) {
		XtextResource resource;
		try {
			resource = load(resourceSet, uri);
		} catch (RuntimeException e) {
			return new FileResult(uri, null, List.of(), e);
		}
		List<Issue> issues = validator.validate(resource, CheckMode.ALL, cancel);
		return new FileResult(uri, resource, issues, null);
	}

	/**
	 * Runs one small file through parser, linker and checks in the calling thread before threads
	 * share the language's services, so that whatever EMF and Xtext initialise lazily (feature
	 * lists of the model's classes, value converters, the grammar's caches) is set up once.
	 */
	private void warmUp() {
		if (warmedUp) {
			return;
		}
		synchronized (ParallelBuild.class) {
			if (warmedUp) {
				return;
			}
			XtextResourceSet resourceSet = resourceSets.get();
			// A file name nobody has: the import in it is reported as missing, which is part of the warm-up.
			URI uri = URI.createFileURI(new File(System.getProperty("java.io.tmpdir"),
					"funnel-warm-up-" + ProcessHandle.current().pid() + "/warm-up.funnel").getAbsolutePath());
			Resource resource = resourceSet.createResource(uri);
			try {
				resource.load(new StringInputStream(WARM_UP), null);
				validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			warmedUp = true;
		}
	}
}

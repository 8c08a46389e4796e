package org.funnel.dsl.cli;

import java.util.ArrayList;
import java.util.List;

import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.LogManager;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.funnel.dsl.generator.Diagnostic;

/**
 * Xtext logs through log4j, by default to stdout and with stack traces, which would mix with the
 * command's output. Instead its errors are collected here and reported as one line each; a check
 * that failed inside Xtext makes the run an internal error (its result would be incomplete).
 */
final class LibraryLog extends AppenderSkeleton {

	private static final LibraryLog INSTANCE = new LibraryLog();
	private final List<String> errors = new ArrayList<>();

	private LibraryLog() {
	}

	/** Routes all library logging here (once per process) and forgets earlier errors. */
	static synchronized void install() {
		Logger root = LogManager.getRootLogger();
		if (!root.isAttached(INSTANCE)) {
			LogManager.resetConfiguration();
			root = LogManager.getRootLogger();
			root.setLevel(Level.ERROR);
			root.addAppender(INSTANCE);
		}
		synchronized (INSTANCE.errors) {
			INSTANCE.errors.clear();
		}
	}

	/** The errors logged since {@link #install()}, one line each. */
	static List<String> errors() {
		synchronized (INSTANCE.errors) {
			return List.copyOf(INSTANCE.errors);
		}
	}

	@Override
	protected void append(LoggingEvent event) {
		if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) {
			return;
		}
		String message = event.getRenderedMessage();
		if (event.getThrowableInformation() != null && event.getThrowableInformation().getThrowable() != null) {
			Throwable thrown = event.getThrowableInformation().getThrowable();
			message = (message == null ? "" : message + ": ") + thrown.getClass().getSimpleName()
					+ (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
		}
		synchronized (errors) {
			errors.add(Diagnostic.oneLine(message));
		}
	}

	@Override
	public void close() {
	}

	@Override
	public boolean requiresLayout() {
		return false;
	}
}

package org.funnel.dsl.tests.robustness;

import java.util.ArrayList;
import java.util.List;

import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Xtext catches exceptions thrown by checks, linking and scoping and only logs them (log4j, level
 * ERROR): to a user that is a check that silently did not run. This appender collects them so a test
 * can treat them as the exceptions they are.
 */
final class LogCapture extends AppenderSkeleton {

	private static final LogCapture INSTANCE = new LogCapture();
	private final List<String> errors = new ArrayList<>();

	private LogCapture() {
	}

	static synchronized LogCapture install() {
		Logger root = Logger.getRootLogger();
		if (!root.isAttached(INSTANCE)) {
			root.addAppender(INSTANCE);
		}
		return INSTANCE;
	}

	/** The errors logged since the last call, and forgets them. */
	List<String> take() {
		synchronized (errors) {
			List<String> result = List.copyOf(errors);
			errors.clear();
			return result;
		}
	}

	@Override
	protected void append(LoggingEvent event) {
		if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) {
			return;
		}
		StringBuilder text = new StringBuilder(String.valueOf(event.getRenderedMessage()));
		if (event.getThrowableInformation() != null && event.getThrowableInformation().getThrowable() != null) {
			StringWriter trace = new StringWriter();
			event.getThrowableInformation().getThrowable().printStackTrace(new PrintWriter(trace));
			text.append('\n').append(trace);
		}
		synchronized (errors) {
			errors.add(text.toString());
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

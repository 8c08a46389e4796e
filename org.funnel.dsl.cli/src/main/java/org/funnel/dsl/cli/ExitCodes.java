package org.funnel.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.InputException;

/**
 * The exit codes of every command, decided here: 0 success, 1 problems in the input (errors in a file, files not
 * formatted, ...) or a CRM that refused, 2 wrong usage or an internal error, 3 a plan with changes
 * ({@code plan --detailed-exitcode}); and which of them a failure is.
 */
final class ExitCodes {

	static final int OK = 0;
	static final int PROBLEMS = 1;
	static final int USAGE = 2;
	/** {@code plan --detailed-exitcode}: the plan has changes. */
	static final int CHANGES = 3;

	private ExitCodes() {
	}

	/** 1 when {@code problems}, else {@code OK}. */
	static int problemsIf(boolean problems) {
		return problems ? PROBLEMS : OK;
	}

	/** Reports a failure in one line (never a stack trace) and tells its exit code. */
	static int of(Throwable e, PrintWriter err) {
		if (e instanceof UsageException || e instanceof InputException) {
			err.println("funnel: " + e.getMessage());
			return USAGE;
		}
		if (e instanceof GenerationException) {
			err.println("funnel: error: " + e.getMessage());
			return PROBLEMS;
		}
		if (e instanceof UncheckedIOException || e instanceof IOException) {
			Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
			err.println("funnel: " + describeIo(cause, e.getMessage()));
			return USAGE;
		}
		StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
		err.println("funnel: internal error: " + e.getClass().getSimpleName()
				+ (e.getMessage() == null ? "" : ": " + Diagnostic.oneLine(e.getMessage()))
				+ (where == null ? "" : " (at " + where + ")") + ". Please report this.");
		return USAGE;
	}

	private static String describeIo(Throwable cause, String fallback) {
		if (cause instanceof NoSuchFileException n) {
			return "no such file: " + n.getFile();
		}
		if (cause instanceof AccessDeniedException a) {
			return "permission denied: " + a.getFile();
		}
		if (cause instanceof FileSystemException f) {
			return f.getFile() + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
		}
		return "I/O error: " + (cause != null && cause.getMessage() != null ? cause.getMessage() : fallback);
	}
}

package org.funnel.dsl.installcheck;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** What the checks found, as a properties file the install tests read back. */
final class Results {

	private final Path dir;
	private final Properties values = new Properties();

	Results(Path dir) {
		this.dir = dir;
	}

	Path dir() {
		return dir;
	}

	synchronized void put(String key, String value) {
		values.setProperty(key, value);
	}

	synchronized boolean has(String key) {
		return values.containsKey(key);
	}

	synchronized String get(String key) {
		return values.getProperty(key);
	}

	void failure(Throwable t) {
		StringWriter trace = new StringWriter();
		t.printStackTrace(new PrintWriter(trace));
		put("failure", trace.toString());
	}

	synchronized void save() {
		try {
			Files.createDirectories(dir);
			try (Writer writer = Files.newBufferedWriter(dir.resolve("results.properties"), StandardCharsets.UTF_8)) {
				values.store(writer, null);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

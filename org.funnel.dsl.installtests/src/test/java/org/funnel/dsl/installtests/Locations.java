package org.funnel.dsl.installtests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put what these tests use (set by the pom). */
final class Locations {

	private Locations() {
	}

	static Path path(String property) {
		String value = System.getProperty(property);
		if (value == null) {
			throw new IllegalStateException("system property " + property + " not set: run these tests through Maven");
		}
		return Path.of(value).toAbsolutePath().normalize();
	}

	static Path existing(String property) {
		Path path = path(property);
		if (!Files.exists(path)) {
			throw new IllegalStateException(path + " (" + property + ") does not exist: build the reactor first");
		}
		return path;
	}

	/** The qualifier this build gave every bundle and feature. */
	static String qualifier() {
		return System.getProperty("funnel.qualifier");
	}
}

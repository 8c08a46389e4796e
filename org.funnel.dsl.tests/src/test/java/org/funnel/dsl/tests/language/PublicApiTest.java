package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The project's own code uses Xtext's, EMF's and the Eclipse Platform's public API only: their internal packages
 * change without notice between releases, and an upgrade should not break the build. Where Xtext has no public
 * hook, docs/xtext-overrides.md says what the project does instead.
 */
class PublicApiTest {

	private static final Pattern INTERNAL_IMPORT = Pattern.compile(
			"^import\\s+(static\\s+)?org\\.eclipse\\.[\\w.]*\\.internal\\.",
			Pattern.MULTILINE);

	@Test
	void noSourceImportsAnInternalPackageOfEclipse() throws IOException {
		List<String> found = new ArrayList<>();
		List<Path> sources = new ArrayList<>();
		try (Stream<Path> modules = Files.list(Path.of(""))) {
			// each module's written sources, main and test (generated ones live beside src, in src-gen and xtend-gen)
			modules.map(module -> module.resolve("src")).filter(Files::isDirectory).sorted().forEach(sources::add);
		}
		int files = 0;
		for (Path root : sources) {
			try (Stream<Path> walk = Files.walk(root)) {
				for (Path file : walk.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".xtend")).toList()) {
					files++;
					var imports = INTERNAL_IMPORT.matcher(Files.readString(file));
					while (imports.find()) {
						found.add(file + ": " + imports.group());
					}
				}
			}
		}
		assertThat(files).as("source files read").isGreaterThan(100);
		assertThat(found).as("imports of internal packages").isEmpty();
	}
}

package org.funnel.dsl.tests.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles generated Java sources with the JDK's compiler (javax.tools) and loads the classes. */
final class JavaCompiler {

	private JavaCompiler() {
	}

	/** Compiles the sources (file name -> text) with -Xlint:all -Werror and returns a loader for them. */
	static ClassLoader compile(Path workDirectory, Map<String, String> sources) {
		try {
			Path src = Files.createDirectories(workDirectory.resolve("src"));
			Path classes = Files.createDirectories(workDirectory.resolve("classes"));
			List<Path> files = new ArrayList<>();
			for (Map.Entry<String, String> source : sources.entrySet()) {
				Path file = src.resolve(source.getKey());
				Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
				files.add(file);
			}
			javax.tools.JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
			assertThat(compiler).as("a JDK (not a JRE) runs the tests").isNotNull();
			DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
			try (StandardJavaFileManager manager = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
				StringWriter output = new StringWriter();
				// Generated code must compile cleanly, on the oldest JDK the header promises (17).
				boolean ok = compiler.getTask(output, manager, diagnostics,
						List.of("-d", classes.toString(), "--release", "17", "-Xlint:all", "-Werror", "-encoding", "US-ASCII"),
						null, manager.getJavaFileObjectsFromPaths(files)).call();
				assertThat(ok).as("javac: " + diagnostics.getDiagnostics() + output).isTrue();
			}
			return new URLClassLoader(new URL[] { classes.toUri().toURL() }, JavaCompiler.class.getClassLoader());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

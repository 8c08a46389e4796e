package org.funnel.dsl.testing;

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
public final class JavaCompiler {

	private JavaCompiler() {
	}

	/**
	 * Compiles the sources (file name -> text) with -Xlint:all -Werror and returns a loader for them; an
	 * {@link AssertionError} with javac's messages and the sources when they do not compile.
	 */
	public static ClassLoader compile(Path workDirectory, Map<String, String> sources) {
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
			if (compiler == null) {
				throw new AssertionError("a JDK (not a JRE) must run the tests: javax.tools has no compiler");
			}
			DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
			try (StandardJavaFileManager manager = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
				StringWriter output = new StringWriter();
				// Generated code must compile cleanly, on the oldest JDK the header promises (17).
				boolean ok = compiler.getTask(output, manager, diagnostics,
						List.of("-d", classes.toString(), "--release", "17", "-Xlint:all", "-Werror", "-encoding", "US-ASCII",
								"-proc:none"),
						null, manager.getJavaFileObjectsFromPaths(files)).call();
				if (!ok) {
					throw new AssertionError("generated Java does not compile: " + diagnostics.getDiagnostics() + output
							+ "\n" + String.join("\n----\n", sources.values()));
				}
			}
			return new URLClassLoader(new URL[] { classes.toUri().toURL() }, JavaCompiler.class.getClassLoader());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

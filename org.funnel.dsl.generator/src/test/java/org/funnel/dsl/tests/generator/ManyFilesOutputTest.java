package org.funnel.dsl.tests.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.OutputDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thousands of files are written (and old output deleted) several at a time, with the same result. */
class ManyFilesOutputTest {

	@TempDir
	Path out;

	private static GeneratedFiles files(String version, int count) {
		GeneratedFiles files = new GeneratedFiles();
		for (int i = 0; i < count; i++) {
			files.add("report/sub" + (i % 7) + "/f" + i + ".md", version + " " + i + "\n", "funnel F" + i);
		}
		files.add("mermaid/one.mmd", version, "funnel One");
		return files;
	}

	private static List<Path> tree(Path root) throws Exception {
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter(Files::isRegularFile).sorted().toList();
		}
	}

	@Test
	void manyFilesWrittenAndReplaced() throws Exception {
		OutputDirectory.write(out, files("first", 1500), List.of("report", "mermaid"));
		assertThat(tree(out)).hasSize(1501);
		assertThat(Files.readString(out.resolve("report/sub6/f1000.md"), StandardCharsets.UTF_8)).isEqualTo("first 1000\n");

		// The next run replaces the directories it owns as a whole: no file of the first run is left.
		OutputDirectory.write(out, files("second", 900), List.of("report", "mermaid"));
		List<Path> second = tree(out);
		assertThat(second).hasSize(901);
		assertThat(out.resolve("report/sub6/f1000.md")).doesNotExist();
		for (Path file : second) {
			assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("second");
		}
		try (Stream<Path> entries = Files.list(out)) {
			assertThat(entries.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("mermaid", "report");
		}
	}

	@Test
	void deletingALargeTree() throws Exception {
		Path root = out.resolve("big");
		for (int i = 0; i < 700; i++) {
			Path file = root.resolve("d" + (i % 13)).resolve("e" + (i % 3)).resolve("f" + i);
			Files.createDirectories(file.getParent());
			Files.writeString(file, "x");
		}
		OutputDirectory.deleteRecursively(root);
		assertThat(root).doesNotExist();
	}
}

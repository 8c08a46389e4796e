package org.funnel.dsl.tests.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.generator.targets.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Many files are built on all cores (a resource set per thread); the diagnostics and the generated
 * files are those of files loaded a few at a time into one resource set.
 */
class ParallelWorkspaceTest {

	@TempDir
	Path dir;

	private List<String> write(int count, boolean errors) throws IOException {
		Files.createDirectories(dir.resolve("shared"));
		// The shared file has a problem of its own: it must be reported once, though every thread loads it.
		Files.writeString(dir.resolve("shared/outcomes.funnel"), """
				channel Webinar
				channel Webinar
				template funnel Outcomes { won stage Won "Won" lost stage Lost "Lost" }
				""");
		List<String> paths = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Path file = dir.resolve("f" + (100 + i) + ".funnel");
			String problem = !errors ? "" : i % 3 == 0 ? "moves to Wonn 5%" : i % 3 == 1 ? "channels Webinr" : "probability 140%";
			Files.writeString(file, """
					import "shared/outcomes.funnel"
					funnel F$i "Funnel $i" extends Outcomes {
					    crm salesforce
					    stage A$i "Start $i" {
					        $problem
					        moves to B$i 50% via Webinar
					        moves to Lost 10%
					    }
					    stage B$i "Middle $i" { moves to Won 40% moves to Lost 60% }
					}
					""".replace("$i", Integer.toString(i)).replace("$problem", problem));
			paths.add(file.toString());
		}
		return paths;
	}

	@Test
	void sameDiagnosticsAsFilesLoadedAFewAtATime() throws IOException {
		List<String> paths = write(40, true);
		List<Diagnostic> parallel = new FunnelWorkspace(Progress.NONE).load(SourceFile.collect(paths)).validate();
		Set<String> expected = new LinkedHashSet<>();
		for (int from = 0; from < paths.size(); from += 10) {
			List<SourceFile> chunk = SourceFile.collect(paths.subList(from, from + 10));
			new FunnelWorkspace(Progress.NONE).load(chunk).validate().forEach(d -> expected.add(d.toText()));
		}
		assertThat(parallel).extracting(Diagnostic::toText).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(expected);
		assertThat(parallel).filteredOn(d -> d.path().endsWith("outcomes.funnel")).hasSize(1);
		assertThat(parallel).filteredOn(Diagnostic::isError).hasSize(41);
	}

	private static Map<String, String> texts(GeneratedFiles files) {
		Map<String, String> texts = new TreeMap<>();
		files.files().forEach((path, bytes) -> texts.put(path, new String(bytes, StandardCharsets.UTF_8)));
		return texts;
	}

	@Test
	void sameGeneratedFiles() throws IOException {
		List<String> paths = write(32, false);
		FunnelWorkspace parallel = new FunnelWorkspace(Progress.NONE).load(SourceFile.collect(paths));
		assertThat(parallel.validate()).filteredOn(Diagnostic::isError).hasSize(1); // the shared file's duplicate
		Set<Target> all = Target.expand(List.of(Target.all));
		GeneratedFiles fromParallel = Target.generate(parallel.funnels(), all, parallel.analyses());
		List<FunnelWorkspace.Unit> units = new ArrayList<>();
		for (int from = 0; from < paths.size(); from += 8) {
			FunnelWorkspace chunk = new FunnelWorkspace(Progress.NONE).load(SourceFile.collect(paths.subList(from, from + 8)));
			chunk.validate();
			units.addAll(chunk.funnels());
		}
		GeneratedFiles together = Target.generate(units, all, parallel.analyses());
		assertThat(texts(fromParallel)).isNotEmpty().isEqualTo(texts(together));
		assertThat(parallel.funnels()).hasSize(32);
	}
}

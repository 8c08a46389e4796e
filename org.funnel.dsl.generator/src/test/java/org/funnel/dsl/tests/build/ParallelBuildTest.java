package org.funnel.dsl.tests.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.generator.ParallelBuild;
import org.funnel.dsl.tests.FunnelInjectorProvider;
import org.funnel.dsl.tests.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.Injector;

/** The parallel build reports for every file what a build of the files one by one reports, in order. */
class ParallelBuildTest {

	@TempDir
	Path dir;

	private final Injector injector = new FunnelInjectorProvider().getInjector();

	private List<Path> writeFiles(int count) throws IOException {
		Files.writeString(dir.resolve("shared.funnel"), """
				channel Webinar
				template funnel Outcomes { won stage Won lost stage Lost }
				""");
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Path file = dir.resolve("f" + i + ".funnel");
			String error = i % 3 == 0 ? "moves to Wonn 5%" : i % 3 == 1 ? "channels Webinr" : "probability 140%";
			Files.writeString(file, """
					import "shared.funnel"
					funnel F$i extends Outcomes {
					    stage A {
					        $error
					        moves to B 50% via Webinar
					    }
					    stage B { moves to Won 40% moves to Lost 60% }
					}
					""".replace("$i", Integer.toString(i)).replace("$error", error));
			files.add(file);
		}
		return files;
	}

	private static String describe(List<Issue> issues) {
		return issues.stream().map(i -> i.getLineNumber() + ":" + i.getCode() + ":" + i.getMessage()).toList().toString();
	}

	@Test
	void sameIssuesAsOneFileAfterAnother() throws IOException {
		List<Path> files = writeFiles(12);
		List<URI> uris = files.stream().map(f -> URI.createFileURI(f.toAbsolutePath().toString())).toList();
		ParallelBuild.Result result = injector.getInstance(ParallelBuild.class).build(uris, 3, null, null);
		assertThat(result.files()).extracting(ParallelBuild.FileResult::uri).containsExactlyElementsOf(uris);
		assertThat(result.resourceSets()).hasSize(3);
		Workspace sequential = new Workspace(injector);
		for (int i = 0; i < files.size(); i++) {
			ParallelBuild.FileResult file = result.files().get(i);
			assertThat(file.failure()).isNull();
			assertThat(file.issues()).isNotEmpty();
			assertThat(describe(file.issues())).isEqualTo(describe(sequential.validate(sequential.load(files.get(i)))));
		}
	}

	@Test
	void aFileThatCannotBeReadIsReportedNotThrown() throws IOException {
		List<Path> files = writeFiles(2);
		List<URI> uris = new ArrayList<>(files.stream().map(f -> URI.createFileURI(f.toString())).toList());
		uris.add(1, URI.createFileURI(dir.resolve("missing.funnel").toString()));
		ParallelBuild.Result result = injector.getInstance(ParallelBuild.class).build(uris, 2, null, null);
		assertThat(result.files()).hasSize(3);
		assertThat(result.files().get(1).failure()).isNotNull();
		assertThat(result.files().get(1).resource()).isNull();
		assertThat(result.files().get(0).issues()).isNotEmpty();
		assertThat(result.files().get(2).issues()).isNotEmpty();
	}

	@Test
	void oneThreadBuildsInTheCallingThread() throws IOException {
		List<Path> files = writeFiles(3);
		List<URI> uris = files.stream().map(f -> URI.createFileURI(f.toString())).toList();
		ParallelBuild.Result result = injector.getInstance(ParallelBuild.class).build(uris, 1,
				set -> set.getLoadOptions().put("configured", Boolean.TRUE), null);
		assertThat(result.resourceSets()).hasSize(1);
		assertThat(result.resourceSets().get(0).getLoadOptions()).containsEntry("configured", Boolean.TRUE);
		assertThat(result.files()).allSatisfy(file -> assertThat(file.resource().getResourceSet())
				.isSameAs(result.resourceSets().get(0)));
	}
}

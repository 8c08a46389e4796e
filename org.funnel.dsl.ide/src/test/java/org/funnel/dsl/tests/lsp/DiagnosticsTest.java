package org.funnel.dsl.tests.lsp;

import org.funnel.dsl.tests.lsp.LanguageServers.Server;
import org.funnel.dsl.testing.lsp.LanguageServerConnection;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/** Problems appear as the user types, disappear when fixed, and follow changes on disk. */
class DiagnosticsTest extends LanguageServerTestBase {

	/** The smoke test of the real jar, started as an editor starts it; the other classes use the server in-process. */
	@Override
	protected boolean realJar() {
		return true;
	}

	static final String TRIAL = """
			funnel Trial "Free trial" {
			    stage SignUp "Sign-up" {
			        probability 20%
			        moves to Activatd 50%
			    }
			    stage Activated "Activated" {
			        probability 50%
			        moves to Paid 50%
			    }
			    won stage Paid "Paid"
			}
			""";

	@Test
	void aBrokenDocumentGetsAnErrorThatGoesAwayWhenFixed() throws Exception {
		String uri = uri("trial.funnel");
		List<Diagnostic> broken = open(uri, TRIAL);
		// The broken reference is the one error; the funnel's numbers are off too while it is broken.
		List<Diagnostic> errors = broken.stream().filter(d -> d.getSeverity() == DiagnosticSeverity.Error).toList();
		assertThat(errors).as(messages(broken)).hasSize(1);
		Diagnostic error = errors.get(0);
		assertThat(error.getCode().getLeft()).isEqualTo("unresolved-reference");
		assertThat(message(error)).isEqualTo(
				"No stage named 'Activatd' in this funnel or the funnels it extends. Did you mean 'Activated'?");
		assertThat(Texts.substring(TRIAL, error.getRange())).isEqualTo("Activatd");

		String fixed = TRIAL.replace("Activatd", "Activated");
		long start = System.nanoTime();
		server.change(uri, 2, fixed);
		List<Diagnostic> clean = server.client().awaitDiagnostics(uri, List::isEmpty, TIMEOUT);
		long millis = (System.nanoTime() - start) / 1_000_000;
		Latencies.record("diagnostics after an edit", millis);
		assertThat(clean).isEmpty();
	}

	@Test
	void typingAWarningIntoTheFileReportsItWhereItIs() throws Exception {
		String uri = uri("typing.funnel");
		String fixed = TRIAL.replace("Activatd", "Activated");
		assertThat(open(uri, fixed)).isEmpty();
		// Type "9" in front of SignUp's "20%", an incremental change as VS Code sends it: 920% is out of range.
		Position typed = Texts.after(fixed, "probability ");
		server.change(uri, 2, new TextDocumentContentChangeEvent(new Range(typed, typed), "9"));
		List<Diagnostic> diagnostics = server.client().awaitDiagnostics(uri, d -> !d.isEmpty(), TIMEOUT);
		Diagnostic outOfRange = diagnostics.stream()
				.filter(d -> d.getCode().getLeft().equals("probability-out-of-range")).findFirst().orElseThrow();
		assertThat(message(outOfRange)).isEqualTo("Probability 920% is more than 100%. Use a value from 0% to 100%.");
		assertThat(Texts.substring(fixed.replace("probability 20%", "probability 920%"), outOfRange.getRange()))
				.isEqualTo("920");
	}

	@Test
	void anEditInOneDocumentIsSeenByTheDocumentsThatUseIt() throws Exception {
		String channels = uri("edited/channels.funnel");
		String campaign = uri("edited/campaign.funnel");
		open(channels, "channel Podcast \"Podcast\"\n");
		String campaignText = """
				import "channels.funnel"
				funnel Campaign {
				    stage Listen {
				        probability 10%
				        channels Podcast
				        moves to Bought 10%
				    }
				    won stage Bought
				}
				""";
		assertThat(open(campaign, campaignText)).isEmpty();
		server.change(channels, 2, "channel Podcasts \"Podcast\"\n");
		List<Diagnostic> diagnostics = server.client().awaitDiagnostics(campaign, d -> !d.isEmpty(), TIMEOUT);
		assertThat(message(diagnostics.get(0))).startsWith("No channel named 'Podcast'");
	}

	@Test
	void aFileChangedOnDiskIsSeen() throws Exception {
		Path folder = Files.createDirectories(workspace.resolve("disk"));
		Path channels = folder.resolve("channels.funnel");
		Files.writeString(channels, "channel Seo \"SEO\"\n");
		workspaceService().didChangeWatchedFiles(
				new DidChangeWatchedFilesParams(List.of(new FileEvent(uri("disk/channels.funnel"), FileChangeType.Created))));
		String campaign = uri("disk/campaign.funnel");
		String campaignText = """
				import "channels.funnel"
				funnel Campaign {
				    stage Listen {
				        probability 10%
				        channels Seo, Podcast
				        moves to Bought 10%
				    }
				    won stage Bought
				}
				""";
		List<Diagnostic> before = open(campaign, campaignText);
		assertThat(before).extracting(LanguageServerTestBase::message).anyMatch(m -> m.startsWith("No channel named 'Podcast'"));

		Files.writeString(channels, "channel Seo \"SEO\"\nchannel Podcast \"Podcast\"\n");
		workspaceService().didChangeWatchedFiles(
				new DidChangeWatchedFilesParams(List.of(new FileEvent(uri("disk/channels.funnel"), FileChangeType.Changed))));
		assertThat(server.client().awaitDiagnostics(campaign, List::isEmpty, TIMEOUT)).isEmpty();

		// A file that is not open in the editor is checked too when it appears on disk.
		Files.writeString(folder.resolve("closed.funnel"), "funnel Unopened { stage A { moves to Nowhere 10% } }\n");
		workspaceService().didChangeWatchedFiles(
				new DidChangeWatchedFilesParams(List.of(new FileEvent(uri("disk/closed.funnel"), FileChangeType.Created))));
		List<Diagnostic> closed = server.client().awaitDiagnostics(uri("disk/closed.funnel"), d -> !d.isEmpty(), TIMEOUT);
		assertThat(closed).extracting(LanguageServerTestBase::message).anyMatch(m -> m.startsWith("No stage named 'Nowhere'"));
	}

	@Test
	void theExamplesAreCheckedWhenTheWorkspaceOpens() throws Exception {
		List<Diagnostic> b2b = server.client().awaitDiagnostics(uri("b2b.funnel"), d -> true, TIMEOUT);
		assertThat(b2b).as(messages(b2b)).noneMatch(d -> d.getSeverity() == DiagnosticSeverity.Error);
	}

	@Test
	void aClientWithoutWorkspaceGetsDiagnosticsForLooseFiles() throws Exception {
		try (LanguageServerConnection<Server> loose = LanguageServers.jar()) {
			InitializeResult result = loose.initialize(null);
			assertThat(result.getCapabilities().getCompletionProvider()).isNotNull();
			Path folder = Files.createDirectories(workspace.resolve("loose"));
			Files.writeString(folder.resolve("channels.funnel"), "channel Podcast\n");
			String uri = LanguageServerConnection.uri(folder.resolve("loose.funnel"));
			loose.open(uri, """
					import "channels.funnel"
					funnel Loose {
					    stage Listen {
					        probability 10%
					        channels Podcast
					        moves to Bougt 10%
					    }
					    won stage Bought
					}
					""");
			List<Diagnostic> diagnostics = loose.client().awaitDiagnostics(uri, d -> !d.isEmpty(), TIMEOUT);
			assertThat(diagnostics).extracting(LanguageServerTestBase::message)
					.contains("No stage named 'Bougt' in this funnel or the funnels it extends. Did you mean 'Bought'?");
		}
	}
}

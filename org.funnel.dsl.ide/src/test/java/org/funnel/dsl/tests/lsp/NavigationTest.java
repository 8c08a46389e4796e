package org.funnel.dsl.tests.lsp;

import org.funnel.dsl.tests.lsp.LanguageServers.Server;
import org.funnel.dsl.testing.lsp.LanguageServerConnection;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Go to definition, find references and rename, within a file and across the files of a workspace. */
class NavigationTest extends LanguageServerTestBase {

	private List<? extends Location> definition(String uri, String text, String marker, int shift) throws Exception {
		Either<List<? extends Location>, List<? extends LocationLink>> result = documents()
				.definition(new DefinitionParams(document(uri), Texts.at(text, marker, shift))).get(30, TimeUnit.SECONDS);
		return result.getLeft();
	}

	@Test
	void definitionOfATransitionTargetIsTheStage() throws Exception {
		String uri = uri("aida.funnel");
		String text = read(workspace.resolve("aida.funnel"));
		open(uri, text);
		List<? extends Location> locations = definition(uri, text, "moves to Desire", 10);
		assertThat(locations).hasSize(1);
		assertThat(locations.get(0).getUri()).isEqualTo(uri);
		assertThat(Texts.substring(text, locations.get(0).getRange())).isEqualTo("Desire");
		assertThat(locations.get(0).getRange().getStart()).isEqualTo(Texts.at(text, "stage Desire", 6));
	}

	@Test
	void definitionOfAnImportedChannelIsInTheOtherFile() throws Exception {
		String uri = uri("b2b.funnel");
		String text = read(workspace.resolve("b2b.funnel"));
		open(uri, text);
		List<? extends Location> locations = definition(uri, text, "Referral, LinkedInAds", 1);
		assertThat(locations).hasSize(1);
		String channels = uri("shared/channels.funnel");
		assertThat(locations.get(0).getUri()).isEqualTo(channels);
		assertThat(Texts.substring(read(workspace.resolve("shared/channels.funnel")), locations.get(0).getRange()))
				.isEqualTo("Referral");
	}

	@Test
	void aBuiltInChannelHasNoFileToGoTo() throws Exception {
		// Clients that cannot show the built-in library get no location rather than one they cannot open.
		String uri = uri("media.funnel");
		String text = read(workspace.resolve("media.funnel"));
		open(uri, text);
		assertThat(definition(uri, text, "OOH, TV", 5)).isEmpty();
	}

	@Test
	void aClientThatShowsTheBuiltInLibraryGetsItsLocation() throws Exception {
		try (LanguageServerConnection<Server> vscodeLike = LanguageServers.jar()) {
			vscodeLike.initialize(workspace, Map.of("builtinChannelLocations", true));
			String uri = uri("media.funnel");
			String text = read(workspace.resolve("media.funnel"));
			vscodeLike.open(uri, text);
			vscodeLike.client().awaitDiagnostics(uri, d -> true, TIMEOUT);
			List<? extends Location> locations = vscodeLike.server().getTextDocumentService()
					.definition(new DefinitionParams(document(uri), Texts.at(text, "OOH, TV", 5))).get(30, TimeUnit.SECONDS)
					.getLeft();
			assertThat(locations).hasSize(1);
			assertThat(locations.get(0).getUri()).isEqualTo("funnel:/builtin/builtin-channels.funnel");
			String library = new String(getClass().getResourceAsStream("/org/funnel/dsl/library/builtin-channels.funnel")
					.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(Texts.substring(library, locations.get(0).getRange())).isEqualTo("TV");
		}
	}

	@Test
	void referencesOfAnInheritedStageAreFoundInEveryFile() throws Exception {
		String outcomes = uri("shared/outcomes.funnel");
		String text = read(workspace.resolve("shared/outcomes.funnel"));
		open(outcomes, text);
		List<? extends Location> references = documents()
				.references(new ReferenceParams(document(outcomes), Texts.at(text, "ClosedLost", 2), new ReferenceContext(false)))
				.get(30, TimeUnit.SECONDS);
		assertThat(references).extracting(Location::getUri).contains(uri("b2b.funnel")).doesNotContain(outcomes);
		String b2b = read(workspace.resolve("b2b.funnel"));
		for (Location reference : references) {
			if (reference.getUri().equals(uri("b2b.funnel"))) {
				assertThat(Texts.substring(b2b, reference.getRange())).isEqualTo("ClosedLost");
			}
		}
	}

	@Test
	void renamingAStageChangesItsUsesInOtherFiles() throws Exception {
		String outcomes = uri("shared/outcomes.funnel");
		String text = read(workspace.resolve("shared/outcomes.funnel"));
		open(outcomes, text);
		var prepared = documents().prepareRename(new PrepareRenameParams(document(outcomes), Texts.at(text, "ClosedWon", 3)))
				.get(30, TimeUnit.SECONDS);
		assertThat(Texts.substring(text, prepared.getFirst())).isEqualTo("ClosedWon");

		WorkspaceEdit edit = documents().rename(new RenameParams(document(outcomes), Texts.at(text, "ClosedWon", 3), "Signed"))
				.get(30, TimeUnit.SECONDS);
		assertThat(Texts.documents(edit)).contains(outcomes, uri("b2b.funnel"));
		assertThat(Texts.apply(text, Texts.edits(edit, outcomes))).contains("won stage Signed \"Closed Won\"")
				.doesNotContain("ClosedWon");
		String b2b = read(workspace.resolve("b2b.funnel"));
		String renamed = Texts.apply(b2b, Texts.edits(edit, uri("b2b.funnel")));
		assertThat(renamed).contains("moves to Signed").doesNotContain("ClosedWon");
	}

	@Test
	void builtInChannelsCannotBeRenamed() throws Exception {
		String uri = uri("media.funnel");
		String text = read(workspace.resolve("media.funnel"));
		open(uri, text);
		var prepared = documents().prepareRename(new PrepareRenameParams(document(uri), Texts.at(text, "OOH, TV", 5)))
				.get(30, TimeUnit.SECONDS);
		assertThat(prepared).isNull();
	}
}

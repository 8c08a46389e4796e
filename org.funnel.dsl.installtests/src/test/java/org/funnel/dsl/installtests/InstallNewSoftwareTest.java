package org.funnel.dsl.installtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The update site installed through Help > Install New Software, page by page, into a bare Eclipse
 * Platform, the way docs/eclipse.md shows it: its pictures of each step come from this test
 * ({@code target/screenshots/install-wizard/}).
 */
class InstallNewSoftwareTest {

	@Test
	void installsThroughTheWizardAndTheEditorWorksAfterTheRestart() throws Exception {
		String qualifier = Locations.qualifier();
		InstalledEclipse eclipse = InstalledEclipse.copyOf(Locations.existing("funnel.platform"), "install-wizard");
		// Only the check bundle: the Funnel feature comes through the wizard.
		eclipse.director(List.of(Locations.existing("funnel.installcheck.site")), List.of("org.funnel.dsl.installcheck"));

		InstalledEclipse.Launch wizard = eclipse.launch("install-wizard", "wizard",
				Map.of("funnel.installcheck.update.site", Locations.existing("funnel.site").toUri().toString()));
		// Restart Now: p2 asks the launcher to start Eclipse again (exit code 24, relaunch).
		wizard.assertCompleted(24);
		assertThat(wizard.get("wizard.windows")).endsWith("Install | Add Repository | Trust Artifacts | Software Updates");
		Path pictures = Locations.path("funnel.screenshots").resolve("install-wizard");
		for (String step : List.of("1-add-site", "2-select-feature", "3-install-details", "4-licence", "5-trust",
				"6-trust-unsigned", "7-restart")) {
			assertThat(pictures.resolve(step + ".png")).isNotEmptyFile();
		}

		InstalledEclipse.Launch restarted = eclipse.launch("after-install-wizard", "editor,bundles", Map.of());
		restarted.assertCompleted(0);
		assertThat(restarted.get("editor.bundle")).isEqualTo("org.funnel.dsl.ui 1.0.0." + qualifier);
		assertThat(restarted.get("completion").split(" \\| ")).contains("ClosedWon", "ClosedLost");
		assertThat(restarted.get("marker")).startsWith("line 3: ");
	}
}

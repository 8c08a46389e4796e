package org.funnel.dsl.installtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The update site installed the way a user does, into a bare Eclipse Platform that has no Funnel
 * bundles (materialized from Central's bundles, like the target platform), with that Eclipse's own p2
 * director; then that Eclipse launched and checked through its installed bundles; then updated, with
 * p2's update operation, to a second build of the site with a newer qualifier. One installation serves
 * both tests, in order: the update starts from what the install left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallAndUpdateTest {

	private static final String FEATURE = "org.funnel.dsl.feature.feature.group";
	private static final List<String> STAGES = List.of("AppointmentScheduled", "QualifiedToBuy",
			"PresentationScheduled", "DecisionMakerBoughtIn", "ContractSent", "ClosedWon", "ClosedLost");

	private final String qualifier = Locations.qualifier();
	private InstalledEclipse eclipse;

	@BeforeAll
	void copyTheBarePlatform() throws Exception {
		eclipse = InstalledEclipse.copyOf(Locations.existing("funnel.platform"), "install-and-update");
		assertThat(eclipse.plugins()).as("the bare platform has no Funnel bundle")
				.noneMatch(name -> name.startsWith("org.funnel.dsl"))
				.anyMatch(name -> name.startsWith("org.eclipse.ui.ide.application_"))
				.anyMatch(name -> name.startsWith("org.eclipse.equinox.p2.ui.sdk_"));
	}

	@Test
	@Order(1)
	void installsFromTheUpdateSiteWithTheDirectorAndEditsFunnels() throws Exception {
		String director = eclipse.director(
				List.of(Locations.existing("funnel.site"), Locations.existing("funnel.installcheck.site")),
				List.of(FEATURE, "org.funnel.dsl.installcheck"));
		assertThat(director).contains("Installing " + FEATURE + " 1.0.0." + qualifier);
		assertThat(eclipse.plugins()).contains("org.funnel.dsl.ui_1.0.0." + qualifier + ".jar",
				"org.funnel.dsl_1.0.0." + qualifier + ".jar", "org.funnel.dsl.ide_1.0.0." + qualifier + ".jar");

		InstalledEclipse.Launch launch = eclipse.launch("installed", "editor,bundles", Map.of());
		launch.assertCompleted(0);
		// The editor Eclipse picks for .funnel is the installed Funnel editor.
		assertThat(launch.get("editor.id")).isEqualTo("org.funnel.dsl.ui.editor");
		assertThat(launch.get("editor.bundle")).isEqualTo("org.funnel.dsl.ui 1.0.0." + qualifier);
		// Colouring: keywords and a reference to the won stage in the language's colours, not the default.
		assertThat(launch.get("colour.keyword")).isEqualTo("RGB {127, 0, 85}").isNotEqualTo(launch.get("colour.default"));
		assertThat(launch.get("colour.wonStageReference")).isEqualTo("RGB {0, 128, 0}");
		// Completion after 'moves to' proposes the funnel's stages.
		assertThat(launch.get("completion").split(" \\| ")).contains(STAGES.toArray(String[]::new));
		// The outline lists the funnel and its stages.
		assertThat(launch.get("outline")).contains("DealPipeline").contains(STAGES);
		// The broken third line gets a marker (Problems view) and an annotation in the editor.
		assertThat(launch.get("marker")).startsWith("line 3: ").contains("Nowhere").contains("(org.funnel.dsl.ui.problem)");
		assertThat(launch.get("annotation")).startsWith("line 3: ").contains("Nowhere");
		assertThat(launch.get("bundle.org.funnel.dsl.ui")).isEqualTo("1.0.0." + qualifier + " ACTIVE");
		assertThat(launch.get("wiring.org.funnel.dsl.ui"))
				.isEqualTo("org.funnel.dsl 1.0.0." + qualifier + ", org.funnel.dsl.ide 1.0.0." + qualifier);
	}

	@Test
	@Order(2)
	void updatesToASecondBuildWithANewerQualifier() throws Exception {
		String newer = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
		assertThat(newer).as("a qualifier later than this build's").isGreaterThan(qualifier);
		Path secondSite = SecondBuild.updateSite(newer);
		assertOurBundlesCarry(Locations.existing("funnel.site"), qualifier);
		assertOurBundlesCarry(secondSite, newer);

		InstalledEclipse.Launch update = eclipse.launch("update", "bundles,update",
				Map.of("funnel.installcheck.update.site", secondSite.toUri().toString()));
		// p2 restarts Eclipse after an update (exit code 23, which a launcher answers by starting it again).
		update.assertCompleted(23);
		assertThat(update.get("bundle.org.funnel.dsl.ui")).startsWith("1.0.0." + qualifier);
		assertThat(update.get("update.offered")).isEqualTo(FEATURE + " 1.0.0." + qualifier + " -> 1.0.0." + newer);
		assertThat(update.get("update.install")).startsWith("Status OK");

		InstalledEclipse.Launch updated = eclipse.launch("updated", "editor,bundles", Map.of());
		updated.assertCompleted(0);
		for (String bundle : List.of("org.funnel.dsl", "org.funnel.dsl.ide")) {
			assertThat(updated.get("bundle." + bundle)).as(bundle + ": only the newer one").startsWith("1.0.0." + newer + " ")
					.doesNotContain(",");
		}
		assertThat(updated.get("bundle.org.funnel.dsl.ui")).isEqualTo("1.0.0." + newer + " ACTIVE");
		assertThat(updated.get("wiring.org.funnel.dsl.ui"))
				.isEqualTo("org.funnel.dsl 1.0.0." + newer + ", org.funnel.dsl.ide 1.0.0." + newer);
		assertThat(updated.get("editor.bundle")).isEqualTo("org.funnel.dsl.ui 1.0.0." + newer);
		assertThat(updated.get("completion").split(" \\| ")).contains(STAGES.toArray(String[]::new));
	}

	/**
	 * Every bundle of ours on a site carries the build's qualifier, the diagram's (built by bnd) too: p2 replaces a
	 * bundle only when its version changes. And the site holds one Guava, the one Xtext runs with.
	 */
	private static void assertOurBundlesCarry(Path site, String qualifier) throws java.io.IOException {
		List<String> plugins;
		try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(site.resolve("plugins"))) {
			plugins = files.map(file -> file.getFileName().toString()).sorted().toList();
		}
		List<String> ours = plugins.stream().filter(name -> name.startsWith("org.funnel.")).toList();
		assertThat(ours).as(site + ": our bundles").anyMatch(name -> name.startsWith("org.funnel.dsl.diagram_"))
				.anyMatch(name -> name.startsWith("org.funnel.dsl.history_"))
				.allMatch(name -> name.endsWith("_1.0.0." + qualifier + ".jar"));
		assertThat(plugins.stream().filter(name -> name.startsWith("com.google.guava_")).toList()).as(site + ": Guava")
				.hasSize(1);
	}
}

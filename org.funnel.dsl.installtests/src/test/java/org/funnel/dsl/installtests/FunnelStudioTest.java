package org.funnel.dsl.installtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * Funnel Studio as a user without Eclipse gets it: the Linux archive unpacked and started with its launch
 * script under the test's display, an example funnel opened in the Funnel editor with its outline; the
 * Windows and macOS archives checked for what those systems need (they cannot run here).
 */
class FunnelStudioTest {

	private final String qualifier = Locations.qualifier();
	private final Path products = Locations.existing("funnel.studio.products");

	@Test
	void linuxArchiveStartsWithItsScriptAndOpensAFunnelWithItsOutline() throws Exception {
		Path unpacked = Locations.path("funnel.work").resolve("studio");
		Trees.delete(unpacked);
		Files.createDirectories(unpacked);
		Path archive = products.resolve("funnel-studio-linux.gtk.x86_64.tar.gz");
		int exit = Processes.run(List.of("tar", "-xzf", archive.toString()), unpacked, unpacked.resolve("tar.log"),
				Duration.ofMinutes(5));
		assertThat(exit).as("tar -xzf " + archive).isZero();
		InstalledEclipse studio = InstalledEclipse.at(unpacked.resolve("funnel-studio"), "studio");
		Path script = studio.home().resolve("funnel-studio");
		assertThat(Files.getPosixFilePermissions(script)).as("the launch script is executable")
				.contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
		assertThat(studio.home().resolve("README.txt")).content().contains("Java 21 or later", "-vm");
		assertThat(studio.plugins()).contains("org.funnel.dsl.ui_1.0.0." + qualifier + ".jar",
				"org.funnel.dsl.studio_1.0.0." + qualifier + ".jar");

		// The check bundle goes in the way any plug-in does, with the Studio's own p2 director.
		studio.director(List.of(Locations.existing("funnel.installcheck.site")), List.of("org.funnel.dsl.installcheck"));
		InstalledEclipse.Launch launch = studio.launchScript("funnel-studio", "studio", "product,editor,bundles");
		launch.assertCompleted(0);
		assertThat(launch.get("product.id")).isEqualTo("org.funnel.dsl.studio.product");
		assertThat(launch.get("product.name")).isEqualTo("Funnel Studio");
		assertThat(launch.get("window.title")).endsWith("Funnel Studio");
		assertThat(Integer.parseInt(launch.get("window.images"))).as("window icons").isEqualTo(6);
		assertThat(launch.get("editor.id")).isEqualTo("org.funnel.dsl.ui.editor");
		assertThat(launch.get("outline")).contains("DealPipeline", "ClosedWon", "ClosedLost");
		assertThat(launch.get("bundle.org.funnel.dsl.ui")).isEqualTo("1.0.0." + qualifier + " ACTIVE");
	}

	@Test
	void launchScriptRefusesAJavaOlderThan21WithAClearMessage() throws Exception {
		Path dir = Locations.path("funnel.work").resolve("old-java");
		Trees.delete(dir);
		Path bin = Files.createDirectories(dir.resolve("jdk17/bin"));
		// What "java -XshowSettings:properties -version" of a Java 17 prints, and all the script reads of it.
		Path java = Files.writeString(bin.resolve("java"),
				"#!/bin/sh\necho 'Property settings:' >&2\necho '    java.specification.version = 17' >&2\n");
		java.toFile().setExecutable(true);
		Path script = dir.resolve("funnel-studio");
		Files.copy(Locations.existing("funnel.root").resolve("org.funnel.dsl.studio.feature/launchers/funnel-studio"), script);
		Path log = dir.resolve("run.log");
		int exit = Processes.run(List.of(script.toString(), "-vm", dir.resolve("jdk17").toString()), dir, log,
				Duration.ofMinutes(1));
		assertThat(exit).isEqualTo(2);
		assertThat(log).content().contains("is Java 17; Funnel Studio needs Java 21 or later")
				.contains("-vm /path/to/jdk-21-or-later");
	}

	@Test
	void windowsArchiveHasWindowsSwtAndItsLaunchScript() throws Exception {
		List<String> entries = new ArrayList<>();
		try (ZipFile zip = new ZipFile(products.resolve("funnel-studio-win32.win32.x86_64.zip").toFile())) {
			for (ZipEntry entry : Collections.list(zip.entries())) {
				entries.add(entry.getName());
			}
		}
		assertThat(entries).contains("funnel-studio/funnel-studio.cmd", "funnel-studio/README.txt",
				"funnel-studio/plugins/org.funnel.dsl.ui_1.0.0." + qualifier + ".jar")
				.anyMatch(e -> e.startsWith("funnel-studio/plugins/org.eclipse.swt.win32.win32.x86_64_"))
				.noneMatch(e -> e.contains("org.eclipse.swt.gtk") || e.endsWith("funnel-studio/funnel-studio"));
	}

	@Test
	void macArchiveHasCocoaSwtAndAnExecutableLaunchScript() throws Exception {
		Path archive = products.resolve("funnel-studio-macosx.cocoa.aarch64.tar.gz");
		Path list = Locations.path("funnel.work").resolve("mac-archive.txt");
		// tar's own warnings (GNU tar on pax headers) go elsewhere: only the listing is read.
		assertThat(Processes.run(List.of("sh", "-c", "tar -tzvf \"$0\" 2>/dev/null", archive.toString()), products,
				list, Duration.ofMinutes(5))).isZero();
		List<String> lines = Files.readAllLines(list);
		// p2 lays out a macOS installation as an application folder: Funnel Studio is in Contents/Eclipse.
		String home = "funnel-studio.app/Contents/Eclipse/";
		assertThat(lines).anyMatch(l -> l.startsWith("-rwxr-xr-x") && l.endsWith(" " + home + "funnel-studio"))
				.anyMatch(l -> l.contains(home + "plugins/org.eclipse.swt.cocoa.macosx.aarch64_"))
				.anyMatch(l -> l.endsWith(home + "plugins/org.funnel.dsl.ui_1.0.0." + qualifier + ".jar"))
				.noneMatch(l -> l.contains("org.eclipse.swt.gtk") || l.contains("funnel-studio.cmd"));
	}
}

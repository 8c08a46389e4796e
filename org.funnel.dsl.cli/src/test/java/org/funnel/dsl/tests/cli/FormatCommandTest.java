package org.funnel.dsl.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.attribute.FileTime;

/** {@code funnel format}: --check reports, without it files are rewritten atomically, broken files are left alone. */
class FormatCommandTest {

	static final String MESSY = "funnel   Messy \"Messy\"{stage A \"A\" {probability 50 %\n moves to W 50%}\n\n\n   won stage W \"W\"}";

	@Test
	void examplesAreCanonical() {
		Cli.Result result = Cli.run("format", "--check", "examples");
		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(result.out()).isEmpty();
	}

	@Test
	void checkNamesUnformattedFilesAndChangesNothing(@TempDir Path dir) throws Exception {
		Path messy = dir.resolve("messy.funnel");
		Files.writeString(messy, MESSY);
		Files.copy(Path.of("examples/aida.funnel"), dir.resolve("aida.funnel"));
		Cli.Result result = Cli.run("format", "--check", dir.toString());
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.out()).isEqualTo(messy + ": not formatted\n");
		assertThat(result.err()).contains("1 file is not formatted");
		assertThat(Files.readString(messy)).isEqualTo(MESSY);
	}

	@Test
	void formatRewritesKeepingPermissionsAndThenChecksClean(@TempDir Path dir) throws Exception {
		Path messy = dir.resolve("messy.funnel");
		Files.writeString(messy, MESSY);
		Set<PosixFilePermission> permissions = PosixFilePermissions.fromString("rw-r-----");
		Files.setPosixFilePermissions(messy, permissions);
		Cli.Result result = Cli.run("format", messy.toString());
		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo(messy + ": formatted\n");
		assertThat(Files.readString(messy)).isEqualTo("""
				funnel Messy "Messy" {
				    stage A "A" {
				        probability 50%
				        moves to W 50%
				    }

				    won stage W "W"
				}
				""");
		assertThat(Files.getPosixFilePermissions(messy)).isEqualTo(permissions);
		try (var files = Files.list(dir)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactly("messy.funnel");
		}
		assertThat(Cli.run("format", "--check", messy.toString()).code()).isZero();
		// Nothing to do: the file is not touched.
		long modified = Files.getLastModifiedTime(messy).toMillis();
		Files.setLastModifiedTime(messy, FileTime.fromMillis(modified - 10_000));
		assertThat(Cli.run("format", messy.toString()).out()).isEmpty();
		assertThat(Files.getLastModifiedTime(messy).toMillis()).isEqualTo(modified - 10_000);
	}

	@Test
	void filesWithSyntaxErrorsAreLeftAlone(@TempDir Path dir) throws Exception {
		Path broken = dir.resolve("broken.funnel");
		Files.writeString(broken, ValidateCommandTest.SYNTAX);
		Cli.Result result = Cli.run("format", broken.toString());
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).contains(broken + ":").contains("syntax-error").contains("not formatted, it has syntax errors");
		assertThat(Files.readString(broken)).isEqualTo(ValidateCommandTest.SYNTAX);
		assertThat(Cli.run("format").code()).isEqualTo(2);
	}

	/** A file with a syntax error is named with that error only, not with what follows from it. */
	@Test
	void onlyTheSyntaxErrorsAreNamed(@TempDir Path dir) throws Exception {
		Path broken = dir.resolve("broken.funnel");
		Files.writeString(broken, """
				funnel F {
				    stage S {
				        channels Email
				        moves to W 100%
				    }

				    won stage W "Won
				}
				""");
		Cli.Result result = Cli.run("format", broken.toString());
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err().lines().filter(line -> line.contains("error:")).toList()).containsExactly(
				broken + ":7:17: error: Unexpected character '<EOF>': expected '\"'. [syntax-error]");
	}

	/**
	 * Names left unresolved do not stop formatting, also from 16 files on, where the workspace is linked while it loads
	 * (such files were refused as if they had syntax errors).
	 */
	@Test
	void unresolvedNamesDoNotStopFormattingInALargeFolder(@TempDir Path dir) throws Exception {
		for (int i = 0; i < 20; i++) {
			Files.writeString(dir.resolve("f" + i + ".funnel"), """
					import "missing/channels.funnel"
					funnel F%d {
					stage S { channels Email  moves to W 100%% }
					won stage W
					}
					""".formatted(i));
		}
		Cli.Result result = Cli.run("format", dir.toString());
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.err()).doesNotContain("error:");
		assertThat(Files.readString(dir.resolve("f7.funnel"))).isEqualTo("""
				import "missing/channels.funnel"

				funnel F7 {
				    stage S {
				        channels Email
				        moves to W 100%
				    }

				    won stage W
				}
				""");
	}
}

package org.funnel.dsl.generator.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.grammar.Settings;
import org.funnel.dsl.grammar.Settings.Setting;
import org.funnel.dsl.tests.generator.Funnels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings the diff compares are the grammar's, each with the diff's name for it. */
class SettingChangesTest {

	private static final Settings SETTINGS = FunnelWorkspace.injector().getInstance(Settings.class);

	@Test
	void everySettingOfTheGrammarHasTheDiffsNameAndWords() {
		assertThat(SettingChanges.STAGE.keySet())
				.containsExactlyInAnyOrderElementsOf(SETTINGS.ofStage().stream().map(Setting::words).toList());
		assertThat(SettingChanges.FUNNEL.keySet())
				.containsExactlyInAnyOrderElementsOf(SETTINGS.ofFunnel().stream().map(Setting::words).toList());
	}

	@Test
	void aSettingTheDiffHasNoNameForIsComparedAsWritten(@TempDir Path dir) throws Exception {
		String text = """
				funnel F {
				    stage Lead {
				        probability 10%
				        duration 3 days
				        moves to Won 10%
				    }
				    won stage Won
				}
				""";
		Files.writeString(dir.resolve("old.funnel"), text);
		Files.writeString(dir.resolve("new.funnel"),
				text.replace("3 days", "5  days").replace("10%\n        dur", "20%\n        dur"));
		Stage before = Funnels.unit(Funnels.load(dir.resolve("old.funnel").toString()), "F").funnel().getStages().get(0);
		Stage after = Funnels.unit(Funnels.load(dir.resolve("new.funnel").toString()), "F").funnel().getStages().get(0);
		assertThat(new SettingChanges(SETTINGS, Map.of(), Map.of()).ofStage(before, after)).containsExactly(
				"**Lead**: probability: `probability 10%` → `probability 20%`.",
				"**Lead**: duration: `duration 3 days` → `duration 5 days`.");
		assertThat(new SettingChanges(SETTINGS).ofStage(before, after)).containsExactly(
				"**Lead**: declared probability: 10% → 20%.", "**Lead**: duration: 3 days → 5 days.");
	}
}

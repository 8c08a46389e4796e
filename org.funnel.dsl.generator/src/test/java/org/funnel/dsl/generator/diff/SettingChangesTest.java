package org.funnel.dsl.generator.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.funnel.dsl.funnel.Funnel;
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
		assertThat(SettingChanges.HISTORY.keySet())
				.containsExactlyInAnyOrderElementsOf(SETTINGS.ofHistory().stream().map(Setting::words).toList());
	}

	@Test
	void aChangedSettingOfTheHistoryIsSaid(@TempDir Path dir) throws Exception {
		String text = """
				funnel F {
				    history "opp_history.csv" {
				        opportunities "opportunity.csv"
				        since 2025-01-01
				    }
				    stage Lead {
				        moves to Won 10%
				    }
				    won stage Won
				}
				""";
		Files.writeString(dir.resolve("old.funnel"), text);
		Files.writeString(dir.resolve("new.funnel"), text.replace("2025-01-01", "2025-04-01")
				.replace("    }\n    stage", "        pipeline \"Standard_Sales_Process\"\n    }\n    stage"));
		Files.writeString(dir.resolve("one-line.funnel"), text.replaceAll("(?s) \\{\n        opp.*?\n    }", ""));
		Funnel before = Funnels.unit(Funnels.load(dir.resolve("old.funnel").toString()), "F").funnel();
		Funnel after = Funnels.unit(Funnels.load(dir.resolve("new.funnel").toString()), "F").funnel();
		Funnel oneLine = Funnels.unit(Funnels.load(dir.resolve("one-line.funnel").toString()), "F").funnel();
		assertThat(oneLine.getHistoryReading()).isNull();
		SettingChanges changes = new SettingChanges(SETTINGS);
		assertThat(changes.ofFunnel(before, after)).containsExactly(
				"Deal history: pipeline: none → \"Standard\\_Sales\\_Process\".",
				"Deal history: since: 2025-01-01 → 2025-04-01.");
		assertThat(changes.ofFunnel(oneLine, before)).containsExactly(
				"Deal history: Opportunity export: none → \"opportunity.csv\".", "Deal history: since: none → 2025-01-01.");
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

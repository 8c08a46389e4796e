package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.funnel.dsl.grammar.Settings;
import org.funnel.dsl.tests.FunnelInjectorProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;

/**
 * The language's words come from its grammar; what cannot read the grammar is held to it here: the
 * TextMate grammar (VS Code's colouring) and the language reference. A keyword or setting added to
 * Funnel.xtext and missed in either fails this test.
 */
class LanguageWordsTest {

	private final Injector injector = new FunnelInjectorProvider().getInjector();

	@Test
	void theTextMateGrammarColoursEveryKeyword() throws Exception {
		JsonNode grammar = new ObjectMapper().readTree(Path.of("vscode/syntaxes/funnel.tmLanguage.json").toFile());
		List<Pattern> wordGroups = new ArrayList<>();
		collectWordGroups(grammar, wordGroups);
		assertThat(wordGroups).isNotEmpty();
		Set<String> missing = new TreeSet<>();
		for (String keyword : GrammarUtil.getAllKeywords(injector.getInstance(IGrammarAccess.class).getGrammar())) {
			if (keyword.matches("[A-Za-z]+") && wordGroups.stream().noneMatch(p -> p.matcher(keyword).matches())) {
				missing.add(keyword);
			}
		}
		assertThat(missing).as("keywords the TextMate grammar does not colour").isEmpty();
	}

	/** The groups of words in the grammar's patterns, "(import)" or "(hubspot|salesforce)", each as a regex. */
	private static void collectWordGroups(JsonNode node, List<Pattern> groups) {
		if (node.isObject()) {
			JsonNode match = node.get("match");
			if (match != null && match.isTextual()) {
				Matcher group = Pattern.compile("\\(((?:[A-Za-z]+\\??\\|)*[A-Za-z]+\\??)\\)").matcher(match.asText());
				while (group.find()) {
					groups.add(Pattern.compile(group.group(1)));
				}
			}
			node.forEach(child -> collectWordGroups(child, groups));
		} else if (node.isArray()) {
			node.forEach(child -> collectWordGroups(child, groups));
		}
	}

	@Test
	void theLanguageReferenceNamesEverySetting() throws Exception {
		String reference = Files.readString(Path.of("docs/language.md"));
		Settings settings = injector.getInstance(Settings.class);
		List<String> missing = new ArrayList<>();
		List<Settings.Setting> all = new ArrayList<>(settings.ofFunnel());
		all.addAll(settings.ofStage());
		for (Settings.Setting setting : all) {
			if (!reference.contains("`" + setting.words() + "`")) {
				missing.add(setting.words());
			}
		}
		assertThat(all).extracting(Settings.Setting::words).contains("crm", "hubspot pipeline", "probability", "deal value");
		assertThat(missing).as("settings docs/language.md does not name").isEmpty();
	}

	@Test
	void theLanguageReferenceNamesEverySettingOfTheHistory() throws Exception {
		String reference = Files.readString(Path.of("docs/language.md"));
		List<String> words = injector.getInstance(Settings.class).ofHistory().stream().map(Settings.Setting::words).toList();
		assertThat(words).containsExactly("opportunities", "opportunity stages", "pipelines", "aliases", "pipeline", "since",
				"until");
		assertThat(words.stream().filter(w -> !reference.contains("| `" + w + " ")).toList())
				.as("settings of the history the table in docs/language.md does not name").isEmpty();
	}
}

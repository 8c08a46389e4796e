package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.funnel.dsl.validation.FunnelIssueCodes;
import org.junit.jupiter.api.Test;

/** docs/language.md lists every check the language has, and no check it does not have. */
class LanguageReferenceTest {

	@Test
	void everyIssueCodeIsInTheChecksTablesAndNothingElse() throws Exception {
		List<String> codes = new ArrayList<>();
		for (Field field : FunnelIssueCodes.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				codes.add((String) field.get(null));
			}
		}
		String reference = Files.readString(Path.of("docs/language.md"), StandardCharsets.UTF_8);
		// A checks table row: | `code` | error | ... |
		Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\| (error|warning|info) \\|").matcher(reference);
		List<String> documented = new ArrayList<>();
		while (row.find()) {
			documented.add(row.group(1));
		}
		assertThat(codes).hasSizeGreaterThan(20);
		assertThat(documented).containsExactlyInAnyOrderElementsOf(codes);
	}
}

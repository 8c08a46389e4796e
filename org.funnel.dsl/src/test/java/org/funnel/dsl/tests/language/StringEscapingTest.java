package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.funnel.dsl.tests.FunnelInjectorProvider;
import org.junit.jupiter.api.Test;

/** One way to write a text as a .funnel string, the language's value converter, and it reads back as the text. */
class StringEscapingTest {

	private final IValueConverterService converters = new FunnelInjectorProvider().getInjector()
			.getInstance(IValueConverterService.class);

	@Test
	void quotesBackslashesAndControlCharactersAreEscapedAndReadBack() {
		String text = "Say \"hi\" \\ now\nthen\ttab\r\u0001 & <é> ✓";
		String written = converters.toString(text, "STRING");
		assertThat(written).isEqualTo("\"Say \\\"hi\\\" \\\\ now\\nthen\\ttab\\r\\u0001 & <é> ✓\"");
		assertThat(converters.toValue(written, "STRING", null)).isEqualTo(text);
	}

	@Test
	void deleteIsAControlCharacterToo() {
		assertThat(converters.toString("a\u007fb", "STRING")).isEqualTo("\"a\\u007fb\"");
		assertThat(converters.toValue("\"a\\u007fb\"", "STRING", null)).isEqualTo("a\u007fb");
	}
}

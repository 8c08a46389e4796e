package org.funnel.dsl.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A command that does not exist: one message on its own line, exit 2, whatever follows it (--help included). */
class UnknownCommandTest {

	@ParameterizedTest
	@ValueSource(strings = { "frobnicate", "frobnicate --help", "frobnicate x.csv", "frobnicate -h x.csv", "frobnicate --bogus" })
	void anUnknownCommandIsNamedInOneMessageAndExits2(String line) {
		Cli.Result result = Cli.run(line.split(" "));
		assertThat(result.code()).as(result.toString()).isEqualTo(2);
		assertThat(result.out()).isEmpty();
		assertThat(result.err())
				.isEqualTo("funnel: unknown command 'frobnicate'. The commands are validate, generate, analyze, fit,"
						+ " format, diff, import, plan, apply, help; 'funnel --help' says what each does."
						+ System.lineSeparator());
	}

	@ParameterizedTest
	@ValueSource(strings = { "--help", "help" })
	void theMainHelpStillWorks(String argument) {
		Cli.Result result = Cli.run(argument);
		assertThat(result.code()).isZero();
		assertThat(result.out()).contains("Usage: funnel");
	}
}

package org.funnel.dsl.cli;

import java.io.Console;
import java.util.function.Function;

import org.funnel.dsl.crm.hubspot.Sleeper;

/**
 * What a command takes from outside its arguments: environment variables (HUBSPOT_TOKEN), the
 * clock it waits by, and whether it runs on a terminal (where progress is shown). Tests run the
 * command line in their own JVM with their own of each.
 */
public record Environment(Function<String, String> variables, Sleeper sleeper, boolean terminal) {

	public static final Environment SYSTEM = new Environment(System::getenv, Sleeper.SYSTEM, onTerminal());

	/** Not on a terminal: no progress display. */
	public Environment(Function<String, String> variables, Sleeper sleeper) {
		this(variables, sleeper, false);
	}

	public String variable(String name) {
		return variables.apply(name);
	}

	/**
	 * Whether a person watches: the JVM's console is a terminal (since Java 22 {@code System.console()} also exists
	 * when the streams are redirected, and {@code isTerminal} tells) and no CI variable is set.
	 */
	private static boolean onTerminal() {
		Console console = System.console();
		if (console == null || System.getenv("CI") != null) {
			return false;
		}
		try {
			return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
		} catch (ReflectiveOperationException e) {
			return true; // Java 21: a console exists only on a terminal
		}
	}
}

package org.funnel.dsl.cli;

import java.util.function.Function;

import org.funnel.dsl.crm.hubspot.Sleeper;

/**
 * What a command takes from outside its arguments: environment variables (HUBSPOT_TOKEN) and the
 * clock it waits by. Tests run the command line in their own JVM with their own of both.
 */
public record Environment(Function<String, String> variables, Sleeper sleeper) {

	public static final Environment SYSTEM = new Environment(System::getenv, Sleeper.SYSTEM);

	public String variable(String name) {
		return variables.apply(name);
	}
}

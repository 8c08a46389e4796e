package org.funnel.dsl.tests.robustness;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Arrays;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one fuzz target ({@code Class#method}) on the JUnit Platform, as scripts/fuzz.sh does once the build has
 * compiled the tests: one Maven build for any number of targets and runs, each in a JVM of its own (Jazzer fuzzes
 * one target per JVM). Exits 1 when the target failed (a finding), 0 otherwise.
 */
public final class FuzzLauncher {

	private FuzzLauncher() {
	}

	public static void main(String[] args) throws ClassNotFoundException {
		Class<?> type = Class.forName(args[0].substring(0, args[0].indexOf('#')));
		String name = args[0].substring(args[0].indexOf('#') + 1);
		Method method = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("no fuzz target " + args[0]));
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectMethod(type, method))
				.build();
		Launcher launcher = LauncherFactory.create();
		SummaryGeneratingListener listener = new SummaryGeneratingListener();
		launcher.execute(request, listener);
		TestExecutionSummary summary = listener.getSummary();
		PrintWriter out = new PrintWriter(System.out, true);
		summary.printFailuresTo(out, 40);
		summary.printTo(out);
		System.exit(summary.getTotalFailureCount() > 0 || summary.getTestsSucceededCount() == 0 ? 1 : 0);
	}
}

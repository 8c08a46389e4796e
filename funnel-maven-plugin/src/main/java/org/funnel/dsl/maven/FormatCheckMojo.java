package org.funnel.dsl.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code funnel format --check}: fails the build when a funnel is not in canonical layout, naming the file. */
@Mojo(name = "format-check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class FormatCheckMojo extends FunnelMojo {

	@Override
	List<String> arguments() {
		return List.of("format", "--check");
	}
}

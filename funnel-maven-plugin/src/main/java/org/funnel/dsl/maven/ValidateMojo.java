package org.funnel.dsl.maven;

import java.io.File;
import java.util.List;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code funnel validate}: fails the build on an error in a funnel (warnings pass), each one as path:line:column. */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends FunnelMojo {

	/** text (one line per problem, in the build's log), json or sarif (written to {@code report}). */
	@Parameter(property = "funnel.format", defaultValue = "text")
	String format;

	/** Where --format json or sarif goes; target/funnel-validate.FORMAT when not given. */
	@Parameter(property = "funnel.report")
	File reportFile;

	@Override
	List<String> arguments() {
		return List.of("validate", "--format", format);
	}

	@Override
	File report() {
		if ("text".equals(format)) {
			return null;
		}
		return reportFile != null ? reportFile : new File(buildDirectory, "funnel-validate." + format);
	}
}

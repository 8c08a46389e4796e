package org.funnel.dsl.maven;

import java.io.File;
import java.util.List;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code funnel generate}: the CRM configuration, Java, reports and diagrams of the funnels, into {@code out}. */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends FunnelMojo {

	/** The targets, comma-separated (all, hubspot, salesforce, java, mermaid, report, svg), as --target. */
	@Parameter(property = "funnel.target", defaultValue = "all")
	String target;

	/** The output directory, as --out; left untouched when a funnel has an error. */
	@Parameter(property = "funnel.out", defaultValue = "${project.build.directory}/funnel")
	File out;

	@Override
	List<String> arguments() {
		return List.of("generate", "--target", target, "--out", out.getPath());
	}
}

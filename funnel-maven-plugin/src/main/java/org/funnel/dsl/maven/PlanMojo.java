package org.funnel.dsl.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code funnel plan hubspot|salesforce}: what deploying the funnels would change in the CRM, written to {@code report}.
 * HubSpot is read with HUBSPOT_TOKEN, or from saved answers ({@code current}); Salesforce from a retrieve.
 */
@Mojo(name = "plan", threadSafe = true)
public class PlanMojo extends FunnelMojo {

	/** hubspot or salesforce. */
	@Parameter(property = "funnel.crm", required = true)
	String crm;

	/** As --current: TYPE=FILE saved answers for HubSpot (repeatable), the retrieved directory for Salesforce. */
	@Parameter(property = "funnel.current")
	List<String> current;

	/** markdown or json, as --format. */
	@Parameter(property = "funnel.format", defaultValue = "markdown")
	String format;

	/** As --detailed-exitcode: fail the build when the plan has changes. */
	@Parameter(property = "funnel.detailedExitcode", defaultValue = "false")
	boolean detailedExitcode;

	/** Where the plan goes; target/funnel-plan-CRM.md (or .json) when not given. */
	@Parameter(property = "funnel.report")
	File reportFile;

	@Override
	List<String> arguments() throws MojoExecutionException {
		if (!List.of("hubspot", "salesforce").contains(crm)) {
			throw new MojoExecutionException("crm must be hubspot or salesforce, not '" + crm + "'");
		}
		List<String> args = new ArrayList<>(List.of("plan", crm, "--format", format));
		if (current != null) {
			for (String value : current) {
				args.add("--current");
				args.add(value);
			}
		}
		if (detailedExitcode) {
			args.add("--detailed-exitcode");
		}
		return args;
	}

	@Override
	boolean acceptable(int code) throws MojoFailureException {
		if (code == 3) {
			throw new MojoFailureException("funnel plan " + crm + ": the plan has changes (" + report() + ")");
		}
		return false;
	}

	@Override
	File report() {
		if (reportFile != null) {
			return reportFile;
		}
		return new File(buildDirectory, "funnel-plan-" + crm + ("json".equals(format) ? ".json" : ".md"));
	}
}

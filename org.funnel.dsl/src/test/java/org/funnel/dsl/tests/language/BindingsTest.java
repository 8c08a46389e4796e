package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.resource.DefaultFragmentProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.funnel.dsl.linking.FunnelFragmentProvider;
import org.funnel.dsl.linking.FunnelLinkingResource;
import org.funnel.dsl.tests.FunnelInjectorProvider;
import org.funnel.dsl.tests.Workspace;
import org.junit.jupiter.api.Test;

/** The language tests run with the bindings the run says: the project's, or Xtext's own (-Dfunnel.bindings=plain). */
class BindingsTest {

	@Test
	void theLanguageUsesTheServicesThisRunAsksFor() {
		XtextResource resource = Workspace.create().load(Path.of("examples/b2b.funnel"));
		if (FunnelInjectorProvider.plainXtext()) {
			assertThat(resource.getClass()).isEqualTo(LazyLinkingResource.class);
			assertThat(resource.getFragmentProvider()).isInstanceOf(DefaultFragmentProvider.class);
		} else {
			assertThat(resource).isInstanceOf(FunnelLinkingResource.class);
			assertThat(resource.getFragmentProvider()).isInstanceOf(FunnelFragmentProvider.class);
		}
	}
}

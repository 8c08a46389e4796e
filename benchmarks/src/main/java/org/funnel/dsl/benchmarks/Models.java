package org.funnel.dsl.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.StringInputStream;
import org.funnel.dsl.FunnelStandaloneSetup;
import org.funnel.dsl.funnel.Element;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;

import com.google.inject.Injector;

/** Generated funnels parsed into models, for the benchmarks that start from a model. */
final class Models {

	private static Injector injector;

	private Models() {
	}

	static synchronized Injector injector() {
		if (injector == null) {
			injector = new FunnelStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}

	/** The funnel named {@code name} in the text, parsed and linked in a resource set of its own. */
	static Funnel funnel(String fileName, String text, String name) {
		XtextResourceSet resourceSet = injector().getInstance(XtextResourceSet.class);
		Resource resource = resourceSet.createResource(URI.createURI("memory:/" + fileName));
		try {
			resource.load(new StringInputStream(text, StandardCharsets.UTF_8.name()), null);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		for (Element element : ((FunnelFile) resource.getContents().get(0)).getElements()) {
			if (element instanceof Funnel funnel && name.equals(funnel.getName())) {
				return funnel;
			}
		}
		throw new IllegalArgumentException("no funnel " + name + " in " + fileName);
	}
}

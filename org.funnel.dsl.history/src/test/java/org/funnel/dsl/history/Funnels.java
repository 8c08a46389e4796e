package org.funnel.dsl.history;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.funnel.dsl.FunnelStandaloneSetup;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.model.EffectiveFunnel;

import com.google.inject.Injector;

/** Funnels for the tests, parsed by the language from .funnel text. */
public final class Funnels {

	private static Injector injector;

	private Funnels() {
	}

	private static synchronized Injector injector() {
		if (injector == null) {
			injector = new FunnelStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}

	/** The shape of the first funnel in the text. */
	public static FunnelShape shape(String text) {
		return FunnelShape.of(EffectiveFunnel.of(funnels(text).get(0)));
	}

	/** The funnels of the text, parsed. */
	public static List<Funnel> funnels(String text) {
		XtextResourceSet set = injector().getInstance(XtextResourceSet.class);
		Resource resource = set.createResource(URI.createURI("test.funnel"));
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Map.of());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (!resource.getErrors().isEmpty()) {
			throw new IllegalArgumentException("the test funnel does not parse: " + resource.getErrors());
		}
		return ((FunnelFile) resource.getContents().get(0)).getElements().stream().filter(Funnel.class::isInstance)
				.map(Funnel.class::cast).filter(funnel -> !funnel.isTemplate()).toList();
	}

	/** The shape of a funnel of the repository's examples/ folder. */
	public static FunnelShape example(String name) {
		try {
			return shape(Files.readString(Path.of("examples", name)));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

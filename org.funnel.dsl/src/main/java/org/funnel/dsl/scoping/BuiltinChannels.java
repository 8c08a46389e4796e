package org.funnel.dsl.scoping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceFactory;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.FunnelFile;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * The channels every funnel may use without declaring them (TV, Radio, Print, ...). They live in a
 * library file shipped with the language, parsed once, so editors show its documentation on hover.
 */
@Singleton
public class BuiltinChannels {

	/** Where the library is read from; also the URI its channels report. */
	public static final URI LIBRARY_URI = URI.createURI("funnel:/builtin/builtin-channels.funnel");

	private static final String LIBRARY_PATH = "/org/funnel/dsl/library/builtin-channels.funnel";

	@Inject
	private IResourceFactory resourceFactory;

	private volatile List<IEObjectDescription> descriptions;

	/** The built-in channels, by name, in the library's order. */
	public List<IEObjectDescription> descriptions() {
		List<IEObjectDescription> result = descriptions;
		if (result == null) {
			synchronized (this) {
				result = descriptions;
				if (result == null) {
					result = load();
					descriptions = result;
				}
			}
		}
		return result;
	}

	public static boolean isBuiltin(EObject object) {
		Resource resource = object == null ? null : object.eResource();
		return resource != null && LIBRARY_URI.equals(resource.getURI());
	}

	private List<IEObjectDescription> load() {
		Resource resource = resourceFactory.createResource(LIBRARY_URI);
		new XtextResourceSet().getResources().add(resource);
		try (InputStream in = BuiltinChannels.class.getResourceAsStream(LIBRARY_PATH)) {
			if (in == null) {
				throw new IllegalStateException("built-in channel library missing from the classpath: " + LIBRARY_PATH);
			}
			resource.load(in, null);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		List<IEObjectDescription> list = new ArrayList<>();
		FunnelFile file = (FunnelFile) resource.getContents().get(0);
		file.getElements().stream().filter(Channel.class::isInstance).map(Channel.class::cast)
				.forEach(channel -> list.add(EObjectDescription.create(QualifiedName.create(channel.getName()), channel)));
		return Collections.unmodifiableList(list);
	}
}

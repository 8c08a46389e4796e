package org.funnel.dsl.ui.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.funnel.dsl.ui.FunnelLanguage;

/**
 * Where funnel files come from inside Eclipse: workspace files are addressed as
 * {@code platform:/resource/...} URIs, so that {@code import "other.funnel"} resolves relative to
 * the importing file through EMF's workspace support.
 */
public final class FunnelResources {

	public static final String FILE_EXTENSION = "funnel";

	private FunnelResources() {
	}

	public static boolean isFunnelFile(IResource resource) {
		return resource instanceof IFile && FILE_EXTENSION.equals(resource.getFileExtension());
	}

	public static URI uriOf(IFile file) {
		return URI.createPlatformResourceURI(file.getFullPath().toString(), true);
	}

	/** The workspace file behind a URI, or null when it is not one (a built-in library, a file outside). */
	public static IFile fileOf(URI uri) {
		if (uri == null || !uri.isPlatformResource()) {
			return null;
		}
		IPath path = IPath.fromPortableString(uri.toPlatformString(true));
		return ResourcesPlugin.getWorkspace().getRoot().getFile(path);
	}

	public static XtextResourceSet newResourceSet() {
		XtextResourceSet resourceSet = FunnelLanguage.get(XtextResourceSet.class);
		// Files whose charset is not known to EMF (imports) are read as UTF-8, like the language server does.
		resourceSet.getLoadOptions().put(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name());
		return resourceSet;
	}

	/** Parses text that stands for the file at uri (an editor's unsaved content, say). */
	public static XtextResource parse(XtextResourceSet resourceSet, URI uri, String text) {
		XtextResource resource = (XtextResource) resourceSet.createResource(uri);
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
					Map.of(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name()));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return resource;
	}
}

package org.funnel.dsl.ui.model;

import java.util.List;
import java.util.function.Function;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.ui.FunnelLanguage;

/**
 * One version of a funnel file's text, parsed. Every editor service (colouring, validation,
 * completion, hover, quick fixes, formatting) works on a snapshot so that offsets always match
 * the text they were computed from.
 *
 * <p>EMF models resolve references lazily, which writes to the model: so all reads go through
 * {@link #read(Function)}, one at a time.
 */
public final class FunnelSnapshot {

	private final URI uri;
	private final String text;
	private final XtextResource resource;
	private final Document document;
	private List<Issue> issues;

	private FunnelSnapshot(URI uri, String text, XtextResource resource) {
		this.uri = uri;
		this.text = text;
		this.resource = resource;
		this.document = new Document(1, text);
	}

	/** Parses text standing for uri; imports are read from the workspace as saved. */
	public static FunnelSnapshot parse(URI uri, String text) {
		return new FunnelSnapshot(uri, text, FunnelResources.parse(FunnelResources.newResourceSet(), uri, text));
	}

	public URI uri() {
		return uri;
	}

	public String text() {
		return text;
	}

	/** The text as the Xtext ide services (which speak LSP positions) want it. */
	public Document document() {
		return document;
	}

	public synchronized <T> T read(Function<XtextResource, T> reader) {
		return reader.apply(resource);
	}

	/** The problems of this text: syntax, linking (imports included) and the language's checks. */
	public synchronized List<Issue> issues(CancelIndicator cancel) {
		if (issues == null) {
			List<Issue> result = FunnelLanguage.get(IResourceValidator.class).validate(resource, CheckMode.ALL, cancel);
			if (cancel.isCanceled()) {
				return List.of();
			}
			issues = List.copyOf(result);
		}
		return issues;
	}
}

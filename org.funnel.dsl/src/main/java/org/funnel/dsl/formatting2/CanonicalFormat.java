package org.funnel.dsl.formatting2;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Inject;
import com.google.inject.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.xtext.resource.XtextResourceSet;

/**
 * The canonical text of a parsed file, for the command line ({@code funnel format}) and tests. Editors
 * use the same formatter through Xtext's formatting service.
 */
public class CanonicalFormat {

	@Inject
	private Provider<IFormatter2> formatter;

	@Inject
	private Provider<TextRegionAccessBuilder> regionAccess;

	@Inject
	private Provider<XtextResource> resources;

	@Inject
	private Provider<XtextResourceSet> resourceSets;

	/**
	 * The file's text in the canonical layout. A file with syntax errors comes back unchanged: its
	 * structure is unknown, and reformatting it could move text the user is still writing.
	 */
	public String format(XtextResource resource) {
		String text = resource.getParseResult().getRootNode().getText();
		if (resource.getParseResult().hasSyntaxErrors()) {
			return text;
		}
		if (resource.getContents().isEmpty()) {
			// Nothing but blanks and comments: no structure to lay out.
			return text.isBlank() ? "" : text;
		}
		if (hasDetachedElements(resource)) {
			return text;
		}
		String unix = unixLineEnds(text);
		if (!unix.equals(text)) {
			// Line ends first, then the layout: comments are laid out line by line, and a comment whose
			// lines only a CR separated came out differently once its CR had become LF (not idempotent).
			XtextResource copy = resources.get();
			resourceSets.get().getResources().add(copy);
			copy.setURI(resource.getURI());
			try {
				copy.load(new ByteArrayInputStream(unix.getBytes(StandardCharsets.UTF_8)),
						Map.of(XtextResource.OPTION_ENCODING, "UTF-8"));
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			if (!copy.getParseResult().hasSyntaxErrors() && !copy.getContents().isEmpty() && !hasDetachedElements(copy)) {
				resource = copy;
			}
		}
		ITextRegionAccess access = regionAccess.get().forNodeModel(resource).create();
		FormatterRequest request = new FormatterRequest();
		request.setTextRegionAccess(access);
		List<ITextReplacement> replacements = formatter.get().format(request);
		return unixLineEnds(access.getRewriter().renderToString(replacements));
	}

	/**
	 * Line comments keep the line end they were written with (it belongs to the comment token), so a
	 * file with Windows line ends kept them after every comment. Outside strings (a label may hold a
	 * line break as written) every CR LF and lone CR becomes LF.
	 */
	static String unixLineEnds(String text) {
		if (text.indexOf('\r') < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		boolean inString = false;
		boolean inLineComment = false;
		boolean inBlockComment = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
			if (inString) {
				out.append(c);
				if (c == '\\' && i + 1 < text.length()) {
					out.append(next);
					i++;
				} else if (c == '"') {
					inString = false;
				}
				continue;
			}
			if (c == '\r') {
				out.append('\n');
				if (next == '\n') {
					i++;
				}
				inLineComment = false;
				continue;
			}
			out.append(c);
			if (inLineComment) {
				inLineComment = c != '\n';
			} else if (inBlockComment) {
				if (c == '*' && next == '/') {
					out.append(next);
					i++;
					inBlockComment = false;
				}
			} else if (c == '"') {
				inString = true;
			} else if (c == '/' && next == '/') {
				inLineComment = true;
			} else if (c == '/' && next == '*') {
				out.append(next);
				i++;
				inBlockComment = true;
			}
		}
		return out.toString();
	}

	/**
	 * True when a setting is given twice in a block ({@code deal value 1 deal value 2}, an error the
	 * checks report): the parser then replaces the first value's object, which stays in the node model
	 * without a container, and Xtext's formatter cannot build its regions (it throws a
	 * NullPointerException). Such a file is left as it is until the duplicate is removed.
	 */
	public static boolean hasDetachedElements(XtextResource resource) {
		if (resource.getParseResult() == null || resource.getContents().isEmpty()) {
			return false;
		}
		EObject root = resource.getContents().get(0);
		for (INode node : resource.getParseResult().getRootNode().getAsTreeIterable()) {
			if (node.hasDirectSemanticElement()) {
				EObject element = node.getSemanticElement();
				if (element != root && element.eContainer() == null) {
					return true;
				}
			}
		}
		return false;
	}
}

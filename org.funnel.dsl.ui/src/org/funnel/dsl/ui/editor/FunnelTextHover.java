package org.funnel.dsl.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.DefaultInformationControl;
import org.eclipse.jface.text.IInformationControlCreator;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextHoverExtension;
import org.eclipse.jface.text.ITextHoverExtension2;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkedString;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.ui.editors.text.EditorsUI;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.util.CancelIndicator;
import org.funnel.dsl.ui.FunnelLanguage;
import org.funnel.dsl.ui.FunnelUiPlugin;
import org.funnel.dsl.ui.model.FunnelSnapshot;

/**
 * Hover: the problems at the mouse first, then what the language's hover service says about the
 * stage, channel or funnel under it (its documentation comment, and whatever the ide module adds).
 */
public class FunnelTextHover implements ITextHover, ITextHoverExtension, ITextHoverExtension2 {

	private final FunnelEditor editor;

	public FunnelTextHover(FunnelEditor editor) {
		this.editor = editor;
	}

	@Override
	public IRegion getHoverRegion(ITextViewer viewer, int offset) {
		return new Region(offset, 0);
	}

	@Override
	public Object getHoverInfo2(ITextViewer viewer, IRegion region) {
		return hoverText(viewer, region.getOffset());
	}

	@Override
	@Deprecated
	public String getHoverInfo(ITextViewer viewer, IRegion region) {
		return hoverText(viewer, region.getOffset());
	}

	/** The hover text at an offset, or null when there is nothing to say. */
	public String hoverText(ITextViewer viewer, int offset) {
		List<String> parts = new ArrayList<>();
		IAnnotationModel annotations = editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput());
		if (annotations != null) {
			annotations.getAnnotationIterator().forEachRemaining(annotation -> {
				if (annotation instanceof FunnelProblemAnnotation problem) {
					Position position = annotations.getPosition(problem);
					if (position != null && position.getOffset() <= offset
							&& offset <= position.getOffset() + position.getLength()) {
						parts.add(problem.getText());
					}
				}
			});
		}
		String documentation = languageHover(viewer, offset);
		if (documentation != null && !documentation.isBlank()) {
			parts.add(documentation);
		}
		return parts.isEmpty() ? null : String.join("\n\n", parts);
	}

	private String languageHover(ITextViewer viewer, int offset) {
		IHoverService service = FunnelLanguage.optional(IHoverService.class);
		if (service == null) {
			return null;
		}
		try {
			FunnelSnapshot snapshot = editor.snapshotOf(viewer.getDocument());
			Document document = snapshot.document();
			HoverParams params = new HoverParams(new TextDocumentIdentifier(snapshot.uri().toString()),
					document.getPosition(offset));
			Hover hover = snapshot.read(resource -> service.hover(document, resource, params, CancelIndicator.NullImpl));
			return hover == null ? null : textOf(hover);
		} catch (RuntimeException e) {
			FunnelUiPlugin.log("Funnel hover failed", e);
			return null;
		}
	}

	private static String textOf(Hover hover) {
		Either<List<Either<String, MarkedString>>, MarkupContent> contents = hover.getContents();
		if (contents == null) {
			return null;
		}
		if (contents.isRight()) {
			return plainText(contents.getRight().getValue());
		}
		List<String> parts = new ArrayList<>();
		for (Either<String, MarkedString> part : contents.getLeft()) {
			parts.add(part.isLeft() ? part.getLeft() : part.getRight().getValue());
		}
		return plainText(String.join("\n\n", parts));
	}

	/** Markdown shown as plain text: the tooltip cannot render it, and the marks would be noise. */
	static String plainText(String markdown) {
		if (markdown == null) {
			return null;
		}
		return markdown.replaceAll("(?m)^```\\w*\\s*$", "")
				.replace("**", "")
				.replace("`", "")
				.replaceAll("(?m)^#+\\s*", "")
				.strip();
	}

	@Override
	public IInformationControlCreator getHoverControlCreator() {
		return parent -> new DefaultInformationControl(parent, EditorsUI.getTooltipAffordanceString());
	}
}

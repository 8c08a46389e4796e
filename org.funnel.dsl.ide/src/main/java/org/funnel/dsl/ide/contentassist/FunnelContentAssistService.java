package org.funnel.dsl.ide.contentassist;

import java.util.ArrayList;

import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.contentassist.ContentAssistService;

import com.google.inject.Singleton;

/**
 * Xtext's completion for the language server, with the start of each proposal's text edit taken
 * from the caret's position (the prefix a proposal replaces is on the caret's line) instead of
 * being counted from the start of the document for every proposal: with up to a thousand stage
 * names proposed in a large file, that counting was most of the time a completion took.
 */
@Singleton
public class FunnelContentAssistService extends ContentAssistService {

	@Override
	protected CompletionItem toCompletionItem(ContentAssistEntry entry, int caretOffset, Position caretPosition,
			Document document) {
		CompletionItem completionItem = new CompletionItem();
		String label = entry.getLabel();
		if (label == null) {
			label = entry.getProposal();
		}
		completionItem.setLabel(label);
		completionItem.setDetail(entry.getDescription());
		completionItem.setDocumentation(entry.getDocumentation());
		String prefix = entry.getPrefix();
		if (prefix == null) {
			prefix = "";
		}
		Position prefixPosition;
		if (prefix.indexOf('\n') < 0 && prefix.indexOf('\r') < 0 && prefix.length() <= caretPosition.getCharacter()) {
			prefixPosition = new Position(caretPosition.getLine(), caretPosition.getCharacter() - prefix.length());
		} else {
			prefixPosition = document.getPosition(caretOffset - prefix.length());
		}
		completionItem.setTextEdit(
				Either.forLeft(new TextEdit(new Range(prefixPosition, caretPosition), entry.getProposal())));
		completionItem.setKind(translateKind(entry));
		if (!entry.getTextReplacements().isEmpty()) {
			completionItem.setAdditionalTextEdits(new ArrayList<>(entry.getTextReplacements().size()));
			entry.getTextReplacements().forEach(region -> completionItem.getAdditionalTextEdits()
					.add(toTextEdit(region, document)));
		}
		if (ContentAssistEntry.KIND_SNIPPET.equals(entry.getKind())) {
			completionItem.setInsertTextFormat(InsertTextFormat.Snippet);
		}
		return completionItem;
	}
}

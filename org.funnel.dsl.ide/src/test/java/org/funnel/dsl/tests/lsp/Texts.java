package org.funnel.dsl.tests.lsp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Positions in a text and edits applied to it, the way an editor does. */
public final class Texts {

	private Texts() {
	}

	/** The position of the first occurrence of {@code marker} (plus {@code shift} characters). */
	public static Position at(String text, String marker, int shift) {
		int offset = text.indexOf(marker);
		if (offset < 0) {
			throw new AssertionError("'" + marker + "' is not in the text:\n" + text);
		}
		return position(text, offset + shift);
	}

	/** The position just after the first occurrence of {@code marker}. */
	public static Position after(String text, String marker) {
		return at(text, marker, marker.length());
	}

	/** The position of the first occurrence of {@code marker}. */
	public static Position at(String text, String marker) {
		return at(text, marker, 0);
	}

	public static Position position(String text, int offset) {
		int line = 0;
		int lineStart = 0;
		for (int i = 0; i < offset; i++) {
			if (text.charAt(i) == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return new Position(line, offset - lineStart);
	}

	public static int offset(String text, Position position) {
		int offset = 0;
		for (int line = 0; line < position.getLine(); line++) {
			offset = text.indexOf('\n', offset) + 1;
		}
		return offset + position.getCharacter();
	}

	public static String substring(String text, Range range) {
		return text.substring(offset(text, range.getStart()), offset(text, range.getEnd()));
	}

	public static String apply(String text, List<? extends TextEdit> edits) {
		List<TextEdit> sorted = new ArrayList<>(edits);
		sorted.sort(Comparator.comparing((TextEdit edit) -> offset(text, edit.getRange().getStart())).reversed());
		StringBuilder result = new StringBuilder(text);
		for (TextEdit edit : sorted) {
			result.replace(offset(text, edit.getRange().getStart()), offset(text, edit.getRange().getEnd()),
					edit.getNewText());
		}
		return result.toString();
	}

	/** The edits a workspace edit makes to one document. */
	public static List<TextEdit> edits(WorkspaceEdit edit, String uri) {
		List<TextEdit> edits = new ArrayList<>();
		if (edit.getChanges() != null && edit.getChanges().get(uri) != null) {
			edits.addAll(edit.getChanges().get(uri));
		}
		if (edit.getDocumentChanges() != null) {
			for (Either<TextDocumentEdit, ?> change : edit.getDocumentChanges()) {
				if (change.isLeft() && change.getLeft().getTextDocument().getUri().equals(uri)) {
					change.getLeft().getEdits().stream().filter(Either::isLeft).forEach(e -> edits.add(e.getLeft()));
				}
			}
		}
		return edits;
	}

	/** The documents a workspace edit changes. */
	public static List<String> documents(WorkspaceEdit edit) {
		List<String> uris = new ArrayList<>();
		if (edit.getChanges() != null) {
			uris.addAll(edit.getChanges().keySet());
		}
		if (edit.getDocumentChanges() != null) {
			edit.getDocumentChanges().stream().filter(Either::isLeft)
					.forEach(change -> uris.add(change.getLeft().getTextDocument().getUri()));
		}
		return uris;
	}
}

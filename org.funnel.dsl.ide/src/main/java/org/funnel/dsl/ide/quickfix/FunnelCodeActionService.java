package org.funnel.dsl.ide.quickfix;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;
import org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider;
import org.eclipse.xtext.ide.server.codeActions.QuickFixCodeActionService;

import com.google.inject.Inject;

/**
 * Quick fixes as LSP code actions, in the order the fixes offer them (best suggestion first, marked
 * preferred) rather than sorted by title; fixes that turn out to change nothing are left out.
 */
public class FunnelCodeActionService extends QuickFixCodeActionService {

	@Inject
	private IQuickFixProvider quickFixes;

	@Override
	protected List<Either<Command, CodeAction>> getCodeActions(Options options, Diagnostic diagnostic) {
		List<Either<Command, CodeAction>> actions = new ArrayList<>();
		for (DiagnosticResolution resolution : quickFixes.getResolutions(options, diagnostic)) {
			WorkspaceEdit edit = resolution.apply();
			if (edit == null || isEmpty(edit)) {
				continue;
			}
			CodeAction action = new CodeAction(resolution.getLabel());
			action.setKind(CodeActionKind.QuickFix);
			action.setDiagnostics(List.of(diagnostic));
			action.setEdit(edit);
			if (actions.isEmpty()) {
				action.setIsPreferred(true);
			}
			actions.add(Either.forRight(action));
		}
		return actions;
	}

	private static boolean isEmpty(WorkspaceEdit edit) {
		boolean noChanges = edit.getChanges() == null || edit.getChanges().values().stream().allMatch(List::isEmpty);
		boolean noDocumentChanges = edit.getDocumentChanges() == null || edit.getDocumentChanges().stream()
				.allMatch(change -> change.isLeft() && change.getLeft().getEdits().isEmpty());
		return noChanges && noDocumentChanges;
	}
}

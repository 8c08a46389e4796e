package org.funnel.dsl.ide.rename;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.ide.refactoring.RefactoringIssueAcceptor;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.rename.IRenameService2;
import org.eclipse.xtext.ide.server.rename.RenameService2;
import org.eclipse.xtext.ide.server.rename.ServerRefactoringIssueAcceptor;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.scoping.BuiltinChannels;

/** Renames funnels, stages and channels everywhere they are used; the built-in channels stay as they are. */
public class FunnelRenameService extends RenameService2 {

	@Override
	protected EObject getElementWithIdentifierAt(XtextResource resource, int offset) {
		EObject element = super.getElementWithIdentifierAt(resource, offset);
		return element != null && BuiltinChannels.isBuiltin(element) ? null : element;
	}

	@Override
	protected void applyModifications(EObject element, WorkspaceEdit workspaceEdit,
			ServerRefactoringIssueAcceptor issueAcceptor, IRenameService2.Options options,
			ILanguageServerAccess.Context context) {
		if (BuiltinChannels.isBuiltin(element)) {
			issueAcceptor.add(RefactoringIssueAcceptor.Severity.FATAL, "'" + ((Channel) element).getName()
					+ "' is a built-in channel and cannot be renamed. Declare a channel of your own instead.");
			return;
		}
		super.applyModifications(element, workspaceEdit, issueAcceptor, options, context);
	}
}

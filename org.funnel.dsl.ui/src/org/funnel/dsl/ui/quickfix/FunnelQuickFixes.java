package org.funnel.dsl.ui.quickfix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;
import org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.ui.FunnelLanguage;
import org.funnel.dsl.ui.FunnelUiPlugin;
import org.funnel.dsl.ui.model.FunnelSnapshot;
import com.google.inject.Key;

/**
 * The language's quick fixes (the {@link IQuickFixProvider} bound in the ide module, the same one
 * the language server offers as code actions), for a problem found in an editor snapshot.
 */
public final class FunnelQuickFixes {

	private FunnelQuickFixes() {
	}

	/** The language's quick fix provider, or null while the language binds none. */
	static IQuickFixProvider provider() {
		if (FunnelLanguage.injector().getExistingBinding(Key.get(IQuickFixProvider.class)) == null) {
			return null;
		}
		return FunnelLanguage.get(IQuickFixProvider.class);
	}

	/** Whether the language may have fixes for problems with this issue code (cheap, no model needed). */
	public static boolean mayFix(String code) {
		IQuickFixProvider provider = provider();
		if (provider == null || code == null) {
			return false;
		}
		// Xtext's declarative provider looks at diagnostics with a message and a severity only.
		Diagnostic diagnostic = new Diagnostic();
		diagnostic.setCode(code);
		diagnostic.setMessage("");
		diagnostic.setSeverity(DiagnosticSeverity.Error);
		return provider.handlesDiagnostic(diagnostic);
	}

	public static List<FunnelQuickFix> of(FunnelSnapshot snapshot, Issue issue) {
		IQuickFixProvider provider = provider();
		List<FunnelQuickFix> fixes = new ArrayList<>();
		if (provider == null || issue.getCode() == null) {
			return fixes;
		}
		Diagnostic diagnostic = toDiagnostic(snapshot.document(), issue);
		if (!provider.handlesDiagnostic(diagnostic)) {
			return fixes;
		}
		ICodeActionService2.Options options = new ICodeActionService2.Options();
		TextDocumentIdentifier textDocument = new TextDocumentIdentifier(snapshot.uri().toString());
		options.setDocument(snapshot.document());
		options.setURI(snapshot.uri().toString());
		options.setCodeActionParams(
				new CodeActionParams(textDocument, diagnostic.getRange(), new CodeActionContext(List.of(diagnostic))));
		options.setLanguageServerAccess(new SnapshotServerAccess(snapshot));
		options.setCancelIndicator(CancelIndicator.NullImpl);
		List<DiagnosticResolution> resolutions = snapshot.read(resource -> {
			options.setResource(resource);
			return provider.getResolutions(options, diagnostic);
		});
		for (DiagnosticResolution resolution : resolutions) {
			fixes.add(new FunnelQuickFix(resolution.getLabel(), snapshot,
					() -> editsFor(snapshot, snapshot.read(resource -> resolution.apply()))));
		}
		return fixes;
	}

	/** The problem as the language server would report it, so fixes written for it work here. */
	static Diagnostic toDiagnostic(Document document, Issue issue) {
		Diagnostic diagnostic = new Diagnostic();
		diagnostic.setCode(issue.getCode());
		diagnostic.setData(issue.getData());
		diagnostic.setMessage(issue.getMessage());
		diagnostic.setSeverity(switch (issue.getSeverity()) {
		case ERROR -> DiagnosticSeverity.Error;
		case WARNING -> DiagnosticSeverity.Warning;
		case INFO -> DiagnosticSeverity.Information;
		default -> DiagnosticSeverity.Hint;
		});
		int offset = issue.getOffset() == null ? 0 : issue.getOffset();
		int length = issue.getLength() == null ? 0 : issue.getLength();
		diagnostic.setRange(new Range(document.getPosition(offset), document.getPosition(offset + length)));
		return diagnostic;
	}

	private static List<TextEdit> editsFor(FunnelSnapshot snapshot, WorkspaceEdit edit) {
		String uri = snapshot.uri().toString();
		List<TextEdit> result = new ArrayList<>();
		if (edit.getChanges() != null) {
			for (Map.Entry<String, List<TextEdit>> change : edit.getChanges().entrySet()) {
				if (change.getKey().equals(uri)) {
					result.addAll(change.getValue());
				} else {
					FunnelUiPlugin.log("A quick fix wanted to change another file, which is not supported: " + change.getKey(),
							null);
				}
			}
		}
		if (edit.getDocumentChanges() != null) {
			for (Either<TextDocumentEdit, ?> change : edit.getDocumentChanges()) {
				if (change.isLeft() && change.getLeft().getTextDocument().getUri().equals(uri)) {
					change.getLeft().getEdits().stream().filter(Either::isLeft).map(Either::getLeft).forEach(result::add);
				}
			}
		}
		return result;
	}
}

package org.funnel.dsl.ide.quickfix;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticModificationContext;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolutionAcceptor;

import com.google.inject.Inject;

/**
 * Xtext's acceptor, knowing the problem it collects fixes for: a fix's label may depend on the issue
 * data (e.g. "Change to 'Interest'"), and Xtext hands fix methods the acceptor only.
 */
public class FunnelResolutionAcceptor extends DiagnosticResolutionAcceptor {

	private Diagnostic diagnostic;

	@Inject
	public FunnelResolutionAcceptor(DiagnosticModificationContext.Factory modificationContextFactory) {
		super(modificationContextFactory);
	}

	public Diagnostic diagnostic() {
		return diagnostic;
	}

	void setDiagnostic(Diagnostic diagnostic) {
		this.diagnostic = diagnostic;
	}
}

package org.funnel.dsl.ide.server;

import java.util.Collections;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.xbase.lib.Procedures.Procedure2;

import com.google.inject.Singleton;

/**
 * Accepts clients that open single files without a workspace: they send neither {@code rootUri} nor
 * {@code workspaceFolders}, and Xtext would fail with a NullPointerException. Their files then belong to
 * no project folder; each is checked on its own, with the files it imports.
 */
@Singleton
public class FunnelWorkspaceManager extends WorkspaceManager {

	@Override
	public void initialize(URI baseDir, Procedure2<? super URI, ? super Iterable<Issue>> issueAcceptor,
			CancelIndicator cancelIndicator) {
		if (baseDir == null) {
			initialize(Collections.emptyList(), issueAcceptor, cancelIndicator);
		} else {
			super.initialize(baseDir, issueAcceptor, cancelIndicator);
		}
	}
}

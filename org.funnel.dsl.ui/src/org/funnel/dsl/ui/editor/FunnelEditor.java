package org.funnel.dsl.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.resources.IFile;
import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.editors.text.EditorsUI;
import org.eclipse.ui.editors.text.TextEditor;
import org.eclipse.ui.texteditor.ChainedPreferenceStore;
import org.eclipse.ui.texteditor.ITextEditorActionConstants;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.funnel.dsl.ide.history.HistoryFits;
import org.funnel.dsl.ui.FunnelLanguage;
import org.funnel.dsl.ui.FunnelUiPlugin;
import org.funnel.dsl.ui.builder.FunnelNature;
import org.funnel.dsl.ui.model.FunnelResources;
import org.funnel.dsl.ui.model.FunnelSnapshot;
import org.funnel.dsl.ui.outline.FunnelOutlinePage;
import org.funnel.dsl.ui.outline.OutlineNode;

/**
 * The editor for .funnel files: a platform text editor whose language smarts all come from the
 * Funnel language's Xtext services (see {@link FunnelSourceViewerConfiguration}).
 */
public class FunnelEditor extends TextEditor {

	public static final String ID = "org.funnel.dsl.ui.editor";
	public static final String FORMAT_COMMAND = "org.funnel.dsl.ui.format";
	public static final String OPEN_DECLARATION_COMMAND = "org.funnel.dsl.ui.openDeclaration";

	private FunnelSnapshot snapshot;
	private ProblemAnnotations problems;
	private SemanticColouring colouring;
	private FunnelOutlinePage outlinePage;
	private OutlineNode outline;
	private final List<Runnable> reconcileListeners = new CopyOnWriteArrayList<>();
	private Runnable stopHearingFits;

	@Override
	protected void initializeEditor() {
		super.initializeEditor();
		IPreferenceStore store = new ChainedPreferenceStore(new IPreferenceStore[] {
				FunnelUiPlugin.getDefault().getPreferenceStore(), EditorsUI.getPreferenceStore() });
		setPreferenceStore(store);
		setSourceViewerConfiguration(new FunnelSourceViewerConfiguration(this, store));
		setEditorContextMenuId("#FunnelEditorContext");
		setRulerContextMenuId("#FunnelRulerContext");
	}

	@Override
	protected void initializeKeyBindingScopes() {
		setKeyBindingScopes(new String[] { "org.funnel.dsl.ui.editorScope" });
	}

	@Override
	protected void doSetInput(IEditorInput input) throws CoreException {
		super.doSetInput(input);
		if (input instanceof IFileEditorInput fileInput) {
			// Markers in the Problems view come from the builder, which the nature installs.
			FunnelNature.ensureOn(fileInput.getFile().getProject());
		}
		synchronized (this) {
			if (problems != null) {
				problems.dispose();
				problems = null;
			}
			snapshot = null;
		}
	}

	@Override
	public void createPartControl(Composite parent) {
		super.createPartControl(parent);
		colouring = new SemanticColouring(getSourceViewer());
		colouring.install();
		// A fit of the funnel's deal history is made in the background: the check that asked for it saw none.
		Display display = parent.getDisplay();
		stopHearingFits = FunnelLanguage.get(HistoryFits.class).onFitted(documents -> display.asyncExec(() -> {
			if (getSourceViewer() != null && documents.contains(uri())) {
				checkAgain();
			}
		}));
	}

	@Override
	protected void createActions() {
		super.createActions();
		Action format = new Action("Format") {
			@Override
			public void run() {
				ITextOperationTarget target = getAdapter(ITextOperationTarget.class);
				if (target != null && target.canDoOperation(ISourceViewer.FORMAT)) {
					target.doOperation(ISourceViewer.FORMAT);
				}
			}
		};
		format.setActionDefinitionId(FORMAT_COMMAND);
		setAction("Format", format);
		Action openDeclaration = new Action("Open Declaration") {
			@Override
			public void run() {
				ITextSelection selection = (ITextSelection) getSelectionProvider().getSelection();
				FunnelHyperlinkDetector.openDeclaration(FunnelEditor.this, selection.getOffset());
			}
		};
		openDeclaration.setActionDefinitionId(OPEN_DECLARATION_COMMAND);
		setAction("OpenDeclaration", openDeclaration);
	}

	@Override
	protected void editorContextMenuAboutToShow(IMenuManager menu) {
		super.editorContextMenuAboutToShow(menu);
		addAction(menu, ITextEditorActionConstants.GROUP_EDIT, "Format");
		addAction(menu, ITextEditorActionConstants.GROUP_FIND, "OpenDeclaration");
	}

	@Override
	public <T> T getAdapter(Class<T> type) {
		if (IContentOutlinePage.class.equals(type)) {
			if (outlinePage == null || outlinePage.getControl() == null || outlinePage.getControl().isDisposed()) {
				outlinePage = new FunnelOutlinePage(this);
				if (outline != null) {
					outlinePage.show(outline);
				}
			}
			return type.cast(outlinePage);
		}
		return super.getAdapter(type);
	}

	@Override
	public void dispose() {
		if (colouring != null) {
			colouring.uninstall();
		}
		if (problems != null) {
			problems.dispose();
		}
		if (outlinePage != null) {
			outlinePage.dispose();
		}
		if (stopHearingFits != null) {
			stopHearingFits.run();
		}
		super.dispose();
	}

	/** The URI the language sees for this editor's text: platform:/resource for workspace files. */
	public URI uri() {
		IEditorInput input = getEditorInput();
		if (input instanceof IFileEditorInput fileInput) {
			return FunnelResources.uriOf(fileInput.getFile());
		}
		if (input instanceof IURIEditorInput uriInput) {
			return URI.createURI(uriInput.getURI().toString());
		}
		return URI.createURI("platform:/resource/untitled.funnel");
	}

	public IFile file() {
		return getEditorInput() instanceof IFileEditorInput fileInput ? fileInput.getFile() : null;
	}

	public IDocument document() {
		return getDocumentProvider() == null ? null : getDocumentProvider().getDocument(getEditorInput());
	}

	public ISourceViewer viewer() {
		return getSourceViewer();
	}

	/** The editor's preferences: Funnel's own defaults over the text editor ones. */
	public IPreferenceStore preferences() {
		return getPreferenceStore();
	}

	/** How the language services are wired into this editor's viewer. */
	public FunnelSourceViewerConfiguration configuration() {
		return (FunnelSourceViewerConfiguration) getSourceViewerConfiguration();
	}

	/** The parsed form of the document's current text, parsing again only if the text changed. */
	/**
	 * Checks the text again though it has not changed, in the background: something the checks read besides the text
	 * has (the fit of the funnel's deal history is ready).
	 */
	public void checkAgain() {
		IDocument document = document();
		if (document == null) {
			return;
		}
		synchronized (this) {
			snapshot = null;
		}
		Job.create("Checking " + getTitle(), monitor -> {
			FunnelReconcilingStrategy check = new FunnelReconcilingStrategy(this);
			check.setDocument(document);
			check.setProgressMonitor(monitor);
			check.initialReconcile();
		}).schedule();
	}

	public FunnelSnapshot snapshot() {
		IDocument document = document();
		return document == null ? null : snapshotOf(document);
	}

	FunnelSnapshot snapshotOf(IDocument document) {
		String text = document.get();
		synchronized (this) {
			if (snapshot == null || !snapshot.text().equals(text)) {
				snapshot = FunnelSnapshot.parse(uri(), text);
			}
			return snapshot;
		}
	}

	synchronized ProblemAnnotations problems() {
		if (problems == null) {
			problems = new ProblemAnnotations(getDocumentProvider().getAnnotationModel(getEditorInput()));
		}
		return problems;
	}

	/** Problems shown in the editor right now, as the user typed them. */
	public List<FunnelProblemAnnotation> problemAnnotations() {
		List<FunnelProblemAnnotation> result = new ArrayList<>();
		getDocumentProvider().getAnnotationModel(getEditorInput()).getAnnotationIterator().forEachRemaining(a -> {
			if (a instanceof FunnelProblemAnnotation problem) {
				result.add(problem);
			}
		});
		return result;
	}

	/** The outline of the last checked text. */
	public OutlineNode outline() {
		return outline;
	}

	/** Runs after each background check has been applied to the editor (in the UI thread). */
	public void addReconcileListener(Runnable listener) {
		reconcileListeners.add(listener);
	}

	public void removeReconcileListener(Runnable listener) {
		reconcileListeners.remove(listener);
	}

	void reconciled(IDocument document, FunnelSnapshot checked, List<SemanticHighlights.Highlight> highlights,
			OutlineNode tree) {
		if (getSourceViewer() == null || getSourceViewer().getTextWidget() == null
				|| getSourceViewer().getTextWidget().isDisposed()) {
			return;
		}
		colouring.update(document, highlights);
		outline = tree;
		if (outlinePage != null) {
			outlinePage.show(tree);
		}
		reconcileListeners.forEach(Runnable::run);
	}
}

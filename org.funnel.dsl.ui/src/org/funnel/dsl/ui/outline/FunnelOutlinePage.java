package org.funnel.dsl.ui.outline;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;
import org.funnel.dsl.ui.FunnelImages;

/** The Outline view's page for a funnel editor; selecting an entry selects its name in the text. */
public class FunnelOutlinePage extends ContentOutlinePage {

	/** The tree's input: stays the same object, so refreshing keeps the expanded entries open. */
	private static final class Root {
		OutlineNode node;
	}

	/** The editor whose text the entries select (any text editor: the page does not depend on the Funnel editor). */
	private final ITextEditor editor;
	private final Root root = new Root();
	private boolean expandedOnce;

	public FunnelOutlinePage(ITextEditor editor) {
		this.editor = editor;
	}

	@Override
	public void createControl(Composite parent) {
		super.createControl(parent);
		TreeViewer viewer = getTreeViewer();
		viewer.setUseHashlookup(true);
		viewer.setContentProvider(new ITreeContentProvider() {
			@Override
			public Object[] getElements(Object input) {
				return input instanceof Root r && r.node != null ? r.node.children().toArray() : new Object[0];
			}

			@Override
			public Object[] getChildren(Object parent) {
				return ((OutlineNode) parent).children().toArray();
			}

			@Override
			public Object getParent(Object element) {
				return null;
			}

			@Override
			public boolean hasChildren(Object element) {
				return !((OutlineNode) element).children().isEmpty();
			}
		});
		viewer.setLabelProvider(new LabelProvider() {
			@Override
			public String getText(Object element) {
				return ((OutlineNode) element).label();
			}

			@Override
			public Image getImage(Object element) {
				String key = ((OutlineNode) element).image();
				return key == null ? null : FunnelImages.get(key);
			}
		});
		viewer.setInput(root);
		viewer.addSelectionChangedListener(event -> {
			if (event.getSelection() instanceof IStructuredSelection selection
					&& selection.getFirstElement() instanceof OutlineNode node && viewer.getControl().isFocusControl()) {
				editor.selectAndReveal(node.offset(), node.length());
			}
		});
		if (root.node != null) {
			refresh();
		}
	}

	/** Shows a new outline (in the UI thread). */
	public void show(OutlineNode tree) {
		root.node = tree;
		if (getTreeViewer() != null && !getTreeViewer().getControl().isDisposed()) {
			refresh();
		}
	}

	private void refresh() {
		TreeViewer viewer = getTreeViewer();
		viewer.refresh();
		if (!expandedOnce && root.node != null && !root.node.children().isEmpty()) {
			// Funnels open to show their stages; transitions stay folded until asked for.
			viewer.expandToLevel(2);
			expandedOnce = true;
		}
	}

	/** The entries shown at the top level (for tests and for the editor's own use). */
	public TreeViewer viewer() {
		return getTreeViewer();
	}
}

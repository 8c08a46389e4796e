package org.funnel.dsl.ui.editor;

import org.eclipse.core.resources.IFile;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.jface.text.hyperlink.IHyperlinkDetector;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.IDE;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.util.TextRegion;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.funnel.Import;
import org.funnel.dsl.ui.FunnelLanguage;
import org.funnel.dsl.ui.FunnelUiPlugin;
import org.funnel.dsl.ui.model.FunnelResources;
import org.funnel.dsl.ui.model.FunnelSnapshot;

/**
 * Go to definition: Ctrl+click (or F3) on a stage, channel or funnel name jumps to where it is
 * declared, in this file or an imported one; on an import, opens the imported file.
 */
public class FunnelHyperlinkDetector implements IHyperlinkDetector {

	/** Where a name at an offset leads: the file and the declaration's name within it. */
	public record Target(URI uri, int offset, int length, String name, IRegion source) {
	}

	private final FunnelEditor editor;

	public FunnelHyperlinkDetector(FunnelEditor editor) {
		this.editor = editor;
	}

	@Override
	public IHyperlink[] detectHyperlinks(ITextViewer viewer, IRegion region, boolean canShowMultipleHyperlinks) {
		Target target = targetAt(editor.snapshotOf(viewer.getDocument()), region.getOffset());
		if (target == null) {
			return null;
		}
		return new IHyperlink[] { new IHyperlink() {
			@Override
			public IRegion getHyperlinkRegion() {
				return target.source();
			}

			@Override
			public String getTypeLabel() {
				return "Open Declaration";
			}

			@Override
			public String getHyperlinkText() {
				return "Open Declaration of " + target.name();
			}

			@Override
			public void open() {
				FunnelHyperlinkDetector.open(editor, target);
			}
		} };
	}

	public static Target targetAt(FunnelSnapshot snapshot, int offset) {
		return snapshot.read(resource -> {
			EObjectAtOffsetHelper helper = FunnelLanguage.get(EObjectAtOffsetHelper.class);
			INode node = helper.getCrossReferenceNode(resource, new TextRegion(offset, 0));
			if (node != null) {
				EObject declaration = helper.resolveCrossReferencedElementAt(resource, offset);
				if (declaration == null || declaration.eIsProxy() || declaration.eResource() == null) {
					return null;
				}
				ITextRegion name = FunnelLanguage.get(ILocationInFileProvider.class).getSignificantTextRegion(declaration);
				return new Target(declaration.eResource().getURI(), name.getOffset(), name.getLength(),
						NodeModelUtils.getTokenText(node), new Region(node.getOffset(), node.getLength()));
			}
			return importAt(resource, helper, offset);
		});
	}

	private static Target importAt(XtextResource resource, EObjectAtOffsetHelper helper, int offset) {
		EObject element = helper.resolveContainedElementAt(resource, offset);
		if (!(element instanceof Import anImport) || anImport.getImportURI() == null) {
			return null;
		}
		for (INode node : NodeModelUtils.findNodesForFeature(anImport, FunnelPackage.Literals.IMPORT__IMPORT_URI)) {
			if (node.getOffset() <= offset && offset <= node.getEndOffset()) {
				URI imported = URI.createURI(anImport.getImportURI()).resolve(resource.getURI());
				return new Target(imported, 0, 0, anImport.getImportURI(), new Region(node.getOffset(), node.getLength()));
			}
		}
		return null;
	}

	/** F3: goes to the declaration of the name at the offset, if there is one. */
	public static void openDeclaration(FunnelEditor editor, int offset) {
		Target target = targetAt(editor.snapshot(), offset);
		if (target != null) {
			open(editor, target);
		}
	}

	static void open(FunnelEditor editor, Target target) {
		if (target.uri().equals(editor.uri())) {
			editor.selectAndReveal(target.offset(), target.length());
			return;
		}
		IFile file = FunnelResources.fileOf(target.uri());
		if (file == null || !file.exists()) {
			// A built-in channel, say: it has no file to open; the hover shows its documentation.
			return;
		}
		try {
			IEditorPart opened = IDE.openEditor(editor.getSite().getPage(), file);
			if (opened instanceof FunnelEditor funnelEditor) {
				funnelEditor.selectAndReveal(target.offset(), target.length());
			}
		} catch (PartInitException e) {
			FunnelUiPlugin.log("Could not open " + file.getFullPath(), e);
		}
	}
}

package org.funnel.dsl.ui.diagram;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.util.ITextRegion;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.diagram.DiagramLayout;
import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.diagram.DiagramSvg;
import org.funnel.dsl.diagram.DiagramTooLargeException;
import org.funnel.dsl.diagram.FunnelDiagram;
import org.funnel.dsl.diagram.LaidOutDiagram;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.ui.FunnelLanguage;
import org.funnel.dsl.ui.editor.FunnelEditor;
import org.funnel.dsl.ui.model.FunnelSnapshot;
import java.util.concurrent.CancellationException;
import org.eclipse.swt.graphics.RGB;

/**
 * The "Funnel Diagram" view: the picture of the funnel at the caret of the active Funnel editor, the
 * same picture as everywhere (org.funnel.dsl.diagram), redrawn after each check of the text.
 * Clicking a stage selects its name in the editor.
 * <p>
 * The picture is the diagram's SVG with its colours written into each element, drawn by SWT's SVG
 * support (JSVG): the Platform's Browser widget would need WebKitGTK, which the workbench tests'
 * machine does not have, and JSVG knows no CSS custom properties. Model, layout and drawing run in a
 * background job; a newer edit cancels the job still running.
 */
public class FunnelDiagramView extends ViewPart {

	public static final String ID = "org.funnel.dsl.ui.diagram";

	/** What a finished job hands to the UI thread. */
	private record Picture(String funnel, String svg, LaidOutDiagram laidOut, Map<String, ITextRegion> stages,
			String notice) {
	}

	private Label notice;
	private ScrolledComposite scroller;
	private Canvas canvas;
	private Image image;
	private FunnelEditor editor;
	private Picture shown;
	private Job job;
	private final Runnable reconciled = this::refresh;

	private final IPartListener2 partListener = new IPartListener2() {
		@Override
		public void partActivated(IWorkbenchPartReference reference) {
			IWorkbenchPart part = reference.getPart(false);
			if (part instanceof FunnelEditor funnelEditor && funnelEditor != editor) {
				follow(funnelEditor);
			}
		}

		@Override
		public void partClosed(IWorkbenchPartReference reference) {
			if (reference.getPart(false) == editor) {
				follow(null);
			}
		}
	};

	@Override
	public void createPartControl(Composite parent) {
		GridLayout layout = new GridLayout(1, false);
		layout.marginWidth = 0;
		layout.marginHeight = 0;
		parent.setLayout(layout);
		notice = new Label(parent, SWT.WRAP);
		notice.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		scroller = new ScrolledComposite(parent, SWT.H_SCROLL | SWT.V_SCROLL);
		scroller.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		canvas = new Canvas(scroller, SWT.DOUBLE_BUFFERED);
		scroller.setContent(canvas);
		canvas.addPaintListener(event -> {
			if (image != null && !image.isDisposed()) {
				event.gc.drawImage(image, 0, 0);
			}
		});
		canvas.addListener(SWT.MouseUp, event -> {
			String stage = stageAt(event.x, event.y);
			if (stage != null) {
				reveal(stage);
			}
		});
		setNotice("Open a .funnel file to see its diagram.");
		getSite().getPage().addPartListener(partListener);
		if (getSite().getPage().getActiveEditor() instanceof FunnelEditor active) {
			follow(active);
		}
	}

	private void follow(FunnelEditor next) {
		if (editor != null) {
			editor.removeReconcileListener(reconciled);
		}
		editor = next;
		if (editor != null) {
			editor.addReconcileListener(reconciled);
			refresh();
		}
	}

	/** Starts drawing the funnel at the editor's caret, cancelling a drawing still running. */
	public void refresh() {
		FunnelEditor source = editor;
		if (source == null || canvas == null || canvas.isDisposed()) {
			return;
		}
		int caret = source.getSelectionProvider().getSelection() instanceof ITextSelection selection ? selection.getOffset() : 0;
		boolean dark = isDark();
		if (job != null) {
			job.cancel();
		}
		Job drawing = Job.create("Drawing the funnel diagram", monitor -> {
			FunnelSnapshot snapshot = source.snapshot();
			if (snapshot == null) {
				return Status.CANCEL_STATUS;
			}
			Picture picture = draw(snapshot, caret, dark, monitor);
			if (picture == null || monitor.isCanceled()) {
				return Status.CANCEL_STATUS;
			}
			Display display = canvas.getDisplay();
			if (!display.isDisposed()) {
				display.asyncExec(() -> show(picture));
			}
			return Status.OK_STATUS;
		});
		drawing.setSystem(true);
		job = drawing;
		drawing.schedule();
	}

	private static Picture draw(FunnelSnapshot snapshot, int caret, boolean dark, IProgressMonitor monitor) {
		AnalysisCache analyses = FunnelLanguage.get(AnalysisCache.class);
		ILocationInFileProvider locations = FunnelLanguage.get(ILocationInFileProvider.class);
		record Model(String funnel, FunnelDiagram diagram, Map<String, ITextRegion> stages, String notice) {
		}
		Model model = snapshot.read(resource -> {
			if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof FunnelFile file)) {
				return new Model(null, null, Map.of(), "This file holds no funnel.");
			}
			List<Funnel> funnels = new ArrayList<>();
			file.getElements().stream().filter(Funnel.class::isInstance).map(Funnel.class::cast).forEach(funnels::add);
			if (funnels.isEmpty()) {
				return new Model(null, null, Map.of(), "This file holds no funnel.");
			}
			Funnel funnel = funnels.get(0);
			for (Funnel candidate : funnels) {
				ICompositeNode node = NodeModelUtils.getNode(candidate);
				if (node != null && node.getOffset() <= caret && caret <= node.getEndOffset()) {
					funnel = candidate;
				}
			}
			if (!resource.getErrors().isEmpty()) {
				return new Model(funnel.getName(), null, Map.of(),
						"The text has errors: this is the last picture drawn without them.");
			}
			EffectiveFunnel structure = analyses.structure(funnel);
			Map<String, ITextRegion> stages = new HashMap<>();
			for (Stage stage : structure.stages()) {
				if (stage.eResource() == resource && stage.getName() != null) {
					stages.putIfAbsent(stage.getName(), locations.getSignificantTextRegion(stage));
				}
			}
			return new Model(funnel.getName(), FunnelDiagram.of(structure, analyses.analysis(funnel), DiagramOptions.DEFAULT),
					stages, null);
		});
		if (model.diagram() == null) {
			return new Picture(model.funnel(), null, null, Map.of(), model.notice());
		}
		try {
			LaidOutDiagram laidOut = DiagramLayout.layout(model.diagram(), monitor::isCanceled);
			return new Picture(model.funnel(), DiagramSvg.renderFlat(laidOut, dark), laidOut, model.stages(), null);
		} catch (DiagramTooLargeException e) {
			return new Picture(model.funnel(), null, null, Map.of(), e.getMessage() + ".");
		} catch (CancellationException e) {
			return null;
		}
	}

	private void show(Picture picture) {
		if (canvas == null || canvas.isDisposed()) {
			return;
		}
		if (picture.svg() == null) {
			// Errors: the last picture stays, with the notice above it.
			setNotice(picture.notice());
			return;
		}
		Image next = new Image(canvas.getDisplay(), new ByteArrayInputStream(picture.svg().getBytes(StandardCharsets.UTF_8)));
		if (image != null) {
			image.dispose();
		}
		image = next;
		shown = picture;
		setNotice(null);
		setPartName("Funnel Diagram: " + picture.funnel());
		canvas.setSize(image.getBounds().width, image.getBounds().height);
		canvas.redraw();
	}

	private void setNotice(String text) {
		notice.setText(text == null ? "" : text);
		((GridData) notice.getLayoutData()).exclude = text == null;
		notice.setVisible(text != null);
		notice.getParent().layout(true, true);
	}

	/** The stage whose box (or the rows below it) holds the point, or null. */
	private String stageAt(int x, int y) {
		if (shown == null) {
			return null;
		}
		LaidOutDiagram laidOut = shown.laidOut();
		for (int i = 0; i < laidOut.boxes().size(); i++) {
			LaidOutDiagram.Box box = laidOut.boxes().get(i);
			if (x >= box.x() && x <= box.x() + box.width() && y >= box.y() && y <= box.y() + box.totalHeight()) {
				return laidOut.diagram().stages().get(i).name();
			}
		}
		return null;
	}

	/** Selects the stage's name in the editor and shows it; false when the stage is not in this editor's text. */
	public boolean reveal(String stage) {
		ITextRegion region = shown == null ? null : shown.stages().get(stage);
		if (region == null || editor == null) {
			return false;
		}
		editor.selectAndReveal(region.getOffset(), region.getLength());
		getSite().getPage().activate(editor);
		return true;
	}

	/** The SVG shown now (null before the first picture): for the tests. */
	public String svg() {
		return shown == null ? null : shown.svg();
	}

	/** The notice above the picture, empty when there is none: for the tests. */
	public String notice() {
		return notice.getText();
	}

	/** Where a stage's box is drawn, in the view's canvas: for the tests, to click it. */
	public int[] boxCentre(String stage) {
		LaidOutDiagram laidOut = shown.laidOut();
		for (int i = 0; i < laidOut.boxes().size(); i++) {
			if (laidOut.diagram().stages().get(i).name().equals(stage)) {
				LaidOutDiagram.Box box = laidOut.boxes().get(i);
				return new int[] { (int) (box.x() + box.width() / 2), (int) (box.y() + box.height() / 2) };
			}
		}
		return null;
	}

	public Canvas canvas() {
		return canvas;
	}

	/** Dark when the view's background is dark (a dark Eclipse theme colours it). */
	private boolean isDark() {
		RGB background = canvas.getBackground().getRGB();
		return (background.red * 299 + background.green * 587 + background.blue * 114) / 1000 < 128;
	}

	@Override
	public void setFocus() {
		canvas.setFocus();
	}

	@Override
	public void dispose() {
		getSite().getPage().removePartListener(partListener);
		if (editor != null) {
			editor.removeReconcileListener(reconciled);
		}
		if (job != null) {
			job.cancel();
		}
		if (image != null) {
			image.dispose();
		}
		super.dispose();
	}
}

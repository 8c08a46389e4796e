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
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.jface.viewers.IPostSelectionProvider;
import org.eclipse.jface.viewers.ISelectionChangedListener;
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
 * The picture opens fitted to the view (at most at full size, so it stays sharp) and follows the
 * view's size until the user zooms (mouse wheel, + and -) or pans (drag, arrow keys); 0 fits it
 * again. Moving the caret into a stage outlines its box and pans it into view.
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
			Map<String, ITextRegion> spans, String notice) {
	}

	private static final double MIN_SCALE = 0.1;
	private static final double MAX_SCALE = 4;
	private static final double WHEEL_STEP = 1.15;
	/** Pixels a press must move before it is a drag (a pan) rather than a click. */
	private static final int DRAG_SLOP = 4;
	/** Space kept around a stage brought into view. */
	private static final int MARGIN = 16;

	private Label notice;
	private Canvas canvas;
	private Image image;
	private FunnelEditor editor;
	private Picture shown;
	private Job job;
	private final Runnable reconciled = this::refresh;
	/** Picture pixels per canvas pixel, and where the picture's top-left corner is drawn. */
	private double scale = 1;
	private double panX;
	private double panY;
	/** True until the user zooms or pans: the picture follows the view's size. */
	private boolean fitted = true;
	/** The stage at the editor's caret, outlined; null when the caret is in none. */
	private String caretStage;
	private int caret;
	private int[] press;
	private boolean dragged;

	private final ISelectionChangedListener caretListener = event -> {
		if (event.getSelection() instanceof ITextSelection text) {
			caretMoved(text.getOffset());
		}
	};

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
		canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
		canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		canvas.addPaintListener(event -> paint(event.gc));
		canvas.addListener(SWT.Resize, event -> {
			if (fitted) {
				fit();
			}
		});
		canvas.addListener(SWT.MouseVerticalWheel,
				event -> zoom(Math.pow(WHEEL_STEP, Math.signum(event.count)), event.x, event.y));
		canvas.addListener(SWT.MouseDown, event -> {
			press = event.button == 1 ? new int[] { event.x, event.y } : null;
			dragged = false;
		});
		canvas.addListener(SWT.MouseMove, this::drag);
		canvas.addListener(SWT.MouseUp, event -> {
			boolean click = !dragged;
			press = null;
			dragged = false;
			String stage = click ? stageAt(event.x, event.y) : null;
			if (stage != null) {
				reveal(stage);
			}
		});
		canvas.addListener(SWT.KeyDown, this::key);
		setNotice("Open a .funnel file to see its diagram.");
		getSite().getPage().addPartListener(partListener);
		if (getSite().getPage().getActiveEditor() instanceof FunnelEditor active) {
			follow(active);
		}
	}

	private void follow(FunnelEditor next) {
		if (editor != null) {
			editor.removeReconcileListener(reconciled);
			if (editor.getSelectionProvider() instanceof IPostSelectionProvider carets) {
				carets.removePostSelectionChangedListener(caretListener);
			}
		}
		editor = next;
		if (editor != null) {
			editor.addReconcileListener(reconciled);
			if (editor.getSelectionProvider() instanceof IPostSelectionProvider carets) {
				carets.addPostSelectionChangedListener(caretListener);
			}
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
		this.caret = caret;
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
		record Model(String funnel, FunnelDiagram diagram, Map<String, ITextRegion> stages,
				Map<String, ITextRegion> spans, String notice) {
		}
		Model model = snapshot.read(resource -> {
			if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof FunnelFile file)) {
				return new Model(null, null, Map.of(), Map.of(), "This file holds no funnel.");
			}
			List<Funnel> funnels = new ArrayList<>();
			file.getElements().stream().filter(Funnel.class::isInstance).map(Funnel.class::cast).forEach(funnels::add);
			if (funnels.isEmpty()) {
				return new Model(null, null, Map.of(), Map.of(), "This file holds no funnel.");
			}
			Funnel funnel = funnels.get(0);
			for (Funnel candidate : funnels) {
				ICompositeNode node = NodeModelUtils.getNode(candidate);
				if (node != null && node.getOffset() <= caret && caret <= node.getEndOffset()) {
					funnel = candidate;
				}
			}
			if (!resource.getErrors().isEmpty()) {
				return new Model(funnel.getName(), null, Map.of(), Map.of(),
						"The text has errors: this is the last picture drawn without them.");
			}
			EffectiveFunnel structure = analyses.structure(funnel);
			Map<String, ITextRegion> stages = new HashMap<>();
			Map<String, ITextRegion> spans = new HashMap<>();
			for (Stage stage : structure.stages()) {
				if (stage.eResource() == resource && stage.getName() != null) {
					stages.putIfAbsent(stage.getName(), locations.getSignificantTextRegion(stage));
					spans.putIfAbsent(stage.getName(), locations.getFullTextRegion(stage));
				}
			}
			return new Model(funnel.getName(), FunnelDiagram.of(structure, analyses.analysis(funnel), DiagramOptions.DEFAULT),
					stages, spans, null);
		});
		if (model.diagram() == null) {
			return new Picture(model.funnel(), null, null, Map.of(), Map.of(), model.notice());
		}
		try {
			LaidOutDiagram laidOut = DiagramLayout.layout(model.diagram(), monitor::isCanceled);
			return new Picture(model.funnel(), DiagramSvg.renderFlat(laidOut, dark), laidOut, model.stages(),
					model.spans(), null);
		} catch (DiagramTooLargeException e) {
			return new Picture(model.funnel(), null, null, Map.of(), Map.of(), e.getMessage() + ".");
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
		boolean otherFunnel = shown == null || !shown.funnel().equals(picture.funnel());
		shown = picture;
		setNotice(null);
		setPartName("Funnel Diagram: " + picture.funnel());
		if (otherFunnel || fitted) {
			fit();
		}
		caretMoved(caret);
		canvas.redraw();
	}

	private void paint(org.eclipse.swt.graphics.GC gc) {
		Rectangle area = canvas.getClientArea();
		gc.setBackground(canvas.getBackground());
		gc.fillRectangle(area);
		if (image == null || image.isDisposed()) {
			return;
		}
		Rectangle size = image.getBounds();
		gc.setAntialias(SWT.ON);
		gc.setInterpolation(SWT.HIGH);
		gc.drawImage(image, 0, 0, size.width, size.height, (int) Math.round(panX), (int) Math.round(panY),
				(int) Math.round(size.width * scale), (int) Math.round(size.height * scale));
		Rectangle box = caretStage == null ? null : boxOnCanvas(caretStage);
		if (box != null) {
			gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION));
			gc.setLineWidth(3);
			gc.drawRoundRectangle(box.x - 3, box.y - 3, box.width + 6, box.height + 6, 10, 10);
		}
	}

	/** Shows the whole picture in the view, centred, at most at full size. */
	public void fit() {
		fitted = true;
		if (image == null || image.isDisposed()) {
			return;
		}
		Rectangle area = canvas.getClientArea();
		Rectangle size = image.getBounds();
		scale = Math.max(MIN_SCALE, Math.min(1, Math.min((double) area.width / size.width, (double) area.height / size.height)));
		panX = (area.width - size.width * scale) / 2;
		panY = (area.height - size.height * scale) / 2;
		canvas.redraw();
	}

	/** Zooms by the factor, keeping the picture's point under (x, y) where it is. */
	public void zoom(double factor, int x, int y) {
		if (image == null) {
			return;
		}
		double next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * factor));
		panX = x - (x - panX) * next / scale;
		panY = y - (y - panY) * next / scale;
		scale = next;
		fitted = false;
		canvas.redraw();
	}

	private void pan(double dx, double dy) {
		panX += dx;
		panY += dy;
		fitted = false;
		canvas.redraw();
	}

	private void drag(Event event) {
		if (press == null) {
			return;
		}
		int dx = event.x - press[0];
		int dy = event.y - press[1];
		if (!dragged && Math.abs(dx) + Math.abs(dy) < DRAG_SLOP) {
			return;
		}
		dragged = true;
		press = new int[] { event.x, event.y };
		pan(dx, dy);
	}

	private void key(Event event) {
		Rectangle area = canvas.getClientArea();
		int step = Math.max(20, area.width / 10);
		switch (event.character) {
		case '+', '=' -> zoom(WHEEL_STEP, area.width / 2, area.height / 2);
		case '-' -> zoom(1 / WHEEL_STEP, area.width / 2, area.height / 2);
		case '0' -> fit();
		default -> {
			switch (event.keyCode) {
			case SWT.ARROW_LEFT -> pan(step, 0);
			case SWT.ARROW_RIGHT -> pan(-step, 0);
			case SWT.ARROW_UP -> pan(0, step);
			case SWT.ARROW_DOWN -> pan(0, -step);
			default -> {
				return;
			}
			}
		}
		}
	}

	/** Outlines the stage around the caret and pans its box into view when it is (partly) outside. */
	private void caretMoved(int offset) {
		caret = offset;
		if (shown == null || canvas == null || canvas.isDisposed()) {
			return;
		}
		String stage = null;
		for (Map.Entry<String, ITextRegion> span : shown.spans().entrySet()) {
			ITextRegion region = span.getValue();
			if (region.getOffset() <= offset && offset <= region.getOffset() + region.getLength()) {
				stage = span.getKey();
			}
		}
		caretStage = stage;
		Rectangle box = stage == null ? null : boxOnCanvas(stage);
		Rectangle area = canvas.getClientArea();
		if (box != null && !area.contains(box.x, box.y) || box != null && !area.contains(box.x + box.width, box.y + box.height)) {
			// Shrink first if the box cannot fit at this size, then centre it.
			if (box.width + 2 * MARGIN > area.width || box.height + 2 * MARGIN > area.height) {
				double factor = Math.min((double) (area.width - 2 * MARGIN) / box.width,
						(double) (area.height - 2 * MARGIN) / box.height);
				zoom(factor, box.x + box.width / 2, box.y + box.height / 2);
				box = boxOnCanvas(stage);
			}
			pan(area.width / 2.0 - (box.x + box.width / 2.0), area.height / 2.0 - (box.y + box.height / 2.0));
		}
		canvas.redraw();
	}

	private void setNotice(String text) {
		notice.setText(text == null ? "" : text);
		((GridData) notice.getLayoutData()).exclude = text == null;
		notice.setVisible(text != null);
		notice.getParent().layout(true, true);
	}

	/** The stage whose box (or the rows below it) holds the point, or null. */
	private String stageAt(int canvasX, int canvasY) {
		if (shown == null) {
			return null;
		}
		double x = (canvasX - panX) / scale;
		double y = (canvasY - panY) / scale;
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

	/** Where a stage's box is drawn now, in the view's canvas (zoom and pan applied); null when not drawn. */
	public Rectangle boxOnCanvas(String stage) {
		if (shown == null) {
			return null;
		}
		LaidOutDiagram laidOut = shown.laidOut();
		for (int i = 0; i < laidOut.boxes().size(); i++) {
			if (laidOut.diagram().stages().get(i).name().equals(stage)) {
				LaidOutDiagram.Box box = laidOut.boxes().get(i);
				int left = (int) Math.floor(panX + box.x() * scale);
				int top = (int) Math.floor(panY + box.y() * scale);
				return new Rectangle(left, top, (int) Math.ceil(panX + (box.x() + box.width()) * scale) - left,
						(int) Math.ceil(panY + (box.y() + box.height()) * scale) - top);
			}
		}
		return null;
	}

	/** Where a stage's box is drawn, in the view's canvas: for the tests, to click it. */
	public int[] boxCentre(String stage) {
		Rectangle box = boxOnCanvas(stage);
		return box == null ? null : new int[] { box.x + box.width / 2, box.y + box.height / 2 };
	}

	/** Picture pixels per canvas pixel now: for the tests. */
	public double scale() {
		return scale;
	}

	/** The size of the whole picture at full size (null before the first): for the tests. */
	public Rectangle pictureSize() {
		return image == null ? null : image.getBounds();
	}

	/** The stage outlined as the one at the editor's caret, or null: for the tests. */
	public String caretStage() {
		return caretStage;
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
		follow(null);
		if (job != null) {
			job.cancel();
		}
		if (image != null) {
			image.dispose();
		}
		super.dispose();
	}
}

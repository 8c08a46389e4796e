package org.funnel.dsl.ide.diagram;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.ILanguageServerExtension;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.util.LineAndColumn;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.diagram.DiagramLayout;
import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.diagram.DiagramSvg;
import org.funnel.dsl.diagram.DiagramTooLargeException;
import org.funnel.dsl.diagram.FunnelDiagram;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Stages;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.function.BooleanSupplier;

/**
 * The language server's {@code funnel/diagram} request: the picture of the funnel at a position, as
 * SVG, with where each stage is declared (for click-to-reveal). Documented in docs/diagram.md.
 * <p>
 * The model is taken from the document under Xtext's read lock (cheap: the analysis is cached with
 * the document); the layout runs on a thread of its own, off the request threads, so a large funnel
 * never holds up the edits and checks behind it. Work that became stale stops: a newer diagram
 * request for the same document, or the client cancelling the request, cancels the layout between
 * ELK's phases; an edit cancels the read.
 */
@Singleton
public class FunnelDiagramService implements ILanguageServerExtension, FunnelDiagramEndpoint {

	public static final String METHOD = "funnel/diagram";

	@Inject
	private AnalysisCache analyses;

	@Inject
	private ILocationInFileProvider locations;

	@Inject
	private UriExtensions uris;

	private volatile ILanguageServerAccess access;

	/** One layout at a time: stale ones stop early, so a queue never builds up. */
	private final ExecutorService layouts = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "funnel-diagram-layout");
		thread.setDaemon(true);
		return thread;
	});

	/** The latest request per document: an older one still laying out gives up. */
	private final Map<String, AtomicLong> latest = new ConcurrentHashMap<>();

	@Override
	public void initialize(ILanguageServerAccess languageServerAccess) {
		this.access = languageServerAccess;
	}

	/** What the read lock hands to the layout thread: the model of the picture, or the answer already. */
	private record Prepared(FunnelDiagram diagram, FunnelDiagramResult result) {
	}

	@Override
	public CompletableFuture<FunnelDiagramResult> diagram(FunnelDiagramParams params) {
		String uri = params.textDocument.getUri();
		long generation = latest.computeIfAbsent(uri, key -> new AtomicLong()).incrementAndGet();
		DiagramOptions options = DiagramOptions.DEFAULT.withChannels(params.channels).withTheme(theme(params.theme));
		CompletableFuture<FunnelDiagramResult> answer = new CompletableFuture<>();
		access.doRead(uri, context -> prepare(context, params.position, options)).whenComplete((prepared, failure) -> {
			if (failure != null) {
				answer.completeExceptionally(failure);
			} else if (prepared.diagram() == null) {
				answer.complete(prepared.result());
			} else {
				layouts.execute(() -> layOut(prepared, options, answer, () -> answer.isDone()
						|| latest.get(uri).get() != generation));
			}
		});
		return answer;
	}

	private static void layOut(Prepared prepared, DiagramOptions options, CompletableFuture<FunnelDiagramResult> answer,
			BooleanSupplier stale) {
		if (stale.getAsBoolean()) {
			answer.completeExceptionally(new CancellationException("a newer diagram was asked for"));
			return;
		}
		FunnelDiagramResult result = prepared.result();
		try {
			result.svg = DiagramSvg.render(DiagramLayout.layout(prepared.diagram(), stale), options.theme());
			answer.complete(result);
		} catch (DiagramTooLargeException e) {
			result.message = e.getMessage() + ".";
			answer.complete(result);
		} catch (RuntimeException e) {
			answer.completeExceptionally(e);
		}
	}

	private Prepared prepare(ILanguageServerAccess.Context context, Position position, DiagramOptions options) {
		FunnelDiagramResult result = new FunnelDiagramResult();
		Resource resource = context.getResource();
		if (!(resource instanceof XtextResource xtext) || xtext.getContents().isEmpty()
				|| !(xtext.getContents().get(0) instanceof FunnelFile file)) {
			result.message = "This document holds no funnel.";
			return new Prepared(null, result);
		}
		Funnel funnel = funnelAt(file, context.getDocument(), position);
		if (funnel == null) {
			result.message = "This document holds no funnel.";
			return new Prepared(null, result);
		}
		result.funnel = funnel.getName();
		result.label = Stages.label(funnel);
		if (!resource.getErrors().isEmpty()) {
			result.errors = true;
			result.message = "The document has errors; no picture until they are fixed.";
			return new Prepared(null, result);
		}
		if (context.getCancelChecker().isCanceled()) {
			throw new CancellationException("the document changed");
		}
		EffectiveFunnel structure = analyses.structure(funnel);
		int caret = position == null || context.getDocument() == null ? -1 : context.getDocument().getOffSet(position);
		for (Stage stage : structure.stages()) {
			Location location = location(stage);
			if (location != null && stage.getName() != null) {
				result.stages.putIfAbsent(stage.getName(), location);
			}
			ICompositeNode node = stage.eResource() == resource ? NodeModelUtils.getNode(stage) : null;
			if (node != null && node.getOffset() <= caret && caret <= node.getEndOffset()) {
				result.caretStage = stage.getName();
			}
		}
		return new Prepared(FunnelDiagram.of(structure, analyses.analysis(funnel), options), result);
	}

	/** The funnel whose text holds the position; the first funnel when none does. */
	private static Funnel funnelAt(FunnelFile file, Document document, Position position) {
		List<Funnel> funnels = file.getElements().stream().filter(Funnel.class::isInstance).map(Funnel.class::cast).toList();
		if (funnels.isEmpty()) {
			return null;
		}
		if (position != null && document != null) {
			int offset = document.getOffSet(position);
			for (Funnel funnel : funnels) {
				ICompositeNode node = NodeModelUtils.getNode(funnel);
				if (node != null && node.getOffset() <= offset && offset <= node.getEndOffset()) {
					return funnel;
				}
			}
		}
		return funnels.get(0);
	}

	/** Where a stage's name is declared, in its own file (an inherited stage's is another file). */
	private Location location(EObject stage) {
		ITextRegion region = locations.getSignificantTextRegion(stage);
		ICompositeNode root = NodeModelUtils.getNode(stage) == null ? null : NodeModelUtils.getNode(stage).getRootNode();
		if (region == null || root == null || stage.eResource() == null) {
			return null;
		}
		LineAndColumn start = NodeModelUtils.getLineAndColumn(root, region.getOffset());
		LineAndColumn end = NodeModelUtils.getLineAndColumn(root, region.getOffset() + region.getLength());
		return new Location(uris.toUriString(stage.eResource().getURI()), new Range(
				new Position(start.getLine() - 1, start.getColumn() - 1), new Position(end.getLine() - 1, end.getColumn() - 1)));
	}

	private static DiagramOptions.Theme theme(String name) {
		if (name == null) {
			return DiagramOptions.Theme.AUTO;
		}
		return switch (name) {
		case "light" -> DiagramOptions.Theme.LIGHT;
		case "dark" -> DiagramOptions.Theme.DARK;
		default -> DiagramOptions.Theme.AUTO;
		};
	}
}

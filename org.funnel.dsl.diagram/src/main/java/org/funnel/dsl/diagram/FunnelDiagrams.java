package org.funnel.dsl.diagram;

import java.util.function.BooleanSupplier;

import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.funnel.Funnel;

/**
 * The picture of a funnel as SVG, for every consumer: {@code generate --target svg}, the report,
 * {@code diff --svg}, the language server's {@code funnel/diagram} request and the Eclipse view.
 */
public final class FunnelDiagrams {

	private static final BooleanSupplier NEVER = () -> false;

	private FunnelDiagrams() {
	}

	/** The SVG of the funnel; throws {@link DiagramTooLargeException} for too many stages. */
	public static String svg(AnalysisCache analyses, Funnel funnel, DiagramOptions options) {
		return svg(analyses, funnel, options, NEVER);
	}

	/**
	 * The SVG of the funnel, giving up with a {@link java.util.concurrent.CancellationException} as
	 * soon as {@code cancelled} says so (an editor asks for a newer version of the text).
	 */
	public static String svg(AnalysisCache analyses, Funnel funnel, DiagramOptions options, BooleanSupplier cancelled) {
		return svg(analyses, funnel, options, null, cancelled);
	}

	/**
	 * The SVG of the funnel with what a deal history shows beside its declared values ({@code funnel fit --svg}); throws
	 * {@link DiagramTooLargeException} for too many stages.
	 */
	public static String svg(AnalysisCache analyses, Funnel funnel, DiagramOptions options, ObservedValues observed) {
		return svg(analyses, funnel, options, observed, NEVER);
	}

	private static String svg(AnalysisCache analyses, Funnel funnel, DiagramOptions options, ObservedValues observed,
			BooleanSupplier cancelled) {
		FunnelDiagram diagram = FunnelDiagram.of(analyses.structure(funnel), analyses.analysis(funnel), options, observed);
		return DiagramSvg.render(DiagramLayout.layout(diagram, cancelled), options.theme());
	}
}

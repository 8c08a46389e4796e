package org.funnel.dsl.generator.svg;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.diagram.DiagramTooLargeException;
import org.funnel.dsl.diagram.FunnelDiagrams;
import org.funnel.dsl.funnel.Funnel;

/**
 * The pictures of one generator run, each drawn once: the svg and report targets (which may run side
 * by side) show the same picture of a funnel, and laying it out is most of their work.
 */
public final class Pictures {

	/** A funnel's SVG, or why there is none. */
	private record Picture(String svg, String tooLarge) {
	}

	private final AnalysisCache analyses;
	private final DiagramOptions options;
	private final Map<Funnel, Picture> drawn = new ConcurrentHashMap<>();

	public Pictures(AnalysisCache analyses, DiagramOptions options) {
		this.analyses = analyses;
		this.options = options;
	}

	/** Draws the funnel's picture now, unless it is drawn (a funnel too large to draw is remembered as such). */
	public void draw(Funnel funnel) {
		picture(funnel);
	}

	/** The funnel's SVG; throws {@link DiagramTooLargeException} (each time) for one too large to draw. */
	String svg(Funnel funnel) {
		Picture picture = picture(funnel);
		if (picture.svg() == null) {
			throw new DiagramTooLargeException(picture.tooLarge());
		}
		return picture.svg();
	}

	private Picture picture(Funnel funnel) {
		// A second target asking for a picture being drawn waits for it rather than drawing it again.
		return drawn.computeIfAbsent(funnel, key -> {
			try {
				return new Picture(FunnelDiagrams.svg(analyses, key, options), null);
			} catch (DiagramTooLargeException e) {
				return new Picture(null, e.getMessage());
			}
		});
	}
}

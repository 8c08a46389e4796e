package org.funnel.dsl.generator.svg;

import java.util.List;

import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.diagram.DiagramTooLargeException;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.GeneratedFiles;

/**
 * Target {@code svg}: the picture of each funnel ({@code svg/<Name>.svg}) for reviewers: stages left
 * to right, arrows as wide as the expected flow, drop-off as leaks, the bottleneck marked. A funnel
 * too large to draw gets a warning instead of a picture.
 */
public final class SvgGenerator {

	public static final String DIRECTORY = "svg";

	private final Pictures pictures;

	public SvgGenerator(AnalysisCache analyses, DiagramOptions options) {
		this(new Pictures(analyses, options));
	}

	/** A generator drawing with the run's pictures, shared with the report. */
	public SvgGenerator(Pictures pictures) {
		this.pictures = pictures;
	}

	public void generate(List<Unit> units, GeneratedFiles out) {
		for (Unit unit : units) {
			add(out, DIRECTORY + "/" + unit.funnel().getName() + ".svg", unit);
		}
	}

	/** Adds the unit's picture at the path; returns false (and warns) when the funnel is too large to draw. */
	public boolean add(GeneratedFiles out, String path, Unit unit) {
		String svg;
		try {
			svg = pictures.svg(unit.funnel());
		} catch (DiagramTooLargeException e) {
			out.warn(e.getMessage() + "; " + path + " not written.");
			return false;
		}
		out.add(path, svg, "funnel " + unit.funnel().getName() + " (" + unit.path() + ")");
		return true;
	}
}

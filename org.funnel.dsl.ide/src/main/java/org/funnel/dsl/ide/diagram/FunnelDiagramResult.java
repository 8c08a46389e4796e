package org.funnel.dsl.ide.diagram;

import java.util.Map;
import java.util.TreeMap;

import org.eclipse.lsp4j.Location;

/**
 * The answer to {@code funnel/diagram}. When {@link #svg} is null, {@link #message} says why: the
 * document has errors (a client keeps showing its last picture), it holds no funnel, or the funnel is
 * too large to draw.
 */
public class FunnelDiagramResult {

	/** The funnel's name, or null when there is none. */
	public String funnel;

	/** The funnel's label (its name when it has none). */
	public String label;

	/** The picture, or null. */
	public String svg;

	/** Where each stage of the picture is declared, by the stage's name (its {@code data-stage} in the SVG). */
	public Map<String, Location> stages = new TreeMap<>();

	/** The stage whose text holds the position asked about (a client brings it into view), or null. */
	public String caretStage;

	/** True when the document has syntax errors or unresolved names: no picture is drawn then. */
	public boolean errors;

	/** Why there is no picture, or null. */
	public String message;
}

package org.funnel.dsl.diagram;

import java.util.List;

/**
 * A funnel diagram with its geometry: where each stage's box is and how each arrow runs, in pixels
 * from the top left. Lists are indexed like the diagram's stages and flows.
 */
public record LaidOutDiagram(FunnelDiagram diagram, List<Box> boxes, List<Arrow> arrows, double width, double height) {

	public record Point(double x, double y) {
	}

	/**
	 * A stage's box, and below it {@code rows} rows of what leaves the funnel there: its drop-off
	 * (a leak {@code leakWidth} wide, 0 when nothing drops off) and its exits.
	 */
	public record Box(double x, double y, double width, double height, double leakWidth, int rows) {

		/** The box with the rows below it: the space no other box may take. */
		public double totalHeight() {
			return rows == 0 ? height : height + rows * DiagramLayout.ROW_HEIGHT + DiagramLayout.ROW_GAP;
		}

		/** The top of row {@code row} below the box. */
		public double rowTop(int row) {
			return y + height + row * DiagramLayout.ROW_HEIGHT;
		}
	}

	/**
	 * A transition's route from the source's box to the target's, its width, where its words go,
	 * and whether it runs back to an earlier stage (a cycle). An exit is a transition into a won or
	 * lost stage drawn as a short bar in a row below its source (large funnels): {@code points} are
	 * the bar's top and bottom. {@code labelAnchor} is where its words go: their centre on an arrow, their start on an exit.
	 */
	public record Arrow(List<Point> points, double width, Point labelAnchor, boolean back, boolean exit) {
	}
}

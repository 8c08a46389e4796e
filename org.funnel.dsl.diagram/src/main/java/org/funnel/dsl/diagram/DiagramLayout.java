package org.funnel.dsl.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.CycleBreakingStrategy;
import org.eclipse.elk.alg.layered.options.LayerConstraint;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.diagram.FunnelDiagram.Flow;
import org.funnel.dsl.diagram.FunnelDiagram.StageBox;
import org.funnel.dsl.diagram.LaidOutDiagram.Arrow;
import org.funnel.dsl.diagram.LaidOutDiagram.Box;
import org.funnel.dsl.diagram.LaidOutDiagram.Point;

/**
 * Places the boxes and routes the arrows of a funnel diagram with ELK's layered algorithm, left to
 * right: stages in layers along the flow, won and lost stages in a last layer of their own, transitions back
 * to an earlier stage (reminders, win-back) as back edges, crossings minimised, arrows routed
 * orthogonally around the boxes with room for their widths. Each box reserves rows below itself
 * for what leaves the funnel there (its drop-off, and in large funnels its exits), so nothing is
 * drawn over them.
 * <p>
 * In a funnel of more than {@value #ALL_ARROWS_UP_TO} stages, transitions into won and lost stages,
 * and transitions to a stage more than {@value #LONGEST_ARROW} stages away in the funnel's reading
 * order, are drawn as exits in a row below their stage instead of arrows across the picture. Nearly
 * every stage has one, and as arrows spanning many layers they made ELK's work grow with the square
 * of the funnel's length (a 200-stage funnel took over a minute) and the picture unreadable.
 */
public final class DiagramLayout {

	/** The widest arrow or leak, for the largest volume. */
	static final double MAX_WIDTH = 24;
	/** The narrowest arrow: a transition nobody takes stays visible. */
	static final double MIN_WIDTH = 1;
	/** Height of one row below a box (its drop-off or an exit). */
	static final double ROW_HEIGHT = 18;
	/** Space below the last row. */
	static final double ROW_GAP = 4;
	/** Space between a leak or exit bar and its words. */
	static final double BAR_GAP = 6;
	/** Up to this many stages, every transition is an arrow; above, some are exits (see the class). */
	public static final int ALL_ARROWS_UP_TO = 12;
	/** In a larger funnel, the most stages (in reading order) an arrow may span. */
	public static final int LONGEST_ARROW = 6;
	/** Above this many stages the diagram is not drawn: the picture would not be readable, nor quick. */
	public static final int MAX_STAGES = 2000;

	static {
		// ELK's options (and the copying of their values) are known once its meta data is registered.
		LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
	}

	private final FunnelDiagram diagram;
	private final List<StageBox> stages;
	private final List<Flow> flows;
	private final double largest;
	/** Each stage's place in the funnel's reading order. */
	private final int[] position;
	/** Which transitions are drawn as exits below their stage (see the class), by flow index. */
	private final boolean[] asExit;
	/** The exits below each stage, in the order they are declared. */
	private final List<List<Flow>> exitsOf;
	private final ElkNode root = ElkGraphUtil.createGraph();
	private final ElkNode[] nodes;
	private final ElkPort[] in;
	private final ElkPort[] out;
	private final double[] boxHeights;
	/** Rows below each box: the drop-off first, then the exits. */
	private final int[] rows;
	private final ElkEdge[] edges;

	private DiagramLayout(FunnelDiagram diagram) {
		this.diagram = diagram;
		this.stages = diagram.stages();
		this.flows = diagram.flows();
		this.largest = diagram.largestVolume();
		this.position = new int[stages.size()];
		int rank = 0;
		for (int i : diagram.order()) {
			position[i] = rank++;
		}
		boolean large = stages.size() > ALL_ARROWS_UP_TO;
		this.asExit = new boolean[flows.size()];
		this.exitsOf = new ArrayList<>(stages.size());
		for (int i = 0; i < stages.size(); i++) {
			exitsOf.add(new ArrayList<>());
		}
		for (Flow flow : flows) {
			asExit[flow.index()] = large && (stages.get(flow.target()).outcome() != Outcome.OPEN
					|| Math.abs(position[flow.target()] - position[flow.source()]) > LONGEST_ARROW);
			if (asExit[flow.index()]) {
				exitsOf.get(flow.source()).add(flow);
			}
		}
		this.nodes = new ElkNode[stages.size()];
		this.in = new ElkPort[stages.size()];
		this.out = new ElkPort[stages.size()];
		this.boxHeights = new double[stages.size()];
		this.rows = new int[stages.size()];
		this.edges = new ElkEdge[flows.size()];
	}

	/** Lays the diagram out; {@code cancelled} is asked between ELK's phases. */
	public static LaidOutDiagram layout(FunnelDiagram diagram, BooleanSupplier cancelled) {
		if (diagram.stages().size() > MAX_STAGES) {
			throw new DiagramTooLargeException(diagram.name(), diagram.stages().size(), MAX_STAGES);
		}
		return new DiagramLayout(diagram).lay(cancelled);
	}

	private LaidOutDiagram lay(BooleanSupplier cancelled) {
		configure();
		// Added in the funnel's reading order: model-order cycle breaking then turns exactly the
		// transitions to an earlier stage into back edges.
		for (int i : diagram.order()) {
			addBox(i);
		}
		for (Flow flow : flows) {
			if (!asExit[flow.index()]) {
				addArrow(flow);
			}
		}
		BasicProgressMonitor monitor = new BasicProgressMonitor() {
			@Override
			public boolean isCanceled() {
				return cancelled.getAsBoolean();
			}
		};
		new LayeredLayoutProvider().layout(root, monitor);
		if (cancelled.getAsBoolean()) {
			throw new CancellationException("diagram layout of " + diagram.name() + " cancelled");
		}
		List<Box> boxes = new ArrayList<>(stages.size());
		for (int i = 0; i < stages.size(); i++) {
			ElkNode node = nodes[i];
			StageBox stage = stages.get(i);
			boxes.add(new Box(node.getX(), node.getY(), node.getWidth(), boxHeights[i],
					stage.leaks() ? width(stage.dropOffVolume(), largest) : 0, rows[i]));
		}
		Arrow[] arrows = new Arrow[flows.size()];
		placeExits(boxes, arrows);
		for (Flow flow : flows) {
			if (edges[flow.index()] != null) {
				arrows[flow.index()] = routed(flow, edges[flow.index()]);
			}
		}
		return new LaidOutDiagram(diagram, boxes, List.of(arrows), root.getWidth(), root.getHeight());
	}

	private void configure() {
		root.setProperty(LayeredOptions.DIRECTION, Direction.RIGHT);
		root.setProperty(LayeredOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
		root.setProperty(LayeredOptions.CYCLE_BREAKING_STRATEGY, CycleBreakingStrategy.MODEL_ORDER);
		root.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);
		root.setProperty(LayeredOptions.SPACING_NODE_NODE, 28.0);
		root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 56.0);
		root.setProperty(LayeredOptions.SPACING_EDGE_NODE, 14.0);
		root.setProperty(LayeredOptions.SPACING_EDGE_EDGE, 10.0);
		root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 3.0);
		root.setProperty(LayeredOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
		root.setProperty(LayeredOptions.RANDOM_SEED, 1);
		// Crossing minimisation is most of the time; fewer sweeps in a long funnel cost little in quality.
		root.setProperty(LayeredOptions.THOROUGHNESS, stages.size() > 40 ? 2 : 7);
		root.setProperty(LayeredOptions.PADDING, new ElkPadding(16));
		// One layering for all stages, so won and lost stages without arrows (exits) still come last.
		root.setProperty(LayeredOptions.SEPARATE_CONNECTED_COMPONENTS, false);
	}

	/** A stage's box: wide enough for its text and the words of its rows, high enough for the rows below it. */
	private void addBox(int i) {
		StageBox stage = stages.get(i);
		List<StageText.Line> lines = StageText.lines(stage, diagram.volumeUnit());
		double width = StageText.MIN_WIDTH;
		for (StageText.Line line : lines) {
			width = Math.max(width, line.width() + 2 * StageText.PADDING);
		}
		// Bars hang at the box's left, their words beside them.
		if (stage.leaks()) {
			rows[i]++;
			width = Math.max(width, barRowWidth(width(stage.dropOffVolume(), largest), StageText.leak(stage)));
		}
		for (Flow exit : exitsOf.get(i)) {
			rows[i]++;
			width = Math.max(width, barRowWidth(width(exit.volume(), largest),
					StageText.exit(exit, stages.get(exit.target()), position[exit.target()] <= position[exit.source()])));
		}
		double boxHeight = 2 * StageText.PADDING + lines.size() * StageText.LINE_HEIGHT - 3;
		boxHeights[i] = boxHeight;
		ElkNode node = ElkGraphUtil.createNode(root);
		node.setDimensions(Math.ceil(width), Math.ceil(boxHeight + (rows[i] > 0 ? rows[i] * ROW_HEIGHT + ROW_GAP : 0)));
		// Arrows meet the box at the middle of its sides, never in the rows below it.
		node.setProperty(LayeredOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_POS);
		if (stage.outcome() != Outcome.OPEN) {
			node.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT, LayerConstraint.LAST_SEPARATE);
		}
		in[i] = port(node, PortSide.WEST, 0, boxHeight / 2);
		out[i] = port(node, PortSide.EAST, node.getWidth(), boxHeight / 2);
		nodes[i] = node;
	}

	/** A transition drawn as an arrow: as thick as its volume, its share as the label. */
	private void addArrow(Flow flow) {
		ElkEdge edge = flow.source() == flow.target() ? selfLoop(flow.source())
				: ElkGraphUtil.createSimpleEdge(out[flow.source()], in[flow.target()]);
		edge.setProperty(LayeredOptions.EDGE_THICKNESS, width(flow.volume(), largest));
		String text = StageText.share(flow);
		ElkLabel label = ElkGraphUtil.createLabel(text, edge);
		label.setDimensions(Math.ceil(TextWidths.of(text, StageText.TEXT_SIZE, false)) + 4, StageText.LINE_HEIGHT);
		edges[flow.index()] = edge;
	}

	/**
	 * A transition back to its own stage, over the top of the box: both ends on the north side. From the east side to
	 * the west one, ELK would route it as an "opposing" self-loop, and ELK 0.10.0 (RoutingDirector) takes the loop's two
	 * sides in the order of a hash map keyed by PortSide constants, whose identity hash codes differ from one JVM to the
	 * next; on a tie the first side wins, so the loop went over or under the box (eclipse-elk/elk#1188) and the same
	 * funnel did not give the same picture. A loop on one side has one route. ReproducibleOutputTest checks it.
	 */
	private ElkEdge selfLoop(int stage) {
		ElkNode node = nodes[stage];
		double width = node.getWidth();
		return ElkGraphUtil.createSimpleEdge(port(node, PortSide.NORTH, width * 2 / 3, 0),
				port(node, PortSide.NORTH, width / 3, 0));
	}

	/** The exits, each a short bar in its row below its stage's box. */
	private void placeExits(List<Box> boxes, Arrow[] arrows) {
		for (int i = 0; i < stages.size(); i++) {
			Box box = boxes.get(i);
			int row = stages.get(i).leaks() ? 1 : 0;
			for (Flow exit : exitsOf.get(i)) {
				double width = width(exit.volume(), largest);
				double x = box.x() + StageText.PADDING + width / 2;
				double top = box.rowTop(row);
				arrows[exit.index()] = new Arrow(List.of(new Point(x, top), new Point(x, top + ROW_HEIGHT - 4)), width,
						new Point(box.x() + StageText.PADDING + width + BAR_GAP, top + 12.5),
						position[exit.target()] <= position[exit.source()], true);
				row++;
			}
		}
	}

	/** An arrow as ELK routed it. */
	private Arrow routed(Flow flow, ElkEdge edge) {
		List<Point> points = new ArrayList<>();
		if (!edge.getSections().isEmpty()) {
			ElkEdgeSection section = edge.getSections().get(0);
			points.add(new Point(section.getStartX(), section.getStartY()));
			for (ElkBendPoint bend : section.getBendPoints()) {
				points.add(new Point(bend.getX(), bend.getY()));
			}
			points.add(new Point(section.getEndX(), section.getEndY()));
		}
		ElkLabel label = edge.getLabels().get(0);
		return new Arrow(points, edge.getProperty(LayeredOptions.EDGE_THICKNESS),
				new Point(label.getX() + label.getWidth() / 2, label.getY() + label.getHeight() / 2),
				position[flow.target()] <= position[flow.source()], false);
	}

	private static double barRowWidth(double barWidth, String text) {
		return 2 * StageText.PADDING + barWidth + BAR_GAP + TextWidths.of(text, StageText.TEXT_SIZE, false);
	}

	private static ElkPort port(ElkNode node, PortSide side, double x, double y) {
		ElkPort port = ElkGraphUtil.createPort(node);
		port.setDimensions(0, 0);
		port.setLocation(x, y);
		port.setProperty(LayeredOptions.PORT_SIDE, side);
		return port;
	}

	/** An arrow's width: proportional to its volume, at least {@link #MIN_WIDTH}. */
	static double width(double volume, double largest) {
		if (Double.isInfinite(volume)) {
			return MAX_WIDTH;
		}
		if (!(volume > 0) || !(largest > 0)) {
			return MIN_WIDTH;
		}
		return Math.max(MIN_WIDTH, MAX_WIDTH * volume / largest);
	}
}

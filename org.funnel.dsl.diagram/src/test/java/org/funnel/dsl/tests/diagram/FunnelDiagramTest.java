package org.funnel.dsl.tests.diagram;

import org.funnel.dsl.testing.FileTrees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.FunnelGraph;
import org.funnel.dsl.diagram.DiagramLayout;
import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.diagram.DiagramTooLargeException;
import org.funnel.dsl.diagram.FunnelDiagram;
import org.funnel.dsl.diagram.FunnelDiagrams;
import org.funnel.dsl.diagram.LaidOutDiagram;
import org.funnel.dsl.diagram.LaidOutDiagram.Box;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.tests.Workspace;
import org.funnel.dsl.testing.LongFunnels;
import org.funnel.dsl.testing.SvgPicture;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Stages;
import org.funnel.dsl.testing.SvgPicture.StageGroup;
import org.funnel.dsl.testing.SvgPicture.TransitionGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.util.Locale;
import org.assertj.core.data.Offset;
import org.funnel.dsl.diagram.DiagramSvg;
import org.funnel.dsl.model.Probabilities;

/** What the picture of a funnel means: its stages, arrows, widths, bottleneck, cycles and layout. */
public class FunnelDiagramTest {

	private static Workspace examples;

	@BeforeAll
	static void loadExamples() {
		examples = Workspace.load("examples");
		assertThat(examples.funnels()).hasSizeGreaterThanOrEqualTo(9);
	}

	private static String svg(Workspace workspace, Funnel funnel) {
		return FunnelDiagrams.svg(workspace.analyses(), funnel, DiagramOptions.DEFAULT);
	}

	@Test
	void everyStageAndTransitionOfTheExamplesIsInThePicture() {
		for (Funnel funnel : examples.funnels()) {
			EffectiveFunnel structure = examples.analyses().structure(funnel);
			SvgPicture picture = new SvgPicture(svg(examples, funnel));
			List<StageGroup> stages = picture.stages();
			assertThat(stages.stream().map(StageGroup::name).toList()).as(funnel.getName())
					.containsExactlyInAnyOrderElementsOf(structure.stages().stream().map(Stage::getName).toList());
			for (StageGroup group : stages) {
				Stage stage = structure.stage(group.name());
				assertThat(group.tooltip()).startsWith(Stages.label(stage));
				assertThat(group.texts().get(0)).isEqualTo(Stages.label(stage));
				assertThat(group.classes()).contains("fd-" + Stages.outcome(stage).name().toLowerCase(Locale.ROOT));
			}
			FunnelGraph graph = structure.graph();
			List<TransitionGroup> transitions = picture.transitions();
			assertThat(transitions).hasSize(graph.transitionCount());
			for (int t = 0; t < graph.transitionCount(); t++) {
				assertThat(transitions.get(t).from()).isEqualTo(graph.name(graph.source(t)));
				assertThat(transitions.get(t).to()).isEqualTo(graph.name(graph.target(t)));
				assertThat(transitions.get(t).words()).startsWith(Probabilities
						.format(examples.analyses().analysis(funnel).conversion(t)));
			}
			assertThat(picture.root.getAttribute("data-funnel")).isEqualTo(funnel.getName());
		}
	}

	@Test
	void arrowWidthsAreOrderedAndProportionalAsTheFlows() {
		int distinctWidths = 0;
		for (Funnel funnel : examples.funnels()) {
			FunnelAnalysis analysis = examples.analyses().analysis(funnel);
			FunnelGraph graph = analysis.graph();
			List<TransitionGroup> transitions = new SvgPicture(svg(examples, funnel)).transitions();
			double largest = 0;
			for (int t = 0; t < graph.transitionCount(); t++) {
				largest = Math.max(largest, analysis.transitionFlow(t));
			}
			for (int i = 0; i < graph.stageCount(); i++) {
				if (!graph.outcome(i).isTerminal()) {
					largest = Math.max(largest, analysis.expectedDropOff(i));
				}
			}
			List<double[]> flowAndWidth = new ArrayList<>();
			for (int t = 0; t < graph.transitionCount(); t++) {
				double flow = analysis.transitionFlow(t);
				double width = transitions.get(t).width();
				flowAndWidth.add(new double[] { flow, width });
				// Proportional: the largest volume gets the widest arrow (24), the rest their share of it, at least 1.
				assertThat(width).as("%s transition %d", funnel.getName(), t)
						.isCloseTo(Math.max(1, 24 * flow / largest), Offset.offset(0.051));
			}
			flowAndWidth.sort(Comparator.comparingDouble(pair -> pair[0]));
			for (int k = 1; k < flowAndWidth.size(); k++) {
				assertThat(flowAndWidth.get(k)[1]).isGreaterThanOrEqualTo(flowAndWidth.get(k - 1)[1]);
				if (flowAndWidth.get(k)[0] > 1.2 * flowAndWidth.get(k - 1)[0] && flowAndWidth.get(k)[1] > 1.5) {
					assertThat(flowAndWidth.get(k)[1]).isGreaterThan(flowAndWidth.get(k - 1)[1]);
					distinctWidths++;
				}
			}
		}
		assertThat(distinctWidths).isGreaterThan(10);
	}

	@Test
	void theBottleneckIsMarked() {
		int marked = 0;
		for (Funnel funnel : examples.funnels()) {
			FunnelAnalysis analysis = examples.analyses().analysis(funnel);
			List<String> bottlenecks = new SvgPicture(svg(examples, funnel)).stages().stream()
					.filter(stage -> stage.classes().contains("fd-bottleneck")).map(StageGroup::name).toList();
			if (analysis.bottleneck() < 0) {
				assertThat(bottlenecks).isEmpty();
			} else {
				assertThat(bottlenecks).containsExactly(analysis.graph().name(analysis.bottleneck()));
				marked++;
			}
		}
		assertThat(marked).isGreaterThanOrEqualTo(5);
		StageGroup lead = new SvgPicture(svg(examples, examples.funnel("B2BSales"))).stages().stream()
				.filter(stage -> stage.name().equals("Lead")).findFirst().orElseThrow();
		assertThat(lead.classes()).contains("fd-bottleneck");
		assertThat(lead.texts()).contains("⚠ bottleneck");
		assertThat(lead.tooltip()).contains("the bottleneck");
	}

	@Test
	void theSameFunnelGivesTheSameBytes() {
		Workspace again = Workspace.load("examples");
		Map<String, String> first = new HashMap<>();
		for (Funnel funnel : examples.funnels()) {
			first.put(funnel.getName(), svg(examples, funnel));
		}
		for (Funnel funnel : again.funnels()) {
			assertThat(svg(again, funnel)).isEqualTo(first.get(funnel.getName()));
		}
	}

	@Test
	void aCycleIsDrawnAsBackEdgesWithoutOverlappingBoxes(@TempDir Path dir) {
		Workspace workspace = Workspace.load(FileTrees.write(dir, Map.of("cycle.funnel", """
				funnel Cycle "With a reminder cycle" {
				    crm salesforce
				    stage Lead { entering 100 per month moves to Trial 60% moves to Lost 30% }
				    stage Trial { moves to Reminder 40% moves to Paid 50% }
				    stage Reminder "Reminder sent" { moves to Trial 70% moves to Lost 30% }
				    stage Paid { moves to Renewed 80% moves to Lead 10% }
				    won stage Renewed
				    lost stage Lost
				}
				""")).get(0));
		Funnel funnel = workspace.funnels().get(0);
		List<TransitionGroup> transitions = new SvgPicture(svg(workspace, funnel)).transitions();
		List<String> back = transitions.stream().filter(t -> t.classes().contains("fd-back")).map(t -> t.from() + ">" + t.to())
				.toList();
		assertThat(back).containsExactlyInAnyOrder("Reminder>Trial", "Paid>Lead");
		LaidOutDiagram laidOut = layout(workspace, funnel, DiagramOptions.DEFAULT);
		assertNoOverlaps(laidOut);
		// Left to right: each forward arrow's target box lies right of its source box.
		FunnelDiagram diagram = laidOut.diagram();
		for (FunnelDiagram.Flow flow : diagram.flows()) {
			if (!laidOut.arrows().get(flow.index()).back()) {
				assertThat(laidOut.boxes().get(flow.target()).x()).isGreaterThan(laidOut.boxes().get(flow.source()).x());
			}
		}
	}

	@Test
	void twoHundredStagesLayOutWithoutOverlappingBoxes(@TempDir Path dir) {
		Workspace workspace = Workspace.load(FileTrees.write(dir, Map.of("large.funnel", LongFunnels.chain(200))).get(0));
		Funnel funnel = workspace.funnels().get(0);
		LaidOutDiagram laidOut = layout(workspace, funnel, DiagramOptions.DEFAULT);
		assertThat(laidOut.boxes()).hasSize(202);
		assertNoOverlaps(laidOut);
		SvgPicture picture = new SvgPicture(svg(workspace, funnel));
		assertThat(picture.stages()).hasSize(202);
		List<TransitionGroup> transitions = picture.transitions();
		assertThat(transitions).hasSize(laidOut.diagram().flows().size());
		// Transitions into won and lost stages, and those reaching further than six stages, are exits below their
		// stage; the others arrows, cycles among them.
		for (TransitionGroup transition : transitions) {
			boolean toOutcome = transition.to().equals("Won") || transition.to().equals("Lost");
			assertThat(transition.classes().contains("fd-exit")).as(transition.toString()).isEqualTo(toOutcome);
		}
		Workspace far = Workspace.load(FileTrees.write(dir, Map.of("far.funnel",
				LongFunnels.chain(60).replace("moves to S3 5%", "moves to S3 5%").replace("    stage S50 \"Stage 50\" {\n",
						"    stage S50 \"Stage 50\" {\n        moves to S40 1%\n        moves to S44 1%\n")))
				.get(0));
		List<TransitionGroup> farTransitions = new SvgPicture(svg(far, far.funnels().get(0))).transitions();
		assertThat(farTransitions.stream().filter(t -> t.from().equals("S50") && t.to().startsWith("S4"))
				.map(t -> t.to() + (t.classes().contains("fd-exit") ? " exit" : " arrow")
						+ (t.classes().contains("fd-back") ? " back" : "")))
				.containsExactlyInAnyOrder("S40 exit back", "S44 arrow back");
		assertThat(transitions.stream().filter(t -> t.classes().contains("fd-back")).count()).isGreaterThan(10);
		// The won and lost stages come last.
		double rightmostOpen = laidOut.boxes().subList(0, 200).stream().mapToDouble(Box::x).max().orElseThrow();
		assertThat(laidOut.boxes().get(200).x()).isGreaterThan(rightmostOpen);
	}

	@Test
	void tooLargeFunnelsGetAClearMessageAndCancelledLayoutsStop(@TempDir Path dir) {
		Workspace workspace = Workspace
				.load(FileTrees.write(dir, Map.of("huge.funnel", LongFunnels.chain(DiagramLayout.MAX_STAGES))).get(0));
		Funnel funnel = workspace.funnels().get(0);
		assertThatThrownBy(() -> svg(workspace, funnel)).isInstanceOf(DiagramTooLargeException.class)
				.hasMessage("funnel Chain has 2002 stages; diagrams are drawn for up to 2000 stages (split the funnel with"
						+ " 'extends', or read the report's tables)");
		Funnel small = examples.funnel("B2BSales");
		assertThatThrownBy(() -> FunnelDiagrams.svg(examples.analyses(), small, DiagramOptions.DEFAULT, () -> true))
				.isInstanceOf(CancellationException.class);
	}

	@Test
	void channelsAreListedOnRequest() {
		Funnel funnel = examples.funnel("B2BSales");
		SvgPicture plain = new SvgPicture(svg(examples, funnel));
		SvgPicture withChannels = new SvgPicture(
				FunnelDiagrams.svg(examples.analyses(), funnel, DiagramOptions.DEFAULT.withChannels(true)));
		StageGroup lead = withChannels.stages().stream().filter(s -> s.name().equals("Lead")).findFirst().orElseThrow();
		// Wrapped between channels onto more lines.
		assertThat(String.join(" ", lead.texts())).contains("channels Events, Referral, LinkedIn ads, Webinar");
		assertThat(lead.texts()).noneMatch(text -> text.contains("LinkedIn ads, Webinar") && text.startsWith("channels"));
		assertThat(plain.stages().stream().flatMap(s -> s.texts().stream())).noneMatch(text -> text.startsWith("channels "));
		assertThat(withChannels.transitions().stream().map(TransitionGroup::words)).contains("40% via Sales call");
		assertThat(plain.transitions().stream().map(TransitionGroup::words)).noneMatch(words -> words.contains(" via "));
	}

	@Test
	void labelsAreEscapedAndTheThemeCanBeChosen(@TempDir Path dir) {
		Workspace workspace = Workspace.load(FileTrees.write(dir, Map.of("odd.funnel", """
				funnel Odd "<svg onload='x'> & \\"more\\"" {
				    crm salesforce
				    stage A "a < b & c > \\"d\\" 'e'" { moves to W 50% }
				    won stage W "]]> <!-- -->"
				}
				""")).get(0));
		Funnel funnel = workspace.funnels().get(0);
		String dark = FunnelDiagrams.svg(workspace.analyses(), funnel,
				DiagramOptions.DEFAULT.withTheme(DiagramOptions.Theme.DARK));
		SvgPicture picture = new SvgPicture(dark);
		assertThat(picture.stages().stream().map(s -> s.texts().get(0))).containsExactlyInAnyOrder("a < b & c > \"d\" 'e'",
				"]]> <!-- -->");
		assertThat(picture.document.getElementsByTagNameNS("*", "title").item(0).getTextContent())
				.isEqualTo("<svg onload='x'> & \"more\": funnel diagram");
		assertThat(picture.document.getElementsByTagNameNS("*", "svg").getLength()).isEqualTo(1);
		assertThat(picture.root.getAttribute("data-theme")).isEqualTo("dark");
		assertThat(new SvgPicture(svg(workspace, funnel)).root.getAttribute("data-theme")).isEqualTo("auto");
		String style = picture.document.getElementsByTagNameNS("*", "style").item(0).getTextContent();
		assertThat(style).contains("@media (prefers-color-scheme:dark){svg.funnel-diagram[data-theme=auto]{--fd-bg:#1e1e1e;",
				"svg.funnel-diagram[data-theme=dark]{--fd-bg:#1e1e1e;");
	}

	/** The picture for rasterisers without CSS (the Eclipse view): the same drawing, the theme's colours in each element. */
	@Test
	void theFlatPictureIsTheSameDrawingWithItsColoursInline() {
		Funnel funnel = examples.funnel("B2BSales");
		LaidOutDiagram laidOut = layout(examples, funnel, DiagramOptions.DEFAULT);
		String styled = DiagramSvg.render(laidOut, DiagramOptions.Theme.LIGHT);
		String light = DiagramSvg.renderFlat(laidOut, false);
		String dark = DiagramSvg.renderFlat(laidOut, true);
		for (String flat : List.of(light, dark)) {
			SvgPicture picture = new SvgPicture(flat);
			assertThat(picture.document.getElementsByTagNameNS("*", "style").getLength()).isZero();
			assertThat(flat).doesNotContain("var(");
			// Without the style attributes, the same document as the styled one (less its stylesheet).
			assertThat(flat.replaceAll(" style=\"[^\"]*\"", "").replace("data-theme=\"dark\"", "data-theme=\"light\""))
					.isEqualTo(styled.replaceAll("<style>[^<]*</style>\n", ""));
		}
		assertThat(light).contains("<rect class=\"fd-background\" width=\"100%\" height=\"100%\" style=\"fill:#ffffff\"/>");
		assertThat(dark).contains("<rect class=\"fd-background\" width=\"100%\" height=\"100%\" style=\"fill:#1e1e1e\"/>");
		// The bottleneck's box is outlined in its colour.
		assertThat(light).containsPattern("data-stage=\"Lead\">.*?<rect class=\"fd-box\"[^>]*stroke:#e8590c;stroke-width:3.5");
	}

	/**
	 * The SVG names DejaVu Sans first and sizes its boxes by a bundled table of that font's widths:
	 * measured here from the font files themselves (Debian fonts-dejavu-core), the long HubSpot
	 * labels and the figures under them stay inside their boxes, as a browser draws them.
	 */
	@Test
	void labelsFitTheirBoxesInTheFontTheSvgNames() throws Exception {
		Path fonts = Path.of("/usr/share/fonts/truetype/dejavu");
		java.awt.Font regular = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, fonts.resolve("DejaVuSans.ttf").toFile());
		java.awt.Font bold = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, fonts.resolve("DejaVuSans-Bold.ttf").toFile());
		java.awt.font.FontRenderContext context = new java.awt.font.FontRenderContext(null, true, true);
		String svg = svg(examples, examples.funnel("DealPipeline"));
		assertThat(svg).contains("font-family:'DejaVu Sans',").contains(".fd-label{font-size:13px;font-weight:bold}");
		List<StageGroup> stages = new SvgPicture(svg).stages();
		assertThat(stages).extracting(stage -> stage.texts().get(0)).contains("Decision maker bought-in",
				"Presentation scheduled");
		for (StageGroup stage : stages) {
			double label = bold.deriveFont(13f).getStringBounds(stage.texts().get(0), context).getWidth();
			double figures = regular.deriveFont(11f).getStringBounds(stage.texts().get(1), context).getWidth();
			double room = stage.width() - 2 * 9;
			assertThat(label).as("the label of %s", stage.name()).isLessThanOrEqualTo(room);
			assertThat(figures).as("the figures of %s", stage.name()).isLessThanOrEqualTo(room);
			assertThat(label).as("the label of %s is measured, not guessed wide", stage.name())
					.isGreaterThan(room - 130);
		}
	}

	/** docs/diagram.md shows the B2B example: the picture there is what the generator draws today. */
	@Test
	void theDocumentationShowsTheExampleAsDrawn() throws Exception {
		String documented = Files.readString(Path.of("docs/images/b2b-sales.svg"));
		assertThat(documented).isEqualTo(svg(examples, examples.funnel("B2BSales")));
		assertThat(Files.readString(Path.of("docs/diagram.md"))).contains("![The B2B example funnel](images/b2b-sales.svg)");
	}

	static LaidOutDiagram layout(Workspace workspace, Funnel funnel, DiagramOptions options) {
		return DiagramLayout.layout(FunnelDiagram.of(workspace.analyses().structure(funnel),
				workspace.analyses().analysis(funnel), options), () -> false);
	}

	/** No two boxes (with the rows below them) share a pixel: sorted by x, each compared with those it may reach. */
	static void assertNoOverlaps(LaidOutDiagram laidOut) {
		List<Box> boxes = new ArrayList<>(laidOut.boxes());
		boxes.sort(Comparator.comparingDouble(Box::x));
		for (int i = 0; i < boxes.size(); i++) {
			Box a = boxes.get(i);
			for (int j = i + 1; j < boxes.size() && boxes.get(j).x() < a.x() + a.width(); j++) {
				Box b = boxes.get(j);
				boolean apart = b.y() >= a.y() + a.totalHeight() || a.y() >= b.y() + b.totalHeight();
				assertThat(apart).as("boxes %s and %s overlap", a, b).isTrue();
			}
			assertThat(a.x()).isGreaterThanOrEqualTo(0);
			assertThat(a.x() + a.width()).isLessThanOrEqualTo(laidOut.width());
			assertThat(a.y() + a.totalHeight()).isLessThanOrEqualTo(laidOut.height());
		}
	}
}

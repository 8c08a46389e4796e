package org.funnel.dsl.tests.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.xml.xpath.XPathFactory;

import org.funnel.dsl.diagram.DiagramLayout;
import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.diagram.DiagramSvg;
import org.funnel.dsl.diagram.FunnelDiagram;
import org.funnel.dsl.diagram.FunnelDiagrams;
import org.funnel.dsl.diagram.ObservedValues;
import org.funnel.dsl.diagram.ObservedValues.Share;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.testing.FileTrees;
import org.funnel.dsl.testing.SvgPicture;
import org.funnel.dsl.testing.SvgPicture.StageGroup;
import org.funnel.dsl.testing.SvgPicture.TransitionGroup;
import org.funnel.dsl.tests.Workspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The picture with a deal history's values beside the declared ones ({@code funnel fit --svg}): each arrow carries both
 * shares, a declared share outside the observed interval is marked, a transition seen but not declared is drawn
 * dashed, boxes give the time in stage; labels with markup characters stay intact and inside their boxes.
 */
class ObservedPictureTest {

	private static final String FUNNEL = """
			funnel Sales "Sales & <Co> \\"Süd\\"" {
			    stage Lead "Lead & <new> \\"hot\\"" {
			        duration 5 days
			        moves to Demo 30%
			        moves to Lost 70%
			    }
			    stage Demo "Démo ‘live’ für Kunden" {
			        moves to Won 40%
			        moves to Lost 60%
			    }
			    won stage Won
			    lost stage Lost
			}
			""";

	private static final ObservedValues OBSERVED = new ObservedValues(
			Map.of("Lead -> Demo", new Share("Lead", "Demo", 0.6, 0.5693, 0.63, 600, 1000, true),
					"Lead -> Lost", new Share("Lead", "Lost", 0.4, 0.37, 0.4307, 400, 1000, true),
					"Demo -> Won", new Share("Demo", "Won", 0.41, 0.3639, 0.458, 164, 400, false)),
			List.of(new Share("Demo", "Lead", 0.05, 0.033, 0.0761, 20, 400, false),
					new Share("Demo", "unknown:99", 0.02, 0.01, 0.04, 8, 400, false)),
			Map.of("Lead", new ObservedValues.Time(4.54, 4.1, 5.04, 1000, "5 days", false),
					"Demo", new ObservedValues.Time(Double.NaN, 9.5, Double.NaN, 400, null, false)),
			30);

	private static Workspace workspace;
	private static Funnel funnel;

	@BeforeAll
	static void load(@TempDir Path dir) {
		workspace = Workspace.load(FileTrees.write(dir, Map.of("sales.funnel", FUNNEL)).get(0));
		funnel = workspace.funnels().get(0);
	}

	private static String svg() {
		return FunnelDiagrams.svg(workspace.analyses(), funnel, DiagramOptions.DEFAULT, OBSERVED);
	}

	private static TransitionGroup arrow(SvgPicture picture, String from, String to) {
		return picture.transitions().stream().filter(t -> t.from().equals(from) && t.to().equals(to)).findFirst()
				.orElseThrow(() -> new AssertionError("no arrow " + from + " -> " + to));
	}

	private static String title(SvgPicture picture, String from, String to) throws Exception {
		return XPathFactory.newInstance().newXPath().evaluate(
				"//*[@data-from='" + from + "' and @data-to='" + to + "']/*[local-name()='title']", picture.document);
	}

	@Test
	void everyArrowCarriesTheDeclaredAndTheObservedShare() throws Exception {
		SvgPicture picture = new SvgPicture(svg());
		TransitionGroup leadDemo = arrow(picture, "Lead", "Demo");
		assertThat(leadDemo.words()).isEqualTo("⚠ 30% · seen 60% (56–63%, n 1000)");
		assertThat(leadDemo.classes()).contains("fd-flagged").doesNotContain("fd-undeclared");
		assertThat(title(picture, "Lead", "Demo")).contains("30% of Lead & <new> \"hot\"")
				.contains("seen in the deal history 60% (95% interval 56% to 63%; 600 of 1000 deals")
				.contains("the declared share lies outside the interval, with at least 30 deals");
		TransitionGroup demoWon = arrow(picture, "Demo", "Won");
		assertThat(demoWon.words()).isEqualTo("40% · seen 41% (36–46%, n 400)");
		assertThat(demoWon.classes()).doesNotContain("fd-flagged");
		assertThat(arrow(picture, "Demo", "Lost").words()).as("no history for it: the declared share alone").isEqualTo("60%");
		String desc = picture.root.getElementsByTagNameNS("*", "desc").item(0).getTextContent();
		assertThat(desc).contains("Declared outside the interval with at least 30 deals: Lead & <new> \"hot\" → "
				+ "Démo ‘live’ für Kunden ⚠ 30% · seen 60% (56–63%, n 1000)")
				.contains("Seen but not declared: Démo ‘live’ für Kunden → Lead & <new> \"hot\" not declared · seen 5%");
	}

	@Test
	void aTransitionSeenButNotDeclaredIsADashedArrow() throws Exception {
		SvgPicture picture = new SvgPicture(svg());
		TransitionGroup back = arrow(picture, "Demo", "Lead");
		assertThat(back.words()).isEqualTo("not declared · seen 5% (3–8%, n 400)");
		assertThat(back.classes()).contains("fd-undeclared", "fd-back");
		assertThat(back.width()).as("no declared flow: the thinnest arrow").isEqualTo(1);
		assertThat(title(picture, "Demo", "Lead")).contains("not declared").contains("the funnel does not declare it");
		assertThat(svg()).contains(".fd-undeclared .fd-edge{stroke:var(--fd-muted);stroke-dasharray:6 4}");
		assertThat(picture.transitions()).as("a stage the funnel does not have has no box to join").hasSize(5);
		// The picture for rasterisers without CSS: the dash in the arrow's own style.
		SvgPicture flat = new SvgPicture(DiagramSvg.renderFlat(DiagramLayout.layout(FunnelDiagram.of(
				workspace.analyses().structure(funnel), workspace.analyses().analysis(funnel), DiagramOptions.DEFAULT,
				OBSERVED), () -> false), false));
		String style = XPathFactory.newInstance().newXPath().evaluate(
				"//*[@data-from='Demo' and @data-to='Lead']/*[@class='fd-edge']/@style", flat.document);
		assertThat(style).contains("stroke-dasharray:6 4");
		String flagged = XPathFactory.newInstance().newXPath().evaluate(
				"//*[@data-from='Lead' and @data-to='Demo']/*[@class='fd-edge']/@style", flat.document);
		assertThat(flagged).contains("stroke:#c2255c");
	}

	@Test
	void boxesGiveTheTimeInStageAndLabelsStayIntactInsideThem() throws Exception {
		SvgPicture picture = new SvgPicture(svg());
		assertThat(XPathFactory.newInstance().newXPath().evaluate("/*/*[local-name()='title']", picture.document))
				.isEqualTo("Sales & <Co> \"Süd\": funnel diagram");
		StageGroup lead = picture.stages().stream().filter(s -> s.name().equals("Lead")).findFirst().orElseThrow();
		assertThat(lead.texts()).contains("Lead & <new> \"hot\"", "in stage declared 5 days · median 4.5 d (4.1–5)");
		assertThat(lead.tooltip()).contains("median 4.5 days (95% interval 4.1 to 5), from 1000 stays, declared 5 days");
		StageGroup demo = picture.stages().stream().filter(s -> s.name().equals("Demo")).findFirst().orElseThrow();
		assertThat(demo.texts()).contains("Démo ‘live’ für Kunden", "in stage median not reached");
		Path fonts = Path.of("/usr/share/fonts/truetype/dejavu");
		Font regular = Font.createFont(Font.TRUETYPE_FONT, fonts.resolve("DejaVuSans.ttf").toFile());
		Font bold = Font.createFont(Font.TRUETYPE_FONT, fonts.resolve("DejaVuSans-Bold.ttf").toFile());
		FontRenderContext context = new FontRenderContext(null, true, true);
		for (StageGroup stage : picture.stages()) {
			List<String> texts = stage.texts();
			for (int i = 0; i < texts.size(); i++) {
				Font font = i == 0 ? bold.deriveFont(13f) : regular.deriveFont(11f);
				assertThat(font.getStringBounds(texts.get(i), context).getWidth()).as("%s in %s", texts.get(i), stage.name())
						.isLessThanOrEqualTo(stage.width() - 2 * 9);
			}
		}
		// An arrow's words, as wide as the font draws them, lie in the picture and over no box.
		double width = Double.parseDouble(picture.root.getAttribute("width"));
		for (TransitionGroup transition : picture.transitions()) {
			double x = Double.parseDouble(XPathFactory.newInstance().newXPath().evaluate("//*[@data-from='"
					+ transition.from() + "' and @data-to='" + transition.to() + "']/*[@class='fd-share']/@x", picture.document));
			double y = Double.parseDouble(XPathFactory.newInstance().newXPath().evaluate("//*[@data-from='"
					+ transition.from() + "' and @data-to='" + transition.to() + "']/*[@class='fd-share']/@y", picture.document));
			double half = regular.deriveFont(11f).getStringBounds(transition.words(), context).getWidth() / 2;
			assertThat(x - half).as(transition.words()).isGreaterThanOrEqualTo(0);
			assertThat(x + half).as(transition.words()).isLessThanOrEqualTo(width);
			for (StageGroup stage : picture.stages()) {
				boolean apart = x + half <= stage.x() || x - half >= stage.x() + stage.width() || y <= stage.y()
						|| y - 11 >= stage.y() + stage.height();
				assertThat(apart).as("%s over the box of %s", transition.words(), stage.name()).isTrue();
			}
		}
	}

	@Test
	void theSameValuesGiveTheSameBytesAndNoValuesThePlainPicture() {
		assertThat(svg()).isEqualTo(svg());
		String plain = FunnelDiagrams.svg(workspace.analyses(), funnel, DiagramOptions.DEFAULT);
		assertThat(plain).doesNotContain("seen").doesNotContain("in stage").doesNotContain("--fd-warn");
		assertThat(new SvgPicture(plain).transitions()).hasSize(4)
				.allSatisfy(t -> assertThat(t.classes()).doesNotContain("fd-flagged", "fd-undeclared"));
	}
}

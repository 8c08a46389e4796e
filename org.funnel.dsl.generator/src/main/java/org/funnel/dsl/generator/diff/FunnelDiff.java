package org.funnel.dsl.generator.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.generator.diff.DiffResult.FunnelChange;
import org.funnel.dsl.generator.diff.DiffResult.Marks;
import org.funnel.dsl.generator.svg.SvgGenerator;
import org.funnel.dsl.grammar.Settings;
import org.funnel.dsl.model.AnalysisCache;

/**
 * What changed between two versions of funnels, for a pull request: funnels added and removed, stages added, removed
 * and renamed, changed probabilities, transitions and settings, and what it does to the numbers. Worked out once, when
 * the diff is made ({@link #result}), and rendered from that as Markdown ({@link DiffMarkdown}) and pictures.
 * <p>
 * Funnels are matched by name (a single unmatched funnel on each side counts as renamed); stages as
 * {@link FunnelComparison} says.
 */
public final class FunnelDiff {

	/** One side of the comparison. */
	public record Side(List<Unit> units, AnalysisCache analyses) {
	}

	private final Side before;
	private final Side after;
	private final DiffResult result;

	/** Compares the versions; {@code settings} are the language's, which the settings of funnels and stages come from. */
	public FunnelDiff(Side before, Side after, Settings settings) {
		this.before = before;
		this.after = after;
		this.result = compare(new SettingChanges(settings));
	}

	public DiffResult result() {
		return result;
	}

	/** True when {@link #markdown} reports changes. */
	public boolean hasChanges() {
		return result.hasChanges();
	}

	public String markdown(String beforeName, String afterName) {
		return markdown(beforeName, afterName, null);
	}

	/**
	 * The diff; with {@code pictures} (the directory {@link #pictures} are written to, as the reader should find it)
	 * each changed funnel links its before and after pictures.
	 */
	public String markdown(String beforeName, String afterName, String pictures) {
		return DiffMarkdown.render(result, beforeName, afterName, pictures);
	}

	/**
	 * The pictures of the changed funnels, {@code before/<Name>.svg} and {@code after/<Name>.svg} (for a funnel added
	 * or removed only one), with the changed stages and transitions outlined. Both under the name the funnel has now,
	 * so a renamed funnel's pictures sit side by side.
	 */
	public GeneratedFiles pictures(DiagramOptions options) {
		GeneratedFiles out = new GeneratedFiles();
		for (FunnelChange change : result.funnels()) {
			if (change.before() != null) {
				draw(out, "before/", change, before.analyses(), options, change.beforeMarks(), change.before());
			}
			if (change.after() != null) {
				draw(out, "after/", change, after.analyses(), options, change.afterMarks(), change.after());
			}
		}
		return out;
	}

	private static void draw(GeneratedFiles out, String directory, FunnelChange change, AnalysisCache analyses,
			DiagramOptions options, Marks marks, Unit unit) {
		new SvgGenerator(analyses, options.withHighlights(marks.stages(), marks.transitions())).add(out,
				directory + change.name() + ".svg", unit);
	}

	private DiffResult compare(SettingChanges settings) {
		Map<String, Unit> old = byName(before.units());
		Map<String, Unit> neu = byName(after.units());
		List<String> onlyOld = old.keySet().stream().filter(n -> !neu.containsKey(n)).toList();
		List<String> onlyNew = neu.keySet().stream().filter(n -> !old.containsKey(n)).toList();
		boolean renamed = onlyOld.size() == 1 && onlyNew.size() == 1;
		List<FunnelChange> changes = new ArrayList<>();
		for (Map.Entry<String, Unit> entry : neu.entrySet()) {
			Unit then = old.get(entry.getKey());
			if (then == null && renamed) {
				then = old.get(onlyOld.get(0));
			}
			FunnelChange change = then == null ? added(entry.getValue())
					: new FunnelComparison(then, before.analyses(), entry.getValue(), after.analyses()).compare(settings);
			if (change != null) {
				changes.add(change);
			}
		}
		if (!renamed) {
			for (String name : onlyOld) {
				Unit then = old.get(name);
				changes.add(new FunnelChange(then, null, "Funnel removed.", List.of(),
						Marks.all(before.analyses().structure(then.funnel())), null));
			}
		}
		return new DiffResult(changes);
	}

	private FunnelChange added(Unit now) {
		FunnelAnalysis analysis = after.analyses().analysis(now.funnel());
		String summary = "New funnel with " + after.analyses().structure(now.funnel()).stages().size()
				+ " stages; overall win rate " + Text.percent(analysis.overallWinRate()) + ".";
		return new FunnelChange(null, now, summary, List.of(), null, Marks.all(after.analyses().structure(now.funnel())));
	}

	private static Map<String, Unit> byName(List<Unit> units) {
		Map<String, Unit> result = new LinkedHashMap<>();
		for (Unit unit : units) {
			result.putIfAbsent(unit.funnel().getName(), unit);
		}
		return result;
	}
}

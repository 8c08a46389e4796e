package org.funnel.dsl.crm.imports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.funnel.dsl.generator.Text;
import org.funnel.dsl.crm.imports.ImportedFunnel.ImportedStage;
import org.funnel.dsl.crm.imports.ImportedFunnel.Kind;
import org.funnel.dsl.crm.imports.ImportedFunnel.Move;

/**
 * What both importers do with the funnels they read before they are written: names derived from the
 * labels ("Needs Analysis" -> NeedsAnalysis, made unique), and the transitions a CRM's probabilities
 * imply where it stores no transitions.
 */
public final class ImportedFunnels {

	private ImportedFunnels() {
	}

	/** An identifier for a label: letters and digits in UpperCamelCase, unique among {@code used}. */
	public static String identifier(String label, String prefix, Set<String> used) {
		String base = Text.camelIdentifier(label);
		if (base.isEmpty()) {
			base = prefix;
		} else if (Character.isDigit(base.charAt(0))) {
			base = prefix + base;
		}
		String name = base;
		for (int n = 2; !used.add(name); n++) {
			name = base + n;
		}
		return name;
	}

	/** Derives names for the funnels and their stages where they have none. */
	public static void name(List<ImportedFunnel> funnels) {
		Set<String> funnelNames = new HashSet<>();
		for (ImportedFunnel funnel : funnels) {
			funnel.name = identifier(funnel.label, "Funnel", funnelNames);
			Set<String> stageNames = new HashSet<>();
			for (ImportedStage stage : funnel.stages) {
				stage.name = identifier(stage.label, "Stage", stageNames);
			}
		}
	}

	/**
	 * Transitions along a ticket pipeline, which has no probabilities: every open stage moves on to the next in HubSpot's
	 * order, the last to the first closed stage, so that the funnel has no stage that is never reached and none that
	 * cannot close (warnings the file would give on every run). Returns why not, or null when done.
	 */
	public static String chainTransitions(ImportedFunnel funnel) {
		List<ImportedStage> open = funnel.stages.stream().filter(s -> s.kind == Kind.OPEN).toList();
		ImportedStage closed = funnel.stages.stream().filter(s -> s.kind != Kind.OPEN).findFirst().orElse(null);
		if (open.isEmpty() || closed == null) {
			return "it needs open stages and a closed stage";
		}
		for (int i = 0; i < open.size(); i++) {
			open.get(i).moves.clear();
			open.get(i).moves.add(new Move(i + 1 < open.size() ? open.get(i + 1) : closed, BigDecimal.valueOf(100)));
		}
		return null;
	}

	/**
	 * Transitions a linear pipeline implies: when the open stages' probabilities rise (or stay) along
	 * the pipeline, stage i moves on with p(i)/p(i+1) (the last open stage to the first won stage
	 * with p/100%) and the rest goes to the first lost stage (or drops off when there is none). Returns why not, or null when done.
	 */
	public static String inferTransitions(ImportedFunnel funnel) {
		List<ImportedStage> open = new ArrayList<>();
		ImportedStage won = null;
		ImportedStage lost = null;
		for (ImportedStage stage : funnel.stages) {
			switch (stage.kind) {
			case OPEN -> open.add(stage);
			case WON -> won = won == null ? stage : won;
			case LOST -> lost = lost == null ? stage : lost;
			}
		}
		if (open.isEmpty() || won == null) {
			return "it needs open stages and a won stage";
		}
		BigDecimal previous = null;
		for (ImportedStage stage : open) {
			BigDecimal p = stage.probabilityPercent;
			if (p == null || p.signum() <= 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
				return "stage '" + stage.label + "' has no probability between 0% and 100%";
			}
			if (previous != null && p.compareTo(previous) < 0) {
				return "the probabilities do not rise along the pipeline";
			}
			previous = p;
		}
		for (int i = 0; i < open.size(); i++) {
			ImportedStage stage = open.get(i);
			ImportedStage next = i + 1 < open.size() ? open.get(i + 1) : won;
			BigDecimal nextPercent = i + 1 < open.size() ? next.probabilityPercent : BigDecimal.valueOf(100);
			BigDecimal on = stage.probabilityPercent.multiply(BigDecimal.valueOf(100))
					.divide(nextPercent, 4, RoundingMode.HALF_UP).stripTrailingZeros();
			BigDecimal rest = BigDecimal.valueOf(100).subtract(on).stripTrailingZeros();
			stage.moves.clear();
			stage.moves.add(new Move(next, on));
			if (rest.signum() > 0 && lost != null) {
				stage.moves.add(new Move(lost, rest)); // without a lost stage, the rest drops off
			}
		}
		return null;
	}
}

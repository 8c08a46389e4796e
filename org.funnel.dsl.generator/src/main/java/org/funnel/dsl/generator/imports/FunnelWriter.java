package org.funnel.dsl.generator.imports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.generator.imports.ImportedFunnel.ImportedStage;
import org.funnel.dsl.generator.imports.ImportedFunnel.Kind;
import org.funnel.dsl.generator.imports.ImportedFunnel.Move;

/**
 * Writes imported funnels as .funnel text in the canonical layout (what {@code funnel format}
 * produces). Names are derived from labels ("Needs Analysis" -> NeedsAnalysis), made unique, and
 * escaped with '^' where they would read as a keyword ({@code ^Pipeline}); strings are escaped so
 * they read back as the same text.
 */
public final class FunnelWriter {

	private static volatile Set<String> keywords;

	/** The language's keywords (a name spelled like one needs a '^'). */
	public static Set<String> keywords() {
		Set<String> result = keywords;
		if (result == null) {
			result = new HashSet<>(GrammarUtil.getAllKeywords(
					FunnelWorkspace.injector().getInstance(IGrammarAccess.class).getGrammar()));
			keywords = result;
		}
		return result;
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

	/** Counts lines as the text grows, so the writer can note where each funnel and stage starts. */
	private static final class Lines {
		private int counted;
		private int line = 1;

		int at(StringBuilder out) {
			for (; counted < out.length(); counted++) {
				if (out.charAt(counted) == '\n') {
					line++;
				}
			}
			return line;
		}
	}

	public static String write(List<String> header, List<ImportedFunnel> funnels) {
		StringBuilder out = new StringBuilder();
		Lines lines = new Lines();
		for (String line : header) {
			out.append(comment(line)).append('\n');
		}
		for (int f = 0; f < funnels.size(); f++) {
			ImportedFunnel funnel = funnels.get(f);
			if (f > 0 || !header.isEmpty()) {
				out.append('\n');
			}
			for (String note : funnel.notes) {
				out.append(comment(note)).append('\n');
			}
			if (funnel.documentation != null && !funnel.documentation.isBlank()) {
				out.append("/** ").append(funnel.documentation.replace("*/", "* /").replaceAll("\\s+", " ").strip()).append(" */\n");
			}
			funnel.line = lines.at(out);
			out.append("funnel ").append(id(funnel.name)).append(' ').append(string(funnel.label)).append(" {\n");
			boolean settings = false;
			if (!funnel.crms.isEmpty()) {
				out.append("    crm ").append(String.join(", ", funnel.crms)).append('\n');
				settings = true;
			}
			if (funnel.hubspotPipeline) {
				out.append("    hubspot pipeline");
				if (funnel.hubspotPipelineId != null) {
					out.append(' ').append(string(funnel.hubspotPipelineId));
				}
				if (funnel.hubspotObject != null) {
					out.append(" for ").append(funnel.hubspotObject);
				}
				out.append('\n');
				settings = true;
			}
			if (funnel.hubspotDisplayOrder != null) {
				out.append("    hubspot display order ").append(funnel.hubspotDisplayOrder).append('\n');
				settings = true;
			}
			if (funnel.salesforceProcess != null) {
				out.append("    salesforce process ").append(string(funnel.salesforceProcess)).append('\n');
				settings = true;
			}
			if (funnel.salesforceRecordType != null) {
				out.append("    salesforce record type ").append(string(funnel.salesforceRecordType));
				if (funnel.salesforceRecordTypeLabel != null) {
					out.append(' ').append(string(funnel.salesforceRecordTypeLabel));
				}
				out.append('\n');
				settings = true;
			}
			if (funnel.salesforcePath != null) {
				out.append("    salesforce path ").append(string(funnel.salesforcePath));
				if (funnel.salesforcePathLabel != null) {
					out.append(' ').append(string(funnel.salesforcePathLabel));
				}
				out.append('\n');
				settings = true;
			}
			for (int s = 0; s < funnel.stages.size(); s++) {
				if (s > 0 || settings) {
					out.append('\n');
				}
				funnel.stages.get(s).line = lines.at(out);
				writeStage(out, funnel.stages.get(s));
			}
			out.append("}\n");
		}
		return out.toString();
	}

	private static void writeStage(StringBuilder out, ImportedStage stage) {
		out.append("    ");
		if (stage.kind != Kind.OPEN) {
			out.append(stage.kind.name().toLowerCase(java.util.Locale.ROOT)).append(' ');
		}
		out.append("stage ").append(id(stage.name)).append(' ').append(string(stage.label));
		List<String> lines = new ArrayList<>();
		if (stage.probabilityPercent != null) {
			lines.add("probability " + Text.plain(stage.probabilityPercent) + "%");
		}
		if (stage.guidance != null) {
			lines.add("guidance " + string(stage.guidance));
		}
		if (stage.hubspotId != null) {
			lines.add("hubspot id " + string(stage.hubspotId));
		}
		if (stage.forecastCategory != null) {
			lines.add("salesforce forecast " + stage.forecastCategory);
		}
		if (stage.salesforceDefault) {
			lines.add("salesforce default");
		}
		for (Move move : stage.moves) {
			lines.add("moves to " + id(move.target().name) + " " + Text.plain(move.percent()) + "%");
		}
		if (lines.isEmpty()) {
			out.append('\n');
			return;
		}
		out.append(" {\n");
		for (String line : lines) {
			out.append("        ").append(line).append('\n');
		}
		out.append("    }\n");
	}

	/** A name, with '^' when it is spelled like a keyword. */
	public static String id(String name) {
		return keywords().contains(name) ? "^" + name : name;
	}

	/** A string literal that the language reads back as {@code text}. */
	public static String string(String text) {
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
			case '"' -> out.append("\\\"");
			case '\\' -> out.append("\\\\");
			case '\n' -> out.append("\\n");
			case '\r' -> out.append("\\r");
			case '\t' -> out.append("\\t");
			default -> {
				if (c < 0x20 || c == 0x7f) {
					out.append(String.format("\\u%04x", (int) c));
				} else {
					out.append(c);
				}
			}
			}
		}
		return out.append('"').toString();
	}

	private static String comment(String line) {
		return ("// " + line.replaceAll("[\\r\\n]+", " ")).stripTrailing();
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

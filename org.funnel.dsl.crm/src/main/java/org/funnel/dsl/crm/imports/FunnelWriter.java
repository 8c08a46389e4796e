package org.funnel.dsl.crm.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.conversion.IValueConverterService;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.crm.imports.ImportedFunnel.ImportedStage;
import org.funnel.dsl.crm.imports.ImportedFunnel.Kind;
import org.funnel.dsl.crm.imports.ImportedFunnel.Move;
import org.funnel.dsl.crm.imports.ImportedFunnel.PathStep;
import org.funnel.dsl.crm.imports.ImportedFunnel.RecordType;
import org.funnel.dsl.crm.imports.ImportedFunnel.SalesforcePath;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.Locale;

/**
 * Writes imported funnels as .funnel text in the canonical layout (what {@code funnel format}
 * produces). Names ({@link ImportedFunnels#name}) are escaped with '^' where they would read as one of
 * the grammar's keywords ({@code ^Pipeline}); strings are escaped by the language's value converter, so they read
 * back as the same text.
 */
@Singleton
public final class FunnelWriter {

	/** The language's keywords (a name spelled like one needs a '^'). */
	private final Set<String> keywords;

	private final IValueConverterService converters;

	@Inject
	public FunnelWriter(IGrammarAccess grammar, IValueConverterService converters) {
		this.keywords = Set.copyOf(GrammarUtil.getAllKeywords(grammar.getGrammar()));
		this.converters = converters;
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

	public String write(List<String> header, List<ImportedFunnel> funnels) {
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
				out.append("/** ").append(funnel.documentation.replace("*/", "* /").replaceAll("\\s+", " ").strip())
						.append(" */\n");
			}
			funnel.line = lines.at(out);
			out.append("funnel ").append(id(funnel.name)).append(' ').append(string(funnel.label)).append(" {\n");
			boolean settings = writeSettings(out, funnel);
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

	/** The funnel's CRM settings, each on a line of its own; whether there were any. */
	private boolean writeSettings(StringBuilder out, ImportedFunnel funnel) {
		List<String> lines = new ArrayList<>();
		if (!funnel.crms.isEmpty()) {
			lines.add("crm " + String.join(", ", funnel.crms));
		}
		if (funnel.hubspotPipeline) {
			lines.add("hubspot pipeline" + (funnel.hubspotPipelineId == null ? "" : " " + string(funnel.hubspotPipelineId))
					+ (funnel.hubspotObject == null ? "" : " for " + funnel.hubspotObject));
		}
		if (funnel.hubspotDisplayOrder != null) {
			lines.add("hubspot display order " + funnel.hubspotDisplayOrder);
		}
		salesforceSettings(funnel, lines);
		lines.forEach(line -> out.append("    ").append(line).append('\n'));
		return !lines.isEmpty();
	}

	private void salesforceSettings(ImportedFunnel funnel, List<String> lines) {
		if (funnel.salesforceProcess != null) {
			lines.add("salesforce process " + string(funnel.salesforceProcess)
					+ (funnel.salesforceProcessInactive ? " inactive" : ""));
		}
		if (funnel.salesforceNoProcess) {
			lines.add("salesforce no process");
		}
		if (funnel.salesforceDescription != null) {
			lines.add("salesforce description " + string(funnel.salesforceDescription));
		}
		for (RecordType type : funnel.salesforceRecordTypes) {
			lines.add(
					"salesforce record type " + string(type.apiName()) + (type.label() == null ? "" : " " + string(type.label()))
							+ (type.inactive() ? " inactive" : "")
							+ (type.description() == null ? "" : " description " + string(type.description())));
		}
		if (funnel.salesforceNoRecordType) {
			lines.add("salesforce no record type");
		}
		for (SalesforcePath path : funnel.salesforcePaths) {
			lines.add("salesforce path " + string(path.apiName()) + (path.label() == null ? "" : " " + string(path.label()))
					+ " for " + (path.recordType() == null ? "master" : string(path.recordType()))
					+ (path.inactive() ? " inactive" : ""));
		}
	}

	private void writeStage(StringBuilder out, ImportedStage stage) {
		out.append("    ");
		if (stage.kind != Kind.OPEN) {
			out.append(stage.kind.name().toLowerCase(Locale.ROOT)).append(' ');
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
		if (stage.salesforceDescription != null) {
			lines.add("salesforce description " + string(stage.salesforceDescription));
		}
		if (!stage.keyFields.isEmpty()) {
			lines.add("salesforce key fields " + String.join(", ", stage.keyFields.stream().map(this::id).toList()));
		}
		for (PathStep step : stage.pathSteps) {
			String path = "salesforce path " + string(step.path());
			if (step.keyFields().isEmpty() && step.guidance() == null) {
				lines.add(path + " no step");
			}
			if (!step.keyFields().isEmpty()) {
				lines.add(path + " key fields " + String.join(", ", step.keyFields().stream().map(this::id).toList()));
			}
			if (step.guidance() != null) {
				lines.add(path + " guidance " + string(step.guidance()));
			}
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
	public String id(String name) {
		return keywords.contains(name) ? "^" + name : name;
	}

	/** A string literal that the language reads back as {@code text}: the language's own escaping. */
	public String string(String text) {
		return converters.toString(text, "STRING");
	}

	private static String comment(String line) {
		return ("// " + line.replaceAll("[\\r\\n]+", " ")).stripTrailing();
	}
}

package org.funnel.dsl.crm.imports;

import java.util.List;

import org.funnel.dsl.generator.Diagnostic;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.crm.imports.ImportedFunnel.ImportedStage;

/**
 * An import never hands over a funnel that fails {@code funnel validate}: the written text is checked
 * as {@code validate} would check it, and an error becomes the importer's problem, reported at the
 * pipeline or stage of the CRM file it came from. The importers catch what they know of first, with
 * a message in the CRM's terms; this catches the rest.
 */
public final class ImportCheck {

	private ImportCheck() {
	}

	/** Throws a {@link GenerationException} for the first error in {@code text}, written from {@code funnels}. */
	public static void check(String text, List<ImportedFunnel> funnels) {
		FunnelWorkspace workspace = new FunnelWorkspace(Progress.NONE).loadText("imported.funnel", text);
		for (Diagnostic diagnostic : workspace.validate()) {
			if (diagnostic.isError()) {
				throw new GenerationException(origin(diagnostic.line(), funnels) + ": the imported funnel would not pass"
						+ " the checks: " + Diagnostic.oneLine(diagnostic.message()) + " [" + diagnostic.code() + "]");
			}
		}
	}

	/** The CRM object whose text holds {@code line}: the last stage (or funnel) declared at or before it. */
	private static String origin(int line, List<ImportedFunnel> funnels) {
		String origin = null;
		for (ImportedFunnel funnel : funnels) {
			if (funnel.line > line) {
				break;
			}
			origin = describe(funnel.origin, "pipeline or process '" + funnel.label + "'");
			for (ImportedStage stage : funnel.stages) {
				if (stage.line > line) {
					break;
				}
				origin = describe(stage.origin, "stage '" + stage.label + "'");
			}
		}
		return origin == null ? "imported.funnel:" + line : origin;
	}

	private static String describe(String origin, String what) {
		return origin == null ? what : origin + ": " + what;
	}
}

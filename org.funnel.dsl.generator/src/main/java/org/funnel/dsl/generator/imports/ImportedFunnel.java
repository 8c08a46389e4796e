package org.funnel.dsl.generator.imports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A funnel read from CRM configuration, before it is written as .funnel text. */
public final class ImportedFunnel {

	/** Stage kinds as the language writes them. */
	public enum Kind {
		OPEN, WON, LOST
	}

	/** A transition to be written: {@code moves to target percent%}. */
	public record Move(ImportedStage target, BigDecimal percent) {
	}

	public static final class ImportedStage {
		public String name;
		public String label;
		public Kind kind = Kind.OPEN;
		/** In percent (20 = 20%), or null. */
		public BigDecimal probabilityPercent;
		public String hubspotId;
		public String forecastCategory;
		public String guidance;
		public final List<Move> moves = new ArrayList<>();

		public ImportedStage(String label) {
			this.label = label;
		}
	}

	public String name;
	public String label;
	public String documentation;
	public final List<String> crms = new ArrayList<>();
	public boolean hubspotPipeline;
	public String hubspotPipelineId;
	public String hubspotObject;
	public String salesforceProcess;
	public final List<ImportedStage> stages = new ArrayList<>();
	/** Lines of comment written above the funnel. */
	public final List<String> notes = new ArrayList<>();
}

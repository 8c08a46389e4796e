package org.funnel.dsl.crm.imports;

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
		/** Where the stage was read ("file:line:column"), for messages about it. */
		public String origin;
		/** The line of the written .funnel text where the stage is declared (set by the writer). */
		int line;
		public String name;
		public String label;
		public Kind kind = Kind.OPEN;
		/** In percent (20 = 20%), or null. */
		public BigDecimal probabilityPercent;
		public String hubspotId;
		public String forecastCategory;
		/** The default stage of its Salesforce sales process. */
		public boolean salesforceDefault;
		public String guidance;
		public final List<Move> moves = new ArrayList<>();

		public ImportedStage(String label) {
			this.label = label;
		}
	}

	/** Where the funnel was read ("file:line:column"), for messages about it. */
	public String origin;
	/** The line of the written .funnel text where the funnel is declared (set by the writer). */
	int line;
	public String name;
	public String label;
	public String documentation;
	public final List<String> crms = new ArrayList<>();
	public boolean hubspotPipeline;
	public String hubspotPipelineId;
	public String hubspotObject;
	public Integer hubspotDisplayOrder;
	public String salesforceProcess;
	public String salesforceRecordType;
	public String salesforceRecordTypeLabel;
	public String salesforcePath;
	public String salesforcePathLabel;
	public final List<ImportedStage> stages = new ArrayList<>();
	/** Lines of comment written above the funnel. */
	public final List<String> notes = new ArrayList<>();
}

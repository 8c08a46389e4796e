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
		/** The description of the stage's value in the Salesforce value set, or null. */
		public String salesforceDescription;
		/** The key fields of the stage's step in the funnel's first path (empty: none). */
		public final List<String> keyFields = new ArrayList<>();
		/** The stage's steps in the funnel's other paths, where they differ from the first path's. */
		public final List<PathStep> pathSteps = new ArrayList<>();
		public final List<Move> moves = new ArrayList<>();

		public ImportedStage(String label) {
			this.label = label;
		}
	}

	/** A stage's step in one path: key fields and guidance, or no step at all ({@code salesforce path "P" no step}). */
	public record PathStep(String path, List<String> keyFields, String guidance) {
	}

	/** A Salesforce record type of the funnel's sales process. */
	public record RecordType(String apiName, String label, boolean inactive, String description) {
	}

	/** A Salesforce path: for a record type, or for the master record type ({@code recordType} null). */
	public record SalesforcePath(String apiName, String label, String recordType, boolean inactive) {
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
	public boolean salesforceProcessInactive;
	/** A funnel of stages only, without a sales process (the stages of the value set no process uses). */
	public boolean salesforceNoProcess;
	public String salesforceDescription;
	/** A sales process no record type uses. */
	public boolean salesforceNoRecordType;
	public final List<RecordType> salesforceRecordTypes = new ArrayList<>();
	public final List<SalesforcePath> salesforcePaths = new ArrayList<>();
	public final List<ImportedStage> stages = new ArrayList<>();
	/** Lines of comment written above the funnel. */
	public final List<String> notes = new ArrayList<>();
}

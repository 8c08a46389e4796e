package org.funnel.dsl.validation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.validation.Check;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.SalesforcePath;
import org.funnel.dsl.funnel.SalesforcePathStep;
import org.funnel.dsl.funnel.SalesforceRecordType;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.SalesforceNames;

/**
 * The Salesforce components a funnel declares fit together: its record types and paths are named once,
 * a path is for one of the funnel's record types (or the master record type), a stage's step names a
 * path of its funnel, and a funnel without a sales process or record type declares none.
 */
public class SalesforceSetupChecks extends FunnelChecks {

	@Check
	public void noProcessMeansNoProcessSettings(Funnel funnel) {
		if (!funnel.isSalesforceNoProcess()) {
			if (funnel.isSalesforceNoRecordType()) {
				for (SalesforceRecordType recordType : funnel.getSalesforceRecordTypes()) {
					conflict("record type", "salesforce no record type", recordType, Literals.SALESFORCE_RECORD_TYPE__API_NAME);
				}
			}
			return;
		}
		String without = "salesforce no process";
		if (funnel.getSalesforceProcess() != null) {
			conflict("sales process", without, funnel, Literals.FUNNEL__SALESFORCE_PROCESS);
		}
		if (funnel.getSalesforceDescription() != null) {
			conflict("sales process description", without, funnel, Literals.FUNNEL__SALESFORCE_DESCRIPTION);
		}
		for (SalesforceRecordType recordType : funnel.getSalesforceRecordTypes()) {
			conflict("record type", without, recordType, Literals.SALESFORCE_RECORD_TYPE__API_NAME);
		}
		for (Stage stage : funnel.getStages()) {
			if (stage.isSalesforceDefault()) {
				conflict("default stage of a sales process", without, stage, Literals.STAGE__SALESFORCE_DEFAULT);
			}
		}
	}

	private void conflict(String what, String setting, EObject object, EAttribute feature) {
		error("The funnel declares '" + setting + "', so it cannot have a " + what + ". Remove one of them.", object, feature,
				FunnelIssueCodes.SALESFORCE_SETTING_CONFLICT);
	}

	/** Record type and path API names once per funnel (Salesforce compares them ignoring case), one path per record type. */
	@Check
	public void recordTypesAndPathsOnce(Funnel funnel) {
		Set<String> recordTypes = new HashSet<>();
		for (SalesforceRecordType recordType : funnel.getSalesforceRecordTypes()) {
			if (recordType.getApiName() != null && !recordTypes.add(SalesforceNames.lowerCase(recordType.getApiName()))) {
				error("Record type " + q(recordType.getApiName()) + " is declared twice in this funnel. Remove one.",
						recordType, Literals.SALESFORCE_RECORD_TYPE__API_NAME, FunnelIssueCodes.SALESFORCE_DUPLICATE_NAME);
			}
		}
		Set<String> paths = new HashSet<>();
		Map<String, String> pathOfRecordType = new HashMap<>();
		List<SalesforceNames.Path> resolved = SalesforceNames.paths(funnel);
		for (int i = 0; i < resolved.size(); i++) {
			SalesforcePath path = funnel.getSalesforcePaths().get(i);
			SalesforceNames.Path setup = resolved.get(i);
			if (setup.apiName() != null && !paths.add(SalesforceNames.lowerCase(setup.apiName()))) {
				error("Path " + q(setup.apiName()) + " is declared twice in this funnel. Remove one.", path,
						Literals.SALESFORCE_PATH__API_NAME, FunnelIssueCodes.SALESFORCE_DUPLICATE_NAME);
				continue;
			}
			String other = setup.recordType() == null ? null
					: pathOfRecordType.putIfAbsent(SalesforceNames.lowerCase(setup.recordType()), setup.apiName());
			if (other != null) {
				error("Salesforce shows one path per record type, and " + (setup.master() ? "the master record type"
						: "record type " + q(setup.recordType())) + " already has path " + q(other) + ". Remove one.", path,
						Literals.SALESFORCE_PATH__API_NAME, FunnelIssueCodes.SALESFORCE_DUPLICATE_NAME);
			}
		}
	}

	/** A path is for a record type of its funnel's sales process, or for the master record type. */
	@Check
	public void pathForARecordTypeOfTheFunnel(SalesforcePath path) {
		Funnel funnel = (Funnel) path.eContainer();
		if (path.isMaster()) {
			return;
		}
		List<SalesforceNames.RecordType> recordTypes = SalesforceNames.recordTypes(funnel);
		if (path.getRecordType() == null) {
			if (recordTypes.isEmpty()) {
				error("Path " + q(path.getApiName()) + " is shown for a record type, and this funnel has none. Write 'for"
						+ " master' to show it for opportunities without a record type, or declare 'salesforce record type'.",
						path, Literals.SALESFORCE_PATH__API_NAME, FunnelIssueCodes.SALESFORCE_PATH_RECORD_TYPE);
			}
			return;
		}
		boolean known = recordTypes.stream()
				.anyMatch(r -> r.apiName() != null && r.apiName().equalsIgnoreCase(path.getRecordType()));
		if (!known) {
			error("Path " + q(path.getApiName()) + " is for record type " + q(path.getRecordType()) + ", which is not a record"
					+ " type of this funnel's sales process. Declare it with 'salesforce record type', or write 'for master'.",
					path, Literals.SALESFORCE_PATH__RECORD_TYPE, FunnelIssueCodes.SALESFORCE_PATH_RECORD_TYPE);
		}
	}

	/** A stage's own step names a path of its funnel, each path once. */
	@Check
	public void stepForAPathOfTheFunnel(Stage stage) {
		if (!(stage.eContainer() instanceof Funnel funnel) || funnel.isTemplate() || stage.getSalesforcePathSteps().isEmpty()) {
			return;
		}
		Set<String> paths = new HashSet<>();
		SalesforceNames.paths(funnel).forEach(p -> paths.add(SalesforceNames.lowerCase(p.apiName())));
		SalesforceNames.Path implicit = SalesforceNames.defaultPath(funnel);
		if (implicit != null) {
			paths.add(SalesforceNames.lowerCase(implicit.apiName()));
		}
		Map<String, Set<String>> given = new HashMap<>();
		for (SalesforcePathStep step : stage.getSalesforcePathSteps()) {
			String name = step.getPath() == null ? "" : SalesforceNames.lowerCase(step.getPath());
			if (!paths.contains(name)) {
				error("Funnel " + q(funnel.getName()) + " has no Salesforce path " + q(step.getPath()) + ". Name one of its"
						+ " paths, or declare this one with 'salesforce path'.", step, Literals.SALESFORCE_PATH_STEP__PATH,
						FunnelIssueCodes.SALESFORCE_PATH_STEP);
				continue;
			}
			String kind = step.isNoStep() ? "no step" : step.getKeyFields() != null ? "key fields" : "guidance";
			Set<String> kinds = given.computeIfAbsent(name, k -> new HashSet<>());
			if (!kinds.add(kind)) {
				error("Stage " + q(stage.getName()) + " already gives the " + kind + " of its step in path " + q(step.getPath())
						+ ". Remove one.", step, Literals.SALESFORCE_PATH_STEP__PATH, FunnelIssueCodes.SALESFORCE_DUPLICATE_NAME);
			} else if (kinds.contains("no step") && kinds.size() > 1) {
				error("Stage " + q(stage.getName()) + " has no step in path " + q(step.getPath())
						+ ", so it cannot give key fields or guidance there. Remove one.", step,
						Literals.SALESFORCE_PATH_STEP__PATH, FunnelIssueCodes.SALESFORCE_SETTING_CONFLICT);
			}
		}
	}

	/** Salesforce takes 255 characters of a sales process's or record type's description. */
	@Check
	public void descriptionsFit(Funnel funnel) {
		descriptionFits(funnel.getSalesforceDescription(), "sales process", funnel, Literals.FUNNEL__SALESFORCE_DESCRIPTION);
		for (SalesforceRecordType recordType : funnel.getSalesforceRecordTypes()) {
			descriptionFits(recordType.getDescription(), "record type", recordType,
					Literals.SALESFORCE_RECORD_TYPE__DESCRIPTION);
		}
	}

	private void descriptionFits(String description, String what, EObject object, EAttribute feature) {
		if (description == null) {
			return;
		}
		int length = description.codePointCount(0, description.length());
		if (length > SalesforceNames.MAX_DESCRIPTION) {
			error("Salesforce takes at most " + SalesforceNames.MAX_DESCRIPTION + " characters as the description of a " + what
					+ "; this one has " + length + ". Shorten it.", object, feature,
					FunnelIssueCodes.SALESFORCE_DESCRIPTION_TOO_LONG);
		}
	}
}

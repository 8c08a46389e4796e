package org.funnel.dsl.generator.salesforce;

import java.util.Map;
import java.util.TreeMap;

import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.model.SalesforceNames;

/**
 * Names of the components across all funnels of a run: sales processes, record types and paths are
 * org-wide names (Salesforce compares record type and path names ignoring case), and a record type has
 * one path at most, the master record type too.
 */
final class ComponentNames {

	private ComponentNames() {
	}

	static void checkUnique(Iterable<FunnelProcess> processes) {
		Map<String, FunnelProcess> byProcess = new TreeMap<>();
		Map<String, FunnelProcess> byRecordType = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		Map<String, FunnelProcess> byPath = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		Map<String, FunnelProcess> pathOfRecordType = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (FunnelProcess process : processes) {
			if (process.name() != null) {
				unique(byProcess, process.name(), process, "are both the Salesforce sales process '" + process.name()
						+ "'. Give one another name with 'salesforce process'.");
			}
			for (SalesforceNames.RecordType recordType : process.recordTypes()) {
				unique(byRecordType, recordType.apiName(), process, "both use the Salesforce record type "
						+ recordType.apiName() + ". Give one its own with 'salesforce record type'.");
			}
			for (FunnelProcess.PathSteps path : process.paths()) {
				unique(byPath, path.path().apiName(), process, "both declare the Salesforce path " + path.path().apiName()
						+ ". Give one its own with 'salesforce path'.");
				String recordType = path.path().master() ? "the master record type" : "record type " + path.path().recordType();
				unique(pathOfRecordType, path.path().recordType(), process,
						"both declare a path for " + recordType + ", and Salesforce shows one path per record type.");
			}
		}
	}

	private static void unique(Map<String, FunnelProcess> seen, String name, FunnelProcess process, String problem) {
		FunnelProcess other = seen.putIfAbsent(name, process);
		if (other != null && other != process) {
			throw new GenerationException(process.origin() + ": funnels '" + other.funnelName() + "' (" + other.origin()
					+ ") and '" + process.funnelName() + "' " + problem);
		}
	}

	/**
	 * The file name of a sales process: as the org's retrieve names it when it has the process (its own encoding
	 * is kept), else its name encoded as retrieves encode it.
	 */
	static String processFile(String name, SalesforceOrg.Component current) {
		String written = current == null ? null : MetadataXml.text(current.element(), "fullName");
		if (written != null && MetadataNames.decode(written).equals(name) && fileSafe(written)) {
			return written;
		}
		return MetadataNames.encode(name);
	}

	private static boolean fileSafe(String name) {
		return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.chars()
				.noneMatch(c -> c == '/' || c == '\\' || c == ':' || Character.isISOControl(c));
	}
}

package org.funnel.dsl.validation;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.eclipse.emf.common.CommonPlugin;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.validation.Check;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;

/**
 * A funnel's {@code history "path"} names the deal history the editor fits it to. The language only knows where
 * that is (the path is read from the funnel file's folder): whether the file or folder is there. Reading and
 * fitting it is the editor's (org.funnel.dsl.ide), which may use the history module.
 */
public class HistoryChecks extends FunnelChecks {

	@Check
	public void historyIsThere(Funnel funnel) {
		String written = funnel.getHistory();
		if (written == null) {
			return;
		}
		Path file = historyPath(funnel.eResource() == null ? null : funnel.eResource().getURI(), written);
		if (written.isBlank() || file != null && !Files.exists(file)) {
			warning("The history " + q(written) + " is not there (the path is read from the folder of this file):"
					+ " the editor shows no observed shares.", funnel, Literals.FUNNEL__HISTORY,
					FunnelIssueCodes.HISTORY_NOT_FOUND);
		}
	}

	/**
	 * Where a funnel file's {@code history} is: resolved against the folder of the file, or null when the file is not
	 * on disk (an editor's unsaved buffer has a file URI too, so this holds for it) or the path cannot be a path.
	 * Inside Eclipse a file is a {@code platform:/resource} URI, which EMF resolves to the file on disk.
	 */
	public static Path historyPath(URI funnelFile, String written) {
		URI onDisk = funnelFile == null || funnelFile.isFile() ? funnelFile : CommonPlugin.resolve(funnelFile);
		if (onDisk == null || !onDisk.isFile() || written == null || written.isBlank()) {
			return null;
		}
		try {
			return Path.of(onDisk.toFileString()).toAbsolutePath().getParent().resolve(written).normalize();
		} catch (InvalidPathException e) {
			return null;
		}
	}
}

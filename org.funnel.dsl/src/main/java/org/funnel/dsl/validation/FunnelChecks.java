package org.funnel.dsl.validation;

import java.util.List;

import org.eclipse.emf.ecore.EPackage;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.EValidatorRegistrar;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.funnel.FunnelPackage;

import com.google.inject.Inject;

/** Common ground of the check classes composed into {@link FunnelValidator}. */
public abstract class FunnelChecks extends AbstractDeclarativeValidator {

	@Inject
	protected AnalysisCache analyses;

	@Override
	protected List<EPackage> getEPackages() {
		return List.of(FunnelPackage.eINSTANCE);
	}

	@Override
	public void register(EValidatorRegistrar registrar) {
		// Composed into FunnelValidator, which registers for all of them.
	}

	/** Quotes a name or label for a message. */
	protected static String q(String text) {
		if (text != null && text.length() > MAX_QUOTED) {
			// A message quotes a label, not a megabyte of it.
			return "'" + text.substring(0, MAX_QUOTED - 20) + "…' (" + text.length() + " characters)";
		}
		return "'" + text + "'";
	}

	private static final int MAX_QUOTED = 120;
}

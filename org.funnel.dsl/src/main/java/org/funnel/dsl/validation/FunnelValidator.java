package org.funnel.dsl.validation;

import org.eclipse.xtext.validation.ComposedChecks;

/**
 * All checks of the language, one class per concern. Every check reports a code from
 * {@link FunnelIssueCodes}; docs/language.md lists them.
 */
@ComposedChecks(validators = { NameChecks.class, ProbabilityChecks.class, FunnelShapeChecks.class,
		CrmChecks.class, HubSpotChecks.class, SalesforceChecks.class, SalesforceSetupChecks.class,
		EncodingChecks.class, HistoryChecks.class })
public class FunnelValidator extends AbstractFunnelValidator {
}

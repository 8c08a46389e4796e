package org.funnel.dsl;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.scoping.IGlobalScopeProvider;
import org.funnel.dsl.conversion.FunnelValueConverterService;
import org.funnel.dsl.linking.FunnelLinkingDiagnosticMessageProvider;
import org.funnel.dsl.scoping.FunnelGlobalScopeProvider;

/** Wires the language's own services into Xtext; everything else is Xtext's default. */
public class FunnelRuntimeModule extends AbstractFunnelRuntimeModule {

	@Override
	public Class<? extends IValueConverterService> bindIValueConverterService() {
		return FunnelValueConverterService.class;
	}

	@Override
	public Class<? extends IGlobalScopeProvider> bindIGlobalScopeProvider() {
		return FunnelGlobalScopeProvider.class;
	}

	public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
		return FunnelLinkingDiagnosticMessageProvider.class;
	}

	public Class<? extends ILinkingDiagnosticMessageProvider.Extended> bindILinkingDiagnosticMessageProvider$Extended() {
		return FunnelLinkingDiagnosticMessageProvider.class;
	}
}

package org.funnel.dsl;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.validation.CompositeEValidator;

import com.google.inject.Binder;
import com.google.inject.name.Names;
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

	/**
	 * EMF's generic checks (multiplicities, proxies) repeat what the parser and linker already report,
	 * and cost a tenth of the validation time of a large file.
	 */
	public void configureUseEObjectValidator(Binder binder) {
		binder.bindConstant().annotatedWith(Names.named(CompositeEValidator.USE_EOBJECT_VALIDATOR)).to(false);
	}

	public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
		return FunnelLinkingDiagnosticMessageProvider.class;
	}

	public Class<? extends ILinkingDiagnosticMessageProvider.Extended> bindILinkingDiagnosticMessageProvider$Extended() {
		return FunnelLinkingDiagnosticMessageProvider.class;
	}
}

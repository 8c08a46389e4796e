package org.funnel.dsl;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.validation.CompositeEValidator;

import com.google.inject.Binder;
import com.google.inject.name.Names;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.scoping.IGlobalScopeProvider;
import org.funnel.dsl.conversion.FunnelValueConverterService;
import org.eclipse.xtext.linking.ILinker;
import org.eclipse.xtext.resource.XtextResource;
import org.funnel.dsl.linking.FunnelLinker;
import org.funnel.dsl.linking.FunnelLinkingDiagnosticMessageProvider;
import org.funnel.dsl.linking.FunnelLinkingResource;
import org.funnel.dsl.parser.FunnelElementFactory;
import org.eclipse.xtext.parser.IAstFactory;
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

	/** Finds stale linking errors by position, not by building their message again: see the class. */
	@Override
	public Class<? extends XtextResource> bindXtextResource() {
		return FunnelLinkingResource.class;
	}

	/** Links what it can find at once instead of through proxies: see the class. */
	@Override
	public Class<? extends ILinker> bindILinker() {
		return FunnelLinker.class;
	}

	/** No change notifications while the parser fills in new objects: see the class. */
	@Override
	public Class<? extends IAstFactory> bindIAstFactory() {
		return FunnelElementFactory.class;
	}

	/** The index's names of channels, funnels and stages, computed directly: see the class. */
	@Override
	public Class<? extends org.eclipse.xtext.naming.IQualifiedNameProvider> bindIQualifiedNameProvider() {
		return org.funnel.dsl.scoping.FunnelQualifiedNameProvider.class;
	}

	/** What the index records of a file, with less work: see the class. */
	public Class<? extends org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy> bindIDefaultResourceDescriptionStrategy() {
		return org.funnel.dsl.scoping.FunnelResourceDescriptionStrategy.class;
	}

	/** A byte order mark at the start of a file is read as a space: see the class. */
	@Override
	public Class<? extends org.eclipse.xtext.parser.IParser> bindIParser() {
		return org.funnel.dsl.parser.BomTolerantParser.class;
	}

	/** Parser errors in the users' words, with the code syntax-error. */
	public Class<? extends org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
		return org.funnel.dsl.parser.FunnelSyntaxErrorMessageProvider.class;
	}
}

package org.funnel.dsl;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.linking.ILinker;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.parser.IAstFactory;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IFragmentProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.scoping.IGlobalScopeProvider;
import org.eclipse.xtext.validation.CompositeEValidator;
import org.funnel.dsl.conversion.FunnelValueConverterService;
import org.funnel.dsl.linking.FunnelFragmentProvider;
import org.funnel.dsl.linking.FunnelLinker;
import org.funnel.dsl.linking.FunnelLinkingDiagnosticMessageProvider;
import org.funnel.dsl.linking.FunnelLinkingResource;
import org.funnel.dsl.parser.BomTolerantParser;
import org.funnel.dsl.parser.FunnelElementFactory;
import org.funnel.dsl.parser.FunnelSyntaxErrorMessageProvider;
import org.funnel.dsl.scoping.FunnelGlobalScopeProvider;
import org.funnel.dsl.scoping.FunnelQualifiedNameProvider;
import org.funnel.dsl.scoping.FunnelResourceDescriptionStrategy;

import com.google.inject.Binder;
import com.google.inject.name.Names;

/**
 * Wires the language's own services into Xtext; everything else is Xtext's default. The services
 * that replace Xtext's only to be faster are listed, with why and what to check on an Xtext upgrade,
 * in docs/xtext-overrides.md.
 */
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

	/** EMF's names of objects, from one pass over the file instead of a search per step: see the class. */
	public Class<? extends IFragmentProvider> bindIFragmentProvider() {
		return FunnelFragmentProvider.class;
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
	public Class<? extends IQualifiedNameProvider> bindIQualifiedNameProvider() {
		return FunnelQualifiedNameProvider.class;
	}

	/** What the index records of a file, with less work: see the class. */
	public Class<? extends IDefaultResourceDescriptionStrategy> bindIDefaultResourceDescriptionStrategy() {
		return FunnelResourceDescriptionStrategy.class;
	}

	/** A byte order mark at the start of a file is read as a space: see the class. */
	@Override
	public Class<? extends IParser> bindIParser() {
		return BomTolerantParser.class;
	}

	/** Parser errors in the users' words, with the code syntax-error. */
	public Class<? extends ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
		return FunnelSyntaxErrorMessageProvider.class;
	}
}

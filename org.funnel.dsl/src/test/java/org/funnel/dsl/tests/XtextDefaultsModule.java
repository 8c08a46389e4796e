package org.funnel.dsl.tests;

import org.funnel.dsl.FunnelRuntimeModule;
import java.util.EnumSet;
import java.util.Set;

import org.eclipse.xtext.linking.ILinker;
import org.eclipse.xtext.linking.lazy.LazyLinker;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.naming.DefaultDeclarativeQualifiedNameProvider;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.parser.DefaultEcoreElementFactory;
import org.eclipse.xtext.parser.IAstFactory;
import org.eclipse.xtext.resource.DefaultFragmentProvider;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IFragmentProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionStrategy;

/**
 * The language with some of the services it replaces only to be faster turned back to Xtext's own:
 * for comparison runs, never for users. The language tests run once with all of them
 * ({@code -Dfunnel.bindings=plain}) to show the replacements change nothing but speed; the benchmarks
 * ({@code benchmarks/run --only overrides}) measure what each one gains. docs/xtext-overrides.md
 * lists them.
 */
public class XtextDefaultsModule extends FunnelRuntimeModule {

	/** A replacement of an Xtext service made for speed. */
	public enum Override {
		/** {@code FunnelLinkingResource}: stale linking errors, lazy proxies, unloading. */
		RESOURCE,
		/** {@code FunnelFragmentProvider}: EMF's object names from one pass. */
		FRAGMENTS,
		/** {@code FunnelLinker}: references set while linking, not through proxies. */
		LINKER,
		/** {@code FunnelElementFactory}: no change notifications while parsing. */
		ELEMENT_FACTORY,
		/** {@code FunnelQualifiedNameProvider}: names computed directly. */
		QUALIFIED_NAMES,
		/** {@code FunnelResourceDescriptionStrategy}: index entries with less work. */
		INDEX_ENTRIES
	}

	private final Set<Override> xtexts;

	/** With Xtext's own services in place of the given replacements. */
	public XtextDefaultsModule(Set<Override> xtexts) {
		this.xtexts = xtexts.isEmpty() ? EnumSet.noneOf(Override.class) : EnumSet.copyOf(xtexts);
	}

	/** With Xtext's own services in place of all replacements. */
	public static XtextDefaultsModule all() {
		return new XtextDefaultsModule(EnumSet.allOf(Override.class));
	}

	@java.lang.Override
	public Class<? extends XtextResource> bindXtextResource() {
		return xtexts.contains(Override.RESOURCE) ? LazyLinkingResource.class : super.bindXtextResource();
	}

	@java.lang.Override
	public Class<? extends IFragmentProvider> bindIFragmentProvider() {
		return xtexts.contains(Override.FRAGMENTS) ? DefaultFragmentProvider.class : super.bindIFragmentProvider();
	}

	@java.lang.Override
	public Class<? extends ILinker> bindILinker() {
		return xtexts.contains(Override.LINKER) ? LazyLinker.class : super.bindILinker();
	}

	@java.lang.Override
	public Class<? extends IAstFactory> bindIAstFactory() {
		return xtexts.contains(Override.ELEMENT_FACTORY) ? DefaultEcoreElementFactory.class : super.bindIAstFactory();
	}

	@java.lang.Override
	public Class<? extends IQualifiedNameProvider> bindIQualifiedNameProvider() {
		return xtexts.contains(Override.QUALIFIED_NAMES) ? DefaultDeclarativeQualifiedNameProvider.class
				: super.bindIQualifiedNameProvider();
	}

	@java.lang.Override
	public Class<? extends IDefaultResourceDescriptionStrategy> bindIDefaultResourceDescriptionStrategy() {
		return xtexts.contains(Override.INDEX_ENTRIES) ? DefaultResourceDescriptionStrategy.class
				: super.bindIDefaultResourceDescriptionStrategy();
	}
}

package org.funnel.dsl.model;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.eclipse.xtext.util.Tuples;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.analysis.MarkovAnalyzer;
import org.funnel.dsl.funnel.Funnel;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * The one place checks, editors and generators get a funnel's structure ({@link EffectiveFunnel}) and
 * analysis ({@link FunnelAnalysis}) from. Results are cached with the file and dropped when it changes,
 * so a check, a hover and a code lens on the same version of a file share one computation. (The
 * analysis itself, in {@code analysis/}, knows nothing of EMF or the language's model.)
 */
@Singleton
public class AnalysisCache {

	@Inject
	private IResourceScopeCache cache;

	/** The funnel with its inherited stages and its Markov graph. */
	public EffectiveFunnel structure(Funnel funnel) {
		Resource resource = funnel.eResource();
		if (resource == null) {
			return EffectiveFunnel.of(funnel);
		}
		return cache.get(Tuples.create(AnalysisCache.class, "structure", funnel), resource,
				() -> EffectiveFunnel.of(funnel));
	}

	/** Win probabilities, flows, drop-off and bottleneck of the funnel as declared. */
	public FunnelAnalysis analysis(Funnel funnel) {
		Resource resource = funnel.eResource();
		if (resource == null) {
			return MarkovAnalyzer.analyze(structure(funnel).graph());
		}
		return cache.get(Tuples.create(AnalysisCache.class, "analysis", funnel), resource,
				() -> MarkovAnalyzer.analyze(structure(funnel).graph()));
	}
}

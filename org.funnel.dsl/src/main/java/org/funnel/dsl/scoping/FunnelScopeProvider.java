package org.funnel.dsl.scoping;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IGlobalScopeProvider;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.impl.MultimapBasedScope;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.eclipse.xtext.util.Tuples;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Element;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.funnel.Stage;

import com.google.inject.Inject;

/**
 * Which names a reference can see.
 * <ul>
 * <li>A transition's target: the stages of its funnel, its own and those it inherits with
 * {@code extends}, by their simple names.</li>
 * <li>A channel (in {@code channels} or after {@code via}): the channels of this file, then those of
 * imported files, then the built-in ones.</li>
 * <li>The funnel after {@code extends}: the funnels of this file, then those of imported files.</li>
 * </ul>
 * Every scope is a hash map built once per funnel or file and cached until the file changes, so
 * linking costs the same per reference however large the funnel is.
 */
public class FunnelScopeProvider extends AbstractFunnelScopeProvider {

	@Inject
	private AnalysisCache analyses;

	@Inject
	private IResourceScopeCache cache;

	@Inject
	private IGlobalScopeProvider globalScopeProvider;

	@Override
	public IScope getScope(EObject context, EReference reference) {
		if (reference == FunnelPackage.Literals.TRANSITION__TARGET) {
			Funnel funnel = EcoreUtil2.getContainerOfType(context, Funnel.class);
			return funnel == null ? IScope.NULLSCOPE : stageScope(funnel);
		}
		if (reference == FunnelPackage.Literals.STAGE__CHANNELS || reference == FunnelPackage.Literals.TRANSITION__CHANNEL) {
			return fileScope(context.eResource(), FunnelPackage.Literals.STAGE__CHANNELS, Channel.class);
		}
		if (reference == FunnelPackage.Literals.FUNNEL__BASE) {
			return fileScope(context.eResource(), FunnelPackage.Literals.FUNNEL__BASE, Funnel.class);
		}
		return super.getScope(context, reference);
	}

	private IScope stageScope(Funnel funnel) {
		Resource resource = funnel.eResource();
		if (resource == null) {
			return createStageScope(funnel);
		}
		return cache.get(Tuples.create(FunnelScopeProvider.class, "stages", funnel), resource,
				() -> createStageScope(funnel));
	}

	private IScope createStageScope(Funnel funnel) {
		List<Stage> stages = analyses.structure(funnel).stages();
		List<IEObjectDescription> descriptions = new ArrayList<>(stages.size());
		for (Stage stage : stages) {
			if (stage.getName() != null) {
				descriptions.add(EObjectDescription.create(QualifiedName.create(stage.getName()), stage));
			}
		}
		return MultimapBasedScope.createScope(IScope.NULLSCOPE, descriptions, false);
	}

	private IScope fileScope(Resource resource, EReference reference, Class<? extends Element> type) {
		if (resource == null) {
			return IScope.NULLSCOPE;
		}
		return cache.get(Tuples.create(FunnelScopeProvider.class, type), resource, () -> {
			IScope outer = globalScopeProvider.getScope(resource, reference, null);
			List<IEObjectDescription> local = new ArrayList<>();
			for (EObject root : resource.getContents()) {
				if (root instanceof FunnelFile file) {
					for (Element element : file.getElements()) {
						if (type.isInstance(element) && element.getName() != null) {
							local.add(EObjectDescription.create(QualifiedName.create(element.getName()), element));
						}
					}
				}
			}
			return MultimapBasedScope.createScope(outer, local, false);
		});
	}
}

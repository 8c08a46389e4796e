package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.util.InternalEList;
import org.eclipse.xtext.naming.DefaultDeclarativeQualifiedNameProvider;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.linking.FunnelFragmentProvider;
import org.funnel.dsl.scoping.FunnelQualifiedNameProvider;
import org.funnel.dsl.tests.FunnelInjectorProvider;
import org.funnel.dsl.tests.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.Injector;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.IGrammarAccess;

/**
 * The shortcuts for editors (object names computed in one pass, the index's names and references
 * computed directly, unloading that turns only referable objects into proxies) give what Xtext and
 * EMF give.
 */
class IndexAndUnloadTest {

	@TempDir
	Path dir;

	private final Injector injector = new FunnelInjectorProvider().getInjector();

	private XtextResource examples(Workspace workspace) {
		return workspace.loadAll(Path.of("examples")).stream().max((a, b) -> Integer
				.compare(a.getParseResult().getRootNode().getLength(), b.getParseResult().getRootNode().getLength())).get();
	}

	@Test
	void objectNamesAreEmfsOwn() {
		Workspace workspace = new Workspace(injector);
		for (XtextResource resource : workspace.loadAll(Path.of("examples"))) {
			assertThat(resource.getFragmentProvider()).isInstanceOf(FunnelFragmentProvider.class);
			List<EObject> all = new ArrayList<>();
			resource.getAllContents().forEachRemaining(all::add);
			assertThat(all).isNotEmpty();
			for (EObject object : all) {
				assertThat(resource.getURIFragment(object)).as(object.toString()).isEqualTo(emfFragment(object));
				assertThat(resource.getEObject(resource.getURIFragment(object))).isSameAs(object);
			}
		}
	}

	/** The name EMF's ResourceImpl gives an object: its containers' fragment segments from the root. */
	private static String emfFragment(EObject object) {
		List<String> segments = new ArrayList<>();
		InternalEObject current = (InternalEObject) object;
		for (InternalEObject container = current.eInternalContainer(); container != null; container = current
				.eInternalContainer()) {
			segments.add(0, container.eURIFragmentSegment(current.eContainingFeature(), current));
			current = container;
		}
		int roots = current.eResource().getContents().size();
		String root = "/" + (roots > 1 ? Integer.toString(current.eResource().getContents().indexOf(current)) : "");
		return segments.isEmpty() ? root : root + "/" + String.join("/", segments);
	}

	@Test
	void qualifiedNamesAreXtextsDefault() {
		IQualifiedNameProvider ours = injector.getInstance(IQualifiedNameProvider.class);
		assertThat(ours).isInstanceOf(FunnelQualifiedNameProvider.class);
		DefaultDeclarativeQualifiedNameProvider xtext = injector.getInstance(DefaultDeclarativeQualifiedNameProvider.class);
		Workspace workspace = new Workspace(injector);
		int named = 0;
		for (XtextResource resource : workspace.loadAll(Path.of("examples"))) {
			for (var all = resource.getAllContents(); all.hasNext();) {
				EObject object = all.next();
				assertThat(ours.getFullyQualifiedName(object)).as(object.toString())
						.isEqualTo(xtext.getFullyQualifiedName(object));
				named += ours.getFullyQualifiedName(object) == null ? 0 : 1;
			}
		}
		assertThat(named).isGreaterThan(50);
	}

	@Test
	void theIndexHasEveryChannelFunnelAndStage() {
		Workspace workspace = new Workspace(injector);
		XtextResource resource = examples(workspace);
		IResourceDescription description = injector.getInstance(IResourceDescription.Manager.class)
				.getResourceDescription(resource);
		List<String> expected = new ArrayList<>();
		FunnelFile file = Workspace.root(resource);
		file.getElements().forEach(element -> {
			expected.add(element.getName());
			if (element instanceof Funnel funnel) {
				funnel.getStages().forEach(stage -> expected.add(funnel.getName() + "." + stage.getName()));
			}
		});
		List<String> exported = new ArrayList<>();
		for (IEObjectDescription object : description.getExportedObjects()) {
			exported.add(object.getName().toString());
			assertThat(resource.getResourceSet().getEObject(object.getEObjectURI(), false))
					.isSameAs(object.getEObjectOrProxy());
		}
		assertThat(exported).containsExactlyInAnyOrderElementsOf(expected);
	}

	/**
	 * What a reference can point at is read from the grammar ({@link Referables}); this checks the three
	 * places that follow from it against the grammar's cross-references themselves: every object of a
	 * referable type, and only those, is named in the index, recorded in it, and becomes a proxy (named
	 * as EMF names it) when its file is unloaded. A new kind of reference missed in any of them fails here.
	 */
	@Test
	void everythingAReferenceCanPointAtIsNamedIndexedAndUnloadedAsAProxy() {
		Set<EClass> targets = new HashSet<>();
		for (CrossReference reference : EcoreUtil2.getAllContentsOfType(
				injector.getInstance(IGrammarAccess.class).getGrammar(), CrossReference.class)) {
			targets.add((EClass) reference.getType().getClassifier());
		}
		assertThat(targets).extracting(EClass::getName).contains("Channel", "Funnel", "Stage");
		IQualifiedNameProvider names = injector.getInstance(IQualifiedNameProvider.class);
		Workspace workspace = new Workspace(injector);
		int referable = 0;
		for (XtextResource resource : workspace.loadAll(Path.of("examples"))) {
			Set<EObject> exported = new HashSet<>();
			injector.getInstance(IResourceDescription.Manager.class).getResourceDescription(resource).getExportedObjects()
					.forEach(d -> exported.add(d.getEObjectOrProxy()));
			Map<EObject, String> before = new IdentityHashMap<>();
			resource.getAllContents().forEachRemaining(o -> before.put(o, emfFragment(o)));
			for (EObject object : before.keySet()) {
				boolean isTarget = targets.stream().anyMatch(t -> t.isSuperTypeOf(object.eClass()));
				referable += isTarget ? 1 : 0;
				assertThat(names.getFullyQualifiedName(object) != null).as("named: " + object).isEqualTo(isTarget);
				assertThat(exported.contains(object)).as("indexed: " + object).isEqualTo(isTarget);
			}
			EObject root = resource.getContents().get(0);
			resource.unload();
			for (Map.Entry<EObject, String> object : before.entrySet()) {
				boolean isTarget = targets.stream().anyMatch(t -> t.isSuperTypeOf(object.getKey().eClass()));
				boolean proxy = object.getKey().eIsProxy();
				assertThat(proxy).as("a proxy after unloading: " + object.getKey())
						.isEqualTo(isTarget || object.getKey() == root);
				if (proxy) {
					assertThat(((InternalEObject) object.getKey()).eProxyURI().fragment()).isEqualTo(object.getValue());
				}
			}
		}
		assertThat(referable).isGreaterThan(50);
	}

	@Test
	void referencesToOtherFilesAndBuiltinChannelsAreIndexed() throws IOException {
		Files.writeString(dir.resolve("shared.funnel"),
				"channel Webinar\ntemplate funnel Outcomes { won stage Won lost stage Lost }\n");
		Path sales = dir.resolve("sales.funnel");
		Files.writeString(sales, """
				import "shared.funnel"
				funnel Sales extends Outcomes {
				    stage Lead { channels Webinar, TV moves to Won 30% via Webinar moves to Next 10% }
				    stage Next { channels TV moves to Lost 50% }
				}
				""");
		Workspace workspace = new Workspace(injector);
		XtextResource resource = workspace.load(sales);
		IResourceDescription description = injector.getInstance(IResourceDescription.Manager.class)
				.getResourceDescription(resource);
		List<String> references = new ArrayList<>();
		for (IReferenceDescription reference : description.getReferenceDescriptions()) {
			EObject source = resource.getResourceSet().getEObject(reference.getSourceEObjectUri(), false);
			assertThat(source).isNotNull();
			references.add(reference.getEReference().getName() + " -> "
					+ reference.getTargetEObjectUri().trimFragment().lastSegment());
		}
		// Webinar (channels, via), Outcomes (extends), Won and Lost (inherited stages), TV twice (built in).
		assertThat(references).containsExactlyInAnyOrder("base -> shared.funnel", "channels -> shared.funnel",
				"channels -> builtin-channels.funnel", "target -> shared.funnel", "channel -> shared.funnel",
				"channels -> builtin-channels.funnel", "target -> shared.funnel");
	}

	@Test
	void unloadingTurnsWhatOtherFilesReferToIntoProxiesThatFindTheNewVersion() throws IOException {
		Path outcomes = dir.resolve("outcomes.funnel");
		Files.writeString(outcomes, "channel Webinar\ntemplate funnel Outcomes { won stage Won lost stage Lost }\n");
		Path sales = dir.resolve("sales.funnel");
		Files.writeString(sales, """
				import "outcomes.funnel"
				funnel Sales extends Outcomes {
				    stage Lead { channels Webinar moves to Won 30% moves to Lost 70% }
				}
				""");
		Workspace workspace = new Workspace(injector);
		XtextResource salesResource = workspace.load(sales);
		Stage lead = Workspace.funnel(salesResource, "Sales").getStages().get(0);
		Stage won = lead.getTransitions().get(0).getTarget();
		XtextResource outcomesResource = (XtextResource) won.eResource();
		XtextResourceSet resourceSet = (XtextResourceSet) salesResource.getResourceSet();

		outcomesResource.unload();
		resourceSet.getResources().remove(outcomesResource);
		assertThat(won.eIsProxy()).isTrue();
		assertThat(((InternalEObject) won).eProxyURI()).isEqualTo(
				URI.createFileURI(outcomes.toAbsolutePath().normalize().toString()).appendFragment("//@elements.1/@stages.0"));
		assertThat(((EObject) ((InternalEList<?>) lead.getChannels()).basicGet(0)).eIsProxy()).isTrue();

		// The references resolve to the file as it is now.
		Files.writeString(outcomes,
				"channel Webinar \"Webinars\"\ntemplate funnel Outcomes { won stage Won \"Signed\" lost stage Lost }\n");
		Stage reloaded = lead.getTransitions().get(0).getTarget();
		assertThat(reloaded.eIsProxy()).isFalse();
		assertThat(reloaded.getLabel()).isEqualTo("Signed");
		assertThat(lead.getChannels().get(0).getLabel()).isEqualTo("Webinars");
		assertThat(EcoreUtil.getURI(reloaded)).isEqualTo(((InternalEObject) won).eProxyURI());
	}
}

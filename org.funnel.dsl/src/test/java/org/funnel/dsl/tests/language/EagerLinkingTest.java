package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.linking.FunnelLinker;
import org.funnel.dsl.linking.FunnelLinkingResource;
import org.funnel.dsl.parser.FunnelElementFactory;
import org.funnel.dsl.tests.FunnelInjectorProvider;
import org.funnel.dsl.tests.Workspace;
import org.funnel.dsl.validation.FunnelIssueCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.Inject;
import java.math.BigDecimal;

/**
 * What the faster linking ({@link FunnelLinker}, {@link FunnelLinkingResource}) and parsing
 * ({@link FunnelElementFactory}) change, and what they must not: references that resolve are set
 * while the file is linked, without proxies; those that do not stay proxies and are reported exactly
 * as before, also after the text is edited; the parsed objects report changes afterwards.
 */
class EagerLinkingTest extends CheckTestSupport {

	@TempDir
	Path dir;

	@Inject
	private AnalysisCache analyses;

	@Test
	void resolvableReferencesAreSetWithoutProxies() {
		FunnelFile file = parse("""
				channel Webinar
				funnel F {
				    stage A { channels Webinar, TV moves to B 50% via Webinar moves to Won 10% }
				    stage B { moves to Won 80% }
				    won stage Won
				}
				""");
		Stage a = ((Funnel) file.getElements().get(1)).getStages().get(0);
		@SuppressWarnings("unchecked")
		List<EObject> channels = (List<EObject>) a.eGet(FunnelPackage.Literals.STAGE__CHANNELS, false);
		assertThat(channels).noneMatch(EObject::eIsProxy);
		for (Transition transition : a.getTransitions()) {
			assertThat(((EObject) transition.eGet(FunnelPackage.Literals.TRANSITION__TARGET, false)).eIsProxy()).isFalse();
		}
		Transition toB = a.getTransitions().get(0);
		assertThat(((EObject) toB.eGet(FunnelPackage.Literals.TRANSITION__CHANNEL, false)).eIsProxy()).isFalse();
		assertThat(toB.getTarget().getName()).isEqualTo("B");
		assertNoIssues(file);
	}

	@Test
	void unresolvableReferencesStayProxiesAndAreReportedOnce() {
		FunnelFile file = parse("""
				funnel F {
				    stage A { channels Webniar moves to Bee 50% moves to Won 10% }
				    stage B { moves to Won 80% }
				    won stage Won
				}
				""");
		Stage a = ((Funnel) file.getElements().get(0)).getStages().get(0);
		Transition toBee = a.getTransitions().get(0);
		EObject target = (EObject) toBee.eGet(FunnelPackage.Literals.TRANSITION__TARGET, false);
		assertThat(target.eIsProxy()).isTrue();
		assertThat(((InternalEObject) target).eClass()).isSameAs(FunnelPackage.Literals.STAGE);
		// Resolving again (as validation and editors do) neither adds nor loses a diagnostic.
		EcoreUtil.resolveAll(file.eResource());
		EcoreUtil.resolveAll(file.eResource());
		List<Issue> issues = unresolved(file);
		assertThat(issues).extracting(Issue::getMessage).containsExactly(
				"No channel named 'Webniar' in this file, the files it imports, or the built-in channels."
						+ " Declare it, or import the file that declares it.",
				"No stage named 'Bee' in this funnel or the funnels it extends. Did you mean 'B'?");
		assertThat(file.eResource().getErrors()).hasSize(2);
	}

	@Test
	void editsRelinkAndReplaceTheErrors() {
		FunnelFile file = parse("""
				funnel F {
				    stage A { moves to Bee 50% moves to Won 10% }
				    stage B { moves to Won 80% }
				    won stage Won
				}
				""");
		assertThat(unresolved(file)).hasSize(1);
		XtextResource resource = (XtextResource) file.eResource();
		// Fix the typo as an editor does: a partial parse of the changed region, then linking again.
		int offset = text.indexOf("Bee");
		resource.update(offset, 3, "B");
		FunnelFile edited = (FunnelFile) resource.getContents().get(0);
		assertNoIssues(edited);
		Stage a = ((Funnel) edited.getElements().get(0)).getStages().get(0);
		assertThat(a.getTransitions().get(0).getTarget().getName()).isEqualTo("B");
		// And break it again.
		String now = resource.getParseResult().getRootNode().getText();
		resource.update(now.indexOf("moves to B ") + "moves to ".length(), 1, "Zebra");
		assertThat(unresolved((FunnelFile) resource.getContents().get(0))).extracting(Issue::getMessage)
				.singleElement().asString().startsWith("No stage named 'Zebra' in this funnel");
	}

	private List<Issue> unresolved(FunnelFile file) {
		return issues(file).stream().filter(i -> FunnelIssueCodes.UNRESOLVED_REFERENCE.equals(i.getCode())).toList();
	}

	@Test
	void parsedObjectsReportChangesSoCachedAnalysesAreDropped() {
		FunnelFile file = parse("""
				funnel F {
				    stage A { moves to Won 50% }
				    won stage Won
				}
				""");
		file.eAllContents().forEachRemaining(object -> assertThat(object.eDeliver()).as(object.toString()).isTrue());
		Funnel funnel = (Funnel) file.getElements().get(0);
		assertThat(analyses.analysis(funnel).winProbability(0)).isEqualTo(0.5);
		funnel.getStages().get(0).getTransitions().get(0).getProbability().setValue(new BigDecimal("80"));
		assertThat(analyses.analysis(funnel).winProbability(0)).isEqualTo(0.8);
	}

	@Test
	void referencesIntoImportedFilesAreSetWhileLinking() throws IOException {
		Files.writeString(dir.resolve("outcomes.funnel"), """
				channel Webinar
				template funnel Outcomes { won stage Won lost stage Lost }
				""");
		Path sales = dir.resolve("sales.funnel");
		Files.writeString(sales, """
				import "outcomes.funnel"
				funnel Sales extends Outcomes {
				    stage Lead { channels Webinar moves to Won 30% moves to Lost 70% }
				}
				""");
		Workspace workspace = new Workspace(new FunnelInjectorProvider().getInjector());
		XtextResource resource = workspace.load(sales);
		Funnel funnel = Workspace.funnel(resource, "Sales");
		Stage lead = funnel.getStages().get(0);
		EObject won = (EObject) lead.getTransitions().get(0).eGet(FunnelPackage.Literals.TRANSITION__TARGET, false);
		assertThat(won.eIsProxy()).isFalse();
		assertThat(won.eResource().getURI().lastSegment()).isEqualTo("outcomes.funnel");
		assertThat(workspace.validate(resource)).isEmpty();
	}
}

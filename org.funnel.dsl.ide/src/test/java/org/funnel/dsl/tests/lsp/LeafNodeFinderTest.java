package org.funnel.dsl.tests.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.antlr.LeafNodeFinder;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.editor.contentassist.antlr.FollowElement;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.funnel.dsl.ide.FunnelIdeSetup;
import org.funnel.dsl.ide.contentassist.FunnelContentAssistService;
import org.funnel.dsl.ide.contentassist.FunnelEntryPointFinder;
import org.funnel.dsl.ide.contentassist.antlr.FunnelParser;
import org.funnel.dsl.ide.contentassist.FunnelLeafNodeFinder;
import org.funnel.dsl.tests.FunnelInjectorProvider;
import org.funnel.dsl.tests.Workspace;
import org.funnel.dsl.funnel.Stage;
import org.junit.jupiter.api.Test;

import com.google.inject.Injector;

/**
 * Completion's shortcuts in large files: the search for the leaf at the caret finds what Xtext's
 * finds, at every offset; a proposal's edit starts where Xtext's starts; parsing only the stage around
 * the caret expects what parsing the file up to the caret expects.
 */
class LeafNodeFinderTest {

	/** Opens the protected conversion of a proposal into a completion item. */
	private static final class Items extends FunnelContentAssistService {
		CompletionItem item(ContentAssistEntry entry, int caretOffset, Position caret, Document document) {
			return toCompletionItem(entry, caretOffset, caret, document);
		}
	}

	@Test
	void proposalEditsStartWhereXtextWouldStartThem() {
		String text = "funnel F {\n    stage A {\n        moves to Wo";
		Document document = new Document(1, text);
		int caret = text.length();
		for (String prefix : new String[] { "", "Wo", "to Wo", "{\n        moves to Wo" }) {
			ContentAssistEntry entry = new ContentAssistEntry();
			entry.setPrefix(prefix);
			entry.setProposal("Won");
			CompletionItem item = new Items().item(entry, caret, document.getPosition(caret), document);
			Range range = item.getTextEdit().getLeft().getRange();
			assertThat(range.getStart()).as(prefix).isEqualTo(document.getPosition(caret - prefix.length()));
			assertThat(range.getEnd()).isEqualTo(document.getPosition(caret));
		}
	}

	@Test
	void sameLeafAsXtextAtEveryOffset() {
		Workspace workspace = new Workspace(new FunnelInjectorProvider().getInjector());
		int checked = 0;
		for (XtextResource resource : workspace.loadAll(Path.of("examples"))) {
			ICompositeNode root = resource.getParseResult().getRootNode();
			for (int offset = 0; offset <= root.getTotalLength() + 1; offset++) {
				for (boolean leading : new boolean[] { true, false }) {
					assertThat(new FunnelLeafNodeFinder(offset, leading).searchIn(root))
							.as(resource.getURI().lastSegment() + " at " + offset + (leading ? " leading" : ""))
							.isSameAs(new LeafNodeFinder(offset, leading).searchIn(root));
					checked++;
				}
			}
		}
		assertThat(checked).isGreaterThan(10_000);
	}

	@Test
	void insideAStageTheStageAloneExpectsWhatTheWholeFileExpects() {
		Injector injector = new FunnelIdeSetup().createInjectorAndDoEMFRegistration();
		FunnelParser parser = injector.getInstance(FunnelParser.class);
		FunnelEntryPointFinder entryPoints = injector.getInstance(FunnelEntryPointFinder.class);
		int fromStage = 0;
		for (XtextResource resource : new Workspace(injector).loadAll(Path.of("examples"))) {
			String text = resource.getParseResult().getRootNode().getText();
			// Completion parses up to where the word at the caret starts: the start of a leaf.
			for (ILeafNode leaf : resource.getParseResult().getRootNode().getLeafNodes()) {
				int offset = leaf.getTotalOffset();
				ICompositeNode entry = entryPoints.findEntryPoint(resource.getParseResult(), offset);
				if (entry == null || !(entry.getSemanticElement() instanceof Stage)) {
					continue;
				}
				fromStage++;
				Set<String> partial = expected(parser.getFollowElements(resource.getParseResult(), offset, false));
				parser.initializeFor(NodeModelUtils.getEntryParserRule(resource.getParseResult().getRootNode()));
				Set<String> whole = expected(parser.getFollowElements(text.substring(0, offset), false));
				assertThat(partial).as(resource.getURI().lastSegment() + " at " + offset).isEqualTo(whole);
			}
		}
		// Each stage's body: the check above must have run inside stages, not been skipped everywhere.
		assertThat(fromStage).isGreaterThan(1_000);
	}

	private static Set<String> expected(Collection<FollowElement> elements) {
		return elements.stream().map(e -> e.getGrammarElement().eClass().getName() + " "
				+ EcoreUtil2.getURI(e.getGrammarElement()).fragment()).collect(Collectors.toSet());
	}
}

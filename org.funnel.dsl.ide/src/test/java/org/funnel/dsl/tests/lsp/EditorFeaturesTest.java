package org.funnel.dsl.tests.lsp;

import org.funnel.dsl.tests.lsp.LanguageServers.Server;
import org.funnel.dsl.testing.lsp.LanguageServerConnection;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

/** Completion, hover, code lenses, colouring, outline, folding and formatting, over the protocol. */
class EditorFeaturesTest extends LanguageServerTestBase {

	private String aida() {
		return read(workspace.resolve("aida.funnel"));
	}

	private CompletionList complete(String uri, Position position) throws Exception {
		long start = System.nanoTime();
		Either<List<CompletionItem>, CompletionList> result = documents()
				.completion(new CompletionParams(document(uri), position)).get(30, TimeUnit.SECONDS);
		Latencies.record("completion", (System.nanoTime() - start) / 1_000_000);
		return result.getRight();
	}

	private static List<String> labels(CompletionList list) {
		return list.getItems().stream().map(CompletionItem::getLabel).toList();
	}

	@Test
	void theServerAnnouncesWhatItOffers() throws Exception {
		try (LanguageServerConnection<Server> other = LanguageServers.jar()) {
			InitializeResult result = other.initialize(workspace);
			var capabilities = result.getCapabilities();
			assertThat(capabilities.getCompletionProvider()).isNotNull();
			assertThat(capabilities.getHoverProvider().getLeft()).isTrue();
			assertThat(capabilities.getDefinitionProvider().getLeft()).isTrue();
			assertThat(capabilities.getReferencesProvider().getLeft()).isTrue();
			assertThat(capabilities.getDocumentSymbolProvider().getLeft()).isTrue();
			assertThat(capabilities.getDocumentFormattingProvider().getLeft()).isTrue();
			assertThat(capabilities.getCodeActionProvider().getLeft()).isTrue();
			assertThat(capabilities.getCodeLensProvider()).isNotNull();
			assertThat(capabilities.getRenameProvider().getRight().getPrepareProvider()).isTrue();
			assertThat(capabilities.getFoldingRangeProvider().getLeft()).isTrue();
			assertThat(capabilities.getSemanticTokensProvider().getLegend().getTokenTypes()).contains("enumMember");
		}
	}

	@Test
	void completionOffersTheStagesInScopeAfterMovesTo() throws Exception {
		String uri = uri("complete-target.funnel");
		String text = aida().replace("moves to Interest 20%", "moves to ");
		open(uri, text);
		CompletionList list = complete(uri, Texts.after(text, "moves to "));
		assertThat(labels(list)).contains("Awareness", "Interest", "Desire", "Action");
		CompletionItem action = list.getItems().stream().filter(i -> i.getLabel().equals("Action")).findFirst().orElseThrow();
		assertThat(action.getDetail()).isEqualTo("won stage \"Action: purchase\"");
	}

	@Test
	void completionOffersChannelsWithTheBuiltInOnes() throws Exception {
		String uri = uri("complete-channel.funnel");
		String text = aida().replace("channels TV, Radio, OOH, Print", "channels TV, ");
		open(uri, text);
		CompletionList list = complete(uri, Texts.after(text, "channels TV, "));
		assertThat(labels(list)).contains("Radio", "Print", "Digital", "WordOfMouth");
		CompletionItem radio = list.getItems().stream().filter(i -> i.getLabel().equals("Radio")).findFirst().orElseThrow();
		assertThat(radio.getDetail()).startsWith("built-in channel");
	}

	@Test
	void completionInAStageOffersKeywordsAndTheTransitionSnippet() throws Exception {
		String uri = uri("complete-keywords.funnel");
		String text = aida().replace("        moves to Desire 30%\n", "        \n");
		open(uri, text);
		Position inStage = Texts.after(text, "channels Digital, Print\n        ");
		CompletionList list = complete(uri, inStage);
		assertThat(labels(list)).contains("probability", "channels", "entering", "deal", "duration", "guidance", "moves");
		CompletionItem snippet = list.getItems().stream().filter(i -> i.getKind() == CompletionItemKind.Snippet
				&& i.getLabel().startsWith("moves to")).findFirst().orElseThrow();
		assertThat(snippet.getInsertTextFormat()).isEqualTo(InsertTextFormat.Snippet);
		assertThat(snippet.getTextEdit().getLeft().getNewText()).isEqualTo("moves to ${1|Awareness,Desire,Action|} ${2:50}%");
	}

	@Test
	void completionBetweenStagesOffersTheStageSnippet() throws Exception {
		String uri = uri("complete-stage.funnel");
		String text = aida();
		open(uri, text);
		Position betweenStages = Texts.at(text, "    /** People who looked for more");
		CompletionList list = complete(uri, betweenStages);
		assertThat(labels(list)).contains("stage", "won", "lost", "open");
		CompletionItem snippet = list.getItems().stream().filter(i -> i.getKind() == CompletionItemKind.Snippet
				&& i.getLabel().startsWith("stage")).findFirst().orElseThrow();
		assertThat(snippet.getTextEdit().getLeft().getNewText())
				.isEqualTo("stage ${1:Name} \"${2:Label}\" {\n\tprobability ${3:50}%\n\tmoves to ${4:Next} ${5:50}%\n}");
	}

	@Test
	void hoverOnAStageShowsItsProbabilitiesFlowAndDocumentation() throws Exception {
		String uri = uri("hover.funnel");
		String text = aida();
		open(uri, text);
		Hover hover = documents().hover(new HoverParams(document(uri), Texts.at(text, "Interest \"Interest\"", 2)))
				.get(30, TimeUnit.SECONDS);
		String markdown = hover.getContents().getRight().getValue();
		assertThat(markdown).contains("**stage** `Interest`")
				.contains("People who looked for more: visited the site, asked in a store.")
				.contains("Declared win probability: **10%**")
				.contains("Implied win probability: **7.5%** (from the transitions)")
				.contains("Expected flow: **40,000 per month**");

		// On a reference, the hover is about the stage referred to.
		Hover onReference = documents().hover(new HoverParams(document(uri), Texts.at(text, "moves to Desire", 10)))
				.get(30, TimeUnit.SECONDS);
		assertThat(onReference.getContents().getRight().getValue()).contains("**stage** `Desire`")
				.contains("Implied win probability: **25%**");

		// And on a built-in channel, its documentation from the library.
		Hover onChannel = documents().hover(new HoverParams(document(uri), Texts.at(text, "TV, Radio", 1)))
				.get(30, TimeUnit.SECONDS);
		assertThat(onChannel.getContents().getRight().getValue()).startsWith("**built-in channel** `TV`");
	}

	@Test
	void codeLensesShowTheImpliedWinProbabilityOfEveryStage() throws Exception {
		String uri = uri("lens.funnel");
		String text = aida();
		open(uri, text);
		List<? extends CodeLens> lenses = documents().codeLens(new CodeLensParams(document(uri))).get(30, TimeUnit.SECONDS);
		List<String> titles = lenses.stream().map(lens -> lens.getCommand().getTitle()).toList();
		assertThat(titles).containsExactly(
				"implied win probability 1.5% (declared 10%) · flow 200,000 per month · drop-off 80%",
				"implied win probability 7.5% · flow 40,000 per month · drop-off 70%",
				"implied win probability 25% · flow 12,000 per month · drop-off 75%",
				"won: 3,000 per month end here");
		assertThat(Texts.substring(text, lenses.get(1).getRange())).isEqualTo("Interest");
	}

	@Test
	void semanticTokensTellStagesFromChannels() throws Exception {
		String uri = uri("tokens.funnel");
		String text = aida();
		open(uri, text);
		SemanticTokensLegend legend = server.initializeResult().getCapabilities().getSemanticTokensProvider().getLegend();
		SemanticTokens tokens = documents().semanticTokensFull(new SemanticTokensParams(document(uri)))
				.get(30, TimeUnit.SECONDS);
		List<String> decoded = decode(text, tokens.getData(), legend);
		assertThat(decoded).contains("Aida:class+declaration", "Awareness:enumMember+declaration",
				"Interest:enumMember", "TV:variable+defaultLibrary+readonly",
				"Action:enumMember+declaration+static");
	}

	@Test
	void theOutlineListsFunnelsWithTheirStages() throws Exception {
		String uri = uri("outline.funnel");
		open(uri, aida());
		List<Either<SymbolInformation, DocumentSymbol>> symbols = documents()
				.documentSymbol(new DocumentSymbolParams(document(uri))).get(30, TimeUnit.SECONDS);
		assertThat(symbols).hasSize(1);
		DocumentSymbol funnel = symbols.get(0).getRight();
		assertThat(funnel.getName()).isEqualTo("Aida");
		assertThat(funnel.getKind()).isEqualTo(SymbolKind.Class);
		assertThat(funnel.getDetail()).isEqualTo("\"AIDA product launch\"");
		assertThat(funnel.getChildren()).extracting(DocumentSymbol::getName)
				.containsExactly("Awareness", "Interest", "Desire", "Action");
		assertThat(funnel.getChildren().get(3).getDetail()).isEqualTo("\"Action: purchase\" won 100%");
	}

	@Test
	void stagesAndCommentsFold() throws Exception {
		String uri = uri("folding.funnel");
		String text = aida();
		open(uri, text);
		List<FoldingRange> ranges = documents().foldingRange(new FoldingRangeRequestParams(document(uri)))
				.get(30, TimeUnit.SECONDS);
		int funnelLine = Texts.at(text, "funnel Aida").getLine();
		int interestLine = Texts.at(text, "stage Interest").getLine();
		assertThat(ranges).anyMatch(range -> range.getStartLine() == funnelLine);
		assertThat(ranges).anyMatch(range -> range.getStartLine() == interestLine);
	}

	@Test
	void formattingGivesTheCanonicalLayout() throws Exception {
		String uri = uri("format.funnel");
		String canonical = aida();
		String messy = canonical.replace("    stage Interest", "stage   Interest").replace("moves to Desire 30%",
				"moves   to Desire    30 %").replace("        probability 30%", "probability 30%");
		open(uri, messy);
		List<? extends TextEdit> edits = documents()
				.formatting(new DocumentFormattingParams(document(uri), new FormattingOptions(4, true)))
				.get(30, TimeUnit.SECONDS);
		assertThat(Texts.apply(messy, edits)).isEqualTo(canonical);
	}

	private static List<String> decode(String text, List<Integer> data, SemanticTokensLegend legend) {
		List<String> decoded = new ArrayList<>();
		int line = 0;
		int character = 0;
		String[] lines = text.split("\n", -1);
		for (int i = 0; i + 4 < data.size(); i += 5) {
			int deltaLine = data.get(i);
			line += deltaLine;
			character = deltaLine == 0 ? character + data.get(i + 1) : data.get(i + 1);
			String word = lines[line].substring(character, character + data.get(i + 2));
			StringBuilder token = new StringBuilder(word).append(':').append(legend.getTokenTypes().get(data.get(i + 3)));
			int modifiers = data.get(i + 4);
			for (int bit = 0; bit < legend.getTokenModifiers().size(); bit++) {
				if ((modifiers & (1 << bit)) != 0) {
					token.append('+').append(legend.getTokenModifiers().get(bit));
				}
			}
			decoded.add(token.toString());
		}
		return decoded;
	}
}

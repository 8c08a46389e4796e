package org.funnel.dsl.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.CommonToken;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.ITokenScanner;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.xtext.parser.antlr.ITokenDefProvider;
import org.eclipse.xtext.parser.antlr.Lexer;
import org.eclipse.xtext.parser.antlr.LexerBindings;
import org.funnel.dsl.ui.FunnelLanguage;

import com.google.inject.Key;
import com.google.inject.name.Names;
import java.util.HashMap;

/**
 * Lexical colouring with the language's own lexer, so keywords are exactly the grammar's
 * keywords. It lexes the whole document: funnel files are small, and a comment or string opened
 * earlier changes the meaning of everything after it.
 */
public class FunnelTokenScanner implements ITokenScanner {

	private record Span(int offset, int length, IToken token) {
	}

	private final Map<Integer, String> tokenNames;
	private final Map<String, IToken> tokens = new HashMap<>();
	private List<Span> spans = List.of();
	private int index;
	private Span current;

	public FunnelTokenScanner() {
		tokenNames = FunnelLanguage.get(ITokenDefProvider.class).getTokenDefMap();
	}

	@Override
	public void setRange(IDocument document, int offset, int length) {
		String text = document.get();
		Lexer lexer = FunnelLanguage.injector().getInstance(Key.get(Lexer.class, Names.named(LexerBindings.RUNTIME)));
		lexer.setCharStream(new ANTLRStringStream(text));
		List<Span> result = new ArrayList<>();
		int end = offset + length;
		int covered = 0;
		while (true) {
			org.antlr.runtime.Token token = lexer.nextToken();
			if (token == null || token.getType() == org.antlr.runtime.Token.EOF) {
				break;
			}
			CommonToken common = (CommonToken) token;
			int start = common.getStartIndex();
			int stop = common.getStopIndex() + 1;
			if (stop <= covered) {
				continue;
			}
			if (start > covered) {
				// Characters the lexer skipped after an error: leave them plain.
				add(result, covered, start - covered, Token.UNDEFINED, offset, end);
			}
			add(result, start, stop - start, tokenFor(token.getType()), offset, end);
			covered = stop;
			if (covered >= end) {
				break;
			}
		}
		if (covered < end) {
			add(result, covered, end - covered, Token.UNDEFINED, offset, end);
		}
		spans = result;
		index = 0;
		current = null;
	}

	private static void add(List<Span> spans, int start, int length, IToken token, int from, int to) {
		int clippedStart = Math.max(start, from);
		int clippedEnd = Math.min(start + length, to);
		if (clippedEnd > clippedStart) {
			spans.add(new Span(clippedStart, clippedEnd - clippedStart, token));
		}
	}

	private IToken tokenFor(int type) {
		String style = styleOf(tokenNames.get(type));
		return tokens.computeIfAbsent(style, s -> {
			TextAttribute attribute = FunnelColours.of(s);
			return attribute == null ? Token.UNDEFINED : new Token(attribute);
		});
	}

	/** Token names come from ANTLR: {@code 'stage'} for keywords, {@code RULE_STRING} for terminals. */
	static String styleOf(String tokenName) {
		if (tokenName == null) {
			return FunnelColours.DEFAULT;
		}
		if (tokenName.startsWith("'")) {
			return tokenName.length() > 2 && Character.isLetter(tokenName.charAt(1)) ? FunnelColours.KEYWORD
					: FunnelColours.PUNCTUATION;
		}
		return switch (tokenName) {
		case "RULE_STRING" -> FunnelColours.STRING;
		case "RULE_NUMBER" -> FunnelColours.NUMBER;
		case "RULE_ML_COMMENT", "RULE_SL_COMMENT" -> FunnelColours.COMMENT;
		case "RULE_ANY_OTHER" -> FunnelColours.INVALID;
		default -> FunnelColours.DEFAULT;
		};
	}

	@Override
	public IToken nextToken() {
		if (index >= spans.size()) {
			current = null;
			return Token.EOF;
		}
		current = spans.get(index++);
		return current.token();
	}

	@Override
	public int getTokenOffset() {
		return current.offset();
	}

	@Override
	public int getTokenLength() {
		return current.length();
	}
}

package org.funnel.dsl.ui.editor;

import java.util.ArrayList;
import java.util.List;

/**
 * An LSP snippet ({@code stage ${1:Name} {\n\tprobability ${2:50}%\n}}) as the text to insert and the
 * places to tab through afterwards: what the language's completion offers for whole stages and
 * funnels. New lines keep the indentation of the line the snippet goes into, and a tab becomes one
 * indentation step of the editor.
 */
final class Snippet {

	/** A place to tab to; the same index twice is one name typed in two places. */
	record Stop(int index, int offset, int length, List<String> choices) {
	}

	private final String source;
	private final String lineIndent;
	private final String indentUnit;
	private final StringBuilder text = new StringBuilder();
	private final List<Stop> stops = new ArrayList<>();
	private int at;

	private Snippet(String source, String lineIndent, String indentUnit) {
		this.source = source;
		this.lineIndent = lineIndent;
		this.indentUnit = indentUnit;
	}

	static Snippet parse(String source, String lineIndent, String indentUnit) {
		Snippet snippet = new Snippet(source, lineIndent, indentUnit);
		snippet.parseUntil((char) 0);
		return snippet;
	}

	String text() {
		return text.toString();
	}

	/** Tab stops by index, $0 (the final caret) last; offsets are relative to the snippet start. */
	List<Stop> stops() {
		List<Stop> sorted = new ArrayList<>(stops);
		sorted.sort((a, b) -> a.index() == b.index() ? Integer.compare(a.offset(), b.offset())
				: a.index() == 0 ? 1 : b.index() == 0 ? -1 : Integer.compare(a.index(), b.index()));
		return sorted;
	}

	private void parseUntil(char end) {
		while (at < source.length()) {
			char c = source.charAt(at);
			if (c == end) {
				at++;
				return;
			}
			if (c == '\\' && at + 1 < source.length()) {
				text.append(source.charAt(at + 1));
				at += 2;
			} else if (c == '$' && at + 1 < source.length() && Character.isDigit(source.charAt(at + 1))) {
				at++;
				int index = number();
				stops.add(new Stop(index, text.length(), 0, List.of()));
			} else if (c == '$' && source.startsWith("${", at) && at + 2 < source.length()
					&& Character.isDigit(source.charAt(at + 2))) {
				at += 2;
				placeholder(number());
			} else if (c == '\n') {
				text.append('\n').append(lineIndent);
				at++;
			} else if (c == '\t') {
				text.append(indentUnit);
				at++;
			} else {
				text.append(c);
				at++;
			}
		}
	}

	private void placeholder(int index) {
		int start = text.length();
		char next = at < source.length() ? source.charAt(at) : '}';
		if (next == ':') {
			at++;
			parseUntil('}');
			stops.add(new Stop(index, start, text.length() - start, List.of()));
		} else if (next == '|') {
			at++;
			List<String> choices = new ArrayList<>();
			StringBuilder choice = new StringBuilder();
			while (at < source.length()) {
				char c = source.charAt(at++);
				if (c == '\\' && at < source.length()) {
					choice.append(source.charAt(at++));
				} else if (c == ',' || c == '|') {
					choices.add(choice.toString());
					choice.setLength(0);
					if (c == '|') {
						break;
					}
				} else {
					choice.append(c);
				}
			}
			if (at < source.length() && source.charAt(at) == '}') {
				at++;
			}
			String first = choices.isEmpty() ? "" : choices.get(0);
			text.append(first);
			stops.add(new Stop(index, start, first.length(), List.copyOf(choices)));
		} else {
			at++; // '}'
			stops.add(new Stop(index, start, 0, List.of()));
		}
	}

	private int number() {
		int start = at;
		while (at < source.length() && Character.isDigit(source.charAt(at))) {
			at++;
		}
		return Integer.parseInt(source.substring(start, at));
	}
}

package org.funnel.dsl.formatting2;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.formatting2.AbstractFormatter2;
import org.eclipse.xtext.formatting2.IHiddenRegionFormatting;
import org.eclipse.xtext.formatting2.ITextReplacer;
import org.eclipse.xtext.formatting2.ITextReplacerContext;
import org.eclipse.xtext.formatting2.regionaccess.IComment;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.ITextSegment;

/**
 * The whitespace and comments between two tokens, laid out as Xtext lays out such a region, with one rule of this
 * language on top: comments keep up to one blank line around them, as written, and a comment on its own line belongs
 * to what follows, so the blank line asked for before a stage goes before the stage's comment.
 * <p>
 * Xtext 2.42 has no public way to say how blank lines are shared around a comment (its own replacer asks the comment
 * replacers of its internal package), so this class does the whole region through the public formatter API: one
 * whitespace replacer per gap, the formatter's comment replacers for the comments themselves. What it repeats of
 * Xtext's {@code HiddenRegionReplacer} is marked; on an Xtext upgrade, compare with that class (the formatter tests
 * check the layouts, and that formatting twice changes nothing).
 */
final class CommentedRegionReplacer implements ITextReplacer {

	private final IHiddenRegion region;
	private final IHiddenRegionFormatting formatting;

	CommentedRegionReplacer(IHiddenRegion region, IHiddenRegionFormatting formatting) {
		this.region = region;
		this.formatting = formatting;
	}

	@Override
	public IHiddenRegion getRegion() {
		return region;
	}

	IHiddenRegionFormatting getFormatting() {
		return formatting;
	}

	@Override
	public ITextReplacerContext createReplacements(ITextReplacerContext context) {
		AbstractFormatter2 formatter = context.getFormatter();
		// Whitespace first and last, strictly alternating with comments (IHiddenRegion's contract): gaps at even
		// indexes, comments at odd ones.
		List<ITextSegment> parts = region.getAlternatingMergedSpaceAndComments();
		List<ITextReplacer> replacers = new ArrayList<>(parts.size());
		List<IHiddenRegionFormatting> gaps = new ArrayList<>();
		for (ITextSegment part : parts) {
			if (part instanceof IComment comment) {
				replacers.add(formatter.createCommentReplacer(comment));
			} else {
				IHiddenRegionFormatting gap = formatter.createHiddenRegionFormatting();
				gaps.add(gap);
				replacers.add(formatter.createWhitespaceReplacer(part, gap));
			}
		}
		layOut(parts, gaps);
		ITextReplacerContext current = context;
		current.setNextReplacerIsChild();
		for (ITextReplacer replacer : replacers) {
			current = replacer.createReplacements(current.withReplacer(replacer));
		}
		return current;
	}

	private void layOut(List<ITextSegment> parts, List<IHiddenRegionFormatting> gaps) {
		// As HiddenRegionReplacer: the region's formatting goes to the gap between the two tokens, indentation changes
		// to the ends of the region, the other gaps get at most one newline.
		int separator = separatingGap(parts);
		IHiddenRegionFormatting between = gaps.get(separator);
		Integer increase = formatting.getIndentationIncrease();
		Integer decrease = formatting.getIndentationDecrease();
		if (increase != null && decrease != null) {
			gaps.get(0).setIndentationIncrease(increase);
			gaps.get(gaps.size() - 1).setIndentationDecrease(decrease);
		} else if (increase != null) {
			between.setIndentationIncrease(increase);
		} else if (decrease != null) {
			between.setIndentationDecrease(decrease);
		}
		between.setNewLinesDefault(formatting.getNewLineDefault());
		between.setNewLinesMax(formatting.getNewLineMax());
		between.setNewLinesMin(formatting.getNewLineMin());
		between.setSpace(formatting.getSpace());
		for (int i = 0; i < gaps.size(); i++) {
			IHiddenRegionFormatting gap = gaps.get(i);
			gap.setPriority(formatting.getPriority());
			if (i != separator) {
				// No space added after a comment. (Xtext adds none before a block comment either; this formatter
				// always has, and its layout stays as it was.)
				if (i == 0) {
					gap.setSpace(parts.get(0).getOffset() > 0 ? " " : "");
				}
				gap.setNewLinesMin(0);
				gap.setNewLinesMax(1);
			}
		}
		for (int i = 1; i < parts.size(); i += 2) {
			aroundComment((IComment) parts.get(i), parts.get(i - 1), gaps.get(i / 2), parts.get(i + 1), gaps.get(i / 2 + 1));
		}
	}

	/**
	 * As HiddenRegionReplacer, the first gap at or after one that spans lines, else the last; but a gap before a block
	 * comment over several lines counts as spanning lines, as that comment gets a line of its own: Xtext decides on
	 * the gaps as written, so a second formatting moved the blank line or the indentation asked for to such a gap.
	 */
	private static int separatingGap(List<ITextSegment> parts) {
		boolean wrapped = false;
		for (int i = 0; i < parts.size(); i += 2) {
			wrapped |= parts.get(i).isMultiline() || i + 1 < parts.size() && isBlockComment(parts.get(i + 1))
					&& parts.get(i + 1).isMultiline() && parts.get(i).getOffset() > 0;
			if (wrapped) {
				return i / 2;
			}
		}
		return parts.size() / 2;
	}

	private static void aroundComment(IComment comment, ITextSegment leading, IHiddenRegionFormatting before,
			ITextSegment trailing, IHiddenRegionFormatting after) {
		// Xtext's comment replacers: a block comment over several lines gets lines of its own, a one-line block
		// comment a space on each side that stays on a line; a line comment at the start of a line stays there.
		if (isBlockComment(comment)) {
			if (comment.isMultiline()) {
				atLeastOneNewLine(leading, before);
				atLeastOneNewLine(trailing, after);
			} else {
				if (!leading.isMultiline()) {
					atLeastASpace(leading, before);
				}
				if (!trailing.isMultiline()) {
					atLeastASpace(trailing, after);
				}
			}
		} else if (comment.getLineRegions().get(0).getIndentation().getLength() == 0) {
			before.setNoIndentation(true);
		}
		// This language's rule: blank lines around comments.
		boolean lastBeforeToken = trailing.getEndOffset() == comment.getHiddenRegion().getEndOffset();
		Integer requested = after.getNewLineDefault();
		if (startsLine(leading) && lastBeforeToken && requested != null && requested >= 1) {
			int newLines = Math.max(requested, hasBlankLine(leading) ? 2 : 1);
			setNewLines(before, Math.min(newLines, 2));
			setNewLines(after, 1);
		} else {
			keepBlankLine(leading, before);
			keepBlankLine(trailing, after);
		}
	}

	private static boolean isBlockComment(ITextSegment part) {
		return part instanceof IComment comment && comment.getGrammarElement() instanceof AbstractRule rule
				&& rule.getName().startsWith("ML");
	}

	private static void atLeastOneNewLine(ITextSegment gap, IHiddenRegionFormatting formatting) {
		Integer min = formatting.getNewLineMin();
		if (gap.getOffset() > 0 && (min == null || min < 1)) {
			formatting.setNewLinesMin(1);
		}
	}

	private static void atLeastASpace(ITextSegment gap, IHiddenRegionFormatting formatting) {
		String space = formatting.getSpace();
		if (gap.getOffset() > 0 && (space == null || space.isEmpty())) {
			formatting.setSpace(" ");
		}
	}

	private static boolean startsLine(ITextSegment gap) {
		return gap.getOffset() == 0 || gap.getText().indexOf('\n') >= 0 || afterLineComment(gap);
	}

	/** A line comment ends with its own newline: one more in the whitespace after it is a blank line. */
	private static boolean afterLineComment(ITextSegment gap) {
		int offset = gap.getOffset();
		return offset > 0 && gap.getTextRegionAccess().textForOffset(offset - 1, 1).equals("\n");
	}

	private static boolean hasBlankLine(ITextSegment gap) {
		int newLines = (int) gap.getText().chars().filter(c -> c == '\n').count();
		return newLines >= (afterLineComment(gap) ? 1 : 2);
	}

	private static void keepBlankLine(ITextSegment gap, IHiddenRegionFormatting formatting) {
		if (hasBlankLine(gap)) {
			// The formatter counts a line comment's own newline: two newlines make one blank line either way.
			setNewLines(formatting, 2);
		}
	}

	private static void setNewLines(IHiddenRegionFormatting formatting, int newLines) {
		formatting.setNewLinesMin(newLines);
		formatting.setNewLinesDefault(newLines);
		formatting.setNewLinesMax(newLines);
	}
}

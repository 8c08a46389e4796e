package org.funnel.dsl.formatting2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.formatting2.AbstractJavaFormatter;
import org.eclipse.xtext.formatting2.FormatterPreferenceKeys;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.IHiddenRegionFormatter;
import org.eclipse.xtext.formatting2.IHiddenRegionFormatting;
import org.eclipse.xtext.formatting2.IMerger;
import org.eclipse.xtext.formatting2.ITextReplacer;
import org.eclipse.xtext.formatting2.regionaccess.IComment;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegionsFinder;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Element;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.HistoryReading;
import org.funnel.dsl.funnel.Import;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.grammar.Settings;

import com.google.inject.Inject;

/**
 * The one canonical layout of a .funnel file, so reviewers see only real changes in a diff:
 * imports first, a blank line between funnels and between stages, one setting per line, four spaces
 * of indentation per block, one space between words, and one newline at the end. Comments stay
 * where they are; a blank line between channels is kept if there was one.
 */
public class FunnelFormatter extends AbstractJavaFormatter {

	@Inject
	private Settings settings;

	/**
	 * The layout does not depend on editor settings: a file formatted in VS Code, in Eclipse and by
	 * the command line comes out byte for byte the same.
	 */
	@Override
	protected void initialize(FormatterRequest request) {
		request.setPreferences(new MapBasedPreferenceValues(request.getPreferences(),
				Map.of(FormatterPreferenceKeys.indentation.getId(), "    ",
						FormatterPreferenceKeys.lineSeparator.getId(), "\n")));
		super.initialize(request);
	}

	/** A region with comments is laid out by {@link CommentedRegionReplacer}: blank lines around comments. */
	@Override
	public ITextReplacer createHiddenRegionReplacer(IHiddenRegion region, IHiddenRegionFormatting formatting) {
		boolean hasComment = region.getParts().stream().anyMatch(IComment.class::isInstance);
		return hasComment ? new CommentedRegionReplacer(region, formatting)
				: super.createHiddenRegionReplacer(region, formatting);
	}

	/**
	 * Several formattings asked for one region with comments are merged into one, as Xtext merges them for a region
	 * without (there, its merger knows only its own replacer).
	 */
	@Override
	public IMerger<ITextReplacer> createTextReplacerMerger() {
		IMerger<ITextReplacer> standard = super.createTextReplacerMerger();
		return conflicting -> {
			List<IHiddenRegionFormatting> formattings = new ArrayList<>();
			IHiddenRegion region = null;
			for (ITextReplacer replacer : conflicting) {
				if (!(replacer instanceof CommentedRegionReplacer commented)
						|| (region != null && region != commented.getRegion())) {
					return standard.merge(conflicting);
				}
				region = commented.getRegion();
				formattings.add(commented.getFormatting());
			}
			IHiddenRegionFormatting merged = createHiddenRegionFormattingMerger().merge(formattings);
			return merged == null ? null : new CommentedRegionReplacer(region, merged);
		};
	}

	protected void format(FunnelFile file, IFormattableDocument doc) {
		spaceEveryToken(file, doc);
		List<Import> imports = file.getImports();
		List<Element> elements = file.getElements();
		EObject first = !imports.isEmpty() ? imports.get(0) : !elements.isEmpty() ? elements.get(0) : null;
		if (first != null) {
			// Nothing before the first line, but a blank line between leading comments is kept.
			doc.prepend(first, it -> it.setNewLines(0, 0, 2));
		}
		for (int i = 1; i < imports.size(); i++) {
			doc.prepend(imports.get(i), IHiddenRegionFormatter::newLine);
		}
		for (int i = 0; i < elements.size(); i++) {
			Element element = elements.get(i);
			if (i > 0 && element instanceof Channel && elements.get(i - 1) instanceof Channel) {
				doc.prepend(element, it -> it.setNewLines(1, 1, 2));
			} else if (i > 0 || !imports.isEmpty()) {
				doc.prepend(element, it -> it.setNewLines(2));
			}
			doc.format(element);
		}
		ISemanticRegion lastToken = lastToken(file);
		if (lastToken != null) {
			doc.append(lastToken, it -> it.setNewLines(1));
		}
	}

	protected void format(Funnel funnel, IFormattableDocument doc) {
		ISemanticRegionsFinder regions = textRegionExtensions.regionFor(funnel);
		if (!indentBlock(regions, doc)) {
			return;
		}
		boolean hasSettings = false;
		for (ISemanticRegion region : regions.keywords(firstWords(settings.ofFunnel()))) {
			// 'hubspot' in 'crm hubspot' is a word of the setting crm, not the start of one.
			if (settings.startsSetting(region.getGrammarElement())) {
				doc.prepend(region, IHiddenRegionFormatter::newLine);
				hasSettings = true;
			}
		}
		if (funnel.getHistoryReading() != null) {
			doc.format(funnel.getHistoryReading());
		}
		List<Stage> stages = funnel.getStages();
		for (int i = 0; i < stages.size(); i++) {
			boolean blankLine = i > 0 || hasSettings;
			doc.prepend(stages.get(i), it -> it.setNewLines(blankLine ? 2 : 1));
			doc.format(stages.get(i));
		}
	}

	protected void format(Stage stage, IFormattableDocument doc) {
		if (!settingsBlock(textRegionExtensions.regionFor(stage), settings.ofStage(), doc)) {
			return;
		}
		for (Transition transition : stage.getTransitions()) {
			doc.prepend(transition, IHiddenRegionFormatter::newLine);
		}
	}

	/** The history's settings: a block of its own, one setting a line, as a stage's. */
	protected void format(HistoryReading reading, IFormattableDocument doc) {
		settingsBlock(textRegionExtensions.regionFor(reading), settings.ofHistory(), doc);
	}

	/** A block with each of these settings on a line of its own; false without braces. */
	private boolean settingsBlock(ISemanticRegionsFinder regions, List<Settings.Setting> of, IFormattableDocument doc) {
		if (!indentBlock(regions, doc)) {
			return false;
		}
		for (ISemanticRegion region : regions.keywords(firstWords(of))) {
			if (settings.startsSetting(region.getGrammarElement())) {
				doc.prepend(region, IHiddenRegionFormatter::newLine);
			}
		}
		return true;
	}

	/** Indents between the braces and puts the closing one on its own line; false without braces. */
	private static boolean indentBlock(ISemanticRegionsFinder regions, IFormattableDocument doc) {
		ISemanticRegion open = regions.keyword("{");
		ISemanticRegion close = regions.keyword("}");
		if (open == null || close == null) {
			return false;
		}
		doc.interior(open, close, IHiddenRegionFormatter::indent);
		doc.prepend(close, IHiddenRegionFormatter::newLine);
		return true;
	}

	/** The words that start settings (to find their regions; {@link Settings#startsSetting} decides). */
	private static String[] firstWords(List<Settings.Setting> settings) {
		return settings.stream().map(setting -> setting.first().getValue()).distinct().toArray(String[]::new);
	}

	/** One space between any two tokens, unless a rule above says otherwise; none before % and ,. */
	private void spaceEveryToken(FunnelFile file, IFormattableDocument doc) {
		ISemanticRegion token = firstToken(file);
		while (token != null) {
			ISemanticRegion next = token.getNextSemanticRegion();
			if (next == null) {
				break;
			}
			String text = next.getText();
			// No space before % and ",", unless a comment stands between: "C0// note" would make the comment
			// trailing, and the next run would format it as such (not idempotent).
			if ((text.equals("%") || text.equals(",")) && !next.getPreviousHiddenRegion().containsComment()) {
				doc.prepend(next, IHiddenRegionFormatter::noSpace);
			} else {
				doc.prepend(next, it -> {
					it.oneSpace();
					it.lowPriority();
				});
			}
			token = next;
		}
	}

	private ISemanticRegion firstToken(FunnelFile file) {
		return getTextRegionAccess().regionForRootEObject().getPreviousHiddenRegion().getNextSemanticRegion();
	}

	private ISemanticRegion lastToken(FunnelFile file) {
		return getTextRegionAccess().regionForRootEObject().getNextHiddenRegion().getPreviousSemanticRegion();
	}
}

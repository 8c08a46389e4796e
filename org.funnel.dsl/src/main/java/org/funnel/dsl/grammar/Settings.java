package org.funnel.dsl.grammar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.AbstractElement;
import org.eclipse.xtext.Alternatives;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Group;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.ParserRule;
import org.eclipse.xtext.EcoreUtil2;
import org.funnel.dsl.services.FunnelGrammarAccess;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * The settings a funnel and a stage may give ({@code crm}, {@code hubspot pipeline}, {@code probability},
 * {@code deal value}, ...), read from the grammar: the alternatives of the repeated group in the rules
 * {@code Funnel} and {@code Stage} that start with a keyword. The checks, the formatter and the quick
 * fixes ask here, so a setting added to the grammar is known to all of them; a test holds the TextMate
 * grammar and the language reference to the same list.
 */
@Singleton
public class Settings {

	/**
	 * One setting: its leading words as written ("hubspot display order"), the grammar element that starts
	 * it, the keywords it uses, and whether it may be given only once (it assigns a single value).
	 */
	public record Setting(String words, Keyword first, List<String> keywords, boolean once, AbstractElement element) {
	}

	private final List<Setting> funnel;
	private final List<Setting> stage;
	private final List<Setting> history;
	/** Every grammar element inside a setting, to the setting (filled once, then only read). */
	private final Map<EObject, Setting> byElement = new IdentityHashMap<>();
	/** The same by the element's path in the grammar, for the elements of another copy of the grammar. */
	private final Map<String, Setting> byPath = new HashMap<>();
	/** Elements of other copies of the grammar already looked up (null: in no setting). */
	private final Map<EObject, Optional<Setting>> foreign = new ConcurrentHashMap<>();
	/** The first keyword of each setting, by its path in the grammar. */
	private final Set<String> firstPaths = new HashSet<>();
	private final Resource grammarResource;

	@Inject
	public Settings(FunnelGrammarAccess grammar) {
		this.grammarResource = grammar.getGrammar().eResource();
		this.funnel = settings(grammar.getFunnelAccess().getRule());
		this.stage = settings(grammar.getStageAccess().getRule());
		this.history = settings(grammar.getHistoryReadingAccess().getRule());
	}

	public List<Setting> ofFunnel() {
		return funnel;
	}

	public List<Setting> ofStage() {
		return stage;
	}

	/** How a funnel's history is read: the settings in the block after {@code history "path"}. */
	public List<Setting> ofHistory() {
		return history;
	}

	/**
	 * The setting a node's grammar element belongs to, or null. Every injector of the language loads its
	 * own copy of the grammar, and a resource may have been parsed by another injector than the one
	 * asking (a test that runs the command line in the same JVM registers its injector's parser for
	 * .funnel files): an element of another copy is found by its path in the grammar.
	 */
	public Setting of(EObject grammarElement) {
		if (grammarElement == null) {
			return null;
		}
		Setting setting = byElement.get(grammarElement);
		if (setting != null || grammarElement.eResource() == grammarResource) {
			return setting;
		}
		return foreign.computeIfAbsent(grammarElement, e -> Optional.ofNullable(byPath.get(path(e)))).orElse(null);
	}

	/** Whether a node's grammar element is the word that starts a setting. */
	public boolean startsSetting(EObject grammarElement) {
		Setting setting = of(grammarElement);
		return setting != null
				&& (setting.first() == grammarElement
						|| grammarElement.eResource() != grammarResource && firstPaths.contains(path(grammarElement)));
	}

	private static String path(EObject grammarElement) {
		return grammarElement.eResource() == null ? "" : grammarElement.eResource().getURIFragment(grammarElement);
	}

	/** The keywords of every setting. */
	public Set<String> keywords() {
		Set<String> keywords = new LinkedHashSet<>();
		funnel.forEach(s -> keywords.addAll(s.keywords()));
		stage.forEach(s -> keywords.addAll(s.keywords()));
		history.forEach(s -> keywords.addAll(s.keywords()));
		return Collections.unmodifiableSet(keywords);
	}

	private List<Setting> settings(ParserRule rule) {
		Alternatives loop = EcoreUtil2.getAllContentsOfType(rule.getAlternatives(), Alternatives.class).stream()
				.filter(a -> "*".equals(a.getCardinality())).findFirst()
				.orElseThrow(() -> new IllegalStateException("rule " + rule.getName() + " has no repeated settings"));
		List<Setting> settings = new ArrayList<>();
		for (AbstractElement element : loop.getElements()) {
			List<Keyword> leading = leadingKeywords(element);
			if (leading.isEmpty()) {
				continue; // a transition: its words belong to the rule Transition
			}
			List<String> keywords = new ArrayList<>();
			for (Keyword keyword : GrammarUtil.containedKeywords(element)) {
				keywords.add(keyword.getValue());
			}
			boolean once = GrammarUtil.containedAssignments(element).stream().anyMatch(a -> !"+=".equals(a.getOperator()));
			Setting setting = new Setting(String.join(" ", leading.stream().map(Keyword::getValue).toList()), leading.get(0),
					List.copyOf(keywords), once, element);
			settings.add(setting);
			byElement.put(element, setting);
			byPath.put(path(element), setting);
			element.eAllContents().forEachRemaining(e -> {
				byElement.put(e, setting);
				byPath.put(path(e), setting);
			});
			firstPaths.add(path(setting.first()));
		}
		return List.copyOf(settings);
	}

	/** The keywords a setting starts with, up to its first value ('hubspot' 'display' 'order'). */
	private static List<Keyword> leadingKeywords(AbstractElement element) {
		List<AbstractElement> sequence = element instanceof Group group ? group.getElements() : List.of(element);
		List<Keyword> leading = new ArrayList<>();
		for (AbstractElement part : sequence) {
			AbstractElement terminal = part instanceof Assignment assignment ? assignment.getTerminal() : part;
			if (!(terminal instanceof Keyword keyword) || part.getCardinality() != null) {
				break;
			}
			leading.add(keyword);
		}
		return leading;
	}
}

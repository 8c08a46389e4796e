package org.funnel.dsl.diagram;

import java.util.Set;
import java.util.Locale;

/**
 * What a picture should show beyond the funnel itself.
 *
 * @param channels list each stage's channels and each transition's channel
 * @param highlightedStages names of stages to mark as changed (the {@code diff} pictures)
 * @param highlightedTransitions transitions to mark as changed, as {@link #transitionKey} of their stages
 * @param theme the colours: {@link Theme#AUTO} follows the viewer's light or dark preference
 */
public record DiagramOptions(boolean channels, Set<String> highlightedStages, Set<String> highlightedTransitions,
		Theme theme) {

	/** The colour scheme written into the SVG's {@code data-theme}; a host may change the attribute later. */
	public enum Theme {
		AUTO, LIGHT, DARK;

		public String attribute() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	public static final DiagramOptions DEFAULT = new DiagramOptions(false, Set.of(), Set.of(), Theme.AUTO);

	public DiagramOptions {
		highlightedStages = Set.copyOf(highlightedStages);
		highlightedTransitions = Set.copyOf(highlightedTransitions);
		theme = theme == null ? Theme.AUTO : theme;
	}

	public DiagramOptions withChannels(boolean show) {
		return new DiagramOptions(show, highlightedStages, highlightedTransitions, theme);
	}

	public DiagramOptions withTheme(Theme chosen) {
		return new DiagramOptions(channels, highlightedStages, highlightedTransitions, chosen);
	}

	public DiagramOptions withHighlights(Set<String> stages, Set<String> transitions) {
		return new DiagramOptions(channels, stages, transitions, theme);
	}

	/** How a transition is named among the highlights: its stages' names. */
	public static String transitionKey(String from, String to) {
		return from + " -> " + to;
	}
}

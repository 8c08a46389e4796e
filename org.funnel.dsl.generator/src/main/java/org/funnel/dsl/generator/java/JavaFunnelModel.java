package org.funnel.dsl.generator.java;

import java.util.List;

/**
 * What the Java template needs of a funnel, already turned into Java: constant names, literals
 * and comment text. Keeps the template free of escaping and naming rules.
 */
public record JavaFunnelModel(String className, String sourcePath, String funnelComment, String funnelNameLiteral,
		String funnelLabelLiteral, String volumeUnitLiteral, String volumeUnitComment, List<StageModel> stages,
		List<TransitionModel> transitions) {

	/** A stage: its enum constant and the arguments of its constructor. */
	public record StageModel(String constant, String comment, String nameLiteral, String labelLiteral, String outcome,
			String declaredProbability, String entering) {
	}

	/** A transition as the arguments of {@code new Transition(...)}. */
	public record TransitionModel(String from, String to, String probability, String viaLiteral) {
	}
}

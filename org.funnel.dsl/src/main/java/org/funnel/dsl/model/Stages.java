package org.funnel.dsl.model;

import java.math.BigDecimal;

import org.eclipse.emf.ecore.EObject;
import org.funnel.dsl.analysis.FunnelGraph.Outcome;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;

/** What a stage means beyond its syntax: its label, outcome and probability as the CRMs see them. */
public final class Stages {

	private Stages() {
	}

	/** The label the CRM shows: the declared one, else the stage's name. */
	public static String label(Stage stage) {
		return stage.getLabel() != null ? stage.getLabel() : stage.getName();
	}

	public static String label(Funnel funnel) {
		return funnel.getLabel() != null ? funnel.getLabel() : funnel.getName();
	}

	public static String label(Channel channel) {
		return channel.getLabel() != null ? channel.getLabel() : channel.getName();
	}

	public static Outcome outcome(Stage stage) {
		return switch (stage.getKind()) {
		case WON -> Outcome.WON;
		case LOST -> Outcome.LOST;
		default -> Outcome.OPEN;
		};
	}

	public static boolean isTerminal(Stage stage) {
		return stage.getKind() == StageKind.WON || stage.getKind() == StageKind.LOST;
	}

	/** The funnel that declares the stage. */
	public static Funnel funnel(Stage stage) {
		EObject container = stage.eContainer();
		return container instanceof Funnel funnel ? funnel : null;
	}

	/**
	 * The probability the CRM should show, as a fraction: the declared one; for won and lost stages
	 * without one, 1 and 0; null for an open stage that declares none.
	 */
	public static BigDecimal declaredProbability(Stage stage) {
		BigDecimal declared = Probabilities.fraction(stage.getProbability());
		if (declared != null) {
			return declared;
		}
		return switch (stage.getKind()) {
		case WON -> BigDecimal.ONE;
		case LOST -> BigDecimal.ZERO;
		default -> null;
		};
	}
}

package org.funnel.dsl.ide.quickfix;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import org.apache.log4j.Logger;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.editor.quickfix.AbstractDeclarativeIdeQuickfixProvider;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolutionAcceptor;
import org.eclipse.xtext.ide.editor.quickfix.QuickFix;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2.Options;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.funnel.dsl.funnel.Element;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.Import;
import org.funnel.dsl.funnel.Probability;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.validation.FixData;
import org.funnel.dsl.validation.FunnelIssueCodes;

import org.eclipse.xtext.conversion.IValueConverterService;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * The quick fixes of the language, one per problem whose fix is obvious. The language server offers
 * them as code actions and the Eclipse editor as quick fixes. Each fix edits only the words concerned.
 */
public class FunnelQuickFixProvider extends AbstractDeclarativeIdeQuickfixProvider {

	private static final Logger LOG = Logger.getLogger(FunnelQuickFixProvider.class);

	@Inject
	private Provider<FunnelResolutionAcceptor> acceptors;

	@Inject
	private IValueConverterService converters;

	@Override
	public List<DiagnosticResolution> getResolutions(Options options, Diagnostic diagnostic) {
		FunnelResolutionAcceptor acceptor = acceptors.get();
		acceptor.setDiagnostic(diagnostic);
		for (Method method : getFixMethods(diagnostic)) {
			try {
				method.invoke(this, acceptor);
			} catch (IllegalAccessException | InvocationTargetException e) {
				LOG.error("Quick fix " + method.getName() + " failed", e);
			}
		}
		return acceptor.getDiagnosticResolutions(options, diagnostic);
	}

	// Names and references

	@QuickFix(FunnelIssueCodes.UNRESOLVED_REFERENCE)
	public void useSuggestedName(DiagnosticResolutionAcceptor acceptor) {
		for (String name : FixData.Suggestions.read(data(acceptor)).names()) {
			acceptor.accept("Change to '" + name + "'", (diagnostic, object, document) -> List.of(
					new TextEdit(diagnostic.getRange(), name)));
		}
	}

	@QuickFix(FunnelIssueCodes.SHADOWS_BUILTIN_CHANNEL)
	public void removeShadowingChannel(DiagnosticResolutionAcceptor acceptor) {
		fix(acceptor, "Remove this channel and use the built-in one", (text, at) -> {
			Element element = EcoreUtil2.getContainerOfType(at.object(), Element.class);
			if (element != null) {
				text.delete(SourceText.node(element));
			}
		});
	}

	@QuickFix(FunnelIssueCodes.IMPORT_NOT_FOUND)
	public void removeImport(DiagnosticResolutionAcceptor acceptor) {
		fix(acceptor, "Remove the import", (text, at) -> {
			Import anImport = EcoreUtil2.getContainerOfType(at.object(), Import.class);
			if (anImport != null) {
				text.delete(SourceText.node(anImport));
			}
		});
	}

	@QuickFix(FunnelIssueCodes.CYCLIC_EXTENDS)
	public void removeExtends(DiagnosticResolutionAcceptor acceptor) {
		fix(acceptor, "Remove the extends clause", (text, at) -> {
			Funnel funnel = EcoreUtil2.getContainerOfType(at.object(), Funnel.class);
			ILeafNode keyword = funnel == null ? null : SourceText.lastKeyword(funnel, "extends");
			List<INode> base = funnel == null ? List.of() : NodeModelUtils.findNodesForFeature(funnel, Literals.FUNNEL__BASE);
			if (keyword != null && !base.isEmpty()) {
				text.deleteRegion(keyword.getOffset(), base.get(0).getEndOffset());
			}
		});
	}

	@QuickFix(FunnelIssueCodes.EMPTY_LABEL)
	public void removeEmptyLabel(DiagnosticResolutionAcceptor acceptor) {
		fix(acceptor, "Remove the empty label (the name is shown)", (text, at) -> text.deleteRegion(at.start(), at.end()));
	}

	@QuickFix(FunnelIssueCodes.DUPLICATE_SETTING)
	public void removeRepeatedSetting(DiagnosticResolutionAcceptor acceptor) {
		// The problem covers the whole repeated setting, from its first word to its value.
		fix(acceptor, "Remove the repeated setting", (text, at) -> text.deleteRegion(at.start(), at.end()));
	}

	// Probabilities

	@QuickFix(FunnelIssueCodes.PROBABILITY_OUT_OF_RANGE)
	public void writeAsPercent(DiagnosticResolutionAcceptor acceptor) {
		if (FixData.MeantAsPercent.read(data(acceptor)) == null) {
			return;
		}
		fix(acceptor, "Write it as a percentage (add %)", (text, at) -> text.insert(at.end(), "%"));
	}

	@QuickFix(FunnelIssueCodes.OUTGOING_OVER_100)
	public void scaleTransitionsDown(DiagnosticResolutionAcceptor acceptor) {
		FixData.OutgoingSum outgoing = FixData.OutgoingSum.read(data(acceptor));
		if (outgoing == null) {
			return;
		}
		BigDecimal sum = outgoing.sum();
		fix(acceptor, "Scale the transitions down to add up to 100%", (text, at) -> {
			Stage stage = EcoreUtil2.getContainerOfType(at.object(), Stage.class);
			if (stage == null || sum.signum() <= 0) {
				return;
			}
			for (Transition transition : stage.getTransitions()) {
				Probability probability = transition.getProbability();
				BigDecimal fraction = Probabilities.fraction(probability);
				if (fraction != null) {
					// Rounded down, so the rounded shares never add up to more than 100%.
					BigDecimal scaled = fraction.divide(sum, 12, RoundingMode.DOWN);
					text.replace(SourceText.node(probability), written(scaled, probability.isPercent(), RoundingMode.DOWN));
				}
			}
		});
	}

	@QuickFix(FunnelIssueCodes.WON_NOT_100)
	public void setWonTo100(DiagnosticResolutionAcceptor acceptor) {
		fix(acceptor, "Set the probability to 100%", (text, at) -> replaceProbability(text, at, "100%"));
	}

	@QuickFix(FunnelIssueCodes.LOST_NOT_0)
	public void setLostTo0(DiagnosticResolutionAcceptor acceptor) {
		fix(acceptor, "Set the probability to 0%", (text, at) -> replaceProbability(text, at, "0%"));
	}

	@QuickFix(FunnelIssueCodes.IMPLIED_PROBABILITY_MISMATCH)
	public void setImpliedProbability(DiagnosticResolutionAcceptor acceptor) {
		FixData.ImpliedProbability implied = FixData.ImpliedProbability.read(data(acceptor));
		if (implied == null) {
			return;
		}
		BigDecimal value = implied.fraction();
		fix(acceptor, "Change to " + Probabilities.format(value.doubleValue()) + (implied.hubSpotStep()
				? ", the closest HubSpot takes to the win probability the transitions imply"
				: ", the win probability the transitions imply"), (text, at) -> setProbability(text, at, value));
	}

	@QuickFix(FunnelIssueCodes.PROBABILITY_FALLS)
	public void raiseToPreviousStage(DiagnosticResolutionAcceptor acceptor) {
		FixData.PreviousStage previous = FixData.PreviousStage.read(data(acceptor));
		if (previous == null) {
			return;
		}
		fix(acceptor, "Raise to " + Probabilities.formatExact(previous.fraction()) + ", the probability of '"
				+ previous.stage() + "'", (text, at) -> setProbability(text, at, previous.fraction()));
	}

	// Deal history

	@QuickFix(FunnelIssueCodes.SHARE_OUTSIDE_HISTORY)
	public void writeObservedShare(DiagnosticResolutionAcceptor acceptor) {
		// The check passes the share to write (the observed one, or less where the stage's other shares leave less,
		// as fit --write keeps a stage's shares at or under 100%) and the observed one; none when nothing would change.
		List<String> data = data(acceptor);
		if (data.size() < 2 || data.get(0) == null) {
			return;
		}
		String written = data.get(0);
		String observed = data.get(1);
		fix(acceptor, written.equals(observed) ? "Change to " + written + ", the share seen in the history"
				: "Change to " + written + " (seen " + observed + "; the other shares of the stage leave " + written + ")",
				(text, at) -> replaceProbability(text, at, written));
	}

	// Shape of the funnel

	@QuickFix(FunnelIssueCodes.NO_WON_STAGE)
	public void addWonStage(DiagnosticResolutionAcceptor acceptor) {
		fix(acceptor, "Add a won stage", (text, at) -> {
			Funnel funnel = EcoreUtil2.getContainerOfType(at.object(), Funnel.class);
			ILeafNode close = funnel == null ? null : SourceText.lastKeyword(funnel, "}");
			if (close == null) {
				return;
			}
			Set<String> names = new HashSet<>();
			funnel.getStages().forEach(stage -> names.add(stage.getName()));
			String name = "ClosedWon";
			for (int i = 2; names.contains(name); i++) {
				name = "ClosedWon" + i;
			}
			String funnelIndent = text.indentationAt(SourceText.node(funnel).getOffset());
			String indent = funnel.getStages().isEmpty() ? funnelIndent + "    "
					: text.indentationAt(SourceText.node(funnel.getStages().get(0)).getOffset());
			String stage = "won stage " + name + " \"Closed Won\"";
			if (text.startsLine(close.getOffset())) {
				int lineStart = close.getOffset() - text.indentationAt(close.getOffset()).length();
				text.insert(lineStart, indent + stage + "\n");
			} else {
				text.insert(close.getOffset(), "\n" + indent + stage + "\n" + funnelIndent);
			}
		});
	}

	@QuickFix(FunnelIssueCodes.NO_PATH_TO_OUTCOME)
	public void sendDropOffToLost(DiagnosticResolutionAcceptor acceptor) {
		FixData.DropOffTarget target = FixData.DropOffTarget.read(data(acceptor));
		if (target == null) {
			return;
		}
		String lost = target.lostStage();
		BigDecimal dropOff = target.dropOff();
		// The same funnel, with the share that dropped off now named: win probabilities do not change.
		String transition = "moves to " + target.reference() + " " + written(dropOff, true, RoundingMode.DOWN);
		fix(acceptor, "Send what drops off to '" + lost + "' (" + Probabilities.formatExact(dropOff) + ")", (text, at) -> {
			Stage stage = EcoreUtil2.getContainerOfType(at.object(), Stage.class);
			if (stage == null) {
				return;
			}
			String stageIndent = text.indentationAt(SourceText.node(stage).getOffset());
			ILeafNode close = SourceText.lastKeyword(stage, "}");
			if (close == null) {
				// A stage without a body gets one.
				text.insert(SourceText.node(stage).getEndOffset(),
						" {\n" + stageIndent + "    " + transition + "\n" + stageIndent + "}");
			} else if (text.startsLine(close.getOffset())) {
				int lineStart = close.getOffset() - text.indentationAt(close.getOffset()).length();
				text.insert(lineStart, stageIndent + "    " + transition + "\n");
			} else {
				text.insert(close.getOffset(), " " + transition + " ");
			}
		});
	}

	@QuickFix(FunnelIssueCodes.TRANSITION_FROM_TERMINAL)
	public void removeTransitionFromTerminal(DiagnosticResolutionAcceptor acceptor) {
		fix(acceptor, "Remove the transition", (text, at) -> {
			Transition transition = EcoreUtil2.getContainerOfType(at.object(), Transition.class);
			if (transition != null) {
				text.delete(SourceText.node(transition));
			}
		});
		fix(acceptor, "Make the stage open", (text, at) -> {
			Stage stage = EcoreUtil2.getContainerOfType(at.object(), Stage.class);
			List<INode> kind = stage == null ? List.of() : NodeModelUtils.findNodesForFeature(stage, Literals.STAGE__KIND);
			if (!kind.isEmpty() && stage.getKind() != StageKind.OPEN) {
				text.deleteRegion(kind.get(0).getOffset(), kind.get(0).getEndOffset());
			}
		});
	}

	// CRM limits

	@QuickFix(FunnelIssueCodes.HUBSPOT_LABEL_TOO_LONG)
	public void shortenPipelineLabel(DiagnosticResolutionAcceptor acceptor) {
		shortenLabel(acceptor);
	}

	@QuickFix(FunnelIssueCodes.HUBSPOT_PROBABILITY_GRID)
	public void roundToHubSpotsGrid(DiagnosticResolutionAcceptor acceptor) {
		setHubSpotProbability(acceptor, "Round to ");
	}

	@QuickFix(FunnelIssueCodes.HUBSPOT_OPEN_STAGE_CLOSED)
	public void keepOpenStageOpenInHubSpot(DiagnosticResolutionAcceptor acceptor) {
		setHubSpotProbability(acceptor, "Change to ");
	}

	/** The nearest probability HubSpot takes for the stage, which the check passes as a fraction. */
	private void setHubSpotProbability(DiagnosticResolutionAcceptor acceptor, String verb) {
		FixData.Probability nearest = FixData.Probability.read(data(acceptor));
		if (nearest == null) {
			return;
		}
		BigDecimal fraction = nearest.fraction();
		fix(acceptor, verb + Probabilities.formatExact(fraction) + ", a probability HubSpot takes",
				(text, at) -> setProbability(text, at, fraction));
	}

	@QuickFix(FunnelIssueCodes.SALESFORCE_LABEL_TOO_LONG)
	public void shortenStageLabel(DiagnosticResolutionAcceptor acceptor) {
		shortenLabel(acceptor);
	}

	@QuickFix(FunnelIssueCodes.SALESFORCE_WHOLE_PERCENT)
	public void roundToWholePercent(DiagnosticResolutionAcceptor acceptor) {
		fix(acceptor, "Round to a whole percent", (text, at) -> {
			Probability probability = EcoreUtil2.getContainerOfType(at.object(), Probability.class);
			BigDecimal percent = Probabilities.percent(probability);
			if (percent == null) {
				return;
			}
			BigDecimal whole = percent.setScale(0, RoundingMode.HALF_UP);
			text.replace(SourceText.node(probability), probability.isPercent() ? Probabilities.plain(whole) + "%"
					: Probabilities.plain(whole.divide(Probabilities.HUNDRED)));
		});
	}

	@QuickFix(FunnelIssueCodes.SALESFORCE_FORECAST_CATEGORY)
	public void setForecastCategory(DiagnosticResolutionAcceptor acceptor) {
		FixData.Replacement fitting = FixData.Replacement.read(data(acceptor));
		if (fitting == null) {
			return;
		}
		String expected = fitting.text();
		fix(acceptor, "Change the forecast category to " + expected,
				(text, at) -> text.replace(at.start(), at.end() - at.start(), expected));
	}

	@QuickFix(FunnelIssueCodes.SALESFORCE_STANDARD_STAGE)
	public void useStandardSpelling(DiagnosticResolutionAcceptor acceptor) {
		setLabel(acceptor, "Write '%s', as Salesforce spells its standard stage");
	}

	@QuickFix(FunnelIssueCodes.SALESFORCE_API_NAME)
	public void useValidApiName(DiagnosticResolutionAcceptor acceptor) {
		FixData.Replacement valid = FixData.Replacement.read(data(acceptor));
		if (valid == null) {
			return;
		}
		String name = valid.text();
		fix(acceptor, "Change to '" + name + "'", (text, at) -> text.replace(at.start(), at.end() - at.start(), quoted(name)));
	}

	@QuickFix(FunnelIssueCodes.SALESFORCE_PROCESS_NAME)
	public void cleanProcessName(DiagnosticResolutionAcceptor acceptor) {
		FixData.Replacement clean = FixData.Replacement.read(data(acceptor));
		if (clean == null) {
			return;
		}
		String name = clean.text();
		fix(acceptor, "Change to '" + name + "', a name Salesforce takes",
				(text, at) -> text.replace(at.start(), at.end() - at.start(), quoted(name)));
	}

	private void shortenLabel(DiagnosticResolutionAcceptor acceptor) {
		setLabel(acceptor, "Shorten the label to '%s'");
	}

	/** Gives the stage or funnel at the problem the label the check passes as data (describing it with {@code title}). */
	private void setLabel(DiagnosticResolutionAcceptor acceptor, String title) {
		FixData.Label given = FixData.Label.read(data(acceptor));
		if (given == null) {
			return;
		}
		String label = given.label().strip();
		fix(acceptor, title.formatted(label), (text, at) -> {
			EObject owner = at.object() instanceof Probability ? at.object().eContainer() : at.object();
			EStructuralFeature labelFeature = owner instanceof Stage ? Literals.STAGE__LABEL : Literals.ELEMENT__LABEL;
			EStructuralFeature nameFeature = owner instanceof Stage ? Literals.STAGE__NAME : Literals.ELEMENT__NAME;
			if (!replaceFeature(text, owner, labelFeature, quoted(label))) {
				List<INode> name = NodeModelUtils.findNodesForFeature(owner, nameFeature);
				if (!name.isEmpty()) {
					text.insert(name.get(0).getEndOffset(), " " + quoted(label));
				}
			}
		});
	}

	// Helpers

	/** Where a problem is, in the freshly parsed text a fix edits. */
	record At(XtextResource resource, EObject object, int start, int end) {
	}

	private void fix(DiagnosticResolutionAcceptor acceptor, String label, BiConsumer<SourceText, At> change) {
		acceptor.accept(label, (diagnostic, object, document) -> {
			SourceText text = new SourceText(document);
			int start = text.offset(diagnostic.getRange().getStart());
			int end = text.offset(diagnostic.getRange().getEnd());
			XtextResource resource = (XtextResource) object.eResource();
			EObject at = SourceText.objectAt(resource, start);
			change.accept(text, new At(resource, at != null ? at : object, start, end));
			return text.edits();
		});
	}

	private static Diagnostic diagnostic(DiagnosticResolutionAcceptor acceptor) {
		return acceptor instanceof FunnelResolutionAcceptor funnel ? funnel.diagnostic() : null;
	}

	/** The data the check attached to the problem, as strings, for {@link FixData}'s types to read. */
	private List<String> data(DiagnosticResolutionAcceptor acceptor) {
		return IssueData.of(diagnostic(acceptor));
	}

	/** Writes the fraction as the probability at the problem is written: a percentage or a plain number. */
	private static void setProbability(SourceText text, At at, BigDecimal fraction) {
		Probability probability = EcoreUtil2.getContainerOfType(at.object(), Probability.class);
		boolean percent = probability == null || probability.isPercent();
		replaceProbability(text, at, written(fraction, percent, RoundingMode.HALF_UP));
	}

	private static void replaceProbability(SourceText text, At at, String replacement) {
		Probability probability = EcoreUtil2.getContainerOfType(at.object(), Probability.class);
		if (probability != null) {
			text.replace(SourceText.node(probability), replacement);
		} else {
			text.replace(at.start(), at.end() - at.start(), replacement);
		}
	}

	private static boolean replaceFeature(SourceText text, EObject owner, EStructuralFeature feature, String replacement) {
		List<INode> nodes = owner == null ? List.of() : NodeModelUtils.findNodesForFeature(owner, feature);
		if (nodes.isEmpty()) {
			return false;
		}
		text.replace(nodes.get(0), replacement);
		return true;
	}

	/** A probability in the style it was written in: "42.86%" or "0.4286". */
	private static String written(BigDecimal fraction, boolean percent, RoundingMode rounding) {
		if (percent) {
			return Probabilities.plain(fraction.multiply(Probabilities.HUNDRED).setScale(2, rounding)) + "%";
		}
		return Probabilities.plain(fraction.setScale(4, rounding));
	}

	/** A string literal of the text, as the language writes one. */
	private String quoted(String text) {
		return converters.toString(text, "STRING");
	}
}

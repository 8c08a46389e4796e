package org.funnel.dsl.generator.java;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.funnel.dsl.model.AnalysisCache;
import org.funnel.dsl.analysis.FunnelAnalysis;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.Transition;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.generator.GeneratedFiles;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;
import org.funnel.dsl.generator.GenerationException;

/**
 * Target {@code java}: one self-contained Java source per funnel ({@code java/<Name>Funnel.java})
 * that needs only the JDK. It carries the stages and transitions and computes from them what the
 * funnel implies (win probabilities, flows, conversion, drop-off, bottleneck, expected steps), the
 * weighted pipeline, a comparison with observed counts and a seeded Monte Carlo simulation. The
 * text is {@code sample/SampleFunnel.java} ({@link AnalysisSkeleton}), a real class compiled and
 * tested with this module, with the funnel's own parts written by {@link JavaAnalysisTemplate} (Xtend).
 */
public final class JavaAnalysisGenerator {

	public static final String DIRECTORY = "java";

	private final AnalysisCache analyses;
	private final JavaAnalysisTemplate template = new JavaAnalysisTemplate();

	public JavaAnalysisGenerator(AnalysisCache analyses) {
		this.analyses = analyses;
	}

	/**
	 * The largest funnel the generated class can hold: its stages and transitions are constants that
	 * the class initializes in one method, and the JVM limits a method to 64 KB of bytecode ("code too
	 * large" from javac at about 2500 stages or 3000 transitions).
	 */
	public static final int MAX_STAGES = 1000;
	public static final int MAX_TRANSITIONS = 2000;

	public void generate(List<Unit> units, GeneratedFiles out) {
		for (Unit unit : units) {
			EffectiveFunnel structure = analyses.structure(unit.funnel());
			if (structure.stages().size() > MAX_STAGES || structure.transitions().size() > MAX_TRANSITIONS) {
				throw new GenerationException("The java target holds funnels of up to " + MAX_STAGES
						+ " stages and " + MAX_TRANSITIONS + " transitions (a Java class initializes its constants in one "
						+ "method of at most 64 KB); " + origin(unit) + " has " + structure.stages().size() + " stages and "
						+ structure.transitions().size() + " transitions. Generate the other targets, or split the funnel.");
			}
			String className = className(unit.funnel());
			out.add(DIRECTORY + "/" + className + ".java", source(unit), origin(unit));
		}
	}

	public String source(Unit unit) {
		JavaFunnelModel model = model(unit);
		return AnalysisSkeleton.fill(model.className(), Map.of("header", template.header(model), "constants",
				template.constants(model), "stages", template.stages(model), "transitions", template.transitions(model),
				"solver-import", "", "solver", AnalysisSkeleton.solver()));
	}

	static String origin(Unit unit) {
		return "funnel " + unit.funnel().getName() + " (" + unit.path() + ")";
	}

	/** {@code DealPipeline} -> {@code DealPipelineFunnel}; a name ending in Funnel stays as it is. */
	public static String className(Funnel funnel) {
		String name = funnel.getName();
		String base = Character.toUpperCase(name.charAt(0)) + name.substring(1);
		return base.endsWith("Funnel") ? base : base + "Funnel";
	}

	/**
	 * {@code AppointmentScheduled} -> {@code APPOINTMENT_SCHEDULED}, {@code B2BLead} -> {@code B2B_LEAD}.
	 * Upper case, so never a Java keyword.
	 */
	public static String constantName(String name) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (i > 0 && Character.isUpperCase(c) && out.charAt(out.length() - 1) != '_') {
				char before = name.charAt(i - 1);
				boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
				if (Character.isLowerCase(before) || Character.isDigit(before) && nextLower
						|| Character.isUpperCase(before) && nextLower) {
					out.append('_');
				}
			}
			out.append(Character.toUpperCase(c));
		}
		String constant = out.toString();
		return constant.matches("_*") ? "STAGE" + constant : constant;
	}

	JavaFunnelModel model(Unit unit) {
		Funnel funnel = unit.funnel();
		EffectiveFunnel structure = analyses.structure(funnel);
		FunnelAnalysis analysis = analyses.analysis(funnel);
		List<Stage> stages = structure.stages();
		List<String> constants = new ArrayList<>();
		Set<String> used = new HashSet<>();
		for (Stage stage : stages) {
			String constant = constantName(stage.getName());
			String unique = constant;
			for (int n = 2; !used.add(unique); n++) {
				unique = constant + "_" + n;
			}
			constants.add(unique);
		}
		String unit_ = structure.volumeUnit();
		List<JavaFunnelModel.StageModel> stageModels = new ArrayList<>();
		for (int i = 0; i < stages.size(); i++) {
			Stage stage = stages.get(i);
			BigDecimal declared = Stages.declaredProbability(stage);
			double entering = structure.graph().entering(i);
			StringBuilder comment = new StringBuilder(Stages.label(stage)).append(": ");
			comment.append(switch (Stages.outcome(stage)) {
			case WON -> "won";
			case LOST -> "lost";
			default -> "open";
			});
			if (stage.getProbability() != null) {
				comment.append(", declares ").append(Probabilities.formatExact(declared));
			}
			if (!Stages.isTerminal(stage) && !analysis.isTrapped(i)) {
				comment.append(", the transitions imply ").append(Text.percent(analysis.winProbability(i)));
			}
			if (entering > 0) {
				comment.append(", ").append(Text.number(entering)).append(" entering ").append(unit_);
			}
			comment.append('.');
			stageModels.add(new JavaFunnelModel.StageModel(constants.get(i), Text.javaComment(comment.toString()),
					Text.javaLiteral(stage.getName()), Text.javaLiteral(Stages.label(stage)),
					Stages.outcome(stage).name(), declared == null ? "Double.NaN" : Text.javaDouble(declared.doubleValue()),
					Text.javaDouble(entering)));
		}
		List<JavaFunnelModel.TransitionModel> transitionModels = new ArrayList<>();
		List<Transition> transitions = structure.transitions();
		for (int t = 0; t < transitions.size(); t++) {
			Transition transition = transitions.get(t);
			int from = structure.graph().source(t);
			int to = structure.graph().target(t);
			String via = transition.getChannel() == null || transition.getChannel().eIsProxy() ? null
					: Stages.label(transition.getChannel());
			transitionModels.add(new JavaFunnelModel.TransitionModel(constants.get(from), constants.get(to),
					Text.javaDouble(structure.graph().probability(t)), Text.javaLiteral(via)));
		}
		String title = "Funnel " + funnel.getName() + " \"" + Stages.label(funnel) + "\"";
		return new JavaFunnelModel(className(funnel), Text.javaComment(unit.source()), Text.javaComment(title),
				Text.javaLiteral(funnel.getName()), Text.javaLiteral(Stages.label(funnel)), Text.javaLiteral(unit_),
				Text.javaComment(unit_), stageModels, transitionModels);
	}
}

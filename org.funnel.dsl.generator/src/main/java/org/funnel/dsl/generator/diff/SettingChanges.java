package org.funnel.dsl.generator.diff;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Duration;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFactory;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.funnel.HistoryReading;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.Volume;
import org.funnel.dsl.generator.Text;
import org.funnel.dsl.generator.hubspot.HubSpotGenerator;
import org.funnel.dsl.grammar.Settings;
import org.funnel.dsl.grammar.Settings.Setting;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;

/**
 * The settings of a funnel and of a stage, compared between two versions. Which settings there are comes from the
 * grammar ({@link Settings}), so a setting added to the language is compared without a change here; the tables below
 * only say how the diff names each one and writes its value, and a setting they do not name is compared by its text as
 * written.
 */
final class SettingChanges {

	/** How the diff names a setting and writes its value ("none" where it is not given). */
	record Described(String name, Function<EObject, String> value, boolean summarized) {

		Described(String name, Function<EObject, String> value) {
			this(name, value, false);
		}
	}

	/** The funnel's settings by their words in the grammar. */
	static final Map<String, Described> FUNNEL = Map.of( //
			"crm", new Described("CRMs", f -> crms((Funnel) f)), //
			"hubspot pipeline", new Described("HubSpot pipeline", f -> hubspot((Funnel) f)), //
			"hubspot display order",
			new Described("HubSpot display order", f -> Integer.toString(HubSpotGenerator.displayOrder((Funnel) f))), //
			"salesforce process", new Described("Salesforce process", f -> process((Funnel) f)), //
			"salesforce record type", new Described("Salesforce record type", f -> recordTypes((Funnel) f)), //
			"salesforce path", new Described("Salesforce path", f -> paths((Funnel) f)), //
			"salesforce no process", new Described("Salesforce no process", f -> yes(((Funnel) f).isSalesforceNoProcess())), //
			"salesforce no record type",
			new Described("Salesforce no record type", f -> yes(((Funnel) f).isSalesforceNoRecordType())), //
			"salesforce description",
			new Described("Salesforce process description", f -> quoted(((Funnel) f).getSalesforceDescription())), //
			"history", new Described("Deal history", f -> quoted(((Funnel) f).getHistory())));

	/** How the funnel's history is read: the settings of its block, by their words in the grammar. */
	static final Map<String, Described> HISTORY = Map.of( //
			"opportunities", new Described("Opportunity export", h -> quoted(reading(h).getOpportunities())), //
			"opportunity stages", new Described("OpportunityStage export", h -> quoted(reading(h).getOpportunityStages())), //
			"pipelines", new Described("HubSpot pipelines answer", h -> quoted(reading(h).getPipelines())), //
			"aliases", new Described("stage aliases", h -> quoted(reading(h).getAliases())), //
			"pipeline", new Described("pipeline", h -> quoted(reading(h).getPipeline())), //
			"since", new Described("since", h -> day(reading(h).getSince())), //
			"until", new Described("until", h -> day(reading(h).getUntil())));

	/** A stage's settings by their words in the grammar; guidance is long, so only whether it changed is said. */
	static final Map<String, Described> STAGE = Map.ofEntries( //
			Map.entry("probability", new Described("declared probability", s -> percent(Stages.declaredProbability((Stage) s)))), //
			Map.entry("channels", new Described("channels", s -> channels((Stage) s))), //
			Map.entry("entering", new Described("entering", s -> volume(((Stage) s).getEntering()))), //
			Map.entry("deal value", new Described("deal value", s -> money((Stage) s))), //
			Map.entry("duration", new Described("duration", s -> duration(((Stage) s).getDuration()))), //
			Map.entry("guidance", new Described("guidance", s -> ((Stage) s).getGuidance(), true)), //
			Map.entry("hubspot id", new Described("HubSpot id", s -> quoted(((Stage) s).getHubspotId()))), //
			Map.entry("salesforce forecast", new Described("Salesforce forecast", s -> forecast((Stage) s))), //
			Map.entry("salesforce default",
					new Described("Salesforce default", s -> ((Stage) s).isSalesforceDefault() ? "yes" : "no")), //
			Map.entry("salesforce description",
					new Described("Salesforce description", s -> quoted(((Stage) s).getSalesforceDescription()))), //
			Map.entry("salesforce key fields", new Described("Salesforce key fields", s -> keyFields((Stage) s))), //
			Map.entry("salesforce path", new Described("Salesforce path steps", s -> pathSteps((Stage) s), true)));

	private final Settings settings;
	private final Map<String, Described> funnelSettings;
	private final Map<String, Described> stageSettings;

	SettingChanges(Settings settings) {
		this(settings, FUNNEL, STAGE);
	}

	/** With other tables (a test leaves them empty to see settings compared by their text). */
	SettingChanges(Settings settings, Map<String, Described> funnelSettings, Map<String, Described> stageSettings) {
		this.settings = settings;
		this.funnelSettings = funnelSettings;
		this.stageSettings = stageSettings;
	}

	/** The funnel's own changes: its name and label, its settings, what it extends. */
	List<String> ofFunnel(Funnel before, Funnel after) {
		List<String> changes = new ArrayList<>();
		if (!before.getName().equals(after.getName())) {
			changes.add("Renamed from `" + before.getName() + "` to `" + after.getName() + "`.");
		}
		change(changes, "Label", quoted(Stages.label(before)), quoted(Stages.label(after)));
		compare(changes, "", settings.ofFunnel(), funnelSettings, before, after);
		compare(changes, "Deal history: ", settings.ofHistory(), HISTORY, reading(before), reading(after));
		change(changes, "Extends", before.getBase() == null ? "nothing" : "`" + before.getBase().getName() + "`",
				after.getBase() == null ? "nothing" : "`" + after.getBase().getName() + "`");
		return changes;
	}

	/** A stage found in both versions: its label and kind, then its settings in the grammar's order. */
	List<String> ofStage(Stage before, Stage after) {
		List<String> changes = new ArrayList<>();
		String who = FunnelComparison.stage(after) + ": ";
		change(changes, who + "label", quoted(Stages.label(before)), quoted(Stages.label(after)));
		change(changes, who + "kind", kind(before), kind(after));
		compare(changes, who, settings.ofStage(), stageSettings, before, after);
		return changes;
	}

	private void compare(List<String> changes, String who, List<Setting> settings, Map<String, Described> named,
			EObject before, EObject after) {
		for (Setting setting : settings) {
			Described described = named.get(setting.words());
			if (described == null) {
				change(changes, who + setting.words(), written(setting, before), written(setting, after));
				continue;
			}
			String was = described.value().apply(before);
			String is = described.value().apply(after);
			if (!described.summarized()) {
				change(changes, who + described.name(), was, is);
			} else if (!Objects.equals(was, is)) {
				changes.add(who + described.name() + " " + (was == null ? "added" : is == null ? "removed" : "changed") + ".");
			}
		}
	}

	/** "What: was → is." when the two differ. */
	static void change(List<String> changes, String what, String was, String is) {
		if (!Objects.equals(was, is)) {
			changes.add(what + ": " + was + " → " + is + ".");
		}
	}

	/** A setting the tables do not name: its text as written in the object (whitespace as one space), or none. */
	private String written(Setting setting, EObject object) {
		ICompositeNode root = NodeModelUtils.findActualNodeFor(object);
		if (root == null) {
			return "none";
		}
		List<String> parts = new ArrayList<>();
		for (INode node : root.getChildren()) {
			if (settings.of(node.getGrammarElement()) == setting) {
				parts.add(node.getText().strip().replaceAll("\\s+", " "));
			}
		}
		return parts.isEmpty() ? "none" : "`" + String.join(" ", parts).replace("`", "'") + "`";
	}

	/** A funnel's history settings; an empty block for none, so that a setting not given reads "none". */
	private static HistoryReading reading(EObject funnelOrReading) {
		if (funnelOrReading instanceof HistoryReading reading) {
			return reading;
		}
		HistoryReading reading = ((Funnel) funnelOrReading).getHistoryReading();
		return reading != null ? reading : FunnelFactory.eINSTANCE.createHistoryReading();
	}

	private static String day(String day) {
		return day == null ? "none" : day;
	}

	static String kind(Stage stage) {
		return Stages.outcome(stage).name().toLowerCase(Locale.ROOT);
	}

	static String percent(BigDecimal fraction) {
		return fraction == null ? "none" : Probabilities.formatExact(fraction);
	}

	static String quoted(String text) {
		return text == null ? "none" : "\"" + Text.markdown(text) + "\"";
	}

	private static String yes(boolean set) {
		return set ? "yes" : "no";
	}

	private static String keyFields(Stage stage) {
		return stage.getSalesforceKeyFields() == null ? "none" : String.join(", ", stage.getSalesforceKeyFields().getFields());
	}

	/** Each of the stage's path steps as written, or null: long, so only whether they changed is said. */
	private static String pathSteps(Stage stage) {
		List<String> steps = stage.getSalesforcePathSteps().stream()
				.map(p -> p.getPath() + (p.isNoStep() ? " no step"
						: p.getKeyFields() != null ? " key fields " + String.join(", ", p.getKeyFields().getFields())
								: " guidance " + p.getGuidance()))
				.toList();
		return steps.isEmpty() ? null : String.join("; ", steps);
	}

	private static String process(Funnel funnel) {
		return funnel.getSalesforceProcess() == null ? "none"
				: quoted(funnel.getSalesforceProcess()) + (funnel.isSalesforceProcessInactive() ? " (inactive)" : "");
	}

	/** The declared record types, each an API name with its optional label, or "default" when none is declared. */
	private static String recordTypes(Funnel funnel) {
		List<String> named = funnel.getSalesforceRecordTypes().stream()
				.map(r -> quoted(r.getApiName()) + (r.getLabel() == null ? "" : " (" + quoted(r.getLabel()) + ")")
						+ (r.isInactive() ? ", inactive" : "") + (r.getDescription() == null ? "" : ", described"))
				.toList();
		return named.isEmpty() ? "default" : String.join("; ", named);
	}

	private static String paths(Funnel funnel) {
		List<String> named = funnel.getSalesforcePaths().stream()
				.map(p -> quoted(p.getApiName()) + (p.getLabel() == null ? "" : " (" + quoted(p.getLabel()) + ")")
						+ (p.isMaster() ? " for master" : p.getRecordType() == null ? "" : " for " + quoted(p.getRecordType()))
						+ (p.isInactive() ? ", inactive" : ""))
				.toList();
		return named.isEmpty() ? "default" : String.join("; ", named);
	}

	private static String crms(Funnel funnel) {
		if (funnel.getCrms().isEmpty()) {
			return "HubSpot and Salesforce";
		}
		return String.join(", ", funnel.getCrms().stream().map(c -> c.getLiteral()).sorted().toList());
	}

	private static String hubspot(Funnel funnel) {
		String id = funnel.getHubspotPipelineId() == null ? "new" : "\"" + Text.markdown(funnel.getHubspotPipelineId()) + "\"";
		return id + " for " + (funnel.getHubspotObject() == null ? "deals" : funnel.getHubspotObject().getLiteral());
	}

	private static String volume(Volume volume) {
		if (volume == null || volume.getAmount() == null) {
			return "none";
		}
		return Probabilities.plain(volume.getAmount()) + (volume.isPeriodic() ? " per " + volume.getPeriod().getLiteral() : "");
	}

	/** "3 days", "1 week". */
	private static String duration(Duration duration) {
		if (duration == null || duration.getAmount() == null || duration.getUnit() == null) {
			return "none";
		}
		String unit = duration.getUnit().getLiteral();
		boolean one = duration.getAmount().compareTo(BigDecimal.ONE) == 0;
		return Probabilities.plain(duration.getAmount()) + " " + (one ? unit.substring(0, unit.length() - 1) : unit);
	}

	private static String forecast(Stage stage) {
		return stage.eIsSet(FunnelPackage.Literals.STAGE__FORECAST_CATEGORY) ? stage.getForecastCategory().getLiteral()
				: "default";
	}

	private static String channels(Stage stage) {
		List<String> names = stage.getChannels().stream().map(SettingChanges::channel).toList();
		return names.isEmpty() ? "none" : String.join(", ", names);
	}

	static String channel(Channel channel) {
		return channel == null ? "none" : channel.eIsProxy() ? "?" : Text.markdown(Stages.label(channel));
	}

	private static String money(Stage stage) {
		if (stage.getDealValue() == null || stage.getDealValue().getAmount() == null) {
			return "none";
		}
		return Probabilities.plain(stage.getDealValue().getAmount())
				+ (stage.getDealValue().getCurrency() == null ? "" : " " + stage.getDealValue().getCurrency());
	}
}

package org.funnel.dsl.crm.salesforce;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.funnel.dsl.crm.files.XmlPositions;
import org.funnel.dsl.generator.salesforce.MetadataXml;
import org.funnel.dsl.model.SalesforceNames;
import org.w3c.dom.Element;

/**
 * The OpportunityStage value set of a retrieve: its stages in the org's order (the order users see),
 * each with what the language describes of it. A stage Salesforce would not take is an error at its
 * line and column.
 */
public final class StageSet {

	private static final Set<String> FORECAST_CATEGORIES = Set.of("Omitted", "Pipeline", "BestCase", "MostLikely",
			"Forecast", "Closed");
	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	/** A value of the set, its position in it and where it is written. */
	public record Value(String fullName, int index, boolean closed, boolean won, String forecastCategory,
			BigDecimal probability, String description, String origin) {
	}

	/** By lower-case name (Salesforce compares stage names ignoring case), in the set's order. */
	private final Map<String, Value> values;

	private StageSet(Map<String, Value> values) {
		this.values = values;
	}

	/** The stages in the org's order. */
	public List<Value> values() {
		return Collections.unmodifiableList(new ArrayList<>(values.values()));
	}

	/** The stage of that name, ignoring case, or null. */
	public Value get(String name) {
		return values.get(SalesforceNames.lowerCase(name));
	}

	static StageSet read(XmlPositions xml) {
		Map<String, Value> values = new LinkedHashMap<>();
		for (Element element : MetadataXml.children(xml.root(), "standardValue")) {
			Value value = value(xml, element, values.size());
			Value other = values.putIfAbsent(SalesforceNames.lowerCase(value.fullName()), value);
			if (other != null) {
				throw xml.problem(element, "stage '" + value.fullName() + "' is in the value set twice (also at "
						+ other.origin() + "; Salesforce compares stage names ignoring case).");
			}
		}
		if (values.isEmpty()) {
			throw xml.problem(xml.root(), "the OpportunityStage value set has no stages.");
		}
		return new StageSet(values);
	}

	private static Value value(XmlPositions xml, Element element, int index) {
		String fullName = MetadataXml.text(element, "fullName");
		if (fullName == null || fullName.isBlank()) {
			throw xml.problem(element, "a stage of the value set has no fullName.");
		}
		String probabilityText = MetadataXml.text(element, "probability");
		BigDecimal probability = null;
		if (probabilityText != null && !probabilityText.isBlank()) {
			String plain = probabilityText.strip();
			if (!plain.matches("\\d{1,3}(\\.\\d+)?") || new BigDecimal(plain).compareTo(HUNDRED) > 0) {
				throw xml.problem(element, "stage '" + fullName + "' has probability '" + probabilityText
						+ "', which is not a percentage from 0 to 100.");
			}
			probability = new BigDecimal(plain);
		}
		String category = MetadataXml.text(element, "forecastCategory");
		if (category != null && !FORECAST_CATEGORIES.contains(category)) {
			throw xml.problem(element, "stage '" + fullName + "' has forecast category '" + category
					+ "', which is none of Salesforce's: " + String.join(", ", FORECAST_CATEGORIES.stream().sorted().toList())
					+ ".");
		}
		boolean closed = "true".equals(MetadataXml.text(element, "closed"));
		boolean won = "true".equals(MetadataXml.text(element, "won"));
		if (won && !closed) {
			throw xml.problem(element, "stage '" + fullName + "' is won but not closed; Salesforce closes every won stage.");
		}
		return new Value(fullName, index, closed, won, category, probability, MetadataXml.text(element, "description"),
				xml.at(element));
	}
}

package org.funnel.dsl.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IGlobalScopeProvider;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.validation.Check;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Element;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.Import;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.scoping.BuiltinChannels;

import com.google.inject.Inject;

/** Names are unique, imports exist, labels are not empty, settings are given once. */
public class NameChecks extends FunnelChecks {

	@Inject
	private IGlobalScopeProvider globalScope;


	@Check
	public void uniqueTopLevelNames(FunnelFile file) {
		Map<String, Element> seen = new HashMap<>();
		Resource resource = file.eResource();
		IScope importedChannels = globalScope.getScope(resource, Literals.STAGE__CHANNELS, null);
		IScope importedFunnels = globalScope.getScope(resource, Literals.FUNNEL__BASE, null);
		for (Element element : file.getElements()) {
			String name = element.getName();
			if (name == null) {
				continue;
			}
			String kind = element instanceof Channel ? "channel" : "funnel";
			Element first = seen.putIfAbsent(name, element);
			if (first != null) {
				error("Duplicate name " + q(name) + ": a " + (first instanceof Channel ? "channel" : "funnel")
						+ " of that name is declared earlier in this file. Rename one of them.", element,
						Literals.ELEMENT__NAME, FunnelIssueCodes.DUPLICATE_NAME);
				continue;
			}
			IScope imported = element instanceof Channel ? importedChannels : importedFunnels;
			IEObjectDescription other = imported.getSingleElement(QualifiedName.create(name));
			if (other == null) {
				continue;
			}
			if (BuiltinChannels.LIBRARY_URI.equals(other.getEObjectURI().trimFragment())) {
				warning("Channel " + q(name) + " hides the built-in channel of the same name. Rename it, or drop it and use the built-in one.",
						element, Literals.ELEMENT__NAME, FunnelIssueCodes.SHADOWS_BUILTIN_CHANNEL);
			} else {
				error("Duplicate name " + q(name) + ": an imported file ("
						+ other.getEObjectURI().trimFragment().lastSegment() + ") already declares a " + kind
						+ " of that name. Rename this one.", element, Literals.ELEMENT__NAME,
						FunnelIssueCodes.DUPLICATE_NAME);
			}
		}
	}

	@Check
	public void uniqueStageNames(Funnel funnel) {
		EffectiveFunnel structure = analyses.structure(funnel);
		Map<String, Stage> seen = new HashMap<>();
		for (Stage stage : structure.stages()) {
			if (stage.getName() == null) {
				continue;
			}
			Stage first = seen.putIfAbsent(stage.getName(), stage);
			if (first != null && stage.eContainer() == funnel) {
				Funnel owner = (Funnel) first.eContainer();
				String where = owner == funnel ? "earlier in this funnel" : "in " + q(owner.getName()) + ", which this funnel extends";
				error("Duplicate stage " + q(stage.getName()) + ": a stage of that name is declared " + where
						+ ". Rename one of them.", stage, Literals.STAGE__NAME, FunnelIssueCodes.DUPLICATE_NAME);
			}
		}
	}

	@Check
	public void importExists(Import anImport) {
		String uri = anImport.getImportURI();
		if (uri == null) {
			return;
		}
		Resource resource = anImport.eResource();
		if (uri.isBlank()) {
			error("The import names no file. Write the path of a .funnel file, relative to this one.", anImport,
					Literals.IMPORT__IMPORT_URI, FunnelIssueCodes.IMPORT_NOT_FOUND);
			return;
		}
		URI resolved;
		try {
			resolved = URI.createURI(uri).resolve(resource.getURI());
		} catch (IllegalArgumentException e) {
			resolved = null;
		}
		if (resolved == null || !org.funnel.dsl.scoping.FunnelGlobalScopeProvider.isFunnelFile(resolved)) {
			error("Cannot import " + q(uri) + ": only .funnel files can be imported. Write the path of a .funnel file, "
					+ "relative to this one.", anImport, Literals.IMPORT__IMPORT_URI, FunnelIssueCodes.IMPORT_NOT_FOUND);
			return;
		}
		if (!EcoreUtil2.isValidUri(resource, resolved)) {
			error("Cannot find the imported file " + q(uri) + ". Paths are relative to this file; check the spelling.",
					anImport, Literals.IMPORT__IMPORT_URI, FunnelIssueCodes.IMPORT_NOT_FOUND);
		}
	}

	@Check
	public void noCyclicExtends(Funnel funnel) {
		if (funnel.getBase() != null && !funnel.getBase().eIsProxy() && analyses.structure(funnel).hasCyclicExtends()) {
			error("Funnel " + q(funnel.getName()) + " extends itself through " + q(funnel.getBase().getName())
					+ ". Remove one of the extends clauses.", funnel, Literals.FUNNEL__BASE,
					FunnelIssueCodes.CYCLIC_EXTENDS);
		}
	}

	@Check
	public void labelNotEmpty(Element element) {
		if (element.getLabel() != null && element.getLabel().isBlank()) {
			error("The label is empty: the CRM would show nothing. Write a label or leave it out to use the name.",
					element, Literals.ELEMENT__LABEL, FunnelIssueCodes.EMPTY_LABEL);
		}
	}

	@Check
	public void stageLabelNotEmpty(Stage stage) {
		if (stage.getLabel() != null && stage.getLabel().isBlank()) {
			error("The label is empty: the CRM would show nothing. Write a label or leave it out to use the name.",
					stage, Literals.STAGE__LABEL, FunnelIssueCodes.EMPTY_LABEL);
		}
	}

	/** The settings a stage may give only once. */
	private static final List<EStructuralFeature> STAGE_SETTINGS = List.of(Literals.STAGE__PROBABILITY,
			Literals.STAGE__ENTERING, Literals.STAGE__DEAL_VALUE, Literals.STAGE__DURATION, Literals.STAGE__GUIDANCE,
			Literals.STAGE__HUBSPOT_ID, Literals.STAGE__FORECAST_CATEGORY, Literals.STAGE__SALESFORCE_DEFAULT);

	private static final List<EStructuralFeature> FUNNEL_SETTINGS = List.of(Literals.FUNNEL__HUBSPOT_PIPELINE_ID,
			Literals.FUNNEL__HUBSPOT_OBJECT, Literals.FUNNEL__HUBSPOT_DISPLAY_ORDER, Literals.FUNNEL__SALESFORCE_PROCESS,
			Literals.FUNNEL__SALESFORCE_RECORD_TYPE, Literals.FUNNEL__SALESFORCE_PATH);

	/** Per grammar element: the index of the setting it assigns, or -1 (cached: the grammar never changes). */
	private final Map<EObject, Integer> stageSettingOf = new ConcurrentHashMap<>();

	private final Map<EObject, Integer> funnelSettingOf = new ConcurrentHashMap<>();

	@Check
	public void stageSettingsGivenOnce(Stage stage) {
		settingsGivenOnce(stage, STAGE_SETTINGS, stageSettingOf);
	}

	@Check
	public void funnelSettingsGivenOnce(Funnel funnel) {
		settingsGivenOnce(funnel, FUNNEL_SETTINGS, funnelSettingOf);
	}

	private void settingsGivenOnce(EObject object, List<EStructuralFeature> features, Map<EObject, Integer> settingOf) {
		ICompositeNode node = NodeModelUtils.getNode(object);
		if (node == null) {
			return;
		}
		// One pass over the object's own nodes, counting the assignments of each setting.
		int[] counts = null;
		for (INode child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof ILeafNode leaf && leaf.isHidden()) {
				continue;
			}
			EObject grammarElement = child.getGrammarElement();
			if (grammarElement == null) {
				continue;
			}
			int index = settingOf.computeIfAbsent(grammarElement, element -> {
				Assignment assignment = GrammarUtil.containingAssignment(element);
				if (assignment != null) {
					for (int i = 0; i < features.size(); i++) {
						if (features.get(i).getName().equals(assignment.getFeature())) {
							return i;
						}
					}
				}
				return -1;
			});
			if (index < 0) {
				continue;
			}
			if (counts == null) {
				counts = new int[features.size()];
			}
			if (++counts[index] >= 2) {
				getMessageAcceptor().acceptError("The " + settingName(features.get(index))
						+ " is already given above; only one counts. Remove one of them.", object, child.getOffset(),
						child.getLength(), FunnelIssueCodes.DUPLICATE_SETTING);
			}
		}
	}

	private static String settingName(EStructuralFeature feature) {
		return switch (feature.getName()) {
		case "dealValue" -> "deal value";
		case "hubspotId" -> "HubSpot id";
		case "forecastCategory" -> "Salesforce forecast category";
		case "hubspotPipelineId" -> "HubSpot pipeline id";
		case "hubspotObject" -> "HubSpot object type";
		case "hubspotDisplayOrder" -> "HubSpot display order";
		case "salesforceProcess" -> "Salesforce sales process";
		case "salesforceRecordType" -> "Salesforce record type";
		case "salesforcePath" -> "Salesforce path";
		case "salesforceDefault" -> "Salesforce default";
		default -> feature.getName();
		};
	}
}

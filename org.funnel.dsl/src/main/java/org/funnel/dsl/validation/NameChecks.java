package org.funnel.dsl.validation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
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
import org.funnel.dsl.funnel.HistoryReading;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.FunnelPackage.Literals;
import org.funnel.dsl.funnel.Import;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.grammar.Settings;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.scoping.BuiltinChannels;

import com.google.inject.Inject;
import org.funnel.dsl.scoping.FunnelGlobalScopeProvider;

/** Names are unique, imports exist, labels are not empty, settings are given once. */
public class NameChecks extends FunnelChecks {

	@Inject
	private IGlobalScopeProvider globalScope;

	@Inject
	private Settings settings;

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
				warning("Channel " + q(name)
						+ " hides the built-in channel of the same name. Rename it, or drop it and use the built-in one.",
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
				String where = owner == funnel ? "earlier in this funnel"
						: "in " + q(owner.getName()) + ", which this funnel extends";
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
		if (resolved == null || !FunnelGlobalScopeProvider.isFunnelFile(resolved)) {
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

	@Check
	public void stageSettingsGivenOnce(Stage stage) {
		settingsGivenOnce(stage);
	}

	@Check
	public void funnelSettingsGivenOnce(Funnel funnel) {
		settingsGivenOnce(funnel);
	}

	@Check
	public void historySettingsGivenOnce(HistoryReading reading) {
		settingsGivenOnce(reading);
	}

	/**
	 * A setting that assigns one value ({@link Settings.Setting#once()}) given a second time: an error
	 * over the whole second one, from its first word to its value, which the quick fix removes.
	 */
	private void settingsGivenOnce(EObject object) {
		ICompositeNode node = NodeModelUtils.getNode(object);
		if (node == null) {
			return;
		}
		// One pass over the object's own nodes; a setting's first keyword starts an occurrence of it.
		Set<Settings.Setting> seen = null;
		Settings.Setting current = null;
		INode start = null;
		INode end = null;
		for (INode child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof ILeafNode leaf && leaf.isHidden()) {
				continue;
			}
			Settings.Setting setting = settings.of(child.getGrammarElement());
			if (setting != null && settings.startsSetting(child.getGrammarElement())) {
				reportRepeated(object, seen, current, start, end);
				if (seen == null) {
					seen = new HashSet<>();
				}
				current = setting;
				start = child;
				end = child;
			} else if (setting != null && setting == current) {
				end = child;
			} else {
				reportRepeated(object, seen, current, start, end);
				current = null;
			}
		}
		reportRepeated(object, seen, current, start, end);
	}

	private void reportRepeated(EObject object, Set<Settings.Setting> seen, Settings.Setting setting, INode start, INode end) {
		if (setting == null || !setting.once() || seen.add(setting)) {
			return;
		}
		getMessageAcceptor().acceptError("'" + setting.words() + "' is already given above; only one counts. Remove one of them.",
				object, start.getOffset(), end.getEndOffset() - start.getOffset(), FunnelIssueCodes.DUPLICATE_SETTING);
	}
}

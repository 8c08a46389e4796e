package org.funnel.dsl.linking;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.validation.FixData;
import org.funnel.dsl.validation.FunnelIssueCodes;

import com.google.inject.Inject;

/**
 * Says what an unresolved name should have been: which kind of thing, where it is looked up, and the
 * closest names that do exist. Issue data: the names suggested, best first (for quick fixes).
 */
public class FunnelLinkingDiagnosticMessageProvider extends LinkingDiagnosticMessageProvider {

	private static final int MAX_SUGGESTIONS = 3;

	@Inject
	private IScopeProvider scopeProvider;

	@Override
	public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
		EClass type = context.getReference().getEReferenceType();
		String name = context.getLinkText();
		String kind;
		String where;
		if (type == FunnelPackage.Literals.STAGE) {
			kind = "stage";
			where = "in this funnel or the funnels it extends";
		} else if (type == FunnelPackage.Literals.CHANNEL) {
			kind = "channel";
			where = "in this file, the files it imports, or the built-in channels";
		} else if (type == FunnelPackage.Literals.FUNNEL) {
			kind = "funnel";
			where = "in this file or the files it imports";
		} else {
			return super.getUnresolvedProxyMessage(context);
		}
		List<String> suggestions = suggestions(context, name);
		StringBuilder message = new StringBuilder("No ").append(kind).append(" named '").append(name).append("' ")
				.append(where).append('.');
		if (!suggestions.isEmpty()) {
			message.append(" Did you mean ").append(String.join(" or ", suggestions.stream().map(s -> "'" + s + "'").toList()))
					.append('?');
		} else {
			message.append(" Declare it, or import the file that declares it.");
		}
		return new DiagnosticMessage(message.toString(), Severity.ERROR, FunnelIssueCodes.UNRESOLVED_REFERENCE,
				new FixData.Suggestions(suggestions).write());
	}

	private List<String> suggestions(ILinkingDiagnosticContext context, String name) {
		IScope scope = scopeProvider.getScope(context.getContext(), context.getReference());
		List<String> best = new ArrayList<>();
		List<Integer> distances = new ArrayList<>();
		int limit = Math.max(2, name.length() / 3);
		for (IEObjectDescription candidate : scope.getAllElements()) {
			String other = candidate.getName().toString();
			int distance = EditDistance.between(name.toLowerCase(), other.toLowerCase(), limit);
			if (distance > limit || best.contains(other)) {
				continue;
			}
			int at = 0;
			while (at < distances.size() && distances.get(at) <= distance) {
				at++;
			}
			if (at < MAX_SUGGESTIONS) {
				best.add(at, other);
				distances.add(at, distance);
				if (best.size() > MAX_SUGGESTIONS) {
					best.remove(MAX_SUGGESTIONS);
					distances.remove(MAX_SUGGESTIONS);
				}
			}
		}
		return best;
	}
}

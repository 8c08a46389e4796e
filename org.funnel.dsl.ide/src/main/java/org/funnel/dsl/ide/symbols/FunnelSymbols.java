package org.funnel.dsl.ide.symbols;

import java.math.BigDecimal;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolMapper;
import org.eclipse.xtext.naming.QualifiedName;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Element;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelPackage;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.funnel.StageKind;
import org.funnel.dsl.model.Probabilities;
import org.funnel.dsl.model.Stages;

/** The outline: funnels with their stages, and channels, named as written, with label and probability. */
public final class FunnelSymbols {

	private FunnelSymbols() {
	}

	/** Symbols carry the simple name a user wrote ("Interest"), not the qualified one ("Aida.Interest"). */
	public static class Names extends DocumentSymbolMapper.DocumentSymbolNameProvider {
		@Override
		public String getName(EObject object) {
			if (object instanceof Element element) {
				return element.getName();
			}
			if (object instanceof Stage stage) {
				return stage.getName();
			}
			return null;
		}

		@Override
		protected String getName(QualifiedName qualifiedName) {
			return qualifiedName == null ? null : qualifiedName.getLastSegment();
		}
	}

	public static class Kinds extends DocumentSymbolMapper.DocumentSymbolKindProvider {
		@Override
		protected SymbolKind getSymbolKind(EClass type) {
			if (type == FunnelPackage.Literals.FUNNEL) {
				return SymbolKind.Class;
			}
			if (type == FunnelPackage.Literals.STAGE) {
				return SymbolKind.EnumMember;
			}
			if (type == FunnelPackage.Literals.CHANNEL) {
				return SymbolKind.Constant;
			}
			return SymbolKind.Property;
		}
	}

	/** "Closed won" · won · 100% */
	public static class Details extends DocumentSymbolMapper.DocumentSymbolDetailsProvider {
		@Override
		public String getDetails(EObject object) {
			if (object instanceof Stage stage) {
				StringBuilder details = new StringBuilder();
				if (stage.getLabel() != null) {
					details.append('"').append(stage.getLabel()).append("\" ");
				}
				if (stage.getKind() != StageKind.OPEN) {
					details.append(stage.getKind().getLiteral()).append(' ');
				}
				BigDecimal declared = Stages.declaredProbability(stage);
				if (declared != null) {
					details.append(Probabilities.formatExact(declared));
				}
				return details.toString().strip();
			}
			if (object instanceof Funnel funnel) {
				return funnel.getLabel() != null ? '"' + funnel.getLabel() + '"' : funnel.isTemplate() ? "template" : "";
			}
			if (object instanceof Channel channel) {
				return channel.getLabel() != null ? '"' + channel.getLabel() + '"' : "";
			}
			return "";
		}
	}
}

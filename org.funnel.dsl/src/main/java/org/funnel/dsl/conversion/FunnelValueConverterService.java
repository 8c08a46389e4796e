package org.funnel.dsl.conversion;

import java.math.BigDecimal;

import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.ValueConverterException;
import org.eclipse.xtext.conversion.impl.AbstractLexerBasedConverter;
import org.eclipse.xtext.nodemodel.INode;
import org.funnel.dsl.model.Probabilities;

import com.google.inject.Inject;

/**
 * Numbers are exact decimals (probabilities like 66.6667% must not pick up binary rounding); strings are written with
 * the language's escapes ({@link FunnelStringConverter}).
 */
public class FunnelValueConverterService extends DefaultTerminalConverters {

	@Inject
	private FunnelStringConverter stringConverter;

	private final IValueConverter<BigDecimal> numberConverter = new AbstractLexerBasedConverter<>() {
		@Override
		public BigDecimal toValue(String string, INode node) {
			if (string == null || string.isEmpty()) {
				throw new ValueConverterException("A number is missing.", node, null);
			}
			try {
				BigDecimal value = new BigDecimal(string);
				// Exponents beyond this serve no funnel and make BigDecimal arithmetic crawl.
				if (Math.abs(value.scale()) > 1000) {
					throw new ValueConverterException("Number " + string + " is out of range.", node, null);
				}
				return value;
			} catch (NumberFormatException e) {
				throw new ValueConverterException("Number " + string + " is out of range.", node, e);
			}
		}

		@Override
		protected String toEscapedString(BigDecimal value) {
			return Probabilities.plain(value);
		}
	};

	@Override
	@ValueConverter(rule = "STRING")
	public IValueConverter<String> STRING() {
		return stringConverter;
	}

	@ValueConverter(rule = "NUMBER")
	public IValueConverter<BigDecimal> NUMBER() {
		return numberConverter;
	}
}

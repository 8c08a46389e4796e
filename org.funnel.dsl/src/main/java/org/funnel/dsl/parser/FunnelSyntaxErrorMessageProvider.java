package org.funnel.dsl.parser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;
import org.funnel.dsl.validation.FunnelIssueCodes;

/**
 * Parser errors in the users' words: "Unexpected '}': expected a name here" instead of ANTLR's
 * "mismatched input '}' expecting RULE_ID".
 */
public class FunnelSyntaxErrorMessageProvider extends SyntaxErrorMessageProvider {

	private static final Pattern MISMATCHED = Pattern.compile("(?:mismatched|extraneous) input (.+?) expecting (.+)");
	private static final Pattern MISSING = Pattern.compile("missing (.+?) at (.+)");
	private static final Pattern NO_VIABLE = Pattern.compile(
			"(?:no viable alternative|required \\(\\.\\.\\.\\)\\+ loop did not match anything) at (?:input|character) (.+)");
	private static final Pattern MISMATCHED_CHARACTER = Pattern.compile("mismatched character (.+?) expecting (.+)");

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
		SyntaxErrorMessage standard = super.getSyntaxErrorMessage(context);
		return new SyntaxErrorMessage(rewrite(standard.getMessage()), FunnelIssueCodes.SYNTAX_ERROR);
	}

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IValueConverterErrorContext context) {
		SyntaxErrorMessage standard = super.getSyntaxErrorMessage(context);
		return new SyntaxErrorMessage(standard.getMessage(), FunnelIssueCodes.SYNTAX_ERROR, standard.getIssueData());
	}

	/** Rewrites ANTLR's wording; anything not recognised is kept, with token names translated. */
	static String rewrite(String message) {
		if (message == null) {
			return "Syntax error.";
		}
		Matcher m = MISMATCHED.matcher(message);
		if (m.matches()) {
			return "Unexpected " + found(m.group(1)) + ": expected " + expected(m.group(2)) + " here.";
		}
		m = MISSING.matcher(message);
		if (m.matches()) {
			return "Missing " + expected(m.group(1)) + " before " + found(m.group(2)) + ".";
		}
		m = NO_VIABLE.matcher(message);
		if (m.matches()) {
			return "Unexpected " + found(m.group(1)) + " here.";
		}
		m = MISMATCHED_CHARACTER.matcher(message);
		if (m.matches()) {
			return "Unexpected character " + m.group(1) + ": expected " + m.group(2) + ".";
		}
		return expected(message);
	}

	private static String found(String token) {
		return token.equals("'<EOF>'") || token.equals("<EOF>") ? "end of file" : token;
	}

	private static String expected(String text) {
		return text.replace("RULE_ID", "a name").replace("RULE_NUMBER", "a number")
				.replace("RULE_STRING", "a text in double quotes").replace("'<EOF>'", "the end of the file")
				.replace("<EOF>", "the end of the file").replace("EOF", "the end of the file");
	}
}

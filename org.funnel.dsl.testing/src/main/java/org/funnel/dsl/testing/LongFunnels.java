package org.funnel.dsl.testing;

import java.util.SplittableRandom;

/** Texts of long funnels for the tests of what must stay quick and readable with many stages. */
public final class LongFunnels {

	private LongFunnels() {
	}

	/**
	 * A funnel of {@code n} open stages in a chain, with skips ahead, cycles back one to three stages,
	 * and transitions to one won and one lost stage from every stage.
	 */
	public static String chain(int n) {
		StringBuilder text = new StringBuilder("funnel Chain \"Chain\" {\n    crm salesforce\n");
		SplittableRandom random = new SplittableRandom(12);
		for (int i = 0; i < n; i++) {
			text.append("    stage S").append(i).append(" \"Stage ").append(i).append("\" {\n");
			if (i == 0) {
				text.append("        entering 1000 per month\n");
			}
			if (i + 1 < n) {
				text.append("        moves to S").append(i + 1).append(" 50%\n");
			}
			if (i + 2 < n && random.nextInt(2) == 0) {
				text.append("        moves to S").append(i + 2).append(" 10%\n");
			}
			if (i > 3 && random.nextInt(5) == 0) {
				text.append("        moves to S").append(i - 1 - random.nextInt(3)).append(" 5%\n");
			}
			text.append("        moves to Won 10%\n        moves to Lost 10%\n    }\n");
		}
		return text.append("    won stage Won\n    lost stage Lost\n}\n").toString();
	}
}

package org.funnel.dsl.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: left-aligned text, right-aligned numbers, columns as wide as their content. */
final class Table {

	private final String[] header;
	private final List<String[]> rows = new ArrayList<>();

	Table(String... header) {
		this.header = header;
	}

	void row(String... cells) {
		rows.add(cells);
	}

	/** Labels on one line. */
	static String flat(String text) {
		return text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ");
	}

	void print(PrintWriter out) {
		int[] width = new int[header.length];
		boolean[] numeric = new boolean[header.length];
		for (int c = 0; c < header.length; c++) {
			width[c] = header[c].codePointCount(0, header[c].length());
			numeric[c] = c > 0;
		}
		for (String[] row : rows) {
			for (int c = 0; c < row.length; c++) {
				width[c] = Math.max(width[c], row[c].codePointCount(0, row[c].length()));
				if (!row[c].matches("-|[-+]?[0-9.,]+ ?(%|pp)?|∞|n/a|never closes")) {
					numeric[c] = false;
				}
			}
		}
		line(out, header, width, numeric);
		StringBuilder rule = new StringBuilder();
		for (int c = 0; c < width.length; c++) {
			rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
		}
		out.println(rule);
		for (String[] row : rows) {
			line(out, row, width, numeric);
		}
	}

	private static void line(PrintWriter out, String[] cells, int[] width, boolean[] numeric) {
		StringBuilder line = new StringBuilder();
		for (int c = 0; c < cells.length; c++) {
			String cell = cells[c];
			String pad = " ".repeat(width[c] - cell.codePointCount(0, cell.length()));
			line.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + cell : cell + pad);
		}
		out.println(line.toString().stripTrailing());
	}
}

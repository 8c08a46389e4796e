package org.funnel.dsl.history.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import org.funnel.dsl.history.HistoryException;

/**
 * A CSV file read row by row (RFC 4180: quoted fields with commas, doubled quotes and line breaks), with
 * its header's columns found by name ignoring case (Data Loader writes {@code OPPORTUNITYID}, the
 * {@code sf} CLI {@code OpportunityId}) and each field's line and column kept for messages. Streams:
 * only the current row is held.
 */
final class CsvTable implements AutoCloseable {

	private static final CsvFactory FACTORY = CsvFactory.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
			.enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

	private final String file;
	private final JsonParser parser;
	private final List<String> header;
	private String[] fields;
	private int[] lines;
	private int[] columns;
	private int size;

	private CsvTable(String file, JsonParser parser) throws HistoryException, IOException {
		this.file = file;
		this.parser = parser;
		this.fields = new String[8];
		this.lines = new int[8];
		this.columns = new int[8];
		// WRAP_AS_ARRAY puts the rows in one outer array.
		try {
			parser.nextToken();
		} catch (IOException e) {
			throw new HistoryException(file, 1, 1, "not valid CSV: " + e.getMessage());
		}
		if (!next()) {
			throw new HistoryException(file, 1, 1, "the file is empty: a CSV file with a header row was expected");
		}
		List<String> names = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			names.add(fields[i].strip());
		}
		this.header = names;
	}

	/** Opens a file; {@code name} is how messages call it. */
	static CsvTable open(Path path, String name) throws HistoryException {
		try {
			BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
			return open(reader, name);
		} catch (NoSuchFileException e) {
			throw new HistoryException(name, 1, 1, "no such file");
		} catch (IOException e) {
			throw new HistoryException(name, 1, 1, "cannot be read: " + e.getMessage());
		}
	}

	static CsvTable open(Reader reader, String name) throws HistoryException {
		try {
			BufferedReader buffered = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
			buffered.mark(1);
			if (buffered.read() != '\uFEFF') {
				buffered.reset();
			}
			return new CsvTable(name, FACTORY.createParser(buffered));
		} catch (IOException e) {
			throw new HistoryException(name, 1, 1, "cannot be read: " + e.getMessage());
		}
	}

	String file() {
		return file;
	}

	List<String> header() {
		return header;
	}

	/** The first column named one of {@code names} (ignoring case), or -1. */
	int column(String... names) {
		for (String name : names) {
			for (int i = 0; i < header.size(); i++) {
				if (header.get(i).equalsIgnoreCase(name)) {
					return i;
				}
			}
		}
		return -1;
	}

	/** The column, or an error at the header naming what is missing and what the header has. */
	int require(String what, String... names) throws HistoryException {
		int column = column(names);
		if (column < 0) {
			throw new HistoryException(file, 1, 1, "the header has no column " + String.join(" or ", names) + " ("
					+ what + "); it has " + String.join(", ", header));
		}
		return column;
	}

	/** Reads the next row; false at the end of the file. */
	boolean next() throws HistoryException {
		try {
			JsonToken token = parser.nextToken();
			while (token != null && token != JsonToken.START_ARRAY) {
				token = parser.nextToken();
			}
			if (token == null) {
				return false;
			}
			size = 0;
			for (token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY; token = parser.nextToken()) {
				if (size == fields.length) {
					fields = Arrays.copyOf(fields, size * 2);
					lines = Arrays.copyOf(lines, size * 2);
					columns = Arrays.copyOf(columns, size * 2);
				}
				JsonLocation at = parser.currentTokenLocation();
				fields[size] = parser.getText();
				lines[size] = at.getLineNr();
				columns[size] = at.getColumnNr();
				size++;
			}
			return true;
		} catch (JsonProcessingException e) {
			JsonLocation at = e.getLocation();
			throw new HistoryException(file, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
					"not valid CSV: " + e.getOriginalMessage());
		} catch (IOException e) {
			throw new HistoryException(file, line(), 1, "cannot be read: " + e.getMessage());
		}
	}

	/** The field of the current row ("" when the row is shorter or the column is -1). */
	String get(int column) {
		return column >= 0 && column < size ? fields[column] : "";
	}

	/** The line the current row starts on. */
	int line() {
		return size > 0 ? lines[0] : parser.currentLocation().getLineNr();
	}

	/** The line of a field of the current row (a quoted field may span lines). */
	int line(int column) {
		return column >= 0 && column < size ? lines[column] : line();
	}

	/** The column (1-based character position in its line) of a field of the current row. */
	int column(int column) {
		return column >= 0 && column < size ? columns[column] : 1;
	}

	/** An error at a field of the current row. */
	HistoryException error(int column, String problem) {
		return new HistoryException(file, line(column), column(column), problem);
	}

	/** The name of a column as the header writes it. */
	String name(int column) {
		return header.get(column);
	}

	@Override
	public void close() {
		try {
			parser.close();
		} catch (IOException e) {
			// read to the end or failed already: nothing left to release that matters
		}
	}
}

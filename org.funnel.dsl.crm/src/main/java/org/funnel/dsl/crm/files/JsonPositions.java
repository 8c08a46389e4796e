package org.funnel.dsl.crm.files;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.Json;
import org.funnel.dsl.generator.SourceFile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON file read as a tree, with the line and column of every value, so that an importer's message
 * points at the place in the file ({@code pipelines.json:12:20: ...}). Jackson's tree keeps no
 * positions; one streaming pass records them by JSON Pointer.
 */
public final class JsonPositions {

	private final String path;
	private final JsonNode root;
	private final Map<String, JsonLocation> locations;

	private JsonPositions(String path, JsonNode root, Map<String, JsonLocation> locations) {
		this.path = path;
		this.root = root;
		this.locations = locations;
	}

	public static JsonPositions read(Path file) throws IOException {
		return of(SourceFile.display(file), Files.readAllBytes(file));
	}

	/**
	 * JSON that is in no file (an HTTP answer): {@code name} stands for the file in messages. Jackson's limits (nesting
	 * depth, length of a string) are hit in the first pass, where the position is known: string values are read there
	 * too, not skipped.
	 */
	public static JsonPositions of(String name, byte[] content) throws IOException {
		String path = name;
		Map<String, JsonLocation> locations = new HashMap<>();
		JsonParser started;
		try {
			started = Json.mapper().getFactory().createParser(content);
		} catch (CharConversionException e) {
			// The first bytes say an encoding Jackson cannot read (UCS-4 in an odd byte order, say).
			throw new GenerationException(path + ":1:1: not valid JSON: " + e.getMessage());
		}
		try (JsonParser parser = started) {
			try {
				for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
					if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
						// For a container's start token the context is the container itself: its path.
						locations.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
								parser.currentTokenLocation());
					}
					if (token == JsonToken.VALUE_STRING) {
						parser.getTextLength();
					}
				}
			} catch (JsonProcessingException e) {
				// A limit's exception may carry no location; the parser knows where it stopped.
				JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
				throw notJson(path, at, e.getOriginalMessage().replaceAll(",? from `[^`]*`", ""));
			} catch (CharConversionException e) {
				// Bytes that are no text in the encoding Jackson detected (UTF-32 guessed from NULs, say).
				throw notJson(path, parser.currentLocation(), e.getMessage());
			}
		}
		JsonNode root = Json.mapper().readTree(content);
		return new JsonPositions(path, root, locations);
	}

	private static GenerationException notJson(String path, JsonLocation at, String why) {
		// Jackson says -1 where it knows no place: the start of the file then.
		return new GenerationException(path + ":" + Math.max(1, at.getLineNr()) + ":" + Math.max(1, at.getColumnNr())
				+ ": not valid JSON: " + why);
	}

	public JsonNode root() {
		return root;
	}

	/** "file:line:column" of the value at {@code pointer} (or of the nearest enclosing value). */
	public String at(String pointer) {
		String p = pointer;
		while (true) {
			JsonLocation location = locations.get(p);
			if (location != null) {
				return path + ":" + location.getLineNr() + ":" + location.getColumnNr();
			}
			if (p.isEmpty()) {
				return path;
			}
			p = p.substring(0, p.lastIndexOf('/'));
		}
	}

	/** An importer problem at {@code pointer}: "file:line:column: message". */
	public GenerationException problem(String pointer, String message) {
		return new GenerationException(at(pointer) + ": " + message);
	}
}

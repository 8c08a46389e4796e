package org.funnel.dsl.generator;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.List;

/**
 * What a generator run produces, held in memory until everything is generated: relative paths
 * ({@code hubspot/DealPipeline.json}, '/' separated) to bytes, sorted. Nothing reaches the disk
 * unless the whole run succeeded, and {@link OutputDirectory} writes it atomically.
 */
public final class GeneratedFiles {

	private final SortedMap<String, byte[]> files = new TreeMap<>();
	private final Map<String, String> folded = new HashMap<>();
	private final Map<String, String> origins = new HashMap<>();
	private final List<String> warnings = new ArrayList<>();

	/** Adds a text file (UTF-8, '\n' line ends). */
	public void add(String path, String text, String origin) {
		add(path, text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8), origin);
	}

	/**
	 * Adds a file.
	 *
	 * @param origin what produced it (a funnel and its file), for the message when two things want
	 *        the same path
	 * @throws GenerationException when the path is taken, also when it differs only in case (the
	 *         output must check out on case-insensitive file systems too)
	 */
	public void add(String path, byte[] content, String origin) {
		checkRelative(path);
		String key = path.toLowerCase(Locale.ROOT);
		String existing = folded.putIfAbsent(key, path);
		if (existing != null) {
			throw new GenerationException(origin + " and " + origins.get(existing) + " would both write " + path
					+ (existing.equals(path) ? "" : " (as " + existing + ")")
					+ ". Give one of them a different name.");
		}
		files.put(path, content);
		origins.put(path, origin);
	}

	/** Adds every file and warning of the other, in its order (as if they had been added here). */
	public void addAll(GeneratedFiles other) {
		other.files.forEach((path, content) -> add(path, content, other.origins.get(path)));
		warnings.addAll(other.warnings);
	}

	/** Something the user should know about the output (printed, does not fail the run). */
	public void warn(String message) {
		warnings.add(message);
	}

	public List<String> warnings() {
		return Collections.unmodifiableList(warnings);
	}

	public SortedMap<String, byte[]> files() {
		return Collections.unmodifiableSortedMap(files);
	}

	public String text(String path) {
		byte[] content = files.get(path);
		return content == null ? null : new String(content, StandardCharsets.UTF_8);
	}

	/**
	 * Rejects anything that could leave the output directory: absolute names, "..", empty segments,
	 * backslashes, drive letters and control characters.
	 */
	public static void checkRelative(String path) {
		if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains(":")) {
			throw new GenerationException("Refusing to write outside the output directory: " + path);
		}
		for (String segment : path.split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				throw new GenerationException("Refusing to write outside the output directory: " + path);
			}
			for (int i = 0; i < segment.length(); i++) {
				if (segment.charAt(i) < 0x20 || segment.charAt(i) == 0x7f) {
					throw new GenerationException("Refusing to write a file name with control characters: "
							+ path.replaceAll("\\p{Cntrl}", "?"));
				}
			}
		}
	}
}

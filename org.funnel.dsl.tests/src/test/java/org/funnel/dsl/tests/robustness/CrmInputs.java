package org.funnel.dsl.tests.robustness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.Progress;
import org.funnel.dsl.generator.SourceFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@link CrmFuzzTest} feeds the importers and plans: files in a scratch directory, real Salesforce retrieves
 * (one file of which the fuzzer writes), the examples' funnels to plan, and the one promise every target checks.
 */
final class CrmInputs {

	/** The answers shaped like HubSpot's that the tests use (a GET of deal and of ticket pipelines). */
	static final List<Path> HUBSPOT_ANSWERS = List.of(
			Path.of("org.funnel.dsl.testing/src/main/resources/crm/hubspot/deals-pipelines.json"),
			Path.of("org.funnel.dsl.testing/src/main/resources/crm/hubspot/tickets-pipelines.json"));
	/** Retrieves of real orgs (see the README there), in source and in metadata API format. */
	static final Path ORGS = Path.of("org.funnel.dsl.testing/src/main/resources/crm/salesforce/orgs");
	static final List<String> ORG_NAMES = List.of("carestone", "gearset", "gusto", "turbonomic-mdapi");
	/** The examples planned against the fuzzed state: HubSpot deal pipelines and Salesforce processes. */
	static final List<String> EXAMPLES = List.of("examples/hubspot-default.funnel", "examples/b2b.funnel",
			"examples/salesforce-default.funnel", "examples/aida.funnel");

	/** A run of Java code that may throw what the tools may throw. */
	interface Step {
		void run() throws IOException;
	}

	private final Path scratch;
	private Path retrieveFile;
	private byte[] retrieveOriginal;
	private FunnelWorkspace examples;

	CrmInputs() {
		try {
			scratch = Files.createTempDirectory("funnel-crm-fuzz-");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The HubSpot seeds: the answers, each pipeline alone and all as an array, an error answer, deep nesting. */
	static List<byte[]> hubSpotSeeds() {
		List<byte[]> seeds = new ArrayList<>();
		for (Path answer : HUBSPOT_ANSWERS) {
			byte[] content = read(answer);
			seeds.add(content);
			JsonNode results = Outputs.json(answer.toString(), content).path("results");
			ArrayNode array = JsonNodeFactory.instance.arrayNode();
			for (JsonNode pipeline : results) {
				seeds.add(pipeline.toString().getBytes(StandardCharsets.UTF_8));
				array.add(pipeline);
			}
			seeds.add(array.toString().getBytes(StandardCharsets.UTF_8));
		}
		ObjectNode error = JsonNodeFactory.instance.objectNode();
		error.put("status", "error").put("message", "Authentication credentials not found.").put("category",
				"INVALID_AUTHENTICATION");
		seeds.add(error.toString().getBytes(StandardCharsets.UTF_8));
		seeds.add(("{\"results\":" + "[".repeat(3000) + "]".repeat(3000) + "}").getBytes(StandardCharsets.UTF_8));
		seeds.add(
				("{\"results\":[{\"label\":\"x\",\"stages\":[{\"label\":\"s\",\"metadata\":{\"probability\":\"1e-999999999\"}}]}]}")
						.getBytes(StandardCharsets.UTF_8));
		return seeds;
	}

	/** The Salesforce seeds: for each file of each retrieve, the org's index, the file's index and its content. */
	static List<byte[]> retrieveSeeds() {
		List<byte[]> seeds = new ArrayList<>();
		for (int org = 0; org < ORG_NAMES.size(); org++) {
			List<Path> files = files(ORGS.resolve(ORG_NAMES.get(org)));
			for (int f = 0; f < files.size(); f++) {
				byte[] content = read(files.get(f));
				byte[] seed = new byte[content.length + 2];
				seed[0] = (byte) org;
				seed[1] = (byte) f;
				System.arraycopy(content, 0, seed, 2, content.length);
				seeds.add(seed);
			}
		}
		return seeds;
	}

	/** Writes the input as the file {@code name} in the scratch directory. */
	Path write(String name, byte[] content) {
		Path file = scratch.resolve(name);
		try {
			Files.write(file, content);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return file;
	}

	/**
	 * The retrieve the input's first byte picks, copied once into the scratch directory, with the file its second
	 * byte picks replaced by the rest of the input; {@link #restoreRetrieve} puts the file back.
	 */
	Path retrieve(byte[] input) {
		String org = ORG_NAMES.get(input.length > 0 ? (input[0] & 0xff) % ORG_NAMES.size() : 0);
		Path directory = scratch.resolve(org);
		try {
			if (!Files.isDirectory(directory)) {
				for (Path file : files(ORGS.resolve(org))) {
					Path copy = directory.resolve(ORGS.resolve(org).relativize(file).toString());
					Files.createDirectories(copy.getParent());
					Files.copy(file, copy);
				}
			}
			List<Path> files = files(directory);
			retrieveFile = files.get(input.length > 1 ? (input[1] & 0xff) % files.size() : 0);
			retrieveOriginal = Files.readAllBytes(retrieveFile);
			Files.write(retrieveFile, input.length > 2 ? Arrays.copyOfRange(input, 2, input.length) : new byte[0]);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return directory;
	}

	void restoreRetrieve() {
		try {
			Files.write(retrieveFile, retrieveOriginal);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The examples' funnels, loaded once. */
	FunnelWorkspace examples() {
		if (examples == null) {
			examples = new FunnelWorkspace(Progress.NONE).load(SourceFile.collect(EXAMPLES));
			examples.validate();
		}
		return examples;
	}

	/**
	 * Runs the step: it may end normally or refuse the input with a {@link GenerationException} whose message starts
	 * with {@code input} (a file, or the directory of the file it names) and, when it names a file, its line and
	 * column. Anything else thrown is a finding.
	 */
	void expectResultOrPositionedError(Path input, Step step) {
		try {
			step.run();
			Pipeline.count("read without error");
		} catch (GenerationException e) {
			String message = e.getMessage();
			String at = Pattern.quote(SourceFile.display(input));
			boolean positioned = message != null
					&& (message.matches("(?s)" + at + "(/[^\\n]*?)?:\\d+:\\d+: \\S.*")
							|| message.matches("(?s)" + at + ": \\S.*"));
			if (!positioned) {
				throw new AssertionError("a refusal that does not say where: " + message, e);
			}
			Pipeline.count("refused with a positioned message");
		} catch (IOException | RuntimeException | StackOverflowError e) {
			throw new AssertionError("the input ended in " + e, e);
		}
	}

	/** The files of a retrieve, sorted. */
	private static List<Path> files(Path directory) {
		try (Stream<Path> walk = Files.walk(directory)) {
			return walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("README.md")).sorted()
					.toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

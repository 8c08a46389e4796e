package org.funnel.dsl.generator.imports;

import java.util.List;

/** What an importer read, and what the user should be told about it. */
public record ImportResult(List<ImportedFunnel> funnels, List<String> warnings) {
}

package org.funnel.dsl.tests.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.funnel.dsl.tests.crm.SalesforceImportTest.DEFAULT;
import static org.funnel.dsl.tests.crm.SalesforceImportTest.MDAPI;
import static org.funnel.dsl.tests.crm.SalesforceImportTest.SOURCE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.funnel.dsl.crm.imports.FunnelWriter;
import org.funnel.dsl.crm.imports.ImportCheck;
import org.funnel.dsl.crm.imports.ImportResult;
import org.funnel.dsl.crm.salesforce.SalesforceImporter;
import org.funnel.dsl.generator.FunnelWorkspace;
import org.funnel.dsl.generator.GenerationException;
import org.funnel.dsl.generator.SourceFile;
import org.funnel.dsl.testing.FileTrees;
import org.funnel.dsl.tests.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code funnel import salesforce} on retrieves it cannot import (moved here from SalesforceImportTest, which tests
 * the importer without the command line): an error with its place in the retrieve, exit code 1.
 */
class SalesforceImportCommandTest {

	@Test
	void aStageTheChecksWouldRefuseIsRefusedAtItsPlaceInTheRetrieve(@TempDir Path dir) throws Exception {
		// Salesforce lets an admin put an open stage in forecast category Closed; the funnel would fail 'validate'.
		Path retrieve = FileTrees.copyTree(SOURCE, dir.resolve("retrieve"));
		Path set = retrieve.resolve(DEFAULT + "standardValueSets/OpportunityStage.standardValueSet-meta.xml");
		Files.writeString(set, Files.readString(set).replace(
				"<forecastCategory>Pipeline</forecastCategory>\n        <probability>90</probability>",
				"<forecastCategory>Closed</forecastCategory>\n        <probability>90</probability>"));
		ImportResult imported = SalesforceImporter.read(retrieve);
		String text = FunnelWorkspace.injector().getInstance(FunnelWriter.class).write(List.of(), imported.funnels());
		assertThatThrownBy(() -> ImportCheck.check(text, imported.funnels())).isInstanceOf(GenerationException.class)
				.hasMessageStartingWith(SourceFile.display(set) + ":67:20: stage 'Negotiation/Review': the imported funnel"
						+ " would not pass the checks: An open stage cannot be in the Salesforce forecast category Closed")
				.hasMessageEndingWith("[salesforce-forecast-category]");
		Cli.Result result = Cli.run("import", "salesforce", retrieve.toString());
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.out()).isEmpty();
		assertThat(result.err()).startsWith("funnel: error: " + SourceFile.display(set) + ":67:20: ").doesNotContain("\tat ");
	}

	@Test
	void anMdapiRetrieveWithoutTheValueSetSaysWhichFileIsMissingAndHowToRetrieveIt(@TempDir Path dir) throws Exception {
		Path retrieve = FileTrees.copyTree(MDAPI, dir.resolve("retrieve"));
		Files.delete(retrieve.resolve("standardValueSets/OpportunityStage.standardValueSet"));
		Cli.Result result = Cli.run("import", "salesforce", retrieve.toString());
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).isEqualTo("funnel: error: " + SourceFile.display(retrieve) + ": no OpportunityStage value"
				+ " set, which holds the stages: neither standardValueSets/OpportunityStage.standardValueSet-meta.xml (source"
				+ " format) nor standardValueSets/OpportunityStage.standardValueSet (metadata API format) is in it. Retrieve it"
				+ " with 'sf project retrieve start --metadata StandardValueSet:OpportunityStage \"BusinessProcess:Opportunity.*\""
				+ " \"RecordType:Opportunity.*\" PathAssistant' in a Salesforce DX project (source format), or add"
				+ " '--target-metadata-dir DIR --unzip' for the metadata API format.\n");
	}
}

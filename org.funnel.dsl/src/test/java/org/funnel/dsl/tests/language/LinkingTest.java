package org.funnel.dsl.tests.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;
import org.funnel.dsl.funnel.Channel;
import org.funnel.dsl.funnel.Funnel;
import org.funnel.dsl.funnel.FunnelFile;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.model.EffectiveFunnel;
import org.funnel.dsl.scoping.BuiltinChannels;
import org.funnel.dsl.tests.Workspace;
import org.funnel.dsl.validation.FunnelIssueCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names resolve within a funnel, across imported files, and to the built-in channels. */
class LinkingTest extends CheckTestSupport {

	@TempDir
	Path dir;

	private Path write(String name, String content) throws IOException {
		Path file = dir.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
		return file;
	}

	@Test
	void channelsAndTemplateStagesResolveAcrossImportedFiles() throws IOException {
		write("shared/channels.funnel", """
				channel Webinar "Webinar"
				""");
		write("shared/outcomes.funnel", """
				template funnel Outcomes {
				    won stage ClosedWon "Closed Won"
				    lost stage ClosedLost "Closed Lost"
				}
				""");
		Path sales = write("sales.funnel", """
				import "shared/channels.funnel"
				import "shared/outcomes.funnel"
				funnel Sales extends Outcomes {
				    stage Lead {
				        channels Webinar, TV
				        moves to ClosedWon 30% via Webinar
				        moves to ClosedLost 70%
				    }
				}
				""");
		Workspace workspace = Workspace.create();
		XtextResource resource = workspace.load(sales);
		assertThat(workspace.validate(resource)).isEmpty();

		Funnel funnel = Workspace.funnel(resource, "Sales");
		Stage lead = funnel.getStages().get(0);
		Channel webinar = lead.getChannels().get(0);
		assertThat(webinar.eIsProxy()).isFalse();
		assertThat(webinar.eResource().getURI().lastSegment()).isEqualTo("channels.funnel");
		Channel tv = lead.getChannels().get(1);
		assertThat(tv.getLabel()).isEqualTo("TV");
		assertThat(BuiltinChannels.isBuiltin(tv)).isTrue();
		Stage won = lead.getTransitions().get(0).getTarget();
		assertThat(won.getName()).isEqualTo("ClosedWon");
		assertThat(won.eResource().getURI().lastSegment()).isEqualTo("outcomes.funnel");
		assertThat(lead.getTransitions().get(0).getChannel()).isSameAs(webinar);

		EffectiveFunnel structure = EffectiveFunnel.of(funnel);
		assertThat(structure.stages()).extracting(Stage::getName).containsExactly("ClosedWon", "ClosedLost", "Lead");
		assertThat(structure.entries()).extracting(Stage::getName).containsExactly("Lead");
	}

	@Test
	void namesOfFilesNotImportedAreNotVisible() throws IOException {
		write("channels.funnel", "channel Webinar\n");
		Path sales = write("sales.funnel", """
				funnel Sales {
				    stage Lead { channels Webinar moves to W 100% }
				    won stage W
				}
				""");
		Workspace workspace = Workspace.create();
		workspace.load(dir.resolve("channels.funnel"));
		List<Issue> issues = workspace.validate(workspace.load(sales));
		assertThat(issues).extracting(Issue::getCode).containsExactly(FunnelIssueCodes.UNRESOLVED_REFERENCE);
		assertThat(issues.get(0).getMessage()).isEqualTo("No channel named 'Webinar' in this file, the files it imports,"
				+ " or the built-in channels. Declare it, or import the file that declares it.");
	}

	@Test
	void unresolvedStageSuggestsTheClosestNames() {
		FunnelFile file = parse("""
				funnel F {
				    stage Qualified { moves to Qualifed 50% moves to Won 50% }
				    won stage Won
				}
				""");
		Issue issue = single(file, FunnelIssueCodes.UNRESOLVED_REFERENCE);
		assertThat(issue.getSeverity()).isEqualTo(Severity.ERROR);
		assertThat(issue.getMessage()).isEqualTo("No stage named 'Qualifed' in this funnel or the funnels it extends."
				+ " Did you mean 'Qualified'?");
		assertThat(issue.getData()).containsExactly("Qualified");
		assertAt(issue, "Qualifed");
	}

	@Test
	void stagesOfAnotherFunnelAreNotVisible() {
		FunnelFile file = parse("""
				funnel A { stage Start { moves to Done 100% } won stage Done }
				funnel B { stage Begin { moves to Done 100% } won stage Finish }
				""");
		Issue issue = single(file, FunnelIssueCodes.UNRESOLVED_REFERENCE);
		assertThat(issue.getMessage()).startsWith("No stage named 'Done' in this funnel or the funnels it extends.");
		assertAt(issue, "Done", 2);
	}

	@Test
	void missingImportIsAnError() throws IOException {
		Path sales = write("sales.funnel", """
				import "shared/chanels.funnel"
				funnel Sales { stage A { moves to W 100% } won stage W }
				""");
		Workspace workspace = Workspace.create();
		List<Issue> issues = workspace.validate(workspace.load(sales));
		assertThat(issues).extracting(Issue::getCode).containsExactly(FunnelIssueCodes.IMPORT_NOT_FOUND);
		Issue issue = issues.get(0);
		assertThat(issue.getMessage()).isEqualTo(
				"Cannot find the imported file 'shared/chanels.funnel'. Paths are relative to this file; check the spelling.");
		assertThat(issue.getLineNumber()).isEqualTo(1);
		assertThat(issue.getColumn()).isEqualTo(8);
	}

	@Test
	void nameClashingWithAnImportedFileIsAnError() throws IOException {
		write("channels.funnel", "channel Webinar\n");
		Path sales = write("sales.funnel", """
				import "channels.funnel"
				channel Webinar "Our own webinar"
				""");
		Workspace workspace = Workspace.create();
		List<Issue> issues = workspace.validate(workspace.load(sales));
		assertThat(issues).extracting(Issue::getCode).containsExactly(FunnelIssueCodes.DUPLICATE_NAME);
		assertThat(issues.get(0).getMessage()).isEqualTo("Duplicate name 'Webinar': an imported file (channels.funnel)"
				+ " already declares a channel of that name. Rename this one.");
		assertThat(issues.get(0).getLineNumber()).isEqualTo(2);
		assertThat(issues.get(0).getColumn()).isEqualTo(9);
	}

	@Test
	void builtinChannelsAreAllThere() {
		FunnelFile file = parse("""
				funnel F {
				    stage A {
				        channels TV, Radio, Print, OOH, Digital, POS, Mobile, DirectResponse, DirectMail, WordOfMouth
				        moves to W 100%
				    }
				    won stage W
				}
				""");
		assertNoIssues(file);
		Stage stage = ((Funnel) file.getElements().get(0)).getStages().get(0);
		assertThat(stage.getChannels()).extracting(Channel::getLabel).containsExactly("TV", "Radio", "Print",
				"Out of home", "Digital", "Point of sale", "Mobile", "Direct response", "Direct mail", "Word of mouth");
	}
}

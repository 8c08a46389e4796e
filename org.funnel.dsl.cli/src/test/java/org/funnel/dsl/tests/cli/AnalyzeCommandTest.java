package org.funnel.dsl.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code funnel analyze}: the table, another entering volume, observed counts. */
class AnalyzeCommandTest {

	@Test
	void tableOfTheDefaultPipeline() {
		Cli.Result result = Cli.run("analyze", "examples/hubspot-default.funnel");
		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(result.out())
				.startsWith("Sales Pipeline (DealPipeline, examples/hubspot-default.funnel), volumes per month\n");
		assertThat(result.outLines())
				.anyMatch(l -> l.matches("Appointment scheduled \\(bottleneck\\)\\s+open\\s+20%\\s+20%\\s+400\\s+0%\\s+2\\.31"));
		assertThat(result.outLines()).anyMatch(l -> l.matches("Contract sent\\s+open\\s+90%\\s+90%\\s+88\\.89\\s+0%\\s+1"));
		assertThat(result.out()).contains("Bottleneck: Appointment scheduled, loses 200 (50% move on)",
				"Entering 400, expected won 80, lost 320, dropped off 0; overall win rate 20%.");
	}

	@Test
	void anotherEnteringVolume() {
		Cli.Result result = Cli.run("analyze", "examples/hubspot-default.funnel", "--entering", "1000");
		assertThat(result.code()).isZero();
		assertThat(result.out()).contains("volumes of 1000 entering", "expected won 200,",
				"Bottleneck: Appointment scheduled, loses 500");
		assertThat(Cli.run("analyze", "examples/hubspot-default.funnel", "--entering", "-5").code()).isEqualTo(2);
	}

	/** With every declared volume 0, the volume given enters at the entry stage, not at a won stage listed first. */
	@Test
	void anotherEnteringVolumeWhenEveryDeclaredOneIsZero(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("zero.funnel");
		Files.writeString(file, """
				funnel Zero {
				    crm salesforce
				    won stage Won { probability 100% }
				    stage Lead {
				        probability 50%
				        entering 0 per month
				        moves to Won 50%
				        moves to Lost 50%
				    }
				    lost stage Lost { probability 0% }
				}
				""");
		Cli.Result result = Cli.run("analyze", file.toString(), "--entering", "1000");
		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(result.out()).contains("Entering 1000, expected won 500, lost 500, dropped off 0; overall win rate 50%.");
	}

	@Test
	void observedCounts(@TempDir Path dir) throws Exception {
		Path csv = dir.resolve("counts.csv");
		Files.writeString(csv, """
				stage,count
				AppointmentScheduled,400
				"Qualified to buy",180
				PresentationScheduled,120
				""");
		Cli.Result result = Cli.run("analyze", "examples/hubspot-default.funnel", "--observed", csv.toString());
		assertThat(result.code()).as(result.toString()).isZero();
		assertThat(result.outLines())
				.anyMatch(l -> l.matches("Qualified to buy\\s+Appointment scheduled\\s+180\\s+400\\s+45%\\s+50%\\s+-5 pp"));
		assertThat(result.outLines()).anyMatch(
				l -> l.matches("Presentation scheduled\\s+Qualified to buy\\s+120\\s+180\\s+66\\.67%\\s+66\\.67%\\s+0 pp"));

		Files.writeString(csv, "stage,count\nAppointmentScheduled,400\nNoSuchStage,3\nQualifiedToBuy,many\n");
		Cli.Result bad = Cli.run("analyze", "examples/hubspot-default.funnel", "--observed", csv.toString());
		assertThat(bad.code()).isEqualTo(1);
		assertThat(bad.err()).contains(csv + ":3:1: error: No stage named or labelled 'NoSuchStage'")
				.contains(csv + ":4:16: error: 'many' is not a whole number.");
	}

	@Test
	void errorsAndUsage(@TempDir Path dir) throws Exception {
		Path broken = dir.resolve("broken.funnel");
		Files.writeString(broken, ValidateCommandTest.BROKEN);
		Cli.Result result = Cli.run("analyze", broken.toString());
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).contains("error:").doesNotContain("\tat ");
		assertThat(Cli.run("analyze").code()).isEqualTo(2);
		assertThat(Cli.run("analyze", "examples/b2b.funnel", "--funnel", "Nope").code()).isEqualTo(2);
		assertThat(Cli.run("analyze", "examples/shared/outcomes.funnel").code()).isEqualTo(1);
		// A directory where a file belongs: one line on stderr, exit 2, no stack trace.
		Cli.Result io = Cli.run("analyze", "examples/hubspot-default.funnel", "--observed", dir.toString());
		assertThat(io.code()).isEqualTo(2);
		assertThat(io.err().lines().toList()).hasSize(1);
		assertThat(io.err()).startsWith("funnel: ").doesNotContain("\tat ").doesNotContain("Exception");
	}
}

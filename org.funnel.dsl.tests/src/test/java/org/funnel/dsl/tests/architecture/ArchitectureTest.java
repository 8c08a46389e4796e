package org.funnel.dsl.tests.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.funnel.dsl.cli.FunnelCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Which module's code may use which: each only what lies beneath it, the command line on the CRM code, that on the
 * generators, those on the diagram, that on the language; the Eclipse editor on the editor services, those on the
 * diagram; the deal history (read by the editors and the command line alike) only on the language. And no package depends on itself through others. Read from every module's compiled classes (its
 * target/classes), the Eclipse editor's too; so a wrong-way import fails the build.
 */
class ArchitectureTest {

	/** The product's modules, each with its classes (the order does not matter). */
	static final List<String> MODULES = List.of("org.funnel.dsl", "org.funnel.dsl.diagram", "org.funnel.dsl.history",
			"org.funnel.dsl.ide",
			"org.funnel.dsl.generator", "org.funnel.dsl.crm", "org.funnel.dsl.cli", "org.funnel.dsl.ui");

	/** The packages of the modules above the language; the language is the rest of org.funnel.dsl. */
	private static final Set<String> ABOVE_THE_LANGUAGE = Set.of("diagram", "history", "ide", "generator", "crm", "cli", "ui");

	private static final DescribedPredicate<JavaClass> LANGUAGE = new DescribedPredicate<>("the language (org.funnel.dsl)") {
		@Override
		public boolean test(JavaClass type) {
			String name = type.getPackageName();
			if (!name.equals("org.funnel.dsl") && !name.startsWith("org.funnel.dsl.")) {
				return false;
			}
			String[] parts = name.split("\\.");
			return parts.length < 4 || !ABOVE_THE_LANGUAGE.contains(parts[3]);
		}
	};

	static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("Command line").definedBy("org.funnel.dsl.cli..")
			.layer("CRM").definedBy("org.funnel.dsl.crm..")
			.layer("Generators").definedBy("org.funnel.dsl.generator..")
			.layer("Eclipse editor").definedBy("org.funnel.dsl.ui..")
			.layer("Editor services").definedBy("org.funnel.dsl.ide..")
			.layer("Diagram").definedBy("org.funnel.dsl.diagram..")
			.layer("Deal history").definedBy("org.funnel.dsl.history..")
			.layer("Language").definedBy(LANGUAGE)
			.whereLayer("Command line").mayNotBeAccessedByAnyLayer()
			.whereLayer("Eclipse editor").mayNotBeAccessedByAnyLayer()
			.whereLayer("CRM").mayOnlyBeAccessedByLayers("Command line")
			.whereLayer("Generators").mayOnlyBeAccessedByLayers("CRM", "Command line")
			.whereLayer("Editor services").mayOnlyBeAccessedByLayers("Eclipse editor")
			.whereLayer("Diagram").mayOnlyBeAccessedByLayers("Generators", "CRM", "Command line", "Editor services",
					"Eclipse editor")
			.whereLayer("Deal history").mayOnlyBeAccessedByLayers("Generators", "CRM", "Command line", "Editor services",
					"Eclipse editor")
			.whereLayer("Language").mayOnlyBeAccessedByLayers("Diagram", "Deal history", "Generators", "CRM", "Command line",
					"Editor services", "Eclipse editor");

	/**
	 * Packages (each one a slice) without cycles; the EMF model's interfaces and their implementations (generated
	 * from the grammar) refer to each other by EMF's design.
	 */
	static final ArchRule NO_CYCLES = slices().matching("org.funnel.dsl.(**)").should().beFreeOfCycles()
			.ignoreDependency(resideInAPackage("org.funnel.dsl.funnel.."), resideInAPackage("org.funnel.dsl.funnel.."));

	private static JavaClasses classes;

	@BeforeAll
	static void readTheModules() {
		List<Path> directories = MODULES.stream().map(module -> Path.of(module, "target", "classes")).toList();
		for (Path directory : directories) {
			assertThat(directory).as("build the module first").isDirectory();
		}
		classes = new ClassFileImporter().importPaths(directories);
	}

	@Test
	void eachModuleUsesOnlyWhatLiesBeneathIt() {
		LAYERS.check(classes);
	}

	@Test
	void noPackageDependsOnItselfThroughOthers() {
		NO_CYCLES.check(classes);
	}

	@Test
	void theModulesAreAllThere() {
		for (String module : MODULES) {
			assertThat(Files.isDirectory(Path.of(module, "src"))).as(module).isTrue();
		}
		assertThat(classes.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith("org.funnel.dsl.ui")))
				.as("the Eclipse editor's classes").isNotEmpty();
		assertThat(classes.contain(FunnelCommand.class)).isTrue();
	}

	@Test
	void aWrongWayImportFailsTheRule() {
		// A class of the generators that uses the command line: what the rule is there to refuse.
		JavaClasses wrong = new ClassFileImporter().importClasses(org.funnel.dsl.generator.wrongway.UsesTheCommandLine.class,
				FunnelCommand.class);
		assertThat(LAYERS.evaluate(wrong).hasViolation()).isTrue();
		assertThat(LAYERS.evaluate(wrong).getFailureReport().getDetails())
				.anyMatch(line -> line.contains("UsesTheCommandLine") && line.contains("FunnelCommand"));
	}
}

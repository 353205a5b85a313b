package dev.chargestorm.steadystate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The module's architecture rules (ChargeStorm conventions, "Enforcement"). */
class ArchitectureTest {

    // importing the build output folders directly is much faster than scanning the whole classpath for the package
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target/classes"));
    private static final JavaClasses ALL = new ClassFileImporter()
            .importPaths(Path.of("target/classes"), Path.of("target/test-classes"));

    @Test
    void the_module_classes_were_imported() {
        org.assertj.core.api.Assertions.assertThat(MAIN.contain("dev.chargestorm.steadystate.run.SteadyStateRun"))
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(ALL.contain("dev.chargestorm.steadystate.ArchitectureTest"))
                .isTrue();
    }

    @Test
    void packages_are_free_of_cycles() {
        slices().matching("dev.chargestorm.steadystate.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void only_the_cli_writes_to_standard_streams() {
        noClasses().that().resideOutsideOfPackage("..cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(MAIN);
    }

    @Test
    void nothing_sleeps() {
        noClasses().should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .orShould().callMethod(Thread.class, "sleep", java.time.Duration.class)
                .check(ALL);
    }

    @Test
    void tests_use_assertj_not_junit_assertions() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.junit.jupiter.api.Assertions")
                .check(ALL);
    }

    @Test
    void model_depends_on_nothing_else_in_the_module() {
        noClasses().that().resideInAPackage("..steadystate.slo..")
                .should().dependOnClassesThat().resideInAnyPackage("..steadystate.yaml..", "..steadystate.run..",
                        "..steadystate.report..", "..steadystate.sli..", "..steadystate.evaluation..")
                .check(MAIN);
    }
}
